/**
 * On a channel order's page: what we owe the channel and where it stands — the acknowledgement
 * and the tracking of each package (sent, waiting for a retry, superseded by a relabel, failed).
 * Renders nothing for orders keyed in by hand.
 */
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Badge, Table, type Tone } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";

const TONES: Record<Doc<"outbox">["status"], Tone> = { pending: "warning", sending: "info", sent: "success", superseded: "muted", failed: "danger" };
const LABELS: Record<Doc<"outbox">["status"], string> = { pending: "Waiting", sending: "Sending", sent: "Confirmed", superseded: "Superseded", failed: "Failed" };

export function ChannelMessages({ orderId, channel }: { orderId: Id<"orders">; channel: string }) {
  const rows = useQuery(api.channels.outboxForOrder, channel === "manual" ? "skip" : { orderId });
  if (!rows || rows.length === 0) return null;
  return (
    <section aria-labelledby="channel-messages-title">
      <h2 id="channel-messages-title">Back to {channel}</h2>
      <Table caption={`Messages to ${channel}`} className="table-cards">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Status</th>
            <th scope="col">When</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r._id}>
              <td data-label="What">{r.kind === "ack" ? "Acknowledgement" : `Tracking ${r.carrier ?? ""} ${r.trackingNumber ?? ""}`}</td>
              <td data-label="Status">
                <Badge tone={TONES[r.status]}>{LABELS[r.status]}</Badge>
              </td>
              <td data-label="When">{r.sentAt ? formatDateTime(r.sentAt) : r.status === "pending" ? `next try ${formatDateTime(r.nextAttemptAt)}` : "—"}</td>
              <td data-label="Note">{r.lastError ?? (r.supersedes ? "Corrects an earlier tracking number" : r.kind === "ack" && r.dueAt ? `due ${formatDateTime(r.dueAt)}` : "")}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
