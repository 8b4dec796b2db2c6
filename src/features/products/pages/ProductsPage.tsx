/**
 * /products, the view — the catalog. Supervisors read and search (name, SKU, barcode; the words in
 * the URL); admins create, edit, deactivate and reactivate. The list itself is ProductList.
 */
import { usePagedRows } from "../../../lib/paging";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Button, Dialog, PageHeader, useToast } from "../../../components/ui";
import { useListParams } from "../../../lib/useListParams";
import { ProductList } from "../components/ProductList";

import { useAppMutation } from "../../../lib/useAppMutation";
import { useRowEditor } from "../../../lib/useRowEditor";
import { useCan } from "../../members/hooks/useMe";
import { ProductForm } from "../components/ProductForm";

export function ProductsPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const params = useListParams(["q", "inactive"]);
  const q = params.filters.q ?? "";
  const includeInactive = params.filters.inactive === "1";
  const products = usePagedRows(api.products.list, q ? "skip" : { includeInactive }, 50);
  const found = useQuery(api.search.products, q ? { text: q, includeInactive } : "skip");
  const editor = useRowEditor<Doc<"products">, typeof api.products.create, typeof api.products.update>(
    api.products.create,
    api.products.update,
  );
  const setActive = useAppMutation(api.products.setActive);

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
            <Button variant="primary" onClick={() => editor.open()}>
              New product
            </Button>
          )
        }
      />
      <ProductList
        q={q}
        includeInactive={includeInactive}
        onFilters={params.set}
        rows={q ? found : products.rows}
        pagination={q ? undefined : products.pagination}
        isAdmin={isAdmin}
        onEdit={(product) => editor.open(product)}
        onToggleActive={(product) => void toggleActive(product)}
      />
      <Dialog {...editor.dialog((product) => (product ? `Edit ${product.sku}` : "New product"))} wide>
        {editor.editing && (
          <ProductForm
            key={editor.editing.row?._id ?? "new"}
            product={editor.editing.row}
            {...editor.host}
            onSubmit={(product) =>
              editor.save(
                (row) => (row ? editor.update.attempt({ id: row._id, product }) : editor.create.attempt({ product })),
                `${product.sku} saved.`,
              )
            }
          />
        )}
      </Dialog>
    </>
  );
}
