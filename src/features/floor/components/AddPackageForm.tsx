/** Opens a package on a shipment: a box type from the list, or dimensions entered in mm; weight in grams. */
import { useState, type FormEvent } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, SelectField, TextField } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";

const CUSTOM = "custom";

function positiveInt(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== "" && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function AddPackageForm({
  shipmentId,
  boxTypes,
  onAdded,
}: {
  shipmentId: Id<"shipments">;
  boxTypes: Doc<"boxTypes">[];
  onAdded: (id: Id<"packages">) => void;
}) {
  const open = useAppMutation(api.floor.openPackage);
  const [box, setBox] = useState<string>(boxTypes[0]?._id ?? CUSTOM);
  const [dims, setDims] = useState({ lengthMm: "", widthMm: "", heightMm: "" });
  const [weight, setWeight] = useState("");
  const custom = box === CUSTOM;
  const numbers = {
    lengthMm: positiveInt(dims.lengthMm),
    widthMm: positiveInt(dims.widthMm),
    heightMm: positiveInt(dims.heightMm),
  };
  const weightGrams = weight.trim() === "" ? undefined : positiveInt(weight);
  const weightError =
    weight.trim() !== "" && weightGrams === undefined ? "Whole grams above zero." : open.fields.weightGrams;
  const valid =
    (!custom || Object.values(numbers).every((n) => n !== undefined)) &&
    !(weight.trim() !== "" && weightGrams === undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const r = await open.attempt(
      custom ? { shipmentId, ...numbers, weightGrams } : { shipmentId, boxTypeId: box as Id<"boxTypes">, weightGrams },
    );
    if (r.ok) {
      onAdded(r.value);
      setWeight("");
    }
  };
  const dim = (k: keyof typeof dims, label: string) => (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={1}
      value={dims[k]}
      onChange={(e) => setDims((d) => ({ ...d, [k]: e.target.value }))}
      error={(dims[k] !== "" && numbers[k] === undefined ? "Whole mm above zero." : undefined) ?? open.fields[k]}
      required
    />
  );
  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} aria-labelledby="add-package">
      <h2 id="add-package">New package</h2>
      <FormError message={open.error} />
      <SelectField label="Box" value={box} onChange={(e) => setBox(e.target.value)} error={open.fields.boxTypeId}>
        {boxTypes.map((b) => (
          <option key={b._id} value={b._id}>
            {b.code} — {b.name} ({b.lengthMm}×{b.widthMm}×{b.heightMm} mm)
          </option>
        ))}
        <option value={CUSTOM}>Other size (enter dimensions)</option>
      </SelectField>
      {custom && (
        <div className="grid-3">
          {dim("lengthMm", "Length (mm)")}
          {dim("widthMm", "Width (mm)")}
          {dim("heightMm", "Height (mm)")}
        </div>
      )}
      <TextField
        label="Weight (g)"
        type="number"
        inputMode="numeric"
        min={1}
        value={weight}
        onChange={(e) => setWeight(e.target.value)}
        hint={custom ? "Can be added once it is packed." : "Empty: the box's own weight; weigh it once packed."}
        error={weightError}
      />
      <Button type="submit" variant="primary" size="lg" loading={open.pending} disabled={!valid}>
        Add package
      </Button>
    </form>
  );
}
