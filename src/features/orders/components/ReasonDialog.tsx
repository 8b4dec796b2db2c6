/**
 * Asks for a reason (≥ 3 characters, as the server requires) before a lifecycle verb runs. On the
 * one form hook: the reason's error shows after a submit attempt, the server's field error under
 * it, the server's sentence as the summary.
 */
import { z } from "zod";
import { FormActions, Dialog, FormError, TextAreaField } from "../../../components/ui";
import { useForm } from "../../../lib/useForm";
import { vReason } from "../../../lib/reason";

const noServerField = () => {};

export function ReasonDialog({
  open,
  title,
  label = "Reason",
  confirmLabel,
  danger,
  optional,
  pending,
  error,
  serverFieldError,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  label?: string;
  confirmLabel: string;
  danger?: boolean;
  optional?: boolean;
  pending?: boolean;
  error?: string;
  serverFieldError?: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const form = useForm({ reason: "" }, z.object({ reason: vReason(optional) }), {
    fields: serverFieldError ? { reason: serverFieldError } : {},
    clearField: noServerField,
    error,
  });
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form {...form.formProps((v) => onConfirm(v.reason))}>
        <FormError message={error && !serverFieldError ? error : undefined} />
        <TextAreaField
          limit={optional ? "note" : "reason"}
          label={label}
          required={!optional}
          rows={3}
          value={form.values.reason}
          onChange={(e) => form.change("reason", () => ({ reason: e.target.value }))}
          error={form.tried ? form.error("reason") : serverFieldError}
        />
        <FormActions
          onCancel={onClose}
          cancelLabel="Back"
          submitLabel={confirmLabel}
          variant={danger ? "danger" : "primary"}
          pending={pending}
        />
      </form>
    </Dialog>
  );
}
