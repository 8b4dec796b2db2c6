/**
 * Records a short pick: how many units are missing and why. The line goes back to allocation.
 * On the one form hook; its errors show as soon as they stand (the count is prefilled, so a
 * floor worker sees at once what is wrong), and "Record short" waits until there are none.
 */
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, Dialog, FormError, SelectField, TextField } from "../../../components/ui";
import { CountField } from "../../../components/ui/CountField";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm } from "../../../lib/useForm";
import { isReasonTooShort } from "../../../lib/reason";
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
  const schema = z
    .object({ quantity: z.string(), reason: z.string(), other: z.string() })
    .superRefine((v, ctx) => {
      const n = Number(v.quantity);
      if (!Number.isInteger(n) || n < 1 || n > task.left)
        ctx.addIssue({ code: "custom", path: ["quantity"], message: `1 to ${task.left}.` });
      if (v.reason === "Other" && isReasonTooShort(v.other))
        ctx.addIssue({ code: "custom", path: ["other"], message: "At least 3 characters." });
    })
    .transform((v) => ({ quantity: Number(v.quantity), reason: v.reason === "Other" ? v.other.trim() : v.reason }));
  const form = useForm({ quantity: String(task.left), reason: SHORT_REASONS[0] as string, other: "" }, schema, report);
  const { quantity, reason, other } = form.values;
  const qtyError = form.errors.quantity;
  const reasonError = form.errors.other;

  const onSubmit = async (input: { quantity: number; reason: string }) => {
    const r = await report.attempt({ pickListId, taskId: task._id, ...input });
    if (r.ok) onDone(`${input.quantity} × ${task.sku} recorded short; the line goes back to allocation.`);
  };
  return (
    <Dialog open={open} title={`Short pick: ${task.sku}`} onClose={onClose}>
      <form {...form.formProps((input) => void onSubmit(input))} noValidate={false}>
        <p>
          Units not found at bin <strong className="mono">{task.bin || "(no bin)"}</strong>. They are written off this
          bin and the order line is re-allocated.
        </p>
        <FormError message={report.error} />
        <CountField
          label="Units short"
          max={task.left}
          value={quantity}
          onChange={(e) => form.change("quantity", (v) => ({ ...v, quantity: e.target.value }))}
          error={qtyError ?? report.fields.quantity}
          required
        />
        <SelectField
          label="Reason"
          value={reason}
          onChange={(e) => form.change("reason", (v) => ({ ...v, reason: e.target.value }))}
          error={reason === "Other" ? undefined : report.fields.reason}
        >
          {[...SHORT_REASONS, "Other"].map((r) => (
            <option key={r}>{r}</option>
          ))}
        </SelectField>
        {reason === "Other" && (
          <TextField
            label="What was wrong"
            value={other}
            onChange={(e) => form.change("reason", (v) => ({ ...v, other: e.target.value }))}
            error={reasonError ?? report.fields.reason}
            required
          />
        )}
        <div className="form-actions">
          <Button size="lg" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            size="lg"
            loading={report.pending}
            disabled={Boolean(qtyError || reasonError)}
          >
            Record short
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
