/** Unallocated demand: units waiting per product (bars scaled to the largest), with the oldest wait. */
import { Link } from "react-router-dom";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { formatDateTime } from "../../../lib/format";
import { NOW_BUCKET_MS } from "../../../../convex/lib/clock";
import { formatDuration, type BoardPage } from "../lib/boards";

export type DemandRow = {
  productId: string;
  sku: string;
  name: string;
  unallocated: number;
  backordered: number;
  units: number;
  oldestQueuedAt?: number;
};
/** How long the oldest unit has waited; "now" is a 5-minute bucket, so shorter waits read "< 5 min". */
const waitText = (queuedAt: number | undefined, now: number) =>
  queuedAt === undefined ? "—" : now - queuedAt < NOW_BUCKET_MS ? "< 5 min" : formatDuration(now - queuedAt);

export function DemandTable({ page, now }: { page: BoardPage<DemandRow>; now: number }) {
  const max = Math.max(1, ...page.rows.map((r) => r.units));
  const columns: Column<DemandRow>[] = [
    {
      key: "product",
      header: "Product",
      priority: "primary",
      cell: (r) => (
        <>
          <Link to={`/backorders?product=${r.productId}`}>{r.sku}</Link> <span className="muted">{r.name}</span>
        </>
      ),
    },
    { key: "backordered", header: "Backordered", align: "num", cell: (r) => r.backordered },
    { key: "unallocated", header: "Undecided", align: "num", cell: (r) => r.unallocated },
    {
      key: "waiting",
      header: "Waiting",
      columnClass: "demand-bar-col",
      cell: (r) => (
        <>
          <span className="demand-bar" style={{ width: `${Math.max(4, (r.units / max) * 100)}%` }} aria-hidden="true" />
          <span className="visually-hidden">{r.units} units</span>
        </>
      ),
    },
    {
      key: "oldest",
      header: "Oldest wait",
      cell: (r) => <span title={formatDateTime(r.oldestQueuedAt)}>{waitText(r.oldestQueuedAt, now)}</span>,
    },
  ];
  return (
    <DataTable
      caption="Units waiting per product, most first"
      columns={columns}
      {...page}
      rowKey={(r) => r.productId}
      empty={{ title: "No unallocated demand", body: "Every ordered unit has a source." }}
    />
  );
}
