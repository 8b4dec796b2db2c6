/** Create or edit a product. Duplicate SKU / barcode refusals land under their inputs. */
import type { Doc } from "../../../../convex/_generated/dataModel";
import type { ProductInput } from "../../../lib/api-types";
import { CURRENCIES } from "../../../../convex/lib/money";
import { MAX_BARCODES } from "../../../../convex/lib/bounds";
import { Button, FormActions, FormError, SelectField, TextAreaField, TextField } from "../../../components/ui";
import { useForm, type FormHostProps } from "../../../lib/useForm";
import { fieldProps, hostServer } from "../../../lib/formFields";
import { MEASURES, productFormValues, validateProductForm, type ProductFormValues } from "../lib/productForm";

export function ProductForm({ product, ...host }: { product?: Doc<"products"> } & FormHostProps<ProductInput>) {
  const { pending, serverError, serverFields, clearServerField, onSubmit, onCancel } = host;
  const f = useForm(() => productFormValues(product), validateProductForm, hostServer(host));
  const text = (key: keyof Omit<ProductFormValues, "barcodes" | "currency">, path: string = key) =>
    fieldProps(f, key, path);
  const setBarcode = (i: number, value: string) =>
    f.change(`barcodes.${i}`, (v) => ({ ...v, barcodes: v.barcodes.map((b, j) => (j === i ? value : b)) }));
  const removeBarcode = (i: number) => {
    f.setValues((v) => ({ ...v, barcodes: v.barcodes.filter((_, j) => j !== i) }));
    for (const key of Object.keys(serverFields)) if (key.startsWith("barcodes.")) clearServerField(key);
  };

  return (
    <form onSubmit={f.handleSubmit(onSubmit)} noValidate>
      <FormError message={serverError} />
      <div className="grid-2">
        <TextField label="SKU" limit="code" required autoComplete="off" {...text("sku")} />
        <TextField label="Name" limit="name" required {...text("name")} />
      </div>
      <TextAreaField label="Description" rows={2} {...text("description")} />
      <fieldset className="plain-fieldset">
        <legend>Barcodes</legend>
        {f.values.barcodes.length === 0 && <p className="muted">No barcodes yet.</p>}
        {f.values.barcodes.map((code, i) => (
          <div key={i} className="barcode-row">
            <TextField
              label={`Barcode ${i + 1}`}
              value={code}
              inputMode="text"
              onChange={(e) => setBarcode(i, e.target.value)}
              onBlur={() => f.touch(`barcodes.${i}`)}
              error={f.error(`barcodes.${i}`)}
            />
            <Button
              variant="ghost"
              className="barcode-remove"
              onClick={() => removeBarcode(i)}
              aria-label={`Remove barcode ${i + 1}`}
            >
              Remove
            </Button>
          </div>
        ))}
        {f.values.barcodes.length < MAX_BARCODES ? (
          <Button size="sm" onClick={() => f.setValues((v) => ({ ...v, barcodes: [...v.barcodes, ""] }))}>
            Add barcode
          </Button>
        ) : (
          <p className="muted">A product has at most {MAX_BARCODES} barcodes.</p>
        )}
      </fieldset>
      <div className="grid-4">
        {MEASURES.map(([key, label]) => (
          <TextField key={key} label={label} required inputMode="numeric" {...text(key)} />
        ))}
      </div>
      <div className="grid-3">
        <TextField label="Price" required inputMode="decimal" {...text("price", "priceMinor")} />
        <TextField label="Cost" required inputMode="decimal" {...text("cost", "costMinor")} />
        <SelectField
          label="Currency"
          value={f.values.currency}
          onChange={(e) =>
            f.change("currency", (v) => ({ ...v, currency: e.target.value as ProductFormValues["currency"] }))
          }
          error={f.error("currency")}
        >
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </SelectField>
      </div>
      <FormActions onCancel={onCancel} submitLabel={product ? "Save product" : "Create product"} pending={pending} />
    </form>
  );
}
