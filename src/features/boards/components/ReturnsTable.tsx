/** Return ratio by SKU (units back ÷ units shipped), with each reason's share. */
import { REASON_LABELS, type ReturnReason } from "../../../../convex/lib/returns";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { formatPercent, type BoardPage } from "../lib/boards";

export type ReturnsRow = {
  productId: string;
  sku: string;
  shipped: number;
  returned: number;
  ratio: number | null;
  byReason: { reason: string; units: number; ratio: number | null }[];
};

const reasonLabel = (r: string) => REASON_LABELS[r as ReturnReason] ?? r;

const columns: Column<ReturnsRow>[] = [
  { key: "sku", header: "SKU", priority: "primary", cell: (r) => r.sku },
  { key: "shipped", header: "Shipped", align: "num", cell: (r) => r.shipped },
  { key: "returned", header: "Returned", align: "num", cell: (r) => r.returned },
  { key: "ratio", header: "Ratio", align: "num", cell: (r) => formatPercent(r.ratio) },
  {
    key: "reasons",
    header: "By reason",
    cell: (r) =>
      r.byReason.length === 0
        ? "—"
        : r.byReason.map((x) => `${reasonLabel(x.reason)} ${x.units} (${formatPercent(x.ratio)})`).join(" · "),
  },
];

export function ReturnsTable({ page }: { page: BoardPage<ReturnsRow> }) {
  return (
    <DataTable
      caption="Return ratio by SKU and reason"
      columns={columns}
      {...page}
      rowKey={(r) => r.productId}
      empty={{ title: "No returns yet", body: "Units received back on a return show here against what shipped." }}
    />
  );
}
