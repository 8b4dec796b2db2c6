/**
 * Click & collect on the new-order form: "Deliver" or "Pick up at store …". A pickup order is
 * allocated only from that store (no split, no dropship); the shipping address stays the
 * customer's address (for the portal lookup and a later switch to delivery).
 */
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { SelectField } from "../../../components/ui";

type Store = FunctionReturnType<typeof api.pickups.stores>[number];

export function PickupFields({
  value,
  onChange,
  error,
}: {
  value: Id<"warehouses"> | "";
  onChange: (v: Id<"warehouses"> | "") => void;
  error?: string;
}) {
  const stores = useQuery(api.pickups.stores, {});
  const active = (stores ?? []).filter((s: Store) => s.active);
  return (
    <SelectField
      label="Fulfilment"
      value={value}
      onChange={(e) => onChange(e.target.value as Id<"warehouses"> | "")}
      error={error}
      hint={
        stores === undefined
          ? "Loading stores…"
          : active.length === 0
            ? "No store takes pickup orders yet."
            : value
              ? "Allocated from this store only; the customer gets a pickup code when it is ready."
              : undefined
      }
      disabled={stores === undefined}
    >
      <option value="">Deliver to the address below</option>
      {active.map((s: Store) => (
        <option key={s._id} value={s._id}>
          Pick up at {s.name} ({s.code})
        </option>
      ))}
    </SelectField>
  );
}
