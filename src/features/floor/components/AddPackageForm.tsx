/** Opens a package on a shipment: a box type from the list, or dimensions entered in mm; weight in grams. */
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, SelectField } from "../../../components/ui";
import { CountField } from "../../../components/ui/CountField";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { gramsProblem, mmProblem, PACKAGE_SIDES } from "../../../../convex/lib/floor";
import { measureOf } from "../lib/measures";

const CUSTOM = "custom";

/** A box from the list, or three whole-mm sides; an optional weight in whole grams (the server's rules). */
export const packageSchema = z
  .object({ box: z.string(), lengthMm: z.string(), widthMm: z.string(), heightMm: z.string(), weightGrams: z.string() })
  .transform((v, ctx) => {
    const weightGrams =
      v.weightGrams.trim() === ""
        ? undefined
        : measureOf(ctx, { path: "weightGrams", text: v.weightGrams, problemOf: (n) => gramsProblem(n) });
    if (v.box !== CUSTOM) return { boxTypeId: v.box as Id<"boxTypes">, weightGrams };
    const [lengthMm, widthMm, heightMm] = PACKAGE_SIDES.map((k) =>
      measureOf(ctx, { path: k, text: v[k], problemOf: mmProblem }),
    );
    return { lengthMm, widthMm, heightMm, weightGrams };
  });
type Values = z.input<typeof packageSchema>;
type Input = z.output<typeof packageSchema>;

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
  const f = useForm<Values, Input>(
    () => ({ box: boxTypes[0]?._id ?? CUSTOM, lengthMm: "", widthMm: "", heightMm: "", weightGrams: "" }),
    packageSchema,
    open,
  );
  const custom = f.values.box === CUSTOM;

  const onSubmit = async (input: Input) => {
    const r = await open.attempt({ shipmentId, ...input });
    if (r.ok) {
      onAdded(r.value);
      f.setValues((v) => ({ ...v, weightGrams: "" }));
    }
  };
  const dim = (k: "lengthMm" | "widthMm" | "heightMm", label: string) => (
    <CountField label={label} required {...fieldProps(f, k)} />
  );
  return (
    <form className="card" {...f.formProps((input) => void onSubmit(input))} aria-labelledby="add-package">
      <h2 id="add-package">New package</h2>
      <FormError message={f.formError} />
      <SelectField
        label="Box"
        value={f.values.box}
        onChange={(e) => f.change("boxTypeId", (v) => ({ ...v, box: e.target.value }))}
        error={f.error("boxTypeId")}
      >
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
      <CountField
        label="Weight (g)"
        hint={custom ? "Can be added once it is packed." : "Empty: the box's own weight; weigh it once packed."}
        {...fieldProps(f, "weightGrams")}
      />
      <Button type="submit" variant="primary" size="lg" loading={open.pending}>
        Add package
      </Button>
    </form>
  );
}
