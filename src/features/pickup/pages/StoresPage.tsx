/**
 * /stores (admin) — click & collect and ship-from-store settings: per store the ship-from-store
 * switch, its daily capacity (units or orders) with today's use, and the opening hours customers
 * see; the reminder and hold days of uncollected pickups; the portal's return window and
 * auto-approval rule; which store each member works at.
 */
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { EmptyState, Loading, PageHeader, SelectField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { PortalSettingsCard } from "../components/PortalSettingsCard";
import { PickupSettingsCard, StoreCard, type Store } from "../components/StoreSettings";
import { StoreOptions } from "../components/StoreOptions";
import "../../tracking/tracking.css";

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
            <StoreOptions stores={stores} />
          </SelectField>
        ))}
    </section>
  );
}
