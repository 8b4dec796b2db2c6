/** RMAs as a table (cards on phones): number, order, status, origin, reasons, units, refund. */
import { Link } from "react-router-dom";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { REASON_LABELS } from "../../../../convex/lib/returns";
import { formatDate } from "../../../lib/format";
import { Table } from "../../../components/ui";
import { RmaStatusBadge } from "./RmaStatusBadge";

export function RmasTable({ rmas, caption = "Returns" }: { rmas: Doc<"rmas">[]; caption?: string }) {
  return (
    <Table caption={caption} className="table-cards">
      <thead>
        <tr>
          <th scope="col">RMA</th>
          <th scope="col">Order</th>
          <th scope="col">Status</th>
          <th scope="col">Origin</th>
          <th scope="col">Reasons</th>
          <th scope="col" className="num">
            Units back
          </th>
          <th scope="col" className="num">
            Refund
          </th>
          <th scope="col">Opened</th>
        </tr>
      </thead>
      <tbody>
        {rmas.map((r) => (
          <tr key={r._id}>
            <td data-label="RMA">
              <Link to={`/returns/${r._id}`} className="strong mono">
                {r.number}
              </Link>
            </td>
            <td data-label="Order">
              <Link to={`/orders/${r.orderId}`} className="mono">
                {r.orderNumber}
              </Link>
            </td>
            <td data-label="Status">
              <RmaStatusBadge status={r.status} />
            </td>
            <td data-label="Origin">{r.origin === "customer" ? "Customer" : "Operator"}</td>
            <td data-label="Reasons">{r.reasons.map((x) => REASON_LABELS[x]).join(", ")}</td>
            <td data-label="Units back" className="num">
              {r.unitsSettled} / {r.unitsAuthorised}
            </td>
            <td data-label="Refund" className="num">
              {r.refundStatus === "not_due" ? "—" : formatMoney(r.refundAmountMinor, r.currency)}
              {r.refundStatus === "recorded" && <span className="muted"> (recorded)</span>}
            </td>
            <td data-label="Opened">{formatDate(r.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
