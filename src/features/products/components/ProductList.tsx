/** The products list (props only): search box, "show deactivated", the table with admin actions. */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../../convex/_generated/api";
import { formatMoney } from "../../../../convex/lib/money";
import { Badge } from "../../../components/ui";
import { EditActiveActions } from "../../../components/ui/RowActions";
import { DataTable, type Column, type PageStatus } from "../../../components/ui/DataTable";
import { ListSearch } from "../../../components/ui/ListSearch";
import { ScanEveryUnitToggle } from "../../floor/components/ScanEveryUnitToggle";

export type ProductRow = FunctionReturnType<typeof api.products.list>["page"][number];

export type ProductListProps = {
  q: string;
  includeInactive: boolean;
  onFilters: (changes: { q?: string; inactive?: string }) => void;
  rows: ProductRow[] | undefined;
  pagination?: { status: PageStatus; onLoadMore: () => void };
  isAdmin: boolean;
  onEdit: (p: ProductRow) => void;
  onToggleActive: (p: ProductRow) => void;
};

export function ProductList(p: ProductListProps) {
  const columns: Column<ProductRow>[] = [
    { key: "sku", header: "SKU", priority: "primary", cell: (r) => <span className="mono">{r.sku}</span> },
    { key: "name", header: "Name", cell: (r) => r.name, className: () => "wide-cell" },
    { key: "barcodes", header: "Barcodes", cell: (r) => <span className="mono">{r.barcodes.join(", ") || "—"}</span> },
    { key: "weight", header: "Weight", align: "num", cell: (r) => `${r.weightGrams} g` },
    { key: "size", header: "L×W×H mm", cell: (r) => `${r.lengthMm}×${r.widthMm}×${r.heightMm}` },
    { key: "price", header: "Price", align: "num", cell: (r) => formatMoney(r.priceMinor, r.currency) },
    { key: "cost", header: "Cost", align: "num", cell: (r) => formatMoney(r.costMinor, r.currency) },
    {
      key: "status",
      header: "Status",
      cell: (r) => (
        <>
          {r.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Inactive</Badge>}{" "}
          <ScanEveryUnitToggle product={r} />
        </>
      ),
    },
    ...(p.isAdmin
      ? [
          {
            key: "actions",
            header: "Actions",
            cell: (r: ProductRow) => (
              <EditActiveActions
                name={r.sku}
                active={r.active}
                onEdit={() => p.onEdit(r)}
                onToggle={() => p.onToggleActive(r)}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <ListSearch
        id="product-q"
        label="Search products"
        placeholder="Name, SKU or barcode"
        value={p.q}
        onSearch={(q) => p.onFilters({ q })}
      />
      <div className="filters">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={p.includeInactive}
            onChange={(e) => p.onFilters({ inactive: e.target.checked ? "1" : undefined })}
          />
          Show deactivated products
        </label>
      </div>
      <DataTable
        caption={p.q ? `Products matching “${p.q}”` : "Products"}
        columns={columns}
        rows={p.rows}
        rowKey={(r) => r._id}
        loadingLabel="Loading products…"
        empty={
          p.q
            ? { title: `No product matches “${p.q}”` }
            : {
                title: "No products yet",
                body: p.isAdmin ? <p>Add the first product to start taking orders.</p> : undefined,
              }
        }
        pagination={p.pagination}
      />
    </>
  );
}
