import type { Doc } from "../../../../convex/_generated/dataModel";
import { formatMoney, lineTotal } from "../../../../convex/lib/money";
import { Table } from "../../../components/ui";

const COLUMNS = [
  ["quantity", "Ordered"],
  ["unallocated", "Unallocated"],
  ["allocated", "Allocated"],
  ["backordered", "Backordered"],
  ["dropshipped", "Dropshipped"],
  ["cancelled", "Cancelled"],
  ["picked", "Picked"],
  ["shipped", "Shipped"],
  ["returned", "Returned"],
] as const;

export function LinesTable({ lines, currency }: { lines: Doc<"orderLines">[]; currency: string }) {
  return (
    <Table caption="Order lines" className="table-cards lines-table">
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Product</th>
          <th scope="col" className="num">
            Unit price
          </th>
          {COLUMNS.map(([key, label]) => (
            <th scope="col" key={key} className="num">
              {label}
            </th>
          ))}
          <th scope="col" className="num">
            Line total
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l._id}>
            <td data-label="SKU" className="mono">
              {l.sku}
            </td>
            <td data-label="Product" className="wide-cell">{l.name}</td>
            <td data-label="Unit price" className="num">
              {formatMoney(l.unitPriceMinor, currency)}
            </td>
            {COLUMNS.map(([key, label]) => (
              <td key={key} data-label={label} className={["num", l[key] === 0 && key !== "quantity" ? "zero" : ""].join(" ")}>
                {l[key]}
              </td>
            ))}
            <td data-label="Line total" className="num">
              {formatMoney(lineTotal(l.unitPriceMinor, l.quantity - l.cancelled), currency)}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
