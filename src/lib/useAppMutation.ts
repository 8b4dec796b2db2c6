/**
 * Runs a Convex mutation and keeps what went wrong: a sentence for the form's summary and the
 * server's `fields` (path → message) for inline errors. Resolves to the result, or undefined
 * when the server refused (the error is then in `error` / `fields`, never thrown at the caller).
 */
import { useCallback, useState } from "react";
import { useMutation } from "convex/react";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { errorMessage, fieldErrors } from "./errors";

export type Attempt<T> = { ok: true; value: T } | { ok: false; message: string; fields: Record<string, string> };

export type MutationState<M extends FunctionReference<"mutation">> = {
  /** Like run, but says how it went: for callers that toast the outcome right away. */
  attempt: (args: FunctionArgs<M>) => Promise<Attempt<FunctionReturnType<M>>>;
  run: (args: FunctionArgs<M>) => Promise<FunctionReturnType<M> | undefined>;
  pending: boolean;
  error: string | undefined;
  fields: Record<string, string>;
  clearField: (path: string) => void;
  reset: () => void;
};

export function useAppMutation<M extends FunctionReference<"mutation">>(mutation: M): MutationState<M> {
  const mutate = useMutation(mutation);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  const attempt = useCallback(
    async (args: FunctionArgs<M>): Promise<Attempt<FunctionReturnType<M>>> => {
      setPending(true);
      setError(undefined);
      setFields({});
      try {
        return { ok: true, value: await mutate(args) };
      } catch (e) {
        const failure = { ok: false as const, message: errorMessage(e), fields: fieldErrors(e) };
        setError(failure.message);
        setFields(failure.fields);
        return failure;
      } finally {
        setPending(false);
      }
    },
    [mutate],
  );
  const run = useCallback(
    async (args: FunctionArgs<M>) => {
      const r = await attempt(args);
      return r.ok ? r.value : undefined;
    },
    [attempt],
  );
  const clearField = useCallback(
    (path: string) =>
      setFields((f) => {
        if (!(path in f)) return f;
        const next = { ...f };
        delete next[path];
        return next;
      }),
    [],
  );
  const reset = useCallback(() => {
    setError(undefined);
    setFields({});
  }, []);
  return { attempt, run, pending, error, fields, clearField, reset };
}
