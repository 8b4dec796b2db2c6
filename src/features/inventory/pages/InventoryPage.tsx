/**
 * /inventory — pick a warehouse, see its levels live; pick a product for its stock everywhere and
 * its ledger; receive, adjust, transfer or write off; search by name, SKU or barcode. Selection and
 * search words live in the URL so they can be shared.
 */
import { usePagedRows } from "../../../lib/paging";
import type { FunctionReturnType } from "convex/server";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { EmptyState, Loading, PageHeader } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { ListSearch } from "../../../components/ui/ListSearch";
import { ProductStock } from "../components/ProductStock";
import { StockOperations } from "../components/StockOperations";
import { IntegrityCheck } from "../components/IntegrityCheck";
import { useCan } from "../../members/hooks/useMe";
import { useListParams } from "../../../lib/useListParams";
import { WarehousePicker } from "../../floor/components/WarehousePicker";

export function InventoryPage() {
  const list = useListParams(["warehouse", "product", "label", "q"]);
  const warehouses = useQuery(api.warehouses.list, {});
  const chosen = list.get("warehouse");
  const warehouseId = (warehouses?.some((w) => w._id === chosen) ? chosen : warehouses?.[0]?._id) as
    Id<"warehouses"> | undefined;
  const productId = list.get("product") as Id<"products"> | undefined;
  const productLabel = list.get("label") ?? "";
  const q = list.get("q") ?? "";
  const isAdmin = useCan("admin");

  const select = list.set;

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
        <WarehousePicker warehouses={warehouses} value={warehouseId} onChange={(warehouse) => select({ warehouse })} />
      </div>
      <div className="split">
        <div className="stack">
          <ListSearch
            id="inventory-q"
            label="Search stock"
            placeholder="Name, SKU or barcode"
            value={q}
            onSearch={(text) => select({ q: text })}
          />
          {warehouseId && (
            <Levels
              warehouseId={warehouseId}
              q={q}
              selected={productId}
              onSelect={(id, label) => select({ product: id, label })}
            />
          )}
          {productId && (
            <ProductStock productId={productId} onClose={() => select({ product: undefined, label: undefined })} />
          )}
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

type LevelRow = FunctionReturnType<typeof api.inventory.levelsByWarehouse>["page"][number];

function levelColumns(onSelect: (productId: string, label: string) => void): Column<LevelRow>[] {
  return [
    { key: "sku", header: "SKU", priority: "primary", cell: (l) => <span className="mono">{l.sku}</span> },
    {
      key: "product",
      header: "Product",
      className: () => "wide-cell",
      cell: (l) => (
        <button
          type="button"
          className="row-button"
          onClick={() => onSelect(l.productId, `${l.sku} — ${l.productName}`)}
        >
          {l.productName}
        </button>
      ),
    },
    { key: "onHand", header: "On hand", align: "num", cell: (l) => l.onHand },
    { key: "reserved", header: "Reserved", align: "num", cell: (l) => l.reserved },
    {
      key: "available",
      header: "Available",
      align: "num",
      className: (l) => ["strong", l.available === 0 ? "late" : ""].join(" "),
      cell: (l) => l.available,
    },
    { key: "damaged", header: "Damaged", align: "num", cell: (l) => l.damaged },
    { key: "bin", header: "Bin", cell: (l) => <span className="mono">{l.bin ?? "—"}</span> },
  ];
}

/** The warehouse's levels, live; with words, the levels of the products that match (name, SKU, barcode). */
function Levels({
  warehouseId,
  q,
  selected,
  onSelect,
}: {
  warehouseId: Id<"warehouses">;
  q: string;
  selected?: string;
  onSelect: (productId: string, label: string) => void;
}) {
  const levels = usePagedRows(api.inventory.levelsByWarehouse, q ? "skip" : { warehouseId }, 50);
  const found = useQuery(api.search.inventory, q ? { text: q, warehouseId } : "skip");
  return (
    <DataTable
      caption={q ? `Stock levels matching “${q}”` : "Stock levels"}
      columns={levelColumns(onSelect)}
      rows={q ? found : levels.rows}
      rowKey={(l) => l._id}
      loadingLabel="Loading stock…"
      empty={
        q
          ? { title: `No stock here matches “${q}”` }
          : { title: "No stock in this warehouse yet", body: "Receive stock to start its ledger." }
      }
      pagination={q ? undefined : levels.pagination}
      rowClassName={(l) => (l.productId === selected ? "selected" : undefined)}
    />
  );
}
