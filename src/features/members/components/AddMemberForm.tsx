import { api } from "../../../../convex/_generated/api";
import type { Role } from "../../../lib/api-types";
import { Button, FormError, SelectField, TextField, useToast, Options } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm, type Validation } from "../../../lib/useForm";
import { fieldProps } from "../../../lib/formFields";
import { ROLE_LABELS, ROLES } from "../../../../convex/lib/roles";
import { isEmail } from "../../../../convex/lib/address";

type Values = { name: string; email: string; role: Role };
const initial = (): Values => ({ name: "", email: "", role: "floor" });

export function validateMember(v: Values): Validation<Values> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = "Name is required.";
  if (!v.email.trim()) errors.email = "Email is required.";
  else if (!isEmail(v.email)) errors.email = `"${v.email}" is not an email address.`;
  return Object.keys(errors).length
    ? { errors }
    : { errors, input: { name: v.name.trim(), email: v.email.trim(), role: v.role } };
}

/** Adds a member by email; they are linked to their sign-in the first time they use it. */
export function AddMemberForm() {
  const toast = useToast();
  const add = useAppMutation(api.members.add);
  const f = useForm(initial, validateMember, add);
  return (
    <form
      className="card"
      onSubmit={f.handleSubmit(async (input) => {
        const r = await add.attempt(input);
        if (r.ok) {
          toast.show(`${input.name} added as ${ROLE_LABELS[input.role].toLowerCase()}.`);
          f.reset(initial());
        }
      })}
      noValidate
      aria-labelledby="add-member-title"
    >
      <h2 id="add-member-title">Add a member</h2>
      <FormError message={add.error} />
      <div className="grid-3">
        <TextField label="Name" limit="name" required {...fieldProps(f, "name")} />
        <TextField label="Email" type="email" required {...fieldProps(f, "email")} />
        <SelectField
          label="Role"
          value={f.values.role}
          onChange={(e) => f.change("role", (v) => ({ ...v, role: e.target.value as Role }))}
        >
          <Options values={ROLES} labels={ROLE_LABELS} />
        </SelectField>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={add.pending}>
          Add member
        </Button>
      </div>
    </form>
  );
}
