/** The order's audit trail, newest first: who moved it from what to what, why, and when. */
import { usePagedRows } from "../../../lib/paging";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { STATUS_LABELS } from "../../../../convex/lib/orderStatus";
import { formatDateTime } from "../../../lib/format";
import { EmptyState, Loading, LoadMore } from "../../../components/ui";

const KIND_LABELS = {
  status: "Status",
  created: "Created",
  lines_cancelled: "Lines cancelled",
  allocation: "Allocation",
  note: "Note",
  return: "Return",
} as const;

export function Timeline({ orderId }: { orderId: Id<"orders"> }) {
  const { rows, pagination } = usePagedRows(api.orders.events, { orderId }, 20);
  if (!rows) return <Loading label="Loading history…" />;
  if (rows.length === 0) return <EmptyState title="No history yet" />;
  return (
    <>
      <ol className="timeline">
        {rows.map((e) => (
          <li key={e._id} className={`timeline-item timeline-${e.kind}`}>
            <div className="timeline-head">
              <strong>{KIND_LABELS[e.kind]}</strong>
              {(e.from || e.to) && (
                <span className="transition">
                  {e.from && <>{STATUS_LABELS[e.from]} → </>}
                  {e.to ? STATUS_LABELS[e.to] : "—"}
                </span>
              )}
              <time dateTime={new Date(e.at).toISOString()} className="muted">
                {formatDateTime(e.at)}
              </time>
            </div>
            <div className="timeline-meta">by {e.actorName}</div>
            {e.reason && <p className="timeline-reason">{e.reason}</p>}
            {e.details && e.details.length > 0 && (
              <ul className="timeline-details">
                {e.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <LoadMore {...pagination} />
    </>
  );
}
