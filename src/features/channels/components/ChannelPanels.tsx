/**
 * The Channels page's "needs a person" panels: acknowledgements near their deadline, channel
 * orders that failed to import, and messages to channels that stopped retrying (admins retry).
 */
import { Link } from "react-router-dom";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Badge, Button, LoadMore, Table, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { formatDateTime } from "../../../lib/format";
import { relativeTime } from "../lib/status";
import { useNowBucket } from "../../boards/hooks/useNowBucket";

/** Acknowledgements due within a day (or overdue), soonest first. */
export function AckAtRisk({ now }: { now: number }) {
  const nowBucket = useNowBucket();
  const rows = useQuery(api.channels.ackAtRisk, { withinHours: 24, nowBucket });
  if (rows === undefined || rows.length === 0) return null;
  return (
    <section aria-labelledby="ack-risk">
      <h2 id="ack-risk" className="panel-title">
        Acknowledgements at risk
      </h2>
      <Table caption="Acknowledgements at risk" className="table-cards">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Channel</th>
            <th scope="col">Due</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r._id}>
              <td data-label="Order">
                {r.orderId ? (
                  <Link to={`/orders/${r.orderId}`}>{r.orderNumber ?? r.externalOrderId}</Link>
                ) : (
                  <span className="mono">{r.externalOrderId}</span>
                )}
              </td>
              <td data-label="Channel" className="mono">
                {r.channel}
              </td>
              <td data-label="Due">
                <Badge tone={(r.dueAt ?? 0) < now ? "danger" : "warning"}>
                  {(r.dueAt ?? 0) < now ? `overdue ${relativeTime(r.dueAt, now)}` : relativeTime(r.dueAt, now)}
                </Badge>
              </td>
              <td data-label="Attempts">{r.attempts}</td>
              <td data-label="Last error">{r.lastError ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

export function FailedImports() {
  const { results, status, loadMore } = usePaginatedQuery(
    api.channels.inbox,
    { status: "failed" },
    { initialNumItems: 10 },
  );
  if (status === "LoadingFirstPage" || results.length === 0) return null;
  return (
    <section aria-labelledby="failed-imports">
      <h2 id="failed-imports" className="panel-title">
        Channel orders that could not be imported
      </h2>
      <Table caption="Failed imports" className="table-cards">
        <thead>
          <tr>
            <th scope="col">Channel order</th>
            <th scope="col">Received</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r: Doc<"channelOrders">) => (
            <tr key={r._id}>
              <td data-label="Channel order" className="mono">
                {r.channel} / {r.externalId}
              </td>
              <td data-label="Received">{formatDateTime(r.receivedAt)}</td>
              <td data-label="Why" className="wide-cell">
                {r.error}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore status={status} onLoadMore={() => loadMore(10)} />
    </section>
  );
}

export function FailedMessages({ isAdmin }: { isAdmin: boolean }) {
  const toast = useToast();
  const retry = useAppMutation(api.channels.retryOutbox);
  const { results, status, loadMore } = usePaginatedQuery(api.channels.failedOutbox, {}, { initialNumItems: 10 });
  if (status === "LoadingFirstPage" || results.length === 0) return null;
  return (
    <section aria-labelledby="failed-messages">
      <h2 id="failed-messages" className="panel-title">
        Messages to channels that stopped retrying
      </h2>
      <Table caption="Failed channel messages" className="table-cards">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Order</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
            {isAdmin && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r._id}>
              <td data-label="What">
                {r.kind === "ack" ? "Acknowledgement" : `Tracking ${r.carrier ?? ""} ${r.trackingNumber ?? ""}`}
              </td>
              <td data-label="Order">
                {r.orderId ? <Link to={`/orders/${r.orderId}`}>{r.externalOrderId}</Link> : r.externalOrderId}
              </td>
              <td data-label="Attempts">{r.attempts}</td>
              <td data-label="Last error" className="wide-cell">
                {r.lastError}
              </td>
              {isAdmin && (
                <td data-label="Actions">
                  <Button
                    size="sm"
                    onClick={async () => {
                      const res = await retry.attempt({ id: r._id });
                      toast.show(res.ok ? "Queued again." : res.message, res.ok ? "info" : "error");
                    }}
                  >
                    Retry
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore status={status} onLoadMore={() => loadMore(10)} />
    </section>
  );
}
