/**
 * The order's lines. On a 1366 px screen the main figures fit (ordered, allocated, picked,
 * shipped, line total); the rest of the arithmetic (unit price, unallocated, backordered,
 * dropshipped, cancelled, returned) is behind "Show every quantity".
 */
import { useState } from "react";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { formatMoney, lineTotal } from "../../../../convex/lib/money";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import "./orderJourney.css";

type Line = Doc<"orderLines">;
type Quantity =
  | "quantity"
  | "unallocated"
  | "allocated"
  | "backordered"
  | "dropshipped"
  | "cancelled"
  | "picked"
  | "shipped"
  | "returned";

const QUANTITIES: readonly { key: Quantity; label: string; secondary?: true }[] = [
  { key: "quantity", label: "Ordered" },
  { key: "unallocated", label: "Unallocated", secondary: true },
  { key: "allocated", label: "Allocated" },
  { key: "backordered", label: "Backordered", secondary: true },
  { key: "dropshipped", label: "Dropshipped", secondary: true },
  { key: "cancelled", label: "Cancelled", secondary: true },
  { key: "picked", label: "Picked" },
  { key: "shipped", label: "Shipped" },
  { key: "returned", label: "Returned", secondary: true },
];

function lineColumns(currency: string): Column<Line>[] {
  return [
    { key: "sku", header: "SKU", priority: "primary", cell: (l) => <span className="mono">{l.sku}</span> },
    { key: "name", header: "Product", className: () => "wide-cell", cell: (l) => l.name },
    {
      key: "unitPrice",
      header: "Unit price",
      align: "num",
      defaultHidden: true,
      cell: (l) => formatMoney(l.unitPriceMinor, currency),
    },
    ...QUANTITIES.map((q): Column<Line> => ({
      key: q.key,
      header: q.label,
      align: "num",
      defaultHidden: q.secondary,
      className: (l) => (l[q.key] === 0 && q.key !== "quantity" ? "zero" : undefined),
      cell: (l) => l[q.key],
    })),
    {
      key: "total",
      header: "Line total",
      align: "num",
      cell: (l) => formatMoney(lineTotal(l.unitPriceMinor, l.quantity - l.cancelled), currency),
    },
  ];
}

export function LinesTable({ lines, currency }: { lines: Line[]; currency: string }) {
  const [all, setAll] = useState(false);
  const columns = lineColumns(currency);
  // Something a hidden column would show (a backorder, a cancel, a return) is said above the table.
  const hiddenNonZero = QUANTITIES.filter((q) => q.secondary && lines.some((l) => l[q.key] > 0)).map((q) =>
    q.label.toLowerCase(),
  );
  return (
    <div className="lines">
      <div className="lines-toolbar">
        <button type="button" className="btn btn-secondary btn-sm" aria-pressed={all} onClick={() => setAll((a) => !a)}>
          {all ? "Show the main quantities" : "Show every quantity"}
        </button>
        {!all && hiddenNonZero.length > 0 && (
          <span className="muted">{`Also on these lines: ${hiddenNonZero.join(", ")}.`}</span>
        )}
      </div>
      <DataTable
        caption="Order lines"
        className="lines-table"
        columns={columns}
        rows={lines}
        rowKey={(l) => l._id}
        empty={{ title: "This order has no lines" }}
        visible={all ? columns.map((c) => c.key) : undefined}
      />
    </div>
  );
}
