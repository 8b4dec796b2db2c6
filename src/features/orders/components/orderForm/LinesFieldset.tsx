/** The order lines: product (picker), quantity and unit price per line; add and remove lines; the running total. */
import type { Doc } from "../../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../../convex/lib/money";
import { Button, Field, TextField } from "../../../../components/ui";
import { minorToMajorText } from "../../../../lib/format";
import { ProductPicker, productLabel } from "../../../products/components/ProductPicker";
import { emptyLine, orderTotalMinor, shippingChargedMinor, type LineDraft } from "../../lib/orderForm";
import type { OrderFormState } from "./types";

const onLine = (i: number) => <span className="visually-hidden">, line {i + 1}</span>;

export function LinesFieldset({ form }: { form: OrderFormState }) {
  const { values } = form;
  const setLine = (index: number, path: string, patch: Partial<LineDraft>) =>
    form.change(`lines.${index}.${path}`, (v) => ({
      ...v,
      lines: v.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)),
    }));
  const selectProduct = (index: number, p: Doc<"products"> | undefined) => {
    setLine(
      index,
      "productId",
      p
        ? {
            productId: p._id,
            productLabel: productLabel(p),
            productSku: p.sku,
            productCurrency: p.currency,
            unitPrice: minorToMajorText(p.priceMinor),
          }
        : { productId: "", productLabel: "", productSku: "", productCurrency: "" },
    );
    if (p) form.clearPrefix(`lines.${index}.unitPriceMinor`);
  };
  const setLines = (update: (lines: LineDraft[]) => LineDraft[]) => {
    form.setValues((v) => ({ ...v, lines: update(v.lines) }));
    form.clearPrefix("lines");
  };
  // Checked before it is computed (never a render-time error for a huge quantity or price).
  const total = orderTotalMinor(values);
  const shipping = shippingChargedMinor(values);
  const linesError = form.error("lines");
  return (
    <fieldset className="card">
      <legend>Lines</legend>
      {linesError && (
        <p className="field-error" role="alert">
          {linesError}
        </p>
      )}
      <ol className="line-list">
        {values.lines.map((line, i) => (
          <li key={line.key} className="line-row">
            <Field
              className="line-product"
              label={<>Product{onLine(i)}</>}
              required
              error={form.error(`lines.${i}.productId`)}
            >
              {(control) => (
                <ProductPicker
                  control={control}
                  selectedLabel={line.productLabel}
                  onSelect={(p) => selectProduct(i, p)}
                />
              )}
            </Field>
            <TextField
              className="line-qty"
              label={<>Quantity{onLine(i)}</>}
              required
              inputMode="numeric"
              value={line.quantity}
              onChange={(e) => setLine(i, "quantity", { quantity: e.target.value })}
              {...form.bind(`lines.${i}.quantity`)}
            />
            <TextField
              className="line-price"
              label={
                <>
                  Unit price ({values.currency}){onLine(i)}
                </>
              }
              required
              inputMode="decimal"
              value={line.unitPrice}
              onChange={(e) => setLine(i, "unitPriceMinor", { unitPrice: e.target.value })}
              {...form.bind(`lines.${i}.unitPriceMinor`)}
            />
            <div className="line-remove">
              <Button
                variant="ghost"
                onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                disabled={values.lines.length === 1}
                aria-label={`Remove line ${i + 1}`}
              >
                Remove
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <div className="lines-footer">
        <Button onClick={() => setLines((ls) => [...ls, emptyLine()])}>Add line</Button>
        <span className="order-total" aria-live="polite">
          Total <strong>{total === undefined ? "too large" : formatMoney(total, values.currency)}</strong>
          {shipping ? <> + shipping {formatMoney(shipping, values.currency)}</> : null}
        </span>
      </div>
    </fieldset>
  );
}
