/**
 * The allocation panel on the order page: the strategy used, one card per shipment (source, lines,
 * distance), waiting backorders with their place in the queue, the reasons of the latest decision,
 * and re-allocation (supervisors) with a strategy of choice.
 */
import { useState } from "react";
import "../allocation.css";
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Badge, Button, Dialog, EmptyState, FormError, Loading, SelectField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { ALLOCATION_STATUSES } from "../../../../convex/lib/statusSets";
import { StrategyOptions } from "./StrategyOptions";
import { ShipmentStatusBadge } from "../../shipments/components/ShipmentStatusBadge";

export function AllocationPanel({ order }: { order: Doc<"orders"> }) {
  const plan = useQuery(api.allocation.orderPlan, { orderId: order._id });
  const canChange = useCan("supervisor");
  const [open, setOpen] = useState(false);
  if (plan === undefined) return <Loading label="Loading allocation…" />;
  const live = plan.shipments.filter((s) => s.status !== "cancelled");
  return (
    <div className="allocation-panel">
      <div className="panel-head">
        <p className="muted">
          Strategy: <strong>{plan.strategy.replace(/_/g, " ")}</strong>
          {live.length > 1 && (
            <>
              {" "}
              · <Badge tone="warning">split into {live.length} shipments</Badge>
            </>
          )}
        </p>
        {canChange && ALLOCATION_STATUSES.includes(order.status) && (
          <Button onClick={() => setOpen(true)}>Re-allocate…</Button>
        )}
      </div>
      {live.length === 0 && plan.backorders.length === 0 ? (
        <EmptyState title="Nothing allocated yet">Units are allocated when the order is ready.</EmptyState>
      ) : (
        <div className="shipment-cards">
          {live.map((s) => (
            <article key={s._id} className="card shipment-card" aria-label={`Shipment ${s.number}`}>
              <header>
                <strong>{s.number}</strong> <ShipmentStatusBadge status={s.status} />
                {s.source === "dropship" && <Badge tone="info">dropship</Badge>}
              </header>
              <p className="muted">
                from {s.warehouseCode} · {s.warehouseName}
                {s.distanceKm !== undefined && <> · {Math.round(s.distanceKm).toLocaleString()} km</>}
              </p>
              <ul className="plain">
                {s.lines
                  .filter((l) => l.quantity > 0)
                  .map((l) => (
                    <li key={`${l.orderLineId}-${l.levelId ?? "ds"}`}>
                      {l.quantity} × {l.sku}
                      {l.picked > 0 && <span className="muted"> ({l.picked} picked)</span>}
                    </li>
                  ))}
              </ul>
            </article>
          ))}
          {plan.backorders.map((b) => (
            <article key={b._id} className="card shipment-card backorder-card" aria-label={`Backorder of ${b.sku}`}>
              <header>
                <strong>
                  {b.quantity} × {b.sku}
                </strong>{" "}
                <Badge tone="danger">backordered</Badge>
              </header>
              <p className="muted">
                #{b.position} in the <Link to={`/backorders?product=${b.productId}`}>queue for {b.sku}</Link> since{" "}
                {formatDateTime(b.queuedAt)}
              </p>
            </article>
          ))}
        </div>
      )}
      {plan.decision && (
        <details className="reasons" open={live.length > 1 || plan.backorders.length > 0}>
          <summary>
            Why this plan ({plan.decision.reason}, {formatDateTime(plan.decision.at)}, {plan.decision.actorName})
          </summary>
          <ul>
            {plan.decision.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        </details>
      )}
      {open && <ReallocateDialog orderId={order._id} current={plan.strategy} onClose={() => setOpen(false)} />}
    </div>
  );
}

function ReallocateDialog({
  orderId,
  current,
  onClose,
}: {
  orderId: Id<"orders">;
  current: string;
  onClose: () => void;
}) {
  const strategies = useQuery(api.allocation.strategies, {});
  const reallocate = useAppMutation(api.allocation.reallocate);
  const toast = useToast();
  const [strategy, setStrategy] = useState(current);
  const chosen = strategies?.available.find((s) => s.name === strategy);
  return (
    <Dialog
      open
      title="Re-allocate order"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            disabled={reallocate.pending}
            onClick={async () => {
              const r = await reallocate.attempt({ orderId, strategy });
              if (r.ok) {
                toast.show(
                  r.value
                    ? `Re-allocated: ${r.value.shipments} shipment(s), ${r.value.backordered} backordered.`
                    : "Nothing left to allocate.",
                );
                onClose();
              }
            }}
          >
            {reallocate.pending ? "Re-allocating…" : "Re-allocate"}
          </Button>
        </>
      }
    >
      <p>Releases every unpicked reservation and waiting backorder of this order and plans again.</p>
      {strategies === undefined ? (
        <Loading label="Loading strategies…" />
      ) : (
        <SelectField
          label="Strategy"
          value={strategy}
          onChange={(e) => setStrategy(e.target.value)}
          hint={chosen?.description}
        >
          <StrategyOptions strategies={strategies.available} />
        </SelectField>
      )}
      <FormError message={reallocate.error} />
    </Dialog>
  );
}
