/**
 * /stores (admin) — click & collect and ship-from-store settings: per store the ship-from-store
 * switch, its daily capacity (units or orders) with today's use, and the opening hours customers
 * see; the reminder and hold days of uncollected pickups; the portal's return window and
 * auto-approval rule; which store each member works at.
 */
import { useState } from "react";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import {
  Button,
  EmptyState,
  FormError,
  Loading,
  PageHeader,
  SelectField,
  TextField,
  useToast,
} from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
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

function StoreCard({ store }: { store: Store }) {
  const save = useAppMutation(api.pickups.setStore);
  const toast = useToast();
  const [on, setOn] = useState(store.shipFromStore);
  const [unit, setUnit] = useState<"none" | "units" | "orders">(store.dailyCapacity?.unit ?? "none");
  const [limit, setLimit] = useState(String(store.dailyCapacity?.limit ?? 20));
  const [hours, setHours] = useState(store.pickupHours ?? "");
  return (
    <form
      className="card"
      aria-label={`Store ${store.code}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const n = Number(limit);
        if (unit !== "none" && (!/^\d+$/.test(limit) || n > 1_000_000))
          return toast.show("Capacity is a whole number from 0 to 1,000,000.", "error");
        const r = await save.attempt({
          storeId: store._id,
          shipFromStore: on,
          dailyCapacity: unit === "none" ? null : { unit, limit: n },
          pickupHours: hours.trim() || null,
        });
        toast.show(r.ok ? `${store.code} saved.` : r.message, r.ok ? "success" : "error");
      }}
    >
      <h2>
        {store.name} ({store.code})
      </h2>
      <label className="checkbox">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> Ship from this store
      </label>
      <div className="grid-3">
        <SelectField label="Daily capacity" value={unit} onChange={(e) => setUnit(e.target.value as typeof unit)}>
          <option value="none">No limit</option>
          <option value="units">Units per day</option>
          <option value="orders">Orders per day</option>
        </SelectField>
        {unit !== "none" && (
          <TextField label="Limit" inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} />
        )}
        <TextField
          label="Pickup hours"
          value={hours}
          placeholder="Mon–Sat 9:00–19:00"
          onChange={(e) => setHours(e.target.value)}
        />
      </div>
      <p className="muted">
        Shipped from here today: {store.usedToday.units} units in {store.usedToday.orders} orders.
      </p>
      <FormError message={save.error} />
      <Button type="submit" variant="primary" loading={save.pending}>
        Save
      </Button>
    </form>
  );
}

function PickupSettingsCard() {
  const settings = useQuery(api.pickups.settings, {});
  if (settings === undefined) return <Loading />;
  return <PickupSettingsForm key={`${settings.reminderDays}:${settings.holdDays}`} initial={settings} />;
}

function PickupSettingsForm({ initial }: { initial: { reminderDays: number; holdDays: number } }) {
  const save = useAppMutation(api.pickups.saveSettings);
  const toast = useToast();
  const [remind, setRemind] = useState(String(initial.reminderDays));
  const [hold, setHold] = useState(String(initial.holdDays));
  return (
    <form
      className="card"
      aria-label="Uncollected pickups"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await save.attempt({ settings: { reminderDays: Number(remind), holdDays: Number(hold) } });
        toast.show(r.ok ? "Pickup settings saved." : r.message, r.ok ? "success" : "error");
      }}
    >
      <h2>Uncollected pickups</h2>
      <div className="grid-3">
        <TextField
          label="Remind after (days)"
          inputMode="numeric"
          value={remind}
          onChange={(e) => setRemind(e.target.value)}
          error={save.fields.reminderDays}
        />
        <TextField
          label="Back to stock after (days)"
          inputMode="numeric"
          value={hold}
          onChange={(e) => setHold(e.target.value)}
          error={save.fields.holdDays}
        />
      </div>
      <Button type="submit" variant="primary" loading={save.pending}>
        Save
      </Button>
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
