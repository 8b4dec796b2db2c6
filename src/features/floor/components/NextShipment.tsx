/** "Next shipment" after a label: claims the oldest free picked shipment of the warehouse and opens it. */
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useMe } from "../../members/hooks/useMe";

export function NextShipment({ warehouseId, current }: { warehouseId: Id<"warehouses">; current: Id<"shipments"> }) {
  const queue = useQuery(api.floor.packQueue, { warehouseId });
  const me = useMe();
  const claim = useAppMutation(api.floor.claimForPacking);
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const free = (queue ?? []).filter((s) => s._id !== current && (!s.claimedBy || s.claimedBy === me?._id));
  const next = free[0];
  return (
    <section className="next-shipment" aria-label="Next shipment">
      <FormError message={error} />
      {queue === undefined ? null : next ? (
        <Button
          variant="primary"
          size="lg"
          className="floor-big"
          loading={claim.pending}
          onClick={async () => {
            setError(undefined);
            const r = await claim.attempt({ shipmentId: next._id });
            if (r.ok) navigate(`/floor/pack/${next._id}`);
            else setError(r.message);
          }}
        >
          Next shipment: {next.number} ({free.length} waiting)
        </Button>
      ) : (
        <p className="muted">No other shipment is waiting to be packed.</p>
      )}
    </section>
  );
}
