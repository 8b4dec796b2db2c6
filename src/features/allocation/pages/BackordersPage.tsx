/**
 * /backorders — the FIFO backorder queue, served top to bottom (urgent first, then oldest).
 * Optionally narrowed to one product (?product=<id>), where the row number is the position.
 */
import { Link, useSearchParams } from "react-router-dom";
import { usePaginatedQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Badge, EmptyState, Loading, LoadMore, PageHeader, Table } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { StatusBadge } from "../../orders/components/StatusBadge";

const RANK_LABEL = ["Urgent", "High", "Normal"];

export function BackordersPage() {
  const [params, setParams] = useSearchParams();
  const productId = (params.get("product") ?? undefined) as Id<"products"> | undefined;
  const { results, status, loadMore } = usePaginatedQuery(api.allocation.backorderQueue, { productId }, { initialNumItems: 50 });
  return (
    <>
      <PageHeader title="Backorder queue">
        <p className="muted">
          Waiting units are filled automatically, in this order, the moment a receipt makes stock available.
          {productId && (
            <>
              {" "}
              Showing one product. <button type="button" className="link-button" onClick={() => setParams({})}>Show all</button>
            </>
          )}
        </p>
      </PageHeader>
      {status === "LoadingFirstPage" ? (
        <Loading label="Loading the queue…" />
      ) : results.length === 0 ? (
        <EmptyState title="Nothing is waiting">Every ordered unit has a source.</EmptyState>
      ) : (
        <Table caption="Backordered lines in the order they will be filled">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Product</th>
              <th scope="col" className="num">Units</th>
              <th scope="col">Order</th>
              <th scope="col">Priority</th>
              <th scope="col">Waiting since</th>
            </tr>
          </thead>
          <tbody>
            {results.map((b, i) => (
              <tr key={b._id}>
                <td>{i + 1}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setParams({ product: b.productId })}>
                    {b.sku}
                  </button>{" "}
                  <span className="muted">{b.productName}</span>
                </td>
                <td className="num">{b.quantity}</td>
                <td>
                  <Link to={`/orders/${b.orderId}`}>{b.orderNumber}</Link> {b.orderStatus && <StatusBadge status={b.orderStatus} />}
                </td>
                <td>{b.rank < 2 ? <Badge tone={b.rank === 0 ? "danger" : "warning"}>{RANK_LABEL[b.rank]}</Badge> : RANK_LABEL[b.rank]}</td>
                <td>{formatDateTime(b.queuedAt)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore status={status} onLoadMore={() => loadMore(50)} />
    </>
  );
}
