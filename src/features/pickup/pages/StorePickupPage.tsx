/**
 * /store/pickups/:pickupId — picking one click & collect order on a phone: scan each item off the
 * shelf (a wrong item is refused on the spot), then "Ready for pickup" sends the customer a code.
 */
import { useRef } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, Loading, PageHeader, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { errorMessage } from "../../../lib/errors";
import { Scanner } from "../../floor/components/Scanner";
import "../../floor/floor.css";
import "../../tracking/tracking.css";
import { isIn, STORE_PICKABLE_ORDER_STATUSES } from "../../../../convex/lib/statusSets";

export function StorePickupPage() {
  const { pickupId } = useParams();
  const data = useQuery(api.pickups.get, { pickupId: pickupId as Id<"pickups"> });
  const scan = useMutation(api.pickups.scanItem);
  const ready = useAppMutation(api.pickups.ready);
  const toast = useToast();
  const navigate = useNavigate();
  const seq = useRef(0);
  if (data === undefined) return <Loading label="Loading the order…" />;
  const { pickup, items } = data;
  const left = items.reduce((n, i) => n + i.quantity - i.picked, 0);
  const picking = pickup.status === "preparing" && isIn(STORE_PICKABLE_ORDER_STATUSES, pickup.orderStatus);
  const onScan = async (code: string) => {
    try {
      seq.current += 1;
      const r = await scan({ pickupId: pickup._id, code, scanId: `${pickup._id}:${Date.now()}:${seq.current}` });
      return {
        tone: r.result === "refused" ? ("refused" as const) : ("ok" as const),
        message: r.message,
        done: r.remaining === 0,
      };
    } catch (e) {
      return { tone: "refused" as const, message: errorMessage(e) };
    }
  };
  return (
    <div className="floor-page">
      <PageHeader title={`Pickup ${pickup.orderNumber}`}>
        <p className="muted">
          {pickup.customerName} · {data.storeCode} · <Link to="/store/pickups">All pickups</Link>
        </p>
      </PageHeader>
      {picking ? (
        <Scanner
          onScan={onScan}
          prompt={left > 0 ? "Scan each item off the shelf" : "Every item is picked"}
          disabled={left === 0}
          pausedReason="every item is picked; mark it ready."
        />
      ) : (
        <p className="notice" role="status">
          {data.holdOpen
            ? "The store is short for this order: a supervisor resolves it under Exceptions."
            : `This order is ${pickup.status === "preparing" ? pickup.orderStatus.replace(/_/g, " ") : pickup.status}.`}
        </p>
      )}
      <ul className="pickup-items" aria-label="Items">
        {items.map((i) => (
          <li key={i.sku} className={`card${i.picked >= i.quantity ? " done" : ""}`}>
            <strong>{i.name}</strong>{" "}
            <span className="muted">
              {i.sku}
              {i.barcode ? ` · ${i.barcode}` : ""}
            </span>
            <div aria-label={`${i.picked} of ${i.quantity} picked`}>
              {i.picked} / {i.quantity} picked
            </div>
          </li>
        ))}
      </ul>
      <FormError message={ready.error} />
      {picking && (
        <div className="floor-actions">
          <Button
            size="lg"
            variant="primary"
            disabled={left > 0}
            loading={ready.pending}
            onClick={async () => {
              const r = await ready.run({ pickupId: pickup._id });
              if (r) {
                toast.show(`${pickup.orderNumber} is ready; the customer has code ${r.code}.`, "success");
                navigate("/store/pickups?tab=ready");
              }
            }}
          >
            Ready for pickup
          </Button>
        </div>
      )}
    </div>
  );
}
