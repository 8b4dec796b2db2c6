/**
 * A listing's mapping: one product (quantity 1), a pack (one product × n) or a bundle (several
 * products). Saving it imports every channel order that waited on the listing.
 */
import { z } from "zod";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormActions, Field, FormError, TextField } from "../../../components/ui";
import { fieldProps, hostServer } from "../../../lib/formFields";
import { parseWhole, useForm, type FormHostProps } from "../../../lib/useForm";
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

/** Keyed like the server's refusals ("components.1.quantity"). */
export const mappingSchema = z
  .object({
    channel: z.string().trim().min(1, "Channel is required."),
    listingSku: z.string().trim().min(1, "Listing SKU is required."),
    title: z.string().optional(),
    components: z.array(
      z.object({
        productId: z.custom<Id<"products">>((id) => typeof id === "string" && id !== "", "Choose a product."),
        label: z.string(),
        quantity: z
          .string()
          .transform((q) => parseWhole(q) ?? 0)
          .refine((n) => n >= 1, "A whole number from 1."),
      }),
    ),
  })
  .transform((d): MappingInput => ({
    channel: d.channel,
    listingSku: d.listingSku,
    title: d.title,
    components: d.components.map((c) => ({ productId: c.productId, quantity: c.quantity })),
  }));

export function MappingForm({
  initial,
  fixedListing,
  ...host
}: { initial: MappingDraft; fixedListing: boolean } & FormHostProps<MappingInput>) {
  const f = useForm<MappingDraft, MappingInput>(initial, mappingSchema, hostServer(host));
  const d = f.values;
  const setComponent = (i: number, key: "productId" | "quantity", patch: Partial<MappingDraft["components"][number]>) =>
    f.change(`components.${i}.${key}`, (x) => ({
      ...x,
      components: x.components.map((c, j) => (j === i ? { ...c, ...patch } : c)),
    }));
  const setComponents = (components: MappingDraft["components"]) => {
    f.setValues((x) => ({ ...x, components }));
    f.clearPrefix("components");
  };

  return (
    <form {...f.formProps(host.onSubmit)}>
      <FormError message={f.formError} />
      <TextField label="Channel code" limit="code" required disabled={fixedListing} {...fieldProps(f, "channel")} />
      <TextField
        label="Listing SKU"
        limit="code"
        required
        disabled={fixedListing}
        {...fieldProps(f, "listingSku")}
        hint={d.title}
      />
      <fieldset className="plain-fieldset">
        <legend>Ships as</legend>
        {f.error("components") && <p className="field-error">{f.error("components")}</p>}
        {d.components.map((c, i) => (
          <div className="line-row" key={i}>
            <Field label={`Product ${i + 1}`} error={f.error(`components.${i}.productId`)}>
              {(control) => (
                <ProductPicker
                  control={control}
                  selectedLabel={c.label}
                  onSelect={(p) =>
                    setComponent(i, "productId", { productId: p?._id, label: p ? `${p.sku} — ${p.name}` : "" })
                  }
                />
              )}
            </Field>
            <TextField
              label="Units per listing"
              className="qty-input"
              inputMode="numeric"
              value={c.quantity}
              onChange={(e) => setComponent(i, "quantity", { quantity: e.target.value })}
              onBlur={() => f.touch(`components.${i}.quantity`)}
              error={f.error(`components.${i}.quantity`)}
            />
            {d.components.length > 1 && (
              <Button
                type="button"
                size="sm"
                variant="ghost"
                className="line-remove"
                onClick={() => setComponents(d.components.filter((_, j) => j !== i))}
              >
                Remove<span className="visually-hidden"> product {i + 1}</span>
              </Button>
            )}
          </div>
        ))}
        <Button type="button" size="sm" onClick={() => setComponents([...d.components, { label: "", quantity: "1" }])}>
          Add a product (bundle)
        </Button>
      </fieldset>
      <FormActions onCancel={host.onCancel} submitLabel="Save mapping" pending={host.pending} pendingLabel="Saving…" />
    </form>
  );
}
