/** The orders list's columns (DataTable): the number leads the card on phones; email and items are secondary details. */
import { PRIORITY_LABELS } from "../../../../convex/lib/orderStatus";
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../../convex/_generated/api";
import { formatMoney } from "../../../../convex/lib/money";
import { TERMINAL_STATUSES } from "../../../../convex/lib/statusSets";
import { formatDate } from "../../../lib/format";
import { CellText, type Column } from "../../../components/ui/DataTable";
import { StatusBadge } from "./StatusBadge";
import { OrderLink } from "./OrderLink";

export type OrderRow = FunctionReturnType<typeof api.orders.list>["page"][number];

const DONE: readonly string[] = [...TERMINAL_STATUSES, "shipped", "delivered"];
export const isLate = (o: OrderRow, now: number) =>
  o.shipBy !== undefined && o.shipBy < now && !DONE.includes(o.status);

export function orderColumns(now: number): Column<OrderRow>[] {
  return [
    {
      key: "number",
      header: "Order",
      priority: "primary",
      hideable: false,
      cell: (o) => (
        <>
          <OrderLink id={o._id} className="strong">
            {o.number}
          </OrderLink>
          {o.priority > 0 && <span className="priority-flag"> {PRIORITY_LABELS[o.priority] ?? o.priority}</span>}
        </>
      ),
    },
    {
      key: "customer",
      header: "Customer",
      // Long names wrap and are cut after two lines; the whole name is in the tooltip.
      cell: (o) => <CellText text={o.customer.name} />,
    },
    {
      key: "email",
      header: "Email",
      defaultHidden: true,
      cell: (o) => <span className="cell-text">{o.customer.email}</span>,
    },
    { key: "status", header: "Status", cell: (o) => <StatusBadge status={o.status} /> },
    { key: "total", header: "Total", align: "num", cell: (o) => formatMoney(o.totalMinor, o.currency) },
    {
      key: "shipBy",
      header: "Ship by",
      className: (o) => (isLate(o, now) ? "late" : undefined),
      cell: (o) => (
        <>
          {formatDate(o.shipBy)}
          {isLate(o, now) && <span className="visually-hidden"> (late)</span>}
        </>
      ),
    },
    { key: "placed", header: "Placed", sortKey: "placed", cell: (o) => formatDate(o.placedAt) },
    {
      key: "channel",
      header: "Channel",
      cell: (o) => <CellText text={o.channel} />,
    },
    {
      key: "destination",
      header: "Ship to",
      defaultHidden: true,
      cell: (o) => `${o.shipTo.city}, ${o.shipTo.country}`,
    },
  ];
}
