/**
 * On the order page: the order's open exceptions (resolved in the queue) and the messages its
 * customer was sent. Renders nothing for an order with neither.
 */
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { EVENT_LABELS } from "../../../../convex/lib/notifications/templates";
import { Badge } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";

export function OrderExceptions({ orderId }: { orderId: Id<"orders"> }) {
  const holds = useQuery(api.holds.forOrder, { orderId });
  const messages = useQuery(api.notifications.forOrder, { orderId });
  if (!holds || !messages || (holds.open.length === 0 && messages.length === 0)) return null;
  return (
    <section aria-labelledby="exceptions-title">
      <h2 id="exceptions-title">Exceptions and messages</h2>
      {holds.open.length > 0 && (
        <ul>
          {holds.open.map((h) => (
            <li key={h._id}>
              <Badge tone={h.blocking ? "warning" : "muted"}>{h.type.replace("_", " ")}</Badge> {h.reason}{" "}
              <Link to={`/exceptions?type=${h.type}`}>Resolve in the queue</Link>
            </li>
          ))}
        </ul>
      )}
      {messages.length > 0 && (
        <ul>
          {messages.map((m) => (
            <li key={m._id}>
              {EVENT_LABELS[m.event]} ({m.channel}) to {m.to}:{" "}
              <Badge tone={m.status === "sent" ? "success" : m.status === "failed" ? "danger" : "info"}>
                {m.status}
              </Badge>{" "}
              <span className="muted">{formatDateTime(m.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
