/**
 * A store's settings (ship-from-store, daily capacity, pickup hours) and the uncollected-pickup
 * days, each a form on the one form hook whose schema gives the server's own sentences.
 */
import { z } from "zod";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { FormActions, FormError, Loading, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { checkboxProps, fieldProps } from "../../../lib/formFields";
import { parseWhole, useForm } from "../../../lib/useForm";
import { CAPACITY_UNITS, pickupSettingsErrors, storeOptionsErrors } from "../../../../convex/lib/pickupSettings";

export type Store = FunctionReturnType<typeof api.pickups.stores>[number];

export const storeSchema = z
  .object({
    shipFromStore: z.boolean(),
    unit: z.enum(["none", ...CAPACITY_UNITS]),
    limit: z.string(),
    pickupHours: z.string(),
  })
  // Every check in the one transform, so each field's problem shows at once.
  .transform((v, ctx) => {
    const out = {
      shipFromStore: v.shipFromStore,
      dailyCapacity: v.unit === "none" ? null : { unit: v.unit, limit: parseWhole(v.limit) ?? Number.NaN },
      pickupHours: v.pickupHours.trim() || null,
    };
    for (const [path, message] of Object.entries(storeOptionsErrors(out)))
      ctx.addIssue({ code: "custom", path: [path], message });
    return out;
  });

export function StoreCard({ store }: { store: Store }) {
  const save = useAppMutation(api.pickups.setStore);
  const toast = useToast();
  const f = useForm(
    () => ({
      shipFromStore: store.shipFromStore,
      unit: (store.dailyCapacity?.unit ?? "none") as "none" | "units" | "orders",
      limit: String(store.dailyCapacity?.limit ?? 20),
      pickupHours: store.pickupHours ?? "",
    }),
    storeSchema,
    save,
  );
  const submit = async (input: z.output<typeof storeSchema>) => {
    if ((await save.attempt({ storeId: store._id, ...input })).ok) toast.show(`${store.code} saved.`, "success");
  };
  return (
    <form className="card" aria-label={`Store ${store.code}`} {...f.formProps((input) => void submit(input))}>
      <h2>
        {store.name} ({store.code})
      </h2>
      <label className="checkbox">
        <input {...checkboxProps(f, "shipFromStore")} /> Ship from this store
      </label>
      <div className="grid-3">
        <SelectField label="Daily capacity" {...fieldProps(f, "unit")}>
          <option value="none">No limit</option>
          <option value="units">Units per day</option>
          <option value="orders">Orders per day</option>
        </SelectField>
        {f.values.unit !== "none" && <TextField label="Limit" inputMode="numeric" {...fieldProps(f, "limit")} />}
        <TextField label="Pickup hours" placeholder="Mon–Sat 9:00–19:00" {...fieldProps(f, "pickupHours")} />
      </div>
      <p className="muted">
        Shipped from here today: {store.usedToday.units} units in {store.usedToday.orders} orders.
      </p>
      <FormError message={f.formError} />
      <FormActions submitLabel="Save" pending={save.pending} />
    </form>
  );
}

export function PickupSettingsCard() {
  const settings = useQuery(api.pickups.settings, {});
  if (settings === undefined) return <Loading />;
  return <PickupSettingsForm key={`${settings.reminderDays}:${settings.holdDays}`} initial={settings} />;
}

/** The server's own rule (lib/pickupSettings.ts): hold 1–60 days, remind before the hold ends. */
export const pickupSettingsSchema = z.object({ remind: z.string(), hold: z.string() }).transform((v, ctx) => {
  const s = { reminderDays: parseWhole(v.remind) ?? NaN, holdDays: parseWhole(v.hold) ?? NaN };
  for (const [path, message] of Object.entries(pickupSettingsErrors(s)))
    ctx.addIssue({ code: "custom", path: [path], message });
  return s;
});

function PickupSettingsForm({ initial }: { initial: { reminderDays: number; holdDays: number } }) {
  const save = useAppMutation(api.pickups.saveSettings);
  const toast = useToast();
  const f = useForm(
    { remind: String(initial.reminderDays), hold: String(initial.holdDays) },
    pickupSettingsSchema,
    save,
  );
  const submit = async (settings: z.output<typeof pickupSettingsSchema>) => {
    if ((await save.attempt({ settings })).ok) toast.show("Pickup settings saved.", "success");
  };
  return (
    <form className="card" aria-label="Uncollected pickups" {...f.formProps((input) => void submit(input))}>
      <h2>Uncollected pickups</h2>
      <FormError message={f.formError} />
      <div className="grid-3">
        <TextField label="Remind after (days)" inputMode="numeric" {...fieldProps(f, "remind", "reminderDays")} />
        <TextField label="Back to stock after (days)" inputMode="numeric" {...fieldProps(f, "hold", "holdDays")} />
      </div>
      <FormActions submitLabel="Save" pending={save.pending} />
    </form>
  );
}
