import { useId } from "react";
import type { Doc } from "../../../../convex/_generated/dataModel";

/** The warehouse select at the top of the floor pages (remembered on the device) and of Inventory (in its URL). */
export function WarehousePicker({
  warehouses,
  value,
  onChange,
}: {
  warehouses: Pick<Doc<"warehouses">, "_id" | "code" | "name">[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Warehouse</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {warehouses.map((w) => (
          <option key={w._id} value={w._id}>
            {w.code} — {w.name}
          </option>
        ))}
      </select>
    </div>
  );
}
