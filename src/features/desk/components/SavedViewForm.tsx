/**
 * The name (and, for a new view, "open by default") of a saved view: saving what the list shows
 * now, or renaming the current view. On the one form hook; the server's name rule
 * (model/desk/savedViews.ts: 1 to 60 characters) is checked before sending.
 */
import { z } from "zod";
import { Button, FormError, TextField } from "../../../components/ui";
import { checkboxProps, fieldProps } from "../../../lib/formFields";
import { useForm, type ServerState } from "../../../lib/useForm";

export const MAX_VIEW_NAME = 60;
export const viewNameSchema = z.object({
  name: z.string().trim().min(1, "Give the view a name.").max(MAX_VIEW_NAME, `At most ${MAX_VIEW_NAME} characters.`),
  isDefault: z.boolean(),
});
export type ViewNameInput = z.output<typeof viewNameSchema>;

export function SavedViewForm({
  list,
  renaming,
  initialName,
  server,
  pending,
  onSubmit,
  onCancel,
}: {
  list: string;
  /** Renaming the current view (no "open by default"), else saving a new one. */
  renaming: boolean;
  initialName: string;
  server: ServerState;
  pending: boolean;
  onSubmit: (input: ViewNameInput) => void;
  onCancel: () => void;
}) {
  const f = useForm({ name: initialName, isDefault: false }, viewNameSchema, server);
  return (
    <form className="saved-view-form" {...f.formProps(onSubmit)}>
      <TextField
        id={`saved-view-name-${list}`}
        label={renaming ? "New name" : "Name of the new view"}
        autoFocus
        maxLength={MAX_VIEW_NAME}
        {...fieldProps(f, "name")}
      />
      {!renaming && (
        <label className="inline-check">
          <input {...checkboxProps(f, "isDefault")} /> Open by default
        </label>
      )}
      <Button type="submit" variant="primary" size="sm" loading={pending}>
        {renaming ? "Rename" : "Save"}
      </Button>
      <Button size="sm" onClick={onCancel}>
        Cancel
      </Button>
      <FormError message={f.formError} />
    </form>
  );
}
