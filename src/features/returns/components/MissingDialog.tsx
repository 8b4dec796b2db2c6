/** Declares units of an RMA line that never arrived: recorded without a scan, nothing moves, not refunded. */
import { useState, type FormEvent } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, Dialog, FormError, TextField } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { newScanId } from "../../floor/lib/pick";

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
  const [quantity, setQuantity] = useState(String(line.left));
  // One id per dialog: a retried submit of the same declaration counts once.
  const [scanId] = useState(newScanId);
  const n = Number(quantity);
  const qtyError = !Number.isInteger(n) || n < 1 || n > line.left ? `1 to ${line.left}.` : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (qtyError) return;
    const r = await missing.attempt({ rmaId, rmaLineId: line._id, quantity: n, scanId });
    if (r.ok) onDone(r.value.message);
  };
  return (
    <Dialog open title={`Missing: ${line.sku}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p>
          Units that did not come back in the parcel. They are recorded as missing; no stock moves and they are not
          refunded.
        </p>
        <FormError message={missing.error && !missing.fields.quantity ? missing.error : undefined} />
        <TextField
          label="Units missing"
          type="number"
          inputMode="numeric"
          min={1}
          max={line.left}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          error={qtyError ?? missing.fields.quantity}
          required
        />
        <div className="form-actions">
          <Button size="lg" onClick={onClose}>
            Back
          </Button>
          <Button type="submit" variant="danger" size="lg" loading={missing.pending} disabled={Boolean(qtyError)}>
            Record missing
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
