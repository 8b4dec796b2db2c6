/**
 * /notifications/outbox — every customer message with its delivery state. Without a provider
 * configured (the offline default) messages stay here as "offline" instead of being sent.
 */
import { Fragment, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { usePaginatedQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { NotificationStatus } from "../../../lib/api-types";
import { EVENT_LABELS } from "../../../../convex/lib/notifications/templates";
import { Badge, Button, EmptyState, Loading, LoadMore, PageHeader, SelectField, Table, useToast, type Tone } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { useAppMutation } from "../../../lib/useAppMutation";
import { MessagePreview } from "../components/MessagePreview";
import "../../exceptions/exceptions.css";

const TONE: Record<NotificationStatus, Tone> = { queued: "info", sending: "info", sent: "success", failed: "danger", offline: "warning" };
const STATUSES: NotificationStatus[] = ["queued", "sending", "sent", "failed", "offline"];

export function OutboxPage() {
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") || undefined) as NotificationStatus | undefined;
  const { results, status: loading, loadMore } = usePaginatedQuery(api.notifications.outbox, { status }, { initialNumItems: 25 });
  const [open, setOpen] = useState<string | null>(null);
  const resend = useAppMutation(api.notifications.resend);
  const toast = useToast();
  return (
    <>
      <PageHeader title="Message outbox">
        <p className="muted">Messages to customers, newest first. "Offline" means no email or SMS provider is configured: nothing left this system.</p>
      </PageHeader>
      <div className="filters">
        <SelectField label="Status" value={status ?? ""} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
      </div>
      {loading === "LoadingFirstPage" ? (
        <Loading label="Loading messages…" />
      ) : results.length === 0 ? (
        <EmptyState title="No messages">Messages appear here as orders are confirmed, ship and come back.</EmptyState>
      ) : (
        <Table caption="Customer messages, newest first">
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Order</th>
              <th scope="col">Message</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {results.map((m) => (
              <Fragment key={m._id}>
                <tr>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>
                    <Link to={`/orders/${m.orderId}`}>{m.orderNumber}</Link>
                  </td>
                  <td>
                    {EVENT_LABELS[m.event]} <span className="muted">· {m.channel === "email" ? "Email" : "SMS"}</span>
                    {m.subject && <div className="muted">{m.subject}</div>}
                  </td>
                  <td>{m.to}</td>
                  <td>
                    <Badge tone={TONE[m.status]}>{m.status}</Badge>
                    {m.attempts > 0 && <span className="muted"> {m.attempts} attempt(s)</span>}
                    {m.lastError && <div className="muted">{m.lastError}</div>}
                  </td>
                  <td>
                    <div className="hold-actions">
                      <Button size="sm" variant="ghost" aria-expanded={open === m._id} onClick={() => setOpen(open === m._id ? null : m._id)}>
                        {open === m._id ? "Hide" : "View"}
                      </Button>
                      {(m.status === "failed" || m.status === "offline") && (
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
                  </td>
                </tr>
                {open === m._id && (
                  <tr>
                    <td colSpan={6}>
                      <MessagePreview channel={m.channel} subject={m.channel === "email" ? m.subject : undefined} body={m.body} title={`Message ${m.event} to ${m.to}`} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore status={loading} onLoadMore={() => loadMore(25)} />
    </>
  );
}
