/** Asks for a reason (≥ 3 characters, as the server requires) before a lifecycle verb runs. */
import { useState, type FormEvent } from "react";
import { Button, Dialog, FormError, TextAreaField } from "../../../components/ui";

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
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const problem = !optional && reason.trim().length < 3 ? "Say why, in at least 3 characters." : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    onConfirm(reason.trim());
  };
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormError message={error && !serverFieldError ? error : undefined} />
        <TextAreaField
          limit={optional ? "note" : "reason"}
          label={label}
          required={!optional}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={(tried ? problem : undefined) ?? serverFieldError}
        />
        <div className="form-actions">
          <Button onClick={onClose}>Back</Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} loading={pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
