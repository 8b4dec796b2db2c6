import { Button } from "./Button";

/** A catalog row's admin actions: Edit, and Deactivate / reactivate, each naming the row for screen readers. */
export function EditActiveActions({
  name,
  active,
  onEdit,
  onToggle,
  reactivateLabel = "Reactivate",
}: {
  name: string;
  active: boolean;
  onEdit: () => void;
  onToggle: () => void;
  reactivateLabel?: string;
}) {
  return (
    <div className="row-actions">
      <Button size="sm" onClick={onEdit} aria-label={`Edit ${name}`}>
        Edit
      </Button>
      <Button size="sm" variant={active ? "danger" : "secondary"} onClick={onToggle}>
        {active ? "Deactivate" : reactivateLabel}
        <span className="visually-hidden"> {name}</span>
      </Button>
    </div>
  );
}
