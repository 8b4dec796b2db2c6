/**
 * Adds a rule by its name, before the default rule; it starts as "every shipment → cheapest" and
 * its conditions editor opens next (`onAdded`). Enter or "Add rule" submits the one form.
 */
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Dialog, FormActions, FormError, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { cleanRulePatch } from "../../../../convex/lib/shipping/rules";

/** The name of a new rule, by the server's own rule (lib/shipping/rules.ts cleanRulePatch). */
const vNewRule = z.object({
  name: z
    .string()
    .transform((s) => s.trim())
    .superRefine((name, ctx) => {
      const problem = cleanRulePatch({ name }).errors.name;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});

export function AddRuleDialog({
  onClose,
  onAdded,
}: {
  onClose: () => void;
  onAdded: (id: Id<"shippingRules">) => void;
}) {
  const add = useAppMutation(api.shippingRules.add);
  const toast = useToast();
  const form = useForm({ name: "" }, vNewRule, add);
  const submit = async ({ name }: { name: string }) => {
    const id = await add.run({ name, conditions: {}, action: { kind: "cheapest" }, constraints: {} });
    if (!id) return;
    toast.show(`Rule "${name}" added before the default rule`);
    onAdded(id);
    onClose();
  };
  return (
    <Dialog open title="Add a shipping rule" onClose={onClose}>
      <form {...form.formProps((input) => void submit(input))}>
        <TextField label="Name" limit="name" {...fieldProps(form, "name")} autoFocus required />
        <p className="muted">The rule starts as "every shipment → cheapest"; set its conditions next.</p>
        <FormError message={Object.keys(add.fields).length ? undefined : add.error} />
        <FormActions onCancel={onClose} submitLabel="Add rule" pending={add.pending} />
      </form>
    </Dialog>
  );
}
