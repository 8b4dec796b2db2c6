/** /products — the catalog. Supervisors read; admins create, edit, deactivate and reactivate. */
import { useState } from "react";
import { usePaginatedQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { Badge, Button, Dialog, EmptyState, Loading, LoadMore, PageHeader, Table, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { ScanEveryUnitToggle } from "../../floor/components/ScanEveryUnitToggle";
import { ProductForm } from "../components/ProductForm";

type Editing = { product?: Doc<"products"> } | null;

export function ProductsPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const { results, status, loadMore } = usePaginatedQuery(api.products.list, { includeInactive }, { initialNumItems: 50 });
  const create = useAppMutation(api.products.create);
  const update = useAppMutation(api.products.update);
  const setActive = useAppMutation(api.products.setActive);
  const save = editing?.product ? update : create;

  const close = () => {
    create.reset();
    update.reset();
    setEditing(null);
  };

  const toggleActive = async (p: Doc<"products">) => {
    const r = await setActive.attempt({ id: p._id, active: !p.active });
    if (!r.ok) toast.show(r.message, "error");
    else toast.show(`${p.sku} ${p.active ? "deactivated" : "reactivated"}.`);
  };

  return (
    <>
      <PageHeader
        title="Products"
        actions={
          isAdmin && (
            <Button variant="primary" onClick={() => setEditing({})}>
              New product
            </Button>
          )
        }
      />
      <div className="filters">
        <label className="checkbox">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
          Show deactivated products
        </label>
      </div>
      {status === "LoadingFirstPage" ? (
        <Loading label="Loading products…" />
      ) : results.length === 0 ? (
        <EmptyState title="No products yet">{isAdmin && <p>Add the first product to start taking orders.</p>}</EmptyState>
      ) : (
        <>
          <Table caption="Products" className="table-cards">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col">Barcodes</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">L×W×H mm</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
                <th scope="col">Status</th>
                {isAdmin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {results.map((p) => (
                <tr key={p._id}>
                  <td data-label="SKU" className="mono">
                    {p.sku}
                  </td>
                  <td data-label="Name" className="wide-cell">{p.name}</td>
                  <td data-label="Barcodes" className="mono">
                    {p.barcodes.join(", ") || "—"}
                  </td>
                  <td data-label="Weight" className="num">
                    {p.weightGrams} g
                  </td>
                  <td data-label="L×W×H mm">
                    {p.lengthMm}×{p.widthMm}×{p.heightMm}
                  </td>
                  <td data-label="Price" className="num">
                    {formatMoney(p.priceMinor, p.currency)}
                  </td>
                  <td data-label="Cost" className="num">
                    {formatMoney(p.costMinor, p.currency)}
                  </td>
                  <td data-label="Status">
                    {p.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Inactive</Badge>} <ScanEveryUnitToggle product={p} />
                  </td>
                  {isAdmin && (
                    <td data-label="Actions">
                      <div className="row-actions">
                        <Button size="sm" onClick={() => setEditing({ product: p })} aria-label={`Edit ${p.sku}`}>
                          Edit
                        </Button>
                        <Button size="sm" variant={p.active ? "danger" : "secondary"} onClick={() => void toggleActive(p)}>
                          {p.active ? "Deactivate" : "Reactivate"}
                          <span className="visually-hidden"> {p.sku}</span>
                        </Button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore status={status} onLoadMore={() => loadMore(50)} />
        </>
      )}
      <Dialog open={editing !== null} title={editing?.product ? `Edit ${editing.product.sku}` : "New product"} onClose={close} wide>
        {editing && (
          <ProductForm
            key={editing.product?._id ?? "new"}
            product={editing.product}
            pending={save.pending}
            serverError={save.error}
            serverFields={save.fields}
            clearServerField={save.clearField}
            onCancel={close}
            onSubmit={async (product) => {
              const r = editing.product ? await update.attempt({ id: editing.product._id, product }) : await create.attempt({ product });
              if (r.ok) {
                toast.show(`${product.sku} saved.`);
                close();
              }
            }}
          />
        )}
      </Dialog>
    </>
  );
}
