/**
 * /exceptions — the exception queue: open holds by type, oldest first, with their resolution
 * actions; channel orders waiting for a SKU mapping appear under "Unmapped SKU" (one queue).
 */
import { usePagedRows } from "../../../lib/paging";
import { addressOneLine } from "../../../../convex/lib/address";
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { HoldType } from "../../../../convex/lib/validation/types";
import type { QueueRow } from "../../../lib/api-types";
import { Badge, PageHeader, type Tone } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { useListParams } from "../../../lib/useListParams";
import { formatDateTime } from "../../../lib/format";
import { StatusBadge } from "../../orders/components/StatusBadge";
import { HoldActions } from "../components/HoldActions";
import { inboxColumns } from "../../channels/components/inboxColumns";
import "../exceptions.css";
import { OrderLink } from "../../orders/components/OrderLink";

/** "imports": channel orders the platform could not take as sent (unknown currency …), from the channel inbox. */
type Tab = HoldType | "all" | "imports";

/** Rows per page, and per "Load more", of each of the queue's lists. */
const QUEUE_PAGE_SIZE = 25;

export const HOLD_TABS: { type: Tab; label: string; tone: Tone }[] = [
  { type: "all", label: "All", tone: "neutral" },
  { type: "address", label: "Address", tone: "warning" },
  { type: "payment", label: "Payment", tone: "warning" },
  { type: "fraud", label: "Fraud review", tone: "danger" },
  { type: "stock", label: "Stock", tone: "warning" },
  { type: "unmapped_sku", label: "Unmapped SKU", tone: "warning" },
  { type: "stuck", label: "Stuck", tone: "info" },
  { type: "manual", label: "Manual", tone: "neutral" },
  { type: "cancel_request", label: "Cancel requests", tone: "danger" },
  { type: "pickup_short", label: "Pickup short", tone: "warning" },
  { type: "pickup_location", label: "Pickup location", tone: "warning" },
  { type: "imports", label: "Channel imports", tone: "danger" },
];

export function ExceptionQueuePage() {
  const list = useListParams(["type"]);
  const type = HOLD_TABS.find((t) => t.type === list.get("type"))?.type ?? "all";
  const counts = useQuery(api.holds.counts, {});
  return (
    <>
      <PageHeader title="Exceptions">
        <p className="muted">Orders that need a person, oldest first. Each action is recorded on the order's trail.</p>
      </PageHeader>
      <nav aria-label="Exception types">
        <ul className="tabs">
          {HOLD_TABS.map((t) => {
            const n = t.type === "all" || t.type === "imports" || !counts ? undefined : counts.counts[t.type];
            return (
              <li key={t.type}>
                <Link
                  to={t.type === "all" ? "/exceptions" : `/exceptions?type=${t.type}`}
                  aria-current={type === t.type ? "page" : undefined}
                >
                  {t.label}
                  {n !== undefined && t.type !== "unmapped_sku" && (
                    <span className="count">{n >= counts!.cap ? `${counts!.cap}+` : n}</span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {type === "unmapped_sku" ? (
        <UnmappedOrders />
      ) : type === "imports" ? (
        <FailedChannelImports />
      ) : (
        <HoldList type={type === "all" ? undefined : type} />
      )}
    </>
  );
}

function HoldList({ type }: { type?: HoldType }) {
  const page = usePagedRows(api.holds.queue, { type }, QUEUE_PAGE_SIZE);
  return (
    <DataTable
      caption="Open exceptions, oldest first"
      columns={holdColumns}
      {...page}
      rowKey={(row) => row._id}
      loadingLabel="Loading exceptions…"
      empty={{
        title: "Nothing to resolve",
        body: `No open exceptions${type ? " of this type" : ""}. New ones appear here live.`,
      }}
    />
  );
}

const holdColumns: Column<QueueRow>[] = [
  { key: "since", header: "Since", cell: (row) => formatDateTime(row.createdAt) },
  {
    key: "order",
    header: "Order",
    priority: "primary",
    cell: (row) => (
      <>
        <OrderLink id={row.orderId}>{row.orderNumber}</OrderLink>{" "}
        {row.orderStatus && <StatusBadge status={row.orderStatus} />}
        {row.customerName && <div className="muted">{row.customerName}</div>}
      </>
    ),
  },
  { key: "exception", header: "Exception", cell: (row) => <HoldDetail row={row} /> },
  { key: "actions", header: "Actions", cell: (row) => <HoldActions row={row} /> },
];

function HoldDetail({ row }: { row: QueueRow }) {
  const tab = HOLD_TABS.find((t) => t.type === row.type);
  const s = row.suggestion;
  return (
    <>
      <Badge tone={tab?.tone ?? "neutral"}>{tab?.label ?? row.type}</Badge>{" "}
      {!row.blocking && <Badge tone="muted">does not block</Badge>}{" "}
      {row.shipmentNumber && <Badge tone="info">shipment {row.shipmentNumber}</Badge>}
      <div className="hold-reason">{row.reason}</div>
      {/* A fraud hold's detail is its rules, listed below; a one-problem address repeats its reason. */}
      {row.detail && row.detail !== row.reason && !row.firedRules?.length && (
        <p className="hold-detail muted">{row.detail}</p>
      )}
      {row.score !== undefined && <p className="hold-detail muted">Score {row.score}/100</p>}
      {row.firedRules && row.firedRules.length > 0 && (
        <ul className="fired-rules" aria-label={`Fraud score ${row.score ?? 0}`}>
          {row.firedRules.map((r) => (
            <li key={r.rule}>
              +{r.points} {r.explanation}
            </li>
          ))}
        </ul>
      )}
      {s && <p className="suggestion">Suggested: {addressOneLine(s)}</p>}
    </>
  );
}

function UnmappedOrders() {
  const page = usePagedRows(api.channels.inbox, { status: "waiting_mapping" }, QUEUE_PAGE_SIZE);
  return (
    <>
      <p className="muted">
        These channel orders wait for their listings to be mapped to products; each becomes an order the moment its last
        listing is mapped. <Link to="/channels/mappings">Map listings</Link>
      </p>
      <DataTable
        caption="Channel orders waiting for a SKU mapping"
        columns={[
          inboxColumns.received,
          {
            key: "order",
            header: "Channel order",
            priority: "primary",
            cell: (r) => (
              <>
                {r.channel} · {r.externalId}
                <div className="muted">{r.payload.customer.name}</div>
              </>
            ),
          },
          { key: "unmapped", header: "Unmapped listings", cell: (r) => r.unmappedSkus.join(", ") },
        ]}
        {...page}
        rowKey={(r) => r._id}
        loadingLabel="Loading channel orders…"
        empty={{ title: "Every listing is mapped", body: "No channel order is waiting for a SKU mapping." }}
      />
    </>
  );
}

/** Channel orders that arrived but could not become orders (each with the reason); the channel's pulls go on. */
function FailedChannelImports() {
  const page = usePagedRows(api.channels.inbox, { status: "failed" }, QUEUE_PAGE_SIZE);
  return (
    <DataTable
      caption="Channel orders that could not be imported"
      columns={[inboxColumns.received, inboxColumns.channelOrder, inboxColumns.why]}
      {...page}
      rowKey={(r) => r._id}
      loadingLabel="Loading channel imports…"
      empty={{
        title: "Every channel order was taken",
        body: "Orders a channel sends that cannot become orders here (a currency we do not sell in, an address or product refused) appear here with the reason.",
      }}
    />
  );
}
