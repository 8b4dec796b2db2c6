/** Unallocated demand: units waiting per product (bars scaled to the largest), with the oldest wait. */
import { Link } from "react-router-dom";
import { EmptyState, LoadMore, Table } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { NOW_BUCKET_MS } from "../../../../convex/lib/clock";
import { formatDuration } from "../lib/boards";

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

type Status = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";

export function DemandTable({
  rows,
  now,
  status,
  onLoadMore,
}: {
  rows: DemandRow[];
  now: number;
  status: Status;
  onLoadMore: () => void;
}) {
  if (rows.length === 0) return <EmptyState title="No unallocated demand">Every ordered unit has a source.</EmptyState>;
  const max = Math.max(...rows.map((r) => r.units));
  return (
    <>
      <Table caption="Units waiting per product, most first">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" className="num">
              Backordered
            </th>
            <th scope="col" className="num">
              Undecided
            </th>
            <th scope="col" className="demand-bar-col">
              Waiting
            </th>
            <th scope="col">Oldest wait</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.productId}>
              <td>
                <Link to={`/backorders?product=${r.productId}`}>{r.sku}</Link> <span className="muted">{r.name}</span>
              </td>
              <td className="num">{r.backordered}</td>
              <td className="num">{r.unallocated}</td>
              <td className="demand-bar-col">
                <span
                  className="demand-bar"
                  style={{ width: `${Math.max(4, (r.units / max) * 100)}%` }}
                  aria-hidden="true"
                />
                <span className="visually-hidden">{r.units} units</span>
              </td>
              <td title={formatDateTime(r.oldestQueuedAt)}>{waitText(r.oldestQueuedAt, now)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore status={status} onLoadMore={onLoadMore} />
    </>
  );
}
