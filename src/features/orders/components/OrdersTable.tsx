import { Link } from "react-router-dom";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { TERMINAL_STATUSES } from "../../../../convex/lib/statusSets";
import { formatDate } from "../../../lib/format";
import { Table } from "../../../components/ui";
import { StatusBadge } from "./StatusBadge";
import "../orders-phone.css";

const DONE: readonly string[] = [...TERMINAL_STATUSES, "shipped", "delivered"];

export function OrdersTable({ orders, caption = "Orders" }: { orders: Doc<"orders">[]; caption?: string }) {
  const now = Date.now();
  return (
    <Table caption={caption} className="table-cards orders-cards">
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Customer</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Total
          </th>
          <th scope="col">Ship by</th>
          <th scope="col">Placed</th>
          <th scope="col">Channel</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => {
          const late = o.shipBy !== undefined && o.shipBy < now && !DONE.includes(o.status);
          return (
            <tr key={o._id}>
              <td data-label="Order">
                <Link to={`/orders/${o._id}`} className="strong">
                  {o.number}
                </Link>
                {o.priority > 0 && <span className="priority-flag">{o.priority === 2 ? " Urgent" : " High"}</span>}
              </td>
              <td data-label="Customer">
                {/* Long names wrap and are cut after two lines; the whole name is in the tooltip. */}
                <span className="cell-text" title={o.customer.name}>
                  {o.customer.name}
                </span>
              </td>
              <td data-label="Status">
                <StatusBadge status={o.status} />
              </td>
              <td data-label="Total" className="num">
                {formatMoney(o.totalMinor, o.currency)}
              </td>
              <td data-label="Ship by" className={late ? "late" : undefined}>
                {formatDate(o.shipBy)}
                {late && <span className="visually-hidden"> (late)</span>}
              </td>
              <td data-label="Placed">{formatDate(o.placedAt)}</td>
              <td data-label="Channel">
                <span className="cell-text" title={o.channel}>
                  {o.channel}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
