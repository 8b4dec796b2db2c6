/** A shipment's carrier milestones (webhooks, polls, the table-rate simulator), oldest first, live. */
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Loading } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";

const KIND_LABELS = {
  first_scan: "First scan",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  exception: "Exception",
} as const;

export function TrackingTimeline({ shipmentId }: { shipmentId: Id<"shipments"> }) {
  const milestones = useQuery(api.carrierBoard.milestones, { shipmentId });
  if (milestones === undefined) return <Loading label="Loading tracking…" />;
  if (milestones.length === 0) return <p className="muted">No carrier scans yet.</p>;
  const multi = new Set(milestones.map((m) => m.trackingNumber)).size > 1;
  return (
    <ol className="tracking-timeline" aria-label="Carrier milestones">
      {milestones.map((m, i) => (
        <li key={`${m.packageId}-${m.kind}-${m.at}-${i}`}>
          <strong>{KIND_LABELS[m.kind]}</strong> · {formatDateTime(m.at)}
          {m.location && <> · {m.location}</>}
          {multi && <span className="muted"> · {m.trackingNumber}</span>}
          <div className="muted">
            {m.description}
            {m.trackingUrl && (
              <>
                {" "}
                ·{" "}
                <a href={m.trackingUrl} target="_blank" rel="noreferrer">
                  carrier page
                </a>
              </>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
