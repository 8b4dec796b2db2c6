/**
 * /inventory — pick a warehouse, see its levels live; pick a product for its stock everywhere and
 * its ledger; receive, adjust, transfer or write off. Selection lives in the URL so it can be shared.
 */
import { useSearchParams } from "react-router-dom";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { EmptyState, Loading, LoadMore, PageHeader, Table } from "../../../components/ui";
import { ProductStock } from "../components/ProductStock";
import { StockOperations } from "../components/StockOperations";
import { IntegrityCheck } from "../components/IntegrityCheck";
import { useCan } from "../../members/hooks/useMe";

export function InventoryPage() {
  const [params, setParams] = useSearchParams();
  const warehouses = useQuery(api.warehouses.list, {});
  const chosen = params.get("warehouse");
  const warehouseId = (warehouses?.some((w) => w._id === chosen) ? chosen : warehouses?.[0]?._id) as Id<"warehouses"> | undefined;
  const productId = (params.get("product") ?? undefined) as Id<"products"> | undefined;
  const productLabel = params.get("label") ?? "";
  const isAdmin = useCan("admin");

  const select = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  if (warehouses === undefined) return <Loading label="Loading warehouses…" />;
  if (warehouses.length === 0) {
    return (
      <>
        <PageHeader title="Inventory" />
        <EmptyState title="No active warehouses">An admin can add one under Warehouses.</EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Inventory" />
      <div className="filters">
        <div className="field">
          <label htmlFor="inventory-warehouse">Warehouse</label>
          <select id="inventory-warehouse" value={warehouseId} onChange={(e) => select({ warehouse: e.target.value })}>
            {warehouses.map((w) => (
              <option key={w._id} value={w._id}>
                {w.code} — {w.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="split">
        <div className="stack">
          {warehouseId && (
            <Levels
              warehouseId={warehouseId}
              selected={productId}
              onSelect={(id, label) => select({ product: id, label })}
            />
          )}
          {productId && <ProductStock productId={productId} onClose={() => select({ product: undefined, label: undefined })} />}
        </div>
        <StockOperations
          warehouses={warehouses}
          warehouseId={warehouseId}
          product={productId ? { _id: productId, label: productLabel } : undefined}
        />
      </div>
      {isAdmin && <IntegrityCheck />}
    </>
  );
}

function Levels({
  warehouseId,
  selected,
  onSelect,
}: {
  warehouseId: Id<"warehouses">;
  selected?: string;
  onSelect: (productId: string, label: string) => void;
}) {
  const { results, status, loadMore } = usePaginatedQuery(api.inventory.levelsByWarehouse, { warehouseId }, { initialNumItems: 50 });
  if (status === "LoadingFirstPage") return <Loading label="Loading stock…" />;
  if (results.length === 0) return <EmptyState title="No stock in this warehouse yet">Receive stock to start its ledger.</EmptyState>;
  return (
    <>
      <Table caption="Stock levels" className="table-cards">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Product</th>
            <th scope="col" className="num">
              On hand
            </th>
            <th scope="col" className="num">
              Reserved
            </th>
            <th scope="col" className="num">
              Available
            </th>
            <th scope="col" className="num">
              Damaged
            </th>
            <th scope="col">Bin</th>
          </tr>
        </thead>
        <tbody>
          {results.map((l) => (
            <tr key={l._id} className={l.productId === selected ? "selected" : undefined} aria-current={l.productId === selected || undefined}>
              <td data-label="SKU" className="mono">
                {l.sku}
              </td>
              <td data-label="Product" className="wide-cell">
                <button type="button" className="row-button" onClick={() => onSelect(l.productId, `${l.sku} — ${l.productName}`)}>
                  {l.productName}
                </button>
              </td>
              <td data-label="On hand" className="num">
                {l.onHand}
              </td>
              <td data-label="Reserved" className="num">
                {l.reserved}
              </td>
              <td data-label="Available" className={["num", "strong", l.available === 0 ? "late" : ""].join(" ")}>
                {l.available}
              </td>
              <td data-label="Damaged" className="num">
                {l.damaged}
              </td>
              <td data-label="Bin" className="mono">
                {l.bin ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore status={status} onLoadMore={() => loadMore(50)} />
    </>
  );
}
