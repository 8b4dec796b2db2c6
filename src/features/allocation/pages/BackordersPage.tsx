/**
 * /backorders — the FIFO backorder queue, served top to bottom (urgent first, then oldest).
 * Optionally narrowed to one product (?product=<id>), where the row number is the position.
 */
import { usePagedRows } from "../../../lib/paging";
import { Link } from "react-router-dom";
import { useListParams } from "../../../lib/useListParams";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { FunctionReturnType } from "convex/server";
import { Badge, PageHeader } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { formatDateTime } from "../../../lib/format";
import { StatusBadge } from "../../orders/components/StatusBadge";
import { rankLabel } from "../../../../convex/lib/orderStatus";

type Row = FunctionReturnType<typeof api.allocation.backorderQueue>["page"][number] & { position: number };

export function BackordersPage() {
  const list = useListParams(["product"]);
  const productId = list.get("product") as Id<"products"> | undefined;
  const queue = usePagedRows(api.allocation.backorderQueue, { productId }, 50);
  const columns: Column<Row>[] = [
    { key: "position", header: "#", cell: (b) => b.position },
    {
      key: "product",
      header: "Product",
      priority: "primary",
      cell: (b) => (
        <>
          <button type="button" className="link-button" onClick={() => list.set({ product: b.productId })}>
            {b.sku}
          </button>{" "}
          <span className="muted">{b.productName}</span>
        </>
      ),
    },
    { key: "units", header: "Units", align: "num", cell: (b) => b.quantity },
    {
      key: "order",
      header: "Order",
      cell: (b) => (
        <>
          <Link to={`/orders/${b.orderId}`}>{b.orderNumber}</Link>{" "}
          {b.orderStatus && <StatusBadge status={b.orderStatus} />}
        </>
      ),
    },
    {
      key: "priority",
      header: "Priority",
      cell: (b) =>
        b.rank < 2 ? <Badge tone={b.rank === 0 ? "danger" : "warning"}>{rankLabel(b.rank)}</Badge> : rankLabel(b.rank),
    },
    { key: "since", header: "Waiting since", cell: (b) => formatDateTime(b.queuedAt) },
  ];
  return (
    <>
      <PageHeader title="Backorder queue">
        <p className="muted">
          Waiting units are filled automatically, in this order, the moment a receipt makes stock available.
          {productId && (
            <>
              {" "}
              Showing one product.{" "}
              <button type="button" className="link-button" onClick={() => list.set({ product: undefined })}>
                Show all
              </button>
            </>
          )}
        </p>
      </PageHeader>
      <DataTable
        caption="Backordered lines in the order they will be filled"
        columns={columns}
        rows={queue.rows?.map((b, i) => ({ ...b, position: i + 1 }))}
        rowKey={(b) => b._id}
        loadingLabel="Loading the queue…"
        empty={{ title: "Nothing is waiting", body: "Every ordered unit has a source." }}
        pagination={queue.pagination}
      />
    </>
  );
}
