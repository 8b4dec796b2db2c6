/**
 * The resolution actions of one exception row, by type: accept the carrier's address or edit it
 * and retry, release (with a note), cancel (the order, or only a flagged line), re-route.
 * Every action is audited by the server; outcomes are toasted.
 */
import { useState } from "react";
import { useQuery } from "convex/react";
import { Link } from "react-router-dom";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { QueueRow } from "../../../lib/api-types";
import { Button, Dialog, FormError, SelectField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { verb, VerbDialogs } from "../../orders/components/VerbDialogs";
import { AddressDialog } from "./AddressDialog";
import { PickupHoldActions } from "../../pickup/components/PickupHoldActions";
import { StrategyOptions } from "../../allocation/components/StrategyOptions";

type Open = "release" | "cancel" | "reroute" | "address" | null;

export function HoldActions({ row }: { row: QueueRow }) {
  const [open, setOpen] = useState<Open>(null);
  const toast = useToast();
  const release = useAppMutation(api.holds.release);
  const cancel = useAppMutation(api.holds.cancel);
  const accept = useAppMutation(api.holds.acceptAddressSuggestion);
  const holdId = row._id as Id<"orderHolds">;
  const lineScoped = row.scope === "line";
  const releaseLabel = row.type === "stock" ? "Accept the wait" : row.type === "stuck" ? "Clear flag" : "Release";
  const noteRequired = row.type === "payment" || row.type === "fraud";
  const verbs = [
    verb(release, {
      key: "release",
      title: `${releaseLabel}: ${row.orderNumber}`,
      label: noteRequired ? "Why is it safe to go on?" : "Note (optional)",
      optional: !noteRequired,
      confirmLabel: releaseLabel,
      field: "note",
      args: (note) => ({ holdId, note: note || undefined }),
      done: (r) => (r.released ? `${row.orderNumber} is released.` : `${row.orderNumber}: exception resolved.`),
    }),
    verb(cancel, {
      key: "cancel",
      title: lineScoped ? `Cancel the waiting units of ${row.sku ?? "this line"}` : `Cancel ${row.orderNumber}`,
      confirmLabel: lineScoped ? "Cancel line" : "Cancel order",
      danger: true,
      field: "note",
      args: (note) => ({ holdId, note }),
      done: (r) =>
        r.cancelled === "line"
          ? `${row.orderNumber}: line cancelled; the rest goes on.`
          : `${row.orderNumber} is cancelled.`,
    }),
  ];
  if (row.type === "pickup_short") return <PickupHoldActions holdId={holdId} orderNumber={row.orderNumber} />;
  return (
    <div className="hold-actions">
      {row.type === "pickup_location" && (
        <Link className="btn btn-primary btn-sm" to="/channels">
          Map the location<span className="visually-hidden"> of {row.orderNumber}</span>
        </Link>
      )}
      {row.type === "address" && row.suggestion && (
        <Button
          size="sm"
          variant="primary"
          loading={accept.pending}
          onClick={async () => {
            const r = await accept.attempt({ holdId });
            toast.show(r.ok ? `${row.orderNumber}: suggested address applied.` : r.message, r.ok ? "success" : "error");
          }}
        >
          Accept suggestion
        </Button>
      )}
      {row.type === "address" && (
        <Button size="sm" onClick={() => setOpen("address")}>
          Edit address & retry
        </Button>
      )}
      <Button size="sm" onClick={() => setOpen("release")}>
        {releaseLabel}
      </Button>
      {(row.type === "stock" || row.type === "stuck" || row.type === "manual") && (
        <Button size="sm" onClick={() => setOpen("reroute")}>
          Re-route
        </Button>
      )}
      {row.type !== "stuck" && (
        <Button size="sm" variant="danger" onClick={() => setOpen("cancel")}>
          {lineScoped ? "Cancel line" : "Cancel order"}
        </Button>
      )}
      <VerbDialogs verbs={verbs} open={open} onClose={() => setOpen(null)} />
      {open === "reroute" && <RerouteDialog row={row} onClose={() => setOpen(null)} />}
      {open === "address" && <AddressDialog row={row} onClose={() => setOpen(null)} />}
    </div>
  );
}

function RerouteDialog({ row, onClose }: { row: QueueRow; onClose: () => void }) {
  const strategies = useQuery(api.allocation.strategies, {});
  const reroute = useAppMutation(api.holds.reroute);
  const toast = useToast();
  const [strategy, setStrategy] = useState("");
  return (
    <Dialog open title={`Re-route ${row.orderNumber}`} onClose={onClose}>
      <p className="muted">
        Releases the order's unpicked reservations and plans it again with the strategy you choose.
      </p>
      <FormError message={reroute.error} />
      <SelectField label="Strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
        <option value="">The channel's strategy</option>
        <StrategyOptions strategies={strategies?.available ?? []} />
      </SelectField>
      <div className="form-actions">
        <Button onClick={onClose}>Back</Button>
        <Button
          variant="primary"
          loading={reroute.pending}
          onClick={async () => {
            const r = await reroute.attempt({ holdId: row._id as Id<"orderHolds">, strategy: strategy || undefined });
            if (!r.ok) return;
            onClose();
            toast.show(`${row.orderNumber} re-routed.`);
          }}
        >
          Re-route
        </Button>
      </div>
    </Dialog>
  );
}
