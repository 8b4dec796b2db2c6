/**
 * Cancels part of an order: per line, up to what can still be cancelled (waiting units first,
 * then allocated units not yet picked — convex/lib/lines.ts cancellableQuantity). On the one form
 * hook: errors after a submit attempt, the server's per-line fields under their inputs.
 */
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { api } from "../../../../convex/_generated/api";
import { cancellableQuantity } from "../../../../convex/lib/lines";
import { FormActions, Dialog, FormError, TextAreaField, useToast } from "../../../components/ui";
import { DataTable } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm, type Validation } from "../../../lib/useForm";
import { REASON_PROBLEM, isReasonTooShort } from "../../../lib/reason";
import { countOf } from "../../../lib/format";

type CancelValues = { quantities: Record<string, string>; reason: string };
type CancelInput = { lines: { lineId: Id<"orderLines">; quantity: number }[]; reason: string };

export function cancelLinesErrors(lines: Doc<"orderLines">[], quantities: Record<string, string>, reason: string) {
  const e: Record<string, string> = {};
  let any = false;
  for (const line of lines) {
    const text = (quantities[line._id] ?? "").trim();
    if (!text) continue;
    const n = Number(text);
    const max = cancellableQuantity(line);
    if (!Number.isInteger(n) || n < 0) e[`lines.${line._id}`] = "Enter a whole number, 0 or more.";
    else if (n > max) e[`lines.${line._id}`] = `At most ${max} can still be cancelled.`;
    else if (n > 0) any = true;
  }
  if (!any && Object.keys(e).length === 0) e.form = "Enter a quantity for at least one line.";
  if (isReasonTooShort(reason)) e.reason = REASON_PROBLEM;
  return e;
}

function validateCancel(lines: Doc<"orderLines">[], v: CancelValues): Validation<CancelInput> {
  const errors = cancelLinesErrors(lines, v.quantities, v.reason);
  if (Object.keys(errors).length > 0) return { errors };
  const picked = lines
    .map((l) => ({ lineId: l._id, quantity: Number((v.quantities[l._id] ?? "").trim() || "0") }))
    .filter((l) => l.quantity > 0);
  return { errors, input: { lines: picked, reason: v.reason.trim() } };
}

const EMPTY: CancelValues = { quantities: {}, reason: "" };

export function CancelLinesDialog({
  orderId,
  lines,
  open,
  onClose,
}: {
  orderId: Id<"orders">;
  lines: Doc<"orderLines">[];
  open: boolean;
  onClose: () => void;
}) {
  const toast = useToast();
  const m = useAppMutation(api.orders.cancelOrderLines);
  const form = useForm(EMPTY, (v: CancelValues) => validateCancel(lines, v), m);
  const { quantities, reason } = form.values;
  const shown = form.tried ? form.errors : {};

  const submit = async (input: CancelInput) => {
    const r = await m.attempt({ orderId, ...input });
    if (r.ok) {
      toast.show(
        `Cancelled ${countOf(
          input.lines.reduce((s, l) => s + l.quantity, 0),
          "unit",
        )}.`,
      );
      form.reset(EMPTY);
      onClose();
    }
  };

  return (
    <Dialog open={open} title="Cancel lines" onClose={onClose} wide>
      <form {...form.formProps((input) => void submit(input))}>
        <FormError message={m.error} />
        <FormError message={shown.form} />
        <DataTable
          caption="Lines to cancel"
          columns={[
            { key: "sku", header: "SKU", priority: "primary", cell: (line) => line.sku },
            { key: "name", header: "Product", cell: (line) => line.name },
            { key: "max", header: "Cancellable", align: "num", cell: (line) => cancellableQuantity(line) },
            {
              key: "cancel",
              header: "Cancel",
              cell: (line) => {
                const max = cancellableQuantity(line);
                const err = shown[`lines.${line._id}`] ?? m.fields[`lines.${line._id}`];
                const id = `cancel-${line._id}`;
                return (
                  <>
                    <label htmlFor={id} className="visually-hidden">
                      Units of {line.sku} to cancel
                    </label>
                    <input
                      id={id}
                      className="qty-input"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={max}
                      step={1}
                      disabled={max === 0}
                      value={quantities[line._id] ?? ""}
                      placeholder="0"
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${id}-error` : undefined}
                      onChange={(e) =>
                        form.change(`lines.${line._id}`, (v) => ({
                          ...v,
                          quantities: { ...v.quantities, [line._id]: e.target.value },
                        }))
                      }
                    />
                    {err && (
                      <p className="field-error" id={`${id}-error`}>
                        {err}
                      </p>
                    )}
                  </>
                );
              },
            },
          ]}
          rows={lines}
          rowKey={(line) => line._id}
          empty={{ title: "No lines to cancel" }}
        />
        <TextAreaField
          label="Reason"
          limit="reason"
          required
          rows={2}
          value={reason}
          onChange={(e) => form.change("reason", (v) => ({ ...v, reason: e.target.value }))}
          error={shown.reason ?? m.fields.reason}
        />
        <FormActions
          onCancel={onClose}
          cancelLabel="Back"
          submitLabel="Cancel selected units"
          variant="danger"
          pending={m.pending}
        />
      </form>
    </Dialog>
  );
}
