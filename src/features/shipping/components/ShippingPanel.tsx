/**
 * The shipping panel on the order page, one card per own-stock shipment: shop rates (all
 * configured carriers at once), the quote log of each rate shop with the rule that chose and why
 * (and every provider's outcome), buy labels, and per label print again, void (supervisors) and
 * its cost. Everything is live: a rate shop or purchase in progress shows as it runs.
 */
import "../shipping.css";
import { useState } from "react";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { formatCo2e } from "../../../../convex/lib/shipping/emissions";
import { TrackingTimeline } from "../../carriers/components/TrackingTimeline";
import { Badge, Button, EmptyState, Loading, Spinner, useToast, type Tone } from "../../../components/ui";
import { DataTable } from "../../../components/ui/DataTable";
import { PrintLabelButton } from "./PrintLabelButton";
import { ShipmentStatusBadge } from "../../shipments/components/ShipmentStatusBadge";
import { LabelStatusBadge } from "./LabelStatusBadge";
import { useAppMutation } from "../../../lib/useAppMutation";
import { countOf, formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { isIn, LABEL_SHIPMENT_STATUSES, LIVE_LABEL_STATUSES } from "../../../../convex/lib/statusSets";

type ShipmentShipping = FunctionReturnType<typeof api.shipping.forOrder>[number];
type QuoteLogEntry = ShipmentShipping["quoteLog"][number];

const OUTCOME_TONE: Record<string, Tone> = { ok: "success", error: "danger", timeout: "warning" };

export function ShippingPanel({ orderId }: { orderId: Id<"orders"> }) {
  const shipments = useQuery(api.shipping.forOrder, { orderId });
  if (shipments === undefined) return <Loading label="Loading shipping…" />;
  const live = shipments.filter((s) => s.shipment.status !== "cancelled");
  if (live.length === 0)
    return <EmptyState title="Nothing to ship yet">Shipping opens once stock is allocated to a shipment.</EmptyState>;
  return (
    <div className="shipping-panel">
      {live.map((s) => (
        <ShipmentShippingCard key={s.shipment._id} data={s} />
      ))}
    </div>
  );
}

function ShipmentShippingCard({ data }: { data: ShipmentShipping }) {
  const { shipment, packages, quoteLog, labels, postage } = data;
  const toast = useToast();
  const shop = useAppMutation(api.shipping.shopRates);
  const buy = useAppMutation(api.shipping.buyLabels);
  const [showOlder, setShowOlder] = useState(false);
  const labelled = new Set(labels.filter((l) => LIVE_LABEL_STATUSES.includes(l.status)).map((l) => l.packageId));
  const unlabelled = packages.filter((p) => !labelled.has(p._id));
  const canBuy = isIn(LABEL_SHIPMENT_STATUSES, shipment.status) && unlabelled.length > 0;
  const latest = quoteLog[0];
  const running = latest?.request.status === "pending";
  const bought = new Set(labels.map((l) => l.quoteId));
  const notify = (r: { ok: boolean; message?: string }, done: string) =>
    toast.show(r.ok ? done : (r.message ?? ""), r.ok ? "success" : "error");
  const buyQuote = async (quoteId?: Id<"shippingQuotes">) =>
    notify(await buy.attempt({ shipmentId: shipment._id, quoteId }), "Buying labels…");
  return (
    <article className="card shipping-card" aria-label={`Shipping for ${shipment.number}`}>
      <header className="shipping-head">
        <strong>{shipment.number}</strong> <ShipmentStatusBadge status={shipment.status} />
        <span className="muted">
          {countOf(packages.length, "package")}
          {packages.length === 0 && " (not packed yet: quotes are estimates)"}
        </span>
        {postage && postage.labels > 0 && (
          <span className="postage">
            Postage <strong>{formatMoney(postage.costMinor, postage.currency)}</strong> ·{" "}
            {countOf(postage.labels, "label")}
          </span>
        )}
      </header>
      <div className="shipping-actions">
        <Button
          onClick={async () => notify(await shop.attempt({ shipmentId: shipment._id }), "Asking every carrier…")}
          loading={shop.pending || running}
        >
          Shop rates
        </Button>
        {canBuy && (
          <Button
            variant="primary"
            onClick={async () =>
              notify(await shop.attempt({ shipmentId: shipment._id, autoBuy: true }), "Shopping and buying…")
            }
          >
            Shop &amp; buy label{unlabelled.length > 1 ? "s" : ""}
          </Button>
        )}
        {canBuy &&
          latest?.request.selectedQuoteId &&
          !bought.has(latest.request.selectedQuoteId) &&
          latest.request.packageIds.length > 0 && (
            <Button onClick={() => void buyQuote()} loading={buy.pending}>
              Buy the chosen rate
            </Button>
          )}
      </div>
      {latest ? (
        <QuoteLog entry={latest} canBuy={canBuy} bought={bought} onBuy={(id) => void buyQuote(id)} />
      ) : (
        <p className="muted">No rates asked for yet.</p>
      )}
      {quoteLog.length > 1 && (
        <details open={showOlder} onToggle={(e) => setShowOlder((e.target as HTMLDetailsElement).open)}>
          <summary>Earlier rate shops ({quoteLog.length - 1})</summary>
          {showOlder &&
            quoteLog
              .slice(1)
              .map((entry) => (
                <QuoteLog key={entry.request._id} entry={entry} canBuy={false} bought={bought} onBuy={() => {}} />
              ))}
        </details>
      )}
      {labels.length > 0 && <LabelsTable labels={labels} packages={packages} />}
      {labels.some((l) => l.status === "purchased") && (
        <details>
          <summary>Tracking</summary>
          <TrackingTimeline shipmentId={shipment._id} />
        </details>
      )}
    </article>
  );
}

function QuoteLog({
  entry,
  canBuy,
  bought,
  onBuy,
}: {
  entry: QuoteLogEntry;
  canBuy: boolean;
  bought: Set<string>;
  onBuy: (id: Id<"shippingQuotes">) => void;
}) {
  const { request, quotes } = entry;
  return (
    <section className="quote-log" aria-label={`Rate shop of ${formatDateTime(request.requestedAt)}`}>
      <p className="quote-meta">
        {formatDateTime(request.requestedAt)} · {request.requestedByName}
        {request.status === "pending" && (
          <>
            {" "}
            · <Spinner size="sm" label="" /> asking carriers…
          </>
        )}
        {request.status === "failed" && (
          <>
            {" "}
            · <Badge tone="danger">failed</Badge> {request.error}
          </>
        )}
      </p>
      {request.status === "done" && (
        <p className="quote-reason" data-testid="quote-reason">
          {request.ruleName ? (
            <Badge tone="info">rule: {request.ruleName}</Badge>
          ) : (
            <Badge tone="neutral">no rule</Badge>
          )}{" "}
          {request.reason}
          {request.error && <span className="field-error"> {request.error}</span>}
        </p>
      )}
      {request.outcomes.length > 0 && (
        <ul className="outcomes" aria-label="Providers asked">
          {request.outcomes.map((o) => (
            <li key={o.provider}>
              <Badge tone={OUTCOME_TONE[o.status]}>
                {o.provider}: {o.status}
              </Badge>{" "}
              <span className="muted">
                {o.ms} ms · {countOf(o.quoteCount, "quote")}
              </span>
              {o.error && <span className="muted"> — {o.error}</span>}
            </li>
          ))}
        </ul>
      )}
      {quotes.length > 0 && (
        <DataTable
          caption="Quotes"
          columns={[
            { key: "carrier", header: "Carrier", priority: "primary", cell: (q) => q.carrier },
            { key: "service", header: "Service", priority: "primary", cell: (q) => q.service },
            { key: "provider", header: "Provider", cell: (q) => q.provider },
            { key: "cost", header: "Cost", align: "num", cell: (q) => formatMoney(q.amountMinor, q.currency) },
            { key: "days", header: "Days", align: "num", cell: (q) => q.deliveryDays ?? "—" },
            { key: "co2e", header: "CO₂e", align: "num", cell: (q) => formatCo2e(q.co2eGrams) },
            {
              key: "actions",
              header: "",
              cell: (q) => (
                <>
                  {q.selected && <Badge tone="success">chosen</Badge>}
                  {bought.has(q._id) && <Badge tone="info">bought</Badge>}
                  {canBuy && !bought.has(q._id) && request.packageIds.length > 0 && (
                    <Button size="sm" onClick={() => onBuy(q._id)}>
                      Buy this
                    </Button>
                  )}
                </>
              ),
            },
          ]}
          rows={quotes}
          rowKey={(q) => q._id}
          rowClassName={(q) => (q.selected ? "chosen" : undefined)}
          empty={{ title: "No quotes" }}
        />
      )}
    </section>
  );
}

function LabelsTable({
  labels,
  packages,
}: {
  labels: ShipmentShipping["labels"];
  packages: ShipmentShipping["packages"];
}) {
  const canVoid = useCan("supervisor");
  const voidLabel = useAppMutation(api.shipping.voidLabel);
  const toast = useToast();
  const indexOf = (id: Id<"packages">) => packages.find((p) => p._id === id)?.index ?? 0;
  // By package, the newest label of each first (a voided one below its replacement).
  const rows = [...labels].sort((x, y) => indexOf(x.packageId) - indexOf(y.packageId) || y.createdAt - x.createdAt);
  return (
    <DataTable
      caption="Labels"
      columns={[
        { key: "package", header: "Package", priority: "primary", cell: (l) => `#${indexOf(l.packageId)}` },
        { key: "carrier", header: "Carrier", cell: (l) => `${l.carrier} ${l.service}` },
        {
          key: "tracking",
          header: "Tracking",
          cell: (l) => (
            <>
              {l.trackingNumber ?? "—"}
              {l.masterTrackingNumber && l.masterTrackingNumber !== l.trackingNumber && (
                <span className="muted"> (master {l.masterTrackingNumber})</span>
              )}
            </>
          ),
        },
        {
          key: "cost",
          header: "Cost",
          align: "num",
          cell: (l) => (l.costMinor !== undefined ? formatMoney(l.costMinor, l.currency) : "—"),
        },
        {
          key: "status",
          header: "Status",
          cell: (l) => (
            <>
              <LabelStatusBadge status={l.status} />
              {l.status === "purchasing" && l.attempts > 1 && <span className="muted"> attempt {l.attempts}</span>}
              {l.error && <div className="field-error">{l.error}</div>}
            </>
          ),
        },
        {
          key: "actions",
          header: "",
          className: () => "label-actions",
          cell: (l) => (
            <>
              {l.status === "purchased" && <PrintLabelButton labelId={l._id} />}
              {l.status === "purchased" && canVoid && (
                <Button
                  size="sm"
                  variant="danger"
                  onClick={async () => {
                    if (
                      !window.confirm(
                        `Void label ${l.trackingNumber}? The postage is refunded; the goods stay shipped.`,
                      )
                    )
                      return;
                    const r = await voidLabel.attempt({ labelId: l._id });
                    toast.show(r.ok ? "Voiding label…" : r.message, r.ok ? "success" : "error");
                  }}
                >
                  Void
                </Button>
              )}
            </>
          ),
        },
      ]}
      rows={rows}
      rowKey={(l) => l._id}
      empty={{ title: "No labels yet" }}
    />
  );
}
