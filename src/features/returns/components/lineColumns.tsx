/** The columns every table of an order's returnable or returned lines starts from (new RMA, RMA page). */
import { formatMoney } from "../../../../convex/lib/money";
import type { Column } from "../../../components/ui/DataTable";

type Line = { sku: string; name: string; unitPriceMinor: number };

export function lineColumns<T extends Line>(currency: string) {
  return {
    /** A right-aligned count of the line's units. */
    count: (key: string, header: string, count: (row: T) => number): Column<T> => ({
      key,
      header,
      align: "num",
      cell: count,
    }),
    sku: { key: "sku", header: "SKU", priority: "primary", className: () => "mono", cell: (l) => l.sku },
    product: { key: "product", header: "Product", cell: (l) => l.name },
    unitPrice: {
      key: "unitPrice",
      header: "Unit price",
      align: "num",
      cell: (l) => formatMoney(l.unitPriceMinor, currency),
    },
  } satisfies Record<string, Column<T> | ((...a: never[]) => Column<T>)>;
}
