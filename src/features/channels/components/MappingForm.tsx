/**
 * A listing's mapping: one product (quantity 1), a pack (one product × n) or a bundle (several
 * products). Saving it imports every channel order that waited on the listing.
 */
import { useState, type FormEvent } from "react";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormActions, Field, FormError, TextField } from "../../../components/ui";
import { ProductPicker } from "../../products/components/ProductPicker";

export type MappingDraft = {
  channel: string;
  listingSku: string;
  title?: string;
  components: { productId?: Id<"products">; label: string; quantity: string }[];
};
export type MappingInput = {
  channel: string;
  listingSku: string;
  title?: string;
  components: { productId: Id<"products">; quantity: number }[];
};

export function MappingForm({
  initial,
  fixedListing,
  pending,
  serverError,
  serverFields,
  onSubmit,
  onCancel,
}: {
  initial: MappingDraft;
  fixedListing: boolean;
  pending: boolean;
  serverError?: string;
  serverFields: Record<string, string>;
  onSubmit: (m: MappingInput) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...serverFields, ...local };
  const setComponent = (i: number, patch: Partial<MappingDraft["components"][number]>) =>
    setD((x) => ({ ...x, components: x.components.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const components = d.components.map((c, i) => {
      const q = Number(c.quantity);
      if (!c.productId) errs[`components.${i}.productId`] = "Choose a product.";
      if (!Number.isInteger(q) || q < 1) errs[`components.${i}.quantity`] = "A whole number from 1.";
      return { productId: c.productId!, quantity: q };
    });
    if (!d.listingSku.trim()) errs.listingSku = "Listing SKU is required.";
    if (!d.channel.trim()) errs.channel = "Channel is required.";
    setLocal(errs);
    if (Object.keys(errs).length === 0)
      onSubmit({ channel: d.channel.trim(), listingSku: d.listingSku.trim(), title: d.title, components });
  };

  return (
    <form onSubmit={submit} noValidate>
      <FormError message={serverError} />
      <TextField
        label="Channel code"
        limit="code"
        required
        value={d.channel}
        disabled={fixedListing}
        onChange={(e) => setD({ ...d, channel: e.target.value })}
        error={errors.channel}
      />
      <TextField
        label="Listing SKU"
        limit="code"
        required
        value={d.listingSku}
        disabled={fixedListing}
        onChange={(e) => setD({ ...d, listingSku: e.target.value })}
        error={errors.listingSku}
        hint={d.title}
      />
      <fieldset className="plain-fieldset">
        <legend>Ships as</legend>
        {errors.components && <p className="field-error">{errors.components}</p>}
        {d.components.map((c, i) => (
          <div className="line-row" key={i}>
            <Field label={`Product ${i + 1}`} error={errors[`components.${i}.productId`]}>
              {(control) => (
                <ProductPicker
                  control={control}
                  selectedLabel={c.label}
                  onSelect={(p) => setComponent(i, { productId: p?._id, label: p ? `${p.sku} — ${p.name}` : "" })}
                />
              )}
            </Field>
            <TextField
              label="Units per listing"
              className="qty-input"
              inputMode="numeric"
              value={c.quantity}
              onChange={(e) => setComponent(i, { quantity: e.target.value })}
              error={errors[`components.${i}.quantity`]}
            />
            {d.components.length > 1 && (
              <Button
                type="button"
                size="sm"
                variant="ghost"
                className="line-remove"
                onClick={() => setD({ ...d, components: d.components.filter((_, j) => j !== i) })}
              >
                Remove<span className="visually-hidden"> product {i + 1}</span>
              </Button>
            )}
          </div>
        ))}
        <Button
          type="button"
          size="sm"
          onClick={() => setD({ ...d, components: [...d.components, { label: "", quantity: "1" }] })}
        >
          Add a product (bundle)
        </Button>
      </fieldset>
      <FormActions onCancel={onCancel} submitLabel="Save mapping" pending={pending} pendingLabel="Saving…" />
    </form>
  );
}
