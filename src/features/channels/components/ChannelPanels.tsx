/**
 * The Channels page's "needs a person" panels: acknowledgements near their deadline, channel
 * orders that failed to import, and messages to channels that stopped retrying (admins retry).
 */
import { usePagedRows } from "../../../lib/paging";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { Badge, Button, useToast } from "../../../components/ui";
import { type Column } from "../../../components/ui/DataTable";
import { TablePanel } from "../../../components/ui/Section";
import { useAppMutation } from "../../../lib/useAppMutation";
import { relativeTime } from "../lib/status";
import { inboxColumns } from "./inboxColumns";
import { InboxPanel } from "./InboxPanel";
import { useNowBucket } from "../../boards/hooks/useNowBucket";
import { OrderLink } from "../../orders/components/OrderLink";

/** Acknowledgements due within a day (or overdue), soonest first. */
export function AckAtRisk({ now }: { now: number }) {
  const nowBucket = useNowBucket();
  const rows = useQuery(api.channels.ackAtRisk, { withinHours: 24, nowBucket });
  if (rows === undefined || rows.length === 0) return null;
  return (
    <TablePanel
      id="ack-risk"
      title="Acknowledgements at risk"
      caption="Acknowledgements at risk"
      columns={[
        {
          key: "order",
          header: "Order",
          priority: "primary",
          cell: (r) =>
            r.orderId ? (
              <OrderLink id={r.orderId}>{r.orderNumber ?? r.externalOrderId}</OrderLink>
            ) : (
              <span className="mono">{r.externalOrderId}</span>
            ),
        },
        { key: "channel", header: "Channel", className: () => "mono", cell: (r) => r.channel },
        {
          key: "due",
          header: "Due",
          cell: (r) => (
            <Badge tone={(r.dueAt ?? 0) < now ? "danger" : "warning"}>
              {(r.dueAt ?? 0) < now ? `overdue ${relativeTime(r.dueAt, now)}` : relativeTime(r.dueAt, now)}
            </Badge>
          ),
        },
        { key: "attempts", header: "Attempts", cell: (r) => r.attempts },
        { key: "error", header: "Last error", cell: (r) => r.lastError ?? "—" },
      ]}
      rows={rows}
      rowKey={(r) => r._id}
      empty={{ title: "No acknowledgement at risk" }}
    />
  );
}

export function FailedImports() {
  return (
    <InboxPanel
      id="failed-imports"
      title="Channel orders that could not be imported"
      caption="Failed imports"
      status="failed"
      pageSize={10}
      columns={[inboxColumns.channelOrder, inboxColumns.received, inboxColumns.why]}
      empty={{ title: "No failed imports" }}
    />
  );
}

export function FailedMessages({ isAdmin }: { isAdmin: boolean }) {
  const toast = useToast();
  const retry = useAppMutation(api.channels.retryOutbox);
  const failed = usePagedRows(api.channels.failedOutbox, {}, 10);
  if (!failed.rows?.length) return null;
  const retryColumn: Column<(typeof failed.rows)[number]> = {
    key: "actions",
    header: "Actions",
    cell: (r) => (
      <Button
        size="sm"
        onClick={async () => {
          const res = await retry.attempt({ id: r._id });
          toast.show(res.ok ? "Queued again." : res.message, res.ok ? "info" : "error");
        }}
      >
        Retry
      </Button>
    ),
  };
  return (
    <TablePanel
      id="failed-messages"
      title="Messages to channels that stopped retrying"
      caption="Failed channel messages"
      columns={[
        {
          key: "what",
          header: "What",
          priority: "primary",
          cell: (r) => (r.kind === "ack" ? "Acknowledgement" : `Tracking ${r.carrier ?? ""} ${r.trackingNumber ?? ""}`),
        },
        {
          key: "order",
          header: "Order",
          cell: (r) => (r.orderId ? <OrderLink id={r.orderId}>{r.externalOrderId}</OrderLink> : r.externalOrderId),
        },
        { key: "attempts", header: "Attempts", cell: (r) => r.attempts },
        { key: "error", header: "Last error", className: () => "wide-cell", cell: (r) => r.lastError },
        ...(isAdmin ? [retryColumn] : []),
      ]}
      {...failed}
      rowKey={(r) => r._id}
      empty={{ title: "No failed messages" }}
    />
  );
}
