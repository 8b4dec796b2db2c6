/** Orders at risk of a late ship, most overdue first, each linking to its order. */
import { Link } from "react-router-dom";
import type { OrderStatus } from "../../../../convex/lib/orderStatus";
import { Badge, EmptyState, LoadMore } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { StatusBadge } from "../../orders/components/StatusBadge";
import { deadlineText, type BoardPage } from "../lib/boards";

export type AtRiskRow = {
  orderId: string;
  number: string;
  channel: string;
  status: OrderStatus;
  priority: number;
  deadline: number;
  deadlineSource: "channel" | "sla";
  warehouseCode?: string;
  overdue: boolean;
};

export const WINDOWS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 24 * 60, label: "24 hours" },
  { minutes: 3 * 24 * 60, label: "3 days" },
];

export function AtRiskList({
  page: { rows, pagination },
  now,
  windowMinutes,
  onWindow,
}: {
  page: BoardPage<AtRiskRow>;
  now: number;
  windowMinutes: number;
  onWindow: (m: number) => void;
}) {
  const label = WINDOWS.find((w) => w.minutes === windowMinutes)?.label ?? `${windowMinutes} min`;
  return (
    <>
      <label className="inline-field">
        Due within{" "}
        <select value={windowMinutes} onChange={(e) => onWindow(Number(e.target.value))} aria-label="At-risk window">
          {WINDOWS.map((w) => (
            <option key={w.minutes} value={w.minutes}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      {rows.length === 0 ? (
        <EmptyState title="Nothing at risk">No open order is late or due within {label}.</EmptyState>
      ) : (
        <ol className="at-risk-list" aria-label="Orders at risk of a late ship">
          {rows.map((r) => (
            <li key={r.orderId} className={r.overdue ? "overdue" : undefined}>
              <Link to={`/orders/${r.orderId}`}>{r.number}</Link>{" "}
              {r.overdue ? <Badge tone="danger">Late</Badge> : <Badge tone="warning">Due soon</Badge>}{" "}
              <StatusBadge status={r.status} />
              <span className="at-risk-when" title={formatDateTime(r.deadline)}>
                {deadlineText(r.deadline, now)}
              </span>
              <span className="muted">
                {r.channel}
                {r.warehouseCode ? ` · ${r.warehouseCode} cutoff` : ""} ·{" "}
                {r.deadlineSource === "channel" ? "ship-by from channel" : "SLA"}
                {r.priority > 0 ? ` · ${r.priority === 2 ? "urgent" : "high"}` : ""}
              </span>
            </li>
          ))}
        </ol>
      )}
      <LoadMore {...pagination} />
    </>
  );
}
