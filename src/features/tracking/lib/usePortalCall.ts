/**
 * A portal call (`portalPost`) with the state a form on `useForm` reads, like `useAppMutation`
 * for Convex mutations: pending, the server's sentence, and (the portal names no fields) no
 * field errors.
 */
import { useCallback, useState } from "react";
import { portalPost, type Answer } from "./portalApi";

const NO_FIELDS: Record<string, string> = {};
const forget = () => {};

export function usePortalCall() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const post = useCallback(async <T>(path: string, body: unknown): Promise<Answer<T>> => {
    setPending(true);
    setError(undefined);
    try {
      const r = await portalPost<T>(path, body);
      if (!r.ok) setError(r.message);
      return r;
    } finally {
      setPending(false);
    }
  }, []);
  return { post, pending, error, setError, fields: NO_FIELDS, clearField: forget };
}
