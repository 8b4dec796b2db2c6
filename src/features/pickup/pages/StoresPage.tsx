/**
 * /stores (admin) — click & collect and ship-from-store settings: per store the ship-from-store
 * switch, its daily capacity (units or orders) with today's use, and the opening hours customers
 * see; the reminder and hold days of uncollected pickups; the portal's return window and
 * auto-approval rule; which store each member works at.
 */
import { z } from "zod";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import {
  EmptyState,
  FormActions,
  FormError,
  Loading,
  PageHeader,
  SelectField,
  TextField,
  useToast,
} from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { checkboxProps, fieldProps } from "../../../lib/formFields";
import { parseWhole, useForm } from "../../../lib/useForm";
import { PortalSettingsCard } from "../components/PortalSettingsCard";
import "../../tracking/tracking.css";

type Store = FunctionReturnType<typeof api.pickups.stores>[number];

export function StoresPage() {
  const stores = useQuery(api.pickups.stores, {});
  return (
    <>
      <PageHeader title="Stores">
        <p className="muted">
          Click & collect and ship-from-store. A store ships ordinary orders only when switched on, and never more than
          its daily capacity.
        </p>
      </PageHeader>
      {stores === undefined ? (
        <Loading />
      ) : stores.length === 0 ? (
        <EmptyState title="No store yet">Add a warehouse of kind “store” on the Warehouses page.</EmptyState>
      ) : (
        stores.map((s) => <StoreCard key={s._id} store={s} />)
      )}
      <PickupSettingsCard />
      <PortalSettingsCard />
      <MemberStores stores={stores ?? []} />
    </>
  );
}

export const storeSchema = z
  .object({
    shipFromStore: z.boolean(),
    unit: z.enum(["none", "units", "orders"]),
    limit: z.string(),
    pickupHours: z.string(),
  })
  // Every check in the one transform, so each field's problem shows at once.
  .transform((v, ctx) => {
    const pickupHours = v.pickupHours.trim();
    if (pickupHours.length > 200)
      ctx.addIssue({ code: "custom", path: ["pickupHours"], message: "At most 200 characters." });
    const limit = parseWhole(v.limit);
    if (v.unit !== "none" && (limit === undefined || limit < 0 || limit > 1_000_000))
      ctx.addIssue({ code: "custom", path: ["limit"], message: "Capacity is a whole number from 0 to 1,000,000." });
    return {
      shipFromStore: v.shipFromStore,
      dailyCapacity: v.unit === "none" ? null : { unit: v.unit, limit: limit ?? 0 },
      pickupHours: pickupHours || null,
    };
  });

function StoreCard({ store }: { store: Store }) {
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

function PickupSettingsCard() {
  const settings = useQuery(api.pickups.settings, {});
  if (settings === undefined) return <Loading />;
  return <PickupSettingsForm key={`${settings.reminderDays}:${settings.holdDays}`} initial={settings} />;
}

/** The server's rule (model/pickup/settings.ts): hold 1–60 days, remind before the hold ends. */
export const pickupSettingsSchema = z.object({ remind: z.string(), hold: z.string() }).transform((v, ctx) => {
  const holdDays = parseWhole(v.hold);
  const reminderDays = parseWhole(v.remind);
  if (holdDays === undefined || holdDays < 1 || holdDays > 60)
    ctx.addIssue({ code: "custom", path: ["holdDays"], message: "Hold for 1 to 60 whole days." });
  if (reminderDays === undefined || reminderDays < 1 || (holdDays !== undefined && reminderDays >= holdDays))
    ctx.addIssue({
      code: "custom",
      path: ["reminderDays"],
      message: "Remind after 1 or more whole days, before the hold ends.",
    });
  return { reminderDays: reminderDays ?? 0, holdDays: holdDays ?? 0 };
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

function MemberStores({ stores }: { stores: Store[] }) {
  const members = useQuery(api.members.list);
  const assign = useAppMutation(api.pickups.assignMemberStore);
  const toast = useToast();
  if (members === undefined) return <Loading />;
  return (
    <section className="card" aria-label="Who works at a store">
      <h2>Store staff</h2>
      <p className="muted">Floor members bound to a store see and hand over that store's pickups only.</p>
      {members
        .filter((m) => m.role === "floor")
        .map((m) => (
          <SelectField
            key={m._id}
            label={m.name}
            value={m.storeId ?? ""}
            onChange={async (e) => {
              const r = await assign.attempt({
                memberId: m._id,
                storeId: (e.target.value || null) as Id<"warehouses"> | null,
              });
              toast.show(r.ok ? `${m.name} saved.` : r.message, r.ok ? "success" : "error");
            }}
          >
            <option value="">Any store</option>
            {stores.map((s) => (
              <option key={s._id} value={s._id}>
                {s.name} ({s.code})
              </option>
            ))}
          </SelectField>
        ))}
    </section>
  );
}
