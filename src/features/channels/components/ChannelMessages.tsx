/**
 * On a channel order's page: what we owe the channel and where it stands — the acknowledgement
 * and the tracking of each package (sent, waiting for a retry, superseded by a relabel, failed).
 * Renders nothing for orders keyed in by hand.
 */
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import type { FunctionReturnType } from "convex/server";
import { Badge, type Tone } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { formatDateTime } from "../../../lib/format";

const TONES: Record<Doc<"outbox">["status"], Tone> = {
  pending: "warning",
  sending: "info",
  sent: "success",
  superseded: "muted",
  failed: "danger",
};
const LABELS: Record<Doc<"outbox">["status"], string> = {
  pending: "Waiting",
  sending: "Sending",
  sent: "Confirmed",
  superseded: "Superseded",
  failed: "Failed",
};

type Row = FunctionReturnType<typeof api.channels.outboxForOrder>[number];
const COLUMNS: Column<Row>[] = [
  {
    key: "what",
    header: "What",
    priority: "primary",
    cell: (r) => (r.kind === "ack" ? "Acknowledgement" : `Tracking ${r.carrier ?? ""} ${r.trackingNumber ?? ""}`),
  },
  { key: "status", header: "Status", cell: (r) => <Badge tone={TONES[r.status]}>{LABELS[r.status]}</Badge> },
  {
    key: "when",
    header: "When",
    cell: (r) =>
      r.sentAt
        ? formatDateTime(r.sentAt)
        : r.status === "pending"
          ? `next try ${formatDateTime(r.nextAttemptAt)}`
          : "—",
  },
  {
    key: "note",
    header: "Note",
    cell: (r) =>
      r.lastError ??
      (r.supersedes
        ? "Corrects an earlier tracking number"
        : r.kind === "ack" && r.dueAt
          ? `due ${formatDateTime(r.dueAt)}`
          : ""),
  },
];

export function ChannelMessages({ orderId, channel }: { orderId: Id<"orders">; channel: string }) {
  const rows = useQuery(api.channels.outboxForOrder, channel === "manual" ? "skip" : { orderId });
  if (!rows || rows.length === 0) return null;
  return (
    <section aria-labelledby="channel-messages-title">
      <h2 id="channel-messages-title">Back to {channel}</h2>
      <DataTable
        caption={`Messages to ${channel}`}
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => r._id}
        empty={{ title: "Nothing owed to the channel" }}
      />
    </section>
  );
}
