/**
 * The one form hook. Every form in src/ keeps its state here:
 * - values, and client errors from a zod schema (or a validate function returning
 *   `{ errors, input }`), shown once a field is left (`touch`) or after a submit attempt;
 * - the server's refusal from `useAppMutation`: `fields` (path → sentence, from the `ConvexError`'s
 *   `data.fields`) shown under the field they name until it is edited (`change`/`clear`), and the
 *   sentence for the code (`errors.ts`) as the form's summary (`formError`) when no field shows it;
 * - a submit that does nothing while any client error stands and then takes the keyboard to the
 *   first invalid field — after a client refusal and after a server refusal alike (`formProps`
 *   puts the ref, `noValidate` and the submit handler on the <form>).
 * Field components (`TextField`, `SelectField`, `TextAreaField`, `Field` in components/ui) tie
 * label, hint and error to the control (aria-describedby, aria-invalid); `bind(path)` gives them
 * the error and the blur handler for one path.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type FormEvent, type SetStateAction } from "react";
import type { ZodType } from "zod";

export type Validation<R> = { errors: Record<string, string>; input?: R };
export type Validator<V, R> = ((values: V) => Validation<R>) | ZodType<R, V>;

/** The server side of a form: `useAppMutation`'s state fits. */
export type ServerState = { fields: Record<string, string>; clearField: (path: string) => void; error?: string };

/** Path → first message of every issue, and the parsed value when there is none. */
export function zodValidation<V, R>(schema: ZodType<R, V>, values: V): Validation<R> {
  const result = schema.safeParse(values);
  if (result.success) return { errors: {}, input: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.map(String).join(".") || "form"] ??= issue.message;
  return { errors };
}

function runValidator<V, R>(validate: Validator<V, R>, values: V): Validation<R> {
  return typeof validate === "function" ? validate(values) : zodValidation(validate, values);
}

/** "Please correct the highlighted field(s)." for a count of problems. */
export function correctFieldsMessage(count: number): string {
  return count === 1 ? "Please correct the highlighted field." : `Please correct the ${count} highlighted fields.`;
}

/**
 * `options.state`: values kept by the caller (`useState`), for a form whose validation needs
 * something read from its own values first (the new-order form looks up the original order).
 */
export function useForm<V, R>(
  initial: V | (() => V),
  validate: Validator<V, R>,
  server: ServerState,
  options: { state?: [V, Dispatch<SetStateAction<V>>] } = {},
) {
  const own = useState<V>(initial);
  const [values, setValues] = options.state ?? own;
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, input } = runValidator(validate, values);
  const { clearField, fields: serverFields, error: serverError } = server;

  const error = (path: string): string | undefined =>
    (tried || touched.has(path) ? errors[path] : undefined) ?? serverFields[path];

  const touch = useCallback((path: string) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path))), []);

  /** Updates values and forgets the server's complaint about `path`. */
  const change = useCallback(
    (path: string, update: (v: V) => V) => {
      setValues(update);
      clearField(path);
    },
    [clearField, setValues],
  );

  /** Forgets the server's complaints about `prefix` and everything under it ("lines" → "lines.0.quantity"). */
  const clearPrefix = useCallback(
    (prefix: string) => {
      for (const key of Object.keys(serverFields)) if (key === prefix || key.startsWith(`${prefix}.`)) clearField(key);
    },
    [serverFields, clearField],
  );

  const focusFirstInvalid = useCallback(() => {
    const form = formRef.current;
    setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  }, []);

  // A server refusal that names fields takes the keyboard to the first of them.
  const refusedFields = Object.keys(serverFields).join("|");
  useEffect(() => {
    if (refusedFields) focusFirstInvalid();
  }, [refusedFields, focusFirstInvalid]);

  const handleSubmit = (onValid: (input: R) => void) => (e?: FormEvent) => {
    e?.preventDefault();
    setTried(true);
    if (input === undefined) return focusFirstInvalid();
    onValid(input);
  };

  const reset = (next: V) => {
    setValues(next);
    setTouched(new Set());
    setTried(false);
  };

  const errorCount = Object.keys(errors).length;
  /** The form's summary: the server's sentence unless a field shows it, else the client's count. */
  const formError =
    serverError ?? (tried && errorCount > 0 ? (errors.form ?? correctFieldsMessage(errorCount)) : undefined);

  const bind = (path: string) => ({ error: error(path), onBlur: () => touch(path) });
  const formProps = (onValid: (input: R) => void) => ({
    ref: formRef,
    noValidate: true,
    onSubmit: handleSubmit(onValid),
  });

  return {
    values,
    setValues,
    change,
    touch,
    error,
    errors,
    tried,
    handleSubmit,
    reset,
    clearPrefix,
    bind,
    formProps,
    formRef,
    formError,
    input,
  };
}

/** What a page hands an edit form: the mutation's state and what to do on submit and cancel. */
export type FormHostProps<I> = {
  pending: boolean;
  serverError?: string;
  serverFields: Record<string, string>;
  clearServerField: (path: string) => void;
  onSubmit: (input: I) => void;
  onCancel: () => void;
};

/** Parses a whole number from an input; undefined unless the text is exactly an integer. */
export function parseWhole(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}
