/** RMAs as a table (cards on phones): number, order, status, origin, reasons, units, refund. */
import { Link } from "react-router-dom";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { REASON_LABELS } from "../../../../convex/lib/returns";
import { formatDate } from "../../../lib/format";
import { DataTable, type Column, type DataTableProps } from "../../../components/ui/DataTable";
import { RmaStatusBadge } from "./RmaStatusBadge";
import { OrderLink } from "../../orders/components/OrderLink";

const COLUMNS: Column<Doc<"rmas">>[] = [
  {
    key: "number",
    header: "RMA",
    priority: "primary",
    cell: (r) => (
      <Link to={`/returns/${r._id}`} className="strong mono">
        {r.number}
      </Link>
    ),
  },
  {
    key: "order",
    header: "Order",
    cell: (r) => (
      <OrderLink id={r.orderId} className="mono">
        {r.orderNumber}
      </OrderLink>
    ),
  },
  { key: "status", header: "Status", cell: (r) => <RmaStatusBadge status={r.status} /> },
  { key: "origin", header: "Origin", cell: (r) => (r.origin === "customer" ? "Customer" : "Operator") },
  { key: "reasons", header: "Reasons", cell: (r) => r.reasons.map((x) => REASON_LABELS[x]).join(", ") },
  { key: "units", header: "Units back", align: "num", cell: (r) => `${r.unitsSettled} / ${r.unitsAuthorised}` },
  {
    key: "refund",
    header: "Refund",
    align: "num",
    cell: (r) => (
      <>
        {r.refundStatus === "not_due" ? "—" : formatMoney(r.refundAmountMinor, r.currency)}
        {r.refundStatus === "recorded" && <span className="muted"> (recorded)</span>}
      </>
    ),
  },
  { key: "opened", header: "Opened", cell: (r) => formatDate(r.createdAt) },
];

type Props = { rmas: Doc<"rmas">[] | undefined; caption?: string } & Partial<
  Pick<DataTableProps<Doc<"rmas">>, "empty" | "pagination" | "loadingLabel">
>;

export function RmasTable({
  rmas,
  caption = "Returns",
  empty = { title: "No returns" },
  pagination,
  loadingLabel = "Loading returns…",
}: Props) {
  return (
    <DataTable
      caption={caption}
      columns={COLUMNS}
      rows={rmas}
      rowKey={(r) => r._id}
      empty={empty}
      pagination={pagination}
      loadingLabel={loadingLabel}
    />
  );
}
