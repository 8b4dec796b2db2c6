/** Edit an order's shipping address from its address exception, then retry validation. */
import { useState, type FormEvent } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { QueueRow } from "../../../lib/api-types";
import { COUNTRIES } from "../../../../convex/lib/address";
import { Button, Dialog, FormError, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";

type Addr = NonNullable<QueueRow["shipTo"]>;
const FIELDS: [keyof Addr, string, boolean][] = [
  ["name", "Recipient", true],
  ["company", "Company", false],
  ["line1", "Street address", true],
  ["line2", "Apartment, suite", false],
  ["city", "City", true],
  ["region", "State / province", false],
  ["postalCode", "Postal code", true],
];

export function AddressDialog({ row, onClose }: { row: QueueRow; onClose: () => void }) {
  const [addr, setAddr] = useState<Addr>(row.suggestion ?? row.shipTo ?? { name: "", line1: "", city: "", postalCode: "", country: "US" });
  const save = useAppMutation(api.holds.correctAddressAndRetry);
  const toast = useToast();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const clean = Object.fromEntries(Object.entries(addr).map(([k, v]) => [k, typeof v === "string" ? v.trim() || undefined : v])) as Addr;
    const r = await save.attempt({ holdId: row._id as Id<"orderHolds">, address: { ...clean, name: clean.name ?? "", line1: clean.line1 ?? "", city: clean.city ?? "", postalCode: clean.postalCode ?? "", country: clean.country ?? "" } });
    if (!r.ok) return;
    onClose();
    toast.show(r.value.released ? `${row.orderNumber}: address saved, order released.` : `${row.orderNumber}: address saved.`);
  };
  return (
    <Dialog open wide title={`Shipping address of ${row.orderNumber}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {row.suggestion && <p className="muted">Starting from the carrier's suggestion; change what is wrong.</p>}
        <FormError message={Object.keys(save.fields).length ? undefined : save.error} />
        <div className="address-grid">
          {FIELDS.map(([key, label, required]) => (
            <TextField
              key={key}
              label={label}
              required={required}
              value={(addr[key] as string | undefined) ?? ""}
              error={save.fields[`shipTo.${key}`]}
              onChange={(e) => {
                save.clearField(`shipTo.${key}`);
                setAddr({ ...addr, [key]: e.target.value });
              }}
            />
          ))}
          <SelectField label="Country" required value={addr.country} error={save.fields["shipTo.country"]} onChange={(e) => setAddr({ ...addr, country: e.target.value })}>
            {!COUNTRIES[addr.country] && <option value={addr.country}>{addr.country || "—"}</option>}
            {Object.entries(COUNTRIES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form-actions">
          <Button onClick={onClose}>Back</Button>
          <Button type="submit" variant="primary" loading={save.pending}>
            Save & retry
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
