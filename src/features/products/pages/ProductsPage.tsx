/**
 * /products, the view — the catalog. Supervisors read and search (name, SKU, barcode; the words in
 * the URL); admins create, edit, deactivate and reactivate. The list itself is ProductList.
 */
import { useState } from "react";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Button, Dialog, PageHeader, useToast } from "../../../components/ui";
import { useListParams } from "../../../lib/useListParams";
import { ProductList } from "../components/ProductList";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { ProductForm } from "../components/ProductForm";

type Editing = { product?: Doc<"products"> } | null;

export function ProductsPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const params = useListParams(["q", "inactive"]);
  const q = params.filters.q ?? "";
  const includeInactive = params.filters.inactive === "1";
  const [editing, setEditing] = useState<Editing>(null);
  const { results, status, loadMore } = usePaginatedQuery(api.products.list, q ? "skip" : { includeInactive }, {
    initialNumItems: 50,
  });
  const found = useQuery(api.search.products, q ? { text: q, includeInactive } : "skip");
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
      <ProductList
        q={q}
        includeInactive={includeInactive}
        onFilters={params.set}
        rows={q ? found : status === "LoadingFirstPage" ? undefined : results}
        pagination={q ? undefined : { status, onLoadMore: () => loadMore(50) }}
        isAdmin={isAdmin}
        onEdit={(product) => setEditing({ product })}
        onToggleActive={(product) => void toggleActive(product)}
      />
      <Dialog
        open={editing !== null}
        title={editing?.product ? `Edit ${editing.product.sku}` : "New product"}
        onClose={close}
        wide
      >
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
              const r = editing.product
                ? await update.attempt({ id: editing.product._id, product })
                : await create.attempt({ product });
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
