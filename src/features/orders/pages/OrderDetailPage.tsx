/**
 * /orders/:id — read top to bottom as the order's journey: the steps (created → allocated → picked →
 * packed → shipped → delivered / returned) with links to their sections, then who and where, the
 * lines, holds, allocation, picking/packing/shipping, channel messages, returns, and the audit trail.
 */
import { PRIORITY_LABELS } from "../../../../convex/lib/orderStatus";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { COUNTRIES, cityLine } from "../../../../convex/lib/address";
import { formatDate, formatDateTime } from "../../../lib/format";
import { EmptyState, ErrorBoundary, ErrorState, Loading, PageHeader } from "../../../components/ui";
import { StatusBadge } from "../components/StatusBadge";
import { OrderActions } from "../components/OrderActions";
import { LinesTable } from "../components/LinesTable";
import { Timeline } from "../components/Timeline";
import { OrderJourney } from "../components/OrderJourney";
import { OrderReturns } from "../../returns/components/OrderReturns";
import { AllocationPanel } from "../../allocation/components/AllocationPanel";
import { ShippingPanel } from "../../shipping/components/ShippingPanel";
import { ChannelMessages } from "../../channels/components/ChannelMessages";
import { OrderExceptions } from "../../exceptions/components/OrderExceptions";
import { OrderLink } from "../components/OrderLink";
import { Section } from "../../../components/ui/Section";

/** Server errors reach the client redacted, so a bad or stale link gets its own sentence here. */
export function OrderDetailPage() {
  const { id } = useParams();
  return (
    <ErrorBoundary
      resetKey={id}
      fallback={(error, reset) => (
        <ErrorState error={error} title="This order could not be loaded" onRetry={reset}>
          <p>The link may be wrong or the order may no longer exist.</p>
          <Link to="/orders">Back to orders</Link>
        </ErrorState>
      )}
    >
      <OrderDetail id={id} />
    </ErrorBoundary>
  );
}

function OrderDetail({ id }: { id: string | undefined }) {
  const data = useQuery(api.orders.get, { id: id as Id<"orders"> });
  if (data === undefined) return <Loading label="Loading order…" />;
  const { order, lines, originalNumber } = data;
  const a = order.shipTo;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/orders">← Orders</Link>
      </p>
      <PageHeader
        title={
          <>
            {order.number} <StatusBadge status={order.status} />
          </>
        }
        actions={<OrderActions order={order} lines={lines} />}
      >
        <p className="muted">
          {order.kind} · {order.channel} · placed {formatDateTime(order.placedAt)}
        </p>
      </PageHeader>
      <OrderJourney status={order.status} lines={lines} />
      {order.status === "on_hold" && order.holdReason && (
        <div className="notice notice-warning" role="note">
          <strong>On hold:</strong> {order.holdReason}
        </div>
      )}
      <section className="detail-grid" aria-label="Order summary">
        <div className="card">
          <h2>Customer</h2>
          <p>{order.customer.name}</p>
          <p>
            <a href={`mailto:${order.customer.email}`}>{order.customer.email}</a>
          </p>
          {order.customer.phone && <p>{order.customer.phone}</p>}
        </div>
        <div className="card">
          <h2>Ship to</h2>
          <address>
            {a.name}
            {a.company && <>, {a.company}</>}
            <br />
            {a.line1}
            {a.line2 && (
              <>
                <br />
                {a.line2}
              </>
            )}
            <br />
            {cityLine(a)}
            <br />
            {COUNTRIES[a.country] ?? a.country}
          </address>
        </div>
        <div className="card">
          <h2>Details</h2>
          <dl className="facts">
            <dt>Items</dt>
            <dd>{formatMoney(order.totalMinor, order.currency)}</dd>
            <dt>Shipping charged</dt>
            <dd data-testid="order-shipping-charged">
              {formatMoney(order.shippingChargedMinor ?? 0, order.currency)}
              {order.shippingChargedMinor === undefined && (
                <span className="muted"> (none recorded: counted as 0)</span>
              )}
            </dd>
            <dt>Total</dt>
            <dd data-testid="order-total">
              {formatMoney(order.totalMinor + (order.shippingChargedMinor ?? 0), order.currency)}
            </dd>
            <dt>Ship by</dt>
            <dd>{formatDate(order.shipBy)}</dd>
            <dt>Priority</dt>
            <dd>{PRIORITY_LABELS[order.priority] ?? order.priority}</dd>
            {originalNumber && order.originalOrderId && (
              <>
                <dt>Replaces</dt>
                <dd>
                  <OrderLink id={order.originalOrderId}>{originalNumber}</OrderLink>
                </dd>
              </>
            )}
            {order.externalId && (
              <>
                <dt>External id</dt>
                <dd>{order.externalId}</dd>
              </>
            )}
          </dl>
          {order.notes && <p className="notes">{order.notes}</p>}
        </div>
      </section>
      <Section id="lines-title" title="Lines">
        {lines.length === 0 ? (
          <EmptyState title="This order has no lines" />
        ) : (
          <LinesTable lines={lines} currency={order.currency} />
        )}
      </Section>
      <OrderExceptions orderId={order._id} />
      <Section id="allocation-title" title="Allocation">
        <AllocationPanel order={order} />
      </Section>
      <Section id="shipping-title" title="Picking, packing and shipping">
        <ShippingPanel orderId={order._id} />
      </Section>
      <ChannelMessages orderId={order._id} channel={order.channel} />
      <OrderReturns order={order} lines={lines} />
      <Section id="history-title" title="Audit trail">
        <Timeline orderId={order._id} />
      </Section>
    </>
  );
}
