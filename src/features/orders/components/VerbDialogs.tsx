/**
 * A record's lifecycle verbs that ask for a text first (a reason, a note, a tracking number), as a
 * table: each verb's ReasonDialog words, the mutation it runs with the text, and what it says when
 * done. One is open at a time (`open` names it); closing forgets every verb's refusal.
 */
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { useToast } from "../../../components/ui";
import type { MutationState } from "../../../lib/useAppMutation";
import { ReasonDialog } from "./ReasonDialog";

export type VerbDialog = {
  key: string;
  title: string;
  confirmLabel: string;
  /** The text's label (default "Reason"); `optional` when it may be left empty. */
  label?: string;
  optional?: boolean;
  danger?: boolean;
  pending: boolean;
  error: string | undefined;
  /** The server's complaint about the text, shown under it. */
  fieldError: string | undefined;
  /** Runs the verb with the text; what the toast says when it went through, else undefined. */
  run: (text: string) => Promise<string | undefined>;
  reset: () => void;
  /** After it went through, before the dialog closes (e.g. where the focus goes). */
  after?: () => void;
};

/** A verb over its mutation: `args` makes the mutation's arguments from the text, `field` names the text on the server. */
export function verb<M extends FunctionReference<"mutation">>(
  mutation: MutationState<M>,
  {
    args,
    field,
    done,
    ...words
  }: {
    args: (text: string) => FunctionArgs<M>;
    field?: string;
    /** What the toast says when it went through (from the mutation's answer). */
    done: string | ((value: FunctionReturnType<M>) => string);
  } & Pick<VerbDialog, "key" | "title" | "confirmLabel" | "label" | "optional" | "danger" | "after">,
): VerbDialog {
  return {
    ...words,
    pending: mutation.pending,
    error: mutation.error,
    fieldError: field === undefined ? undefined : mutation.fields[field],
    run: async (text) => {
      const r = await mutation.attempt(args(text));
      if (!r.ok) return undefined;
      return typeof done === "string" ? done : done(r.value);
    },
    reset: mutation.reset,
  };
}

export function VerbDialogs({
  verbs,
  open,
  onClose,
}: {
  verbs: readonly VerbDialog[];
  open: string | null;
  onClose: () => void;
}) {
  const toast = useToast();
  const close = () => {
    for (const v of verbs) v.reset();
    onClose();
  };
  return verbs.map((v) => (
    <ReasonDialog
      key={`${v.key}-${open === v.key}`}
      open={open === v.key}
      title={v.title}
      label={v.label}
      optional={v.optional}
      confirmLabel={v.confirmLabel}
      danger={v.danger}
      pending={v.pending}
      error={v.error}
      serverFieldError={v.fieldError}
      onClose={close}
      onConfirm={async (text) => {
        const done = await v.run(text);
        if (done !== undefined) {
          toast.show(done);
          v.after?.();
          close();
        }
      }}
    />
  ));
}
