/** Return ratio by SKU (units back ÷ units shipped), with each reason's share. */
import { REASON_LABELS, type ReturnReason } from "../../../../convex/lib/returns";
import { EmptyState, LoadMore, Table } from "../../../components/ui";
import { formatPercent } from "../lib/boards";

export type ReturnsRow = {
  productId: string;
  sku: string;
  shipped: number;
  returned: number;
  ratio: number | null;
  byReason: { reason: string; units: number; ratio: number | null }[];
};
type Status = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";

const reasonLabel = (r: string) => REASON_LABELS[r as ReturnReason] ?? r;

export function ReturnsTable({
  rows,
  status,
  onLoadMore,
}: {
  rows: ReturnsRow[];
  status: Status;
  onLoadMore: () => void;
}) {
  if (rows.length === 0)
    return (
      <EmptyState title="No returns yet">Units received back on a return show here against what shipped.</EmptyState>
    );
  return (
    <>
      <Table caption="Return ratio by SKU and reason">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col" className="num">
              Shipped
            </th>
            <th scope="col" className="num">
              Returned
            </th>
            <th scope="col" className="num">
              Ratio
            </th>
            <th scope="col">By reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.productId}>
              <td>{r.sku}</td>
              <td className="num">{r.shipped}</td>
              <td className="num">{r.returned}</td>
              <td className="num">{formatPercent(r.ratio)}</td>
              <td>
                {r.byReason.length === 0
                  ? "—"
                  : r.byReason
                      .map((x) => `${reasonLabel(x.reason)} ${x.units} (${formatPercent(x.ratio)})`)
                      .join(" · ")}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore status={status} onLoadMore={onLoadMore} />
    </>
  );
}
