/** Declares units of an RMA line that never arrived: recorded without a scan, nothing moves, not refunded. */
import { useState } from "react";
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, Dialog, FormError } from "../../../components/ui";
import { CountField } from "../../../components/ui/CountField";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { parseWhole, useForm } from "../../../lib/useForm";
import { newScanId } from "../../floor/lib/pick";

/** A count of units from 1 to `max`, as typed. */
export const unitsSchema = (max: number) =>
  z
    .string()
    .transform((q) => parseWhole(q) ?? 0)
    .refine((n) => n >= 1 && n <= max, `1 to ${max}.`);

export function MissingDialog({
  rmaId,
  line,
  onClose,
  onDone,
}: {
  rmaId: Id<"rmas">;
  line: { _id: Id<"rmaLines">; sku: string; left: number };
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const missing = useAppMutation(api.returns.missing);
  const f = useForm({ quantity: String(line.left) }, z.object({ quantity: unitsSchema(line.left) }), missing);
  // One id per dialog: a retried submit of the same declaration counts once.
  const [scanId] = useState(newScanId);
  const submit = async ({ quantity }: { quantity: number }) => {
    const r = await missing.attempt({ rmaId, rmaLineId: line._id, quantity, scanId });
    if (r.ok) onDone(r.value.message);
  };
  return (
    <Dialog open title={`Missing: ${line.sku}`} onClose={onClose}>
      <form {...f.formProps((input) => void submit(input))}>
        <p>
          Units that did not come back in the parcel. They are recorded as missing; no stock moves and they are not
          refunded.
        </p>
        <FormError message={f.formError} />
        <CountField label="Units missing" max={line.left} required {...fieldProps(f, "quantity")} />
        <div className="form-actions">
          <Button size="lg" onClick={onClose}>
            Back
          </Button>
          <Button type="submit" variant="danger" size="lg" loading={missing.pending}>
            Record missing
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
