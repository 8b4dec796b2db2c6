/**
 * Labels at the pack station (phone-first): once a shipment is packed, one big button shops every
 * carrier and buys the rule's choice for each package; then each label can be printed. The rule's
 * reason and a failed purchase are shown in words. Voiding stays on the order page (supervisors).
 */
import "../shipping.css";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { Button, Loading, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { LIVE_LABEL_STATUSES } from "../../../../convex/lib/statusSets";
import { PrintLabelButton } from "./PrintLabelButton";
import { LabelStatusBadge } from "./LabelStatusBadge";
import { countOf } from "../../../lib/format";

export function PackStationLabels({ shipmentId }: { shipmentId: Id<"shipments"> }) {
  const data = useQuery(api.shipping.forShipment, { shipmentId });
  const shop = useAppMutation(api.shipping.shopRates);
  const toast = useToast();
  if (data === undefined) return <Loading label="Loading labels…" />;
  const live = data.labels.filter((l) => LIVE_LABEL_STATUSES.includes(l.status));
  const missing = data.packages.filter((p) => !live.some((l) => l.packageId === p._id));
  const latest = data.quoteLog[0]?.request;
  const busy = latest?.status === "pending" || live.some((l) => l.status === "purchasing");
  const failed = data.labels.find((l) => l.status === "failed" && !live.some((x) => x.packageId === l.packageId));
  return (
    <section className="pack-labels" aria-label="Shipping labels">
      {missing.length > 0 && (
        <Button
          variant="primary"
          size="lg"
          loading={shop.pending || busy}
          onClick={async () => {
            const r = await shop.attempt({ shipmentId, autoBuy: true });
            if (!r.ok) toast.show(r.message, "error");
          }}
        >
          Buy {missing.length > 1 ? "labels" : "label"} for {countOf(missing.length, "package")}
        </Button>
      )}
      {latest?.status === "done" && <p className="muted">{latest.reason}</p>}
      {latest?.error && <p className="field-error">{latest.error}</p>}
      {failed?.error && <p className="field-error">Label not bought: {failed.error}</p>}
      <ul className="plain">
        {live.map((l) => (
          <li key={l._id} className="pack-label">
            <LabelStatusBadge status={l.status} /> {l.carrier} {l.service} ·{" "}
            <span className="mono">{l.trackingNumber ?? "…"}</span>
            {l.costMinor !== undefined && <> · {formatMoney(l.costMinor, l.currency)}</>}
            {l.status === "purchased" && <PrintLabelButton labelId={l._id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
