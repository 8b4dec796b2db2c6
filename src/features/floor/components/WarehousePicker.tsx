import type { Doc } from "../../../../convex/_generated/dataModel";

/** The warehouse select at the top of the floor pages; the choice is remembered on the device. */
export function WarehousePicker({
  warehouses,
  value,
  onChange,
}: {
  warehouses: Doc<"warehouses">[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor="floor-warehouse">Warehouse</label>
      <select id="floor-warehouse" value={value} onChange={(e) => onChange(e.target.value)}>
        {warehouses.map((w) => (
          <option key={w._id} value={w._id}>
            {w.code} — {w.name}
          </option>
        ))}
      </select>
    </div>
  );
}
