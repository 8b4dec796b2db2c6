/**
 * One package's scale reading, typed (or read from a scale by the caller's extra buttons): the pack
 * station's weigh row and a failed batch item's fix both weigh through this form, on `useForm`
 * with the server's own weight rule (`weighSchema`). A refusal shows under the field; a saved
 * reading clears it.
 */
import type { ReactNode } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError } from "../../../components/ui";
import { CountField } from "../../../components/ui/CountField";
import { useAppMutation, type MutationState } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { weighSchema } from "../lib/measures";

export type Weigh = MutationState<typeof api.floor.weighPackage>;

export function WeighForm({
  packageId,
  label,
  size,
  className,
  onWeighed,
  extra,
}: {
  packageId: Id<"packages">;
  label: string;
  size?: "sm" | "lg";
  className?: string;
  onWeighed?: (grams: number) => void;
  /** More buttons beside Save (read the scale, use the estimate), given this form's mutation. */
  extra?: (weigh: Weigh) => ReactNode;
}) {
  const weigh = useAppMutation(api.floor.weighPackage);
  const f = useForm({ grams: "" }, weighSchema, weigh);
  const save = async ({ weightGrams }: { weightGrams: number }) => {
    const r = await weigh.attempt({ packageId, weightGrams });
    if (r.ok) {
      f.reset({ grams: "" });
      onWeighed?.(weightGrams);
    }
  };
  return (
    <form className={className} {...f.formProps((input) => void save(input))}>
      <CountField label={label} {...fieldProps(f, "grams", "weightGrams")} />
      <Button type="submit" size={size} loading={weigh.pending}>
        Save weight
      </Button>
      {extra?.(weigh)}
      <FormError message={f.formError} />
    </form>
  );
}
