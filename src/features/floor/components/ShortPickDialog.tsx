/** Records a short pick: how many units are missing and why. The line goes back to allocation. */
import { useState, type FormEvent } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, Dialog, FormError, SelectField, TextField } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { SHORT_REASONS } from "../lib/pick";

export function ShortPickDialog({
  open,
  onClose,
  onDone,
  pickListId,
  task,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
  pickListId: Id<"pickLists">;
  task: { _id: Id<"pickTasks">; sku: string; bin: string; left: number };
}) {
  const report = useAppMutation(api.floor.reportShort);
  const [quantity, setQuantity] = useState(String(task.left));
  const [reason, setReason] = useState<string>(SHORT_REASONS[0]);
  const [other, setOther] = useState("");
  const n = Number(quantity);
  const qtyError = !Number.isInteger(n) || n < 1 || n > task.left ? `1 to ${task.left}.` : undefined;
  const text = reason === "Other" ? other.trim() : reason;
  const reasonError = reason === "Other" && other.trim().length < 3 ? "At least 3 characters." : undefined;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (qtyError || reasonError) return;
    const r = await report.attempt({ pickListId, taskId: task._id, quantity: n, reason: text });
    if (r.ok) onDone(`${n} × ${task.sku} recorded short; the line goes back to allocation.`);
  };
  return (
    <Dialog open={open} title={`Short pick: ${task.sku}`} onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)}>
        <p>
          Units not found at bin <strong className="mono">{task.bin || "(no bin)"}</strong>. They are written off this bin and the order line is
          re-allocated.
        </p>
        <FormError message={report.error} />
        <TextField label="Units short" type="number" inputMode="numeric" min={1} max={task.left} value={quantity} onChange={(e) => setQuantity(e.target.value)} error={qtyError ?? report.fields.quantity} required />
        <SelectField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={reason === "Other" ? undefined : report.fields.reason}>
          {[...SHORT_REASONS, "Other"].map((r) => (
            <option key={r}>{r}</option>
          ))}
        </SelectField>
        {reason === "Other" && <TextField label="What was wrong" value={other} onChange={(e) => setOther(e.target.value)} error={reasonError ?? report.fields.reason} required />}
        <div className="form-actions">
          <Button size="lg" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" size="lg" loading={report.pending} disabled={Boolean(qtyError || reasonError)}>
            Record short
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
