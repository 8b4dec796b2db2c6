/**
 * /notifications/outbox — every customer message with its delivery state. Without a provider
 * configured (the offline default) messages stay here as "offline" instead of being sent.
 */
import { usePagedRows } from "../../../lib/paging";
import { useState } from "react";
import type { FunctionReturnType } from "convex/server";
import { useListParams } from "../../../lib/useListParams";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { NotificationStatus } from "../../../lib/api-types";
import { EVENT_LABELS } from "../../../../convex/lib/notifications/templates";
import { Badge, Button, PageHeader, useToast, type Tone } from "../../../components/ui";
import { FilterSelect, optionsOf } from "../../../components/ui/FilterSelect";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { countOf, formatDateTime } from "../../../lib/format";
import { useAppMutation } from "../../../lib/useAppMutation";
import { MessagePreview } from "../components/MessagePreview";
import "../../exceptions/exceptions.css";
import { OrderLink } from "../../orders/components/OrderLink";
import {
  NOTIFICATION_STATUS_LABELS,
  NOTIFICATION_STATUSES,
  RESENDABLE_NOTIFICATION_STATUSES,
} from "../../../../convex/lib/statusSets";

const TONE: Record<NotificationStatus, Tone> = {
  queued: "info",
  sending: "info",
  sent: "success",
  failed: "danger",
  offline: "warning",
};
type Row = FunctionReturnType<typeof api.notifications.outbox>["page"][number];

export function OutboxPage() {
  const list = useListParams(["status"]);
  const status = list.pick("status", NOTIFICATION_STATUSES);
  const page = usePagedRows(api.notifications.outbox, { status }, 25);
  const [open, setOpen] = useState<string | null>(null);
  const resend = useAppMutation(api.notifications.resend);
  const toast = useToast();
  const columns: Column<Row>[] = [
    { key: "queued", header: "Queued", cell: (m) => formatDateTime(m.createdAt) },
    {
      key: "order",
      header: "Order",
      priority: "primary",
      cell: (m) => <OrderLink id={m.orderId}>{m.orderNumber}</OrderLink>,
    },
    {
      key: "message",
      header: "Message",
      cell: (m) => (
        <>
          {EVENT_LABELS[m.event]} <span className="muted">· {m.channel === "email" ? "Email" : "SMS"}</span>
          {m.subject && <div className="muted">{m.subject}</div>}
        </>
      ),
    },
    { key: "to", header: "To", cell: (m) => m.to },
    {
      key: "status",
      header: "Status",
      cell: (m) => (
        <>
          <Badge tone={TONE[m.status]}>{NOTIFICATION_STATUS_LABELS[m.status]}</Badge>
          {m.attempts > 0 && <span className="muted"> {countOf(m.attempts, "attempt")}</span>}
          {m.lastError && <div className="muted">{m.lastError}</div>}
        </>
      ),
    },
    {
      key: "actions",
      header: "Actions",
      cell: (m) => (
        <div className="hold-actions">
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={open === m._id}
            onClick={() => setOpen(open === m._id ? null : m._id)}
          >
            {open === m._id ? "Hide" : "View"}
          </Button>
          {RESENDABLE_NOTIFICATION_STATUSES.includes(m.status) && (
            <Button
              size="sm"
              loading={resend.pending}
              onClick={async () => {
                const r = await resend.attempt({ id: m._id as Id<"notifications"> });
                toast.show(r.ok ? "Queued to send again." : r.message, r.ok ? "success" : "error");
              }}
            >
              Send again
            </Button>
          )}
        </div>
      ),
    },
  ];
  return (
    <>
      <PageHeader title="Message outbox">
        <p className="muted">
          Messages to customers, newest first. "Offline" means no email or SMS provider is configured: nothing left this
          system.
        </p>
      </PageHeader>
      <div className="filters">
        <FilterSelect
          label="Status"
          value={status}
          all="All"
          options={optionsOf(NOTIFICATION_STATUSES, NOTIFICATION_STATUS_LABELS)}
          onChange={(v) => list.set({ status: v })}
        />
      </div>
      <DataTable
        caption="Customer messages, newest first"
        columns={columns}
        {...page}
        rowKey={(m) => m._id}
        loadingLabel="Loading messages…"
        empty={{ title: "No messages", body: "Messages appear here as orders are confirmed, ship and come back." }}
        rowDetail={(m) =>
          open === m._id ? (
            <MessagePreview
              channel={m.channel}
              subject={m.channel === "email" ? m.subject : undefined}
              body={m.body}
              title={`Message ${m.event} to ${m.to}`}
            />
          ) : null
        }
      />
    </>
  );
}
