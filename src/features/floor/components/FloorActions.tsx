/**
 * The floor's row of big buttons, with the refusal of the last action above it, and the button that
 * runs one mutation: thumb-sized, busy while the server answers, `onDone` once it has agreed (the
 * refusal's sentence is then in the mutation's `error`, shown by the row).
 */
import type { ReactNode } from "react";
import type { FunctionArgs, FunctionReference } from "convex/server";
import { Button, FormError } from "../../../components/ui";
import type { ButtonProps } from "../../../components/ui/Button";
import type { MutationState } from "../../../lib/useAppMutation";

export function FloorActions({ error, children }: { error?: string; children: ReactNode }) {
  return (
    <>
      <FormError message={error} />
      <div className="floor-actions">{children}</div>
    </>
  );
}

export function RunButton<M extends FunctionReference<"mutation">>({
  mutation,
  args,
  onDone,
  variant,
  children,
}: {
  mutation: MutationState<M>;
  args: FunctionArgs<M>;
  onDone?: () => void;
  variant?: ButtonProps["variant"];
  children: ReactNode;
}) {
  return (
    <Button
      variant={variant}
      size="lg"
      loading={mutation.pending}
      onClick={async () => {
        if ((await mutation.attempt(args)).ok) onDone?.();
      }}
    >
      {children}
    </Button>
  );
}
