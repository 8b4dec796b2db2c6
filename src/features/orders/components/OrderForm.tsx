/**
 * The new-order form. Client errors (zod, orderForm.ts) show once a field is left or after a
 * submit attempt; server errors (`fields` of a refusal) show under the input they name until it
 * is edited. Nothing is submitted while any client error stands.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { COUNTRIES } from "../../../../convex/lib/address";
import { CURRENCIES, formatMoney } from "../../../../convex/lib/money";
import type { ManualOrderInput } from "../../../../convex/model/orders/tables";
import { Button, Field, FormError, SelectField, TextAreaField, TextField } from "../../../components/ui";
import { minorToMajorText } from "../../../lib/format";
import { useDebounced } from "../../../lib/useDebounced";
import { ProductPicker, productLabel } from "../../products/components/ProductPicker";
import { PickupFields } from "./PickupFields";
import {
  emptyLine,
  emptyOrderForm,
  KIND_LABELS,
  ORDER_KINDS,
  orderTotalMinor,
  validateOrderForm,
  type LineDraft,
  type OrderFormValues,
} from "../lib/orderForm";

export type OrderFormProps = {
  submitting: boolean;
  serverError?: string;
  serverFields: Record<string, string>;
  onClearServerField: (path: string) => void;
  onClearServerFields: (prefix: string) => void;
  onSubmit: (input: ManualOrderInput) => void;
};

type ShipToKey = keyof OrderFormValues["shipTo"];
type CustomerKey = keyof OrderFormValues["customer"];

export function OrderForm({ submitting, serverError, serverFields, onClearServerField, onClearServerFields, onSubmit }: OrderFormProps) {
  const [values, setValues] = useState<OrderFormValues>(emptyOrderForm);
  const [pickupStoreId, setPickupStoreId] = useState<Id<"warehouses"> | "">("");
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [tried, setTried] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const originalNumber = useDebounced(values.originalNumber.trim(), 300);
  const lookupOriginal = values.kind === "replacement" && originalNumber !== "";
  const original = useQuery(api.orders.findByNumber, lookupOriginal ? { number: originalNumber } : "skip");
  const originalReady = lookupOriginal && originalNumber === values.originalNumber.trim() ? original : undefined;

  const { errors, input } = validateOrderForm(values, originalReady);
  const clientShown = tried ? errors : Object.fromEntries(Object.entries(errors).filter(([k]) => touched.has(k)));
  const shown: Record<string, string> = { ...serverFields, ...clientShown };
  const errorCount = Object.keys(errors).length;

  // After a refused submit, take the keyboard to the first field that needs attention.
  useEffect(() => {
    if (focusTick === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);
  useEffect(() => {
    if (serverError) setFocusTick((t) => t + 1);
  }, [serverError]);

  const touch = (path: string) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  const edited = (path: string) => onClearServerField(path);

  const setCustomer = (key: CustomerKey, value: string) => {
    setValues((v) => ({ ...v, customer: { ...v.customer, [key]: value } }));
    edited(`customer.${key}`);
  };
  const setShipTo = (key: ShipToKey, value: string) => {
    setValues((v) => ({ ...v, shipTo: { ...v.shipTo, [key]: value } }));
    edited(`shipTo.${key}`);
  };
  const setLine = (index: number, patch: Partial<LineDraft>, path?: string) => {
    setValues((v) => ({ ...v, lines: v.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
    if (path) edited(`lines.${index}.${path}`);
  };
  const selectProduct = (index: number, p: Doc<"products"> | undefined) => {
    setLine(
      index,
      p
        ? { productId: p._id, productLabel: productLabel(p), productSku: p.sku, productCurrency: p.currency, unitPrice: minorToMajorText(p.priceMinor) }
        : { productId: "", productLabel: "", productSku: "", productCurrency: "" },
      "productId",
    );
    if (p) edited(`lines.${index}.unitPriceMinor`);
  };
  const addLine = () => {
    setValues((v) => ({ ...v, lines: [...v.lines, emptyLine()] }));
    onClearServerFields("lines");
  };
  const removeLine = (index: number) => {
    setValues((v) => ({ ...v, lines: v.lines.filter((_, i) => i !== index) }));
    onClearServerFields("lines");
  };
  const copyFromOriginal = (o: Doc<"orders">) => {
    const a = o.shipTo;
    setValues((v) => ({
      ...v,
      customer: { name: o.customer.name, email: o.customer.email, phone: o.customer.phone ?? "" },
      shipTo: {
        name: a.name,
        company: a.company ?? "",
        line1: a.line1,
        line2: a.line2 ?? "",
        city: a.city,
        region: a.region ?? "",
        postalCode: a.postalCode,
        country: a.country,
      },
      currency: o.currency,
    }));
    onClearServerFields("customer");
    onClearServerFields("shipTo");
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!input) {
      setFocusTick((t) => t + 1);
      return;
    }
    onSubmit(pickupStoreId ? { ...input, pickupStoreId } : input);
  };

  // Checked before it is computed (never a render-time error for a huge quantity or price).
  const total = orderTotalMinor(values);

  const address = (key: ShipToKey, label: string, extra: { required?: boolean; autoComplete?: string; className?: string } = {}) => (
    <TextField
      label={label}
      limit={key === "name" || key === "company" ? "name" : key === "country" ? "code" : "address"}
      required={extra.required}
      autoComplete={extra.autoComplete}
      className={extra.className}
      value={values.shipTo[key]}
      onChange={(e) => setShipTo(key, e.target.value)}
      onBlur={() => touch(`shipTo.${key}`)}
      error={shown[`shipTo.${key}`]}
    />
  );

  return (
    <form ref={formRef} className="order-form" onSubmit={submit} noValidate aria-describedby="order-form-status">
      <div id="order-form-status">
        <FormError message={serverError} />
        {tried && errorCount > 0 && !serverError && (
          <FormError message={errorCount === 1 ? "Please correct the highlighted field." : `Please correct the ${errorCount} highlighted fields.`} />
        )}
      </div>

      <fieldset className="card">
        <legend>Order</legend>
        <div className="grid-3">
          <SelectField
            label="Kind"
            value={values.kind}
            onChange={(e) => {
              setValues((v) => ({ ...v, kind: e.target.value as OrderFormValues["kind"] }));
              edited("originalOrderId");
            }}
          >
            {ORDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          {values.kind === "replacement" && (
            <TextField
              label="Original order number"
              required
              placeholder="SO-100042"
              value={values.originalNumber}
              onChange={(e) => {
                setValues((v) => ({ ...v, originalNumber: e.target.value }));
                edited("originalOrderId");
              }}
              onBlur={() => touch("originalOrderId")}
              error={shown.originalOrderId}
              hint={
                originalReady ? (
                  <>
                    Found {originalReady.number} for {originalReady.customer.name}.{" "}
                    <button type="button" className="link-button" onClick={() => copyFromOriginal(originalReady)}>
                      Copy customer and address
                    </button>
                  </>
                ) : undefined
              }
            />
          )}
          <SelectField
            label="Currency"
            value={values.currency}
            onChange={(e) => setValues((v) => ({ ...v, currency: e.target.value as OrderFormValues["currency"] }))}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>Customer</legend>
        <div className="grid-3">
          <TextField
            label="Customer name"
            limit="name"
            required
            autoComplete="name"
            value={values.customer.name}
            onChange={(e) => setCustomer("name", e.target.value)}
            onBlur={() => touch("customer.name")}
            error={shown["customer.name"]}
          />
          <TextField
            label="Email"
            type="email"
            required
            autoComplete="email"
            value={values.customer.email}
            onChange={(e) => setCustomer("email", e.target.value)}
            onBlur={() => touch("customer.email")}
            error={shown["customer.email"]}
          />
          <TextField
            label="Phone"
            type="tel"
            autoComplete="tel"
            value={values.customer.phone}
            onChange={(e) => setCustomer("phone", e.target.value)}
            onBlur={() => touch("customer.phone")}
            error={shown["customer.phone"]}
          />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>Ship to</legend>
        <div className="grid-2">
          {address("name", "Recipient name", { required: true, autoComplete: "shipping name" })}
          {address("company", "Company", { autoComplete: "shipping organization" })}
          {address("line1", "Street address", { required: true, autoComplete: "shipping address-line1" })}
          {address("line2", "Address line 2", { autoComplete: "shipping address-line2" })}
        </div>
        <div className="grid-4">
          {address("city", "City", { required: true, autoComplete: "shipping address-level2" })}
          {address("region", values.shipTo.country === "CA" ? "Province" : "State / region", {
            required: values.shipTo.country === "US" || values.shipTo.country === "CA",
            autoComplete: "shipping address-level1",
          })}
          {address("postalCode", "Postal code", { required: true, autoComplete: "shipping postal-code" })}
          <SelectField
            label="Country"
            required
            value={values.shipTo.country}
            onChange={(e) => setShipTo("country", e.target.value)}
            onBlur={() => touch("shipTo.country")}
            error={shown["shipTo.country"]}
          >
            {Object.entries(COUNTRIES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>Lines</legend>
        {shown.lines && (
          <p className="field-error" role="alert">
            {shown.lines}
          </p>
        )}
        <ol className="line-list">
          {values.lines.map((line, i) => (
            <li key={line.key} className="line-row">
              <Field
                className="line-product"
                label={
                  <>
                    Product<span className="visually-hidden">, line {i + 1}</span>
                  </>
                }
                required
                error={shown[`lines.${i}.productId`]}
              >
                {(control) => (
                  <ProductPicker control={control} selectedLabel={line.productLabel} onSelect={(p) => selectProduct(i, p)} />
                )}
              </Field>
              <TextField
                className="line-qty"
                label={
                  <>
                    Quantity<span className="visually-hidden">, line {i + 1}</span>
                  </>
                }
                required
                inputMode="numeric"
                value={line.quantity}
                onChange={(e) => setLine(i, { quantity: e.target.value }, "quantity")}
                onBlur={() => touch(`lines.${i}.quantity`)}
                error={shown[`lines.${i}.quantity`]}
              />
              <TextField
                className="line-price"
                label={
                  <>
                    Unit price ({values.currency})<span className="visually-hidden">, line {i + 1}</span>
                  </>
                }
                required
                inputMode="decimal"
                value={line.unitPrice}
                onChange={(e) => setLine(i, { unitPrice: e.target.value }, "unitPriceMinor")}
                onBlur={() => touch(`lines.${i}.unitPriceMinor`)}
                error={shown[`lines.${i}.unitPriceMinor`]}
              />
              <div className="line-remove">
                <Button variant="ghost" onClick={() => removeLine(i)} disabled={values.lines.length === 1} aria-label={`Remove line ${i + 1}`}>
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ol>
        <div className="lines-footer">
          <Button onClick={addLine}>Add line</Button>
          <span className="order-total" aria-live="polite">
            Total <strong>{total === undefined ? "too large" : formatMoney(total, values.currency)}</strong>
          </span>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>Delivery</legend>
        <PickupFields value={pickupStoreId} onChange={setPickupStoreId} error={serverFields.pickupStoreId} />
        <div className="grid-3">
          <TextField
            label="Ship by"
            type="date"
            value={values.shipBy}
            onChange={(e) => {
              setValues((v) => ({ ...v, shipBy: e.target.value }));
              edited("shipBy");
            }}
            onBlur={() => touch("shipBy")}
            error={shown.shipBy}
          />
          <SelectField
            label="Priority"
            value={values.priority}
            onChange={(e) => {
              setValues((v) => ({ ...v, priority: e.target.value as OrderFormValues["priority"] }));
              edited("priority");
            }}
            error={shown.priority}
          >
            <option value="0">Normal</option>
            <option value="1">High</option>
            <option value="2">Urgent</option>
          </SelectField>
        </div>
        <TextAreaField
          label="Notes"
          rows={3}
          value={values.notes}
          onChange={(e) => {
            setValues((v) => ({ ...v, notes: e.target.value }));
            edited("notes");
          }}
          onBlur={() => touch("notes")}
          error={shown.notes}
        />
      </fieldset>

      <div className="form-actions sticky-actions">
        <Button type="submit" variant="primary" size="lg" loading={submitting}>
          Create order
        </Button>
      </div>
    </form>
  );
}
