/**
 * Small form state for the admin and stock forms: values, client errors from a validate function
 * (shown once a field is left or after a submit attempt), server `fields` from useAppMutation
 * (shown until the field is edited), and a submit that does nothing while any client error stands.
 */
import { useCallback, useState, type FormEvent } from "react";

export type Validation<R> = { errors: Record<string, string>; input?: R };

export function useForm<V, R>(
  initial: V | (() => V),
  validate: (values: V) => Validation<R>,
  server: { fields: Record<string, string>; clearField: (path: string) => void },
) {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [tried, setTried] = useState(false);
  const { errors, input } = validate(values);
  const { clearField } = server;

  const error = (path: string): string | undefined =>
    (tried || touched.has(path) ? errors[path] : undefined) ?? server.fields[path];

  const touch = useCallback((path: string) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path))), []);

  /** Updates values and forgets the server's complaint about `path`. */
  const change = useCallback(
    (path: string, update: (v: V) => V) => {
      setValues(update);
      clearField(path);
    },
    [clearField],
  );

  const handleSubmit = (onValid: (input: R) => void) => (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (input === undefined) {
      const form = e.currentTarget as HTMLFormElement;
      setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    onValid(input);
  };

  const reset = (next: V) => {
    setValues(next);
    setTouched(new Set());
    setTried(false);
  };

  return { values, setValues, change, touch, error, errors, tried, handleSubmit, reset };
}

/** Parses a whole number from an input; undefined unless the text is exactly an integer. */
export function parseWhole(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}
