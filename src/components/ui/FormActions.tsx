/**
 * A form's buttons: go back without saving (when there is somewhere to go back to), and submit
 * (busy while the mutation runs). One component so every form and dialog ends the same way.
 */
import { Button } from "./Button";

export function FormActions({
  onCancel,
  cancelLabel = "Cancel",
  submitLabel,
  pending,
  pendingLabel,
  variant = "primary",
  size,
}: {
  onCancel?: () => void;
  cancelLabel?: string;
  submitLabel: string;
  pending?: boolean;
  /** Shown instead of a spinner while pending ("Saving…"). */
  pendingLabel?: string;
  variant?: "primary" | "danger";
  size?: "md" | "lg";
}) {
  return (
    <div className="form-actions">
      {onCancel && (
        <Button onClick={onCancel} size={size}>
          {cancelLabel}
        </Button>
      )}
      <Button
        type="submit"
        variant={variant}
        size={size}
        loading={pendingLabel ? undefined : pending}
        disabled={pendingLabel ? pending : undefined}
      >
        {pending && pendingLabel ? pendingLabel : submitLabel}
      </Button>
    </div>
  );
}
