/**
 * A list page's state in the URL (issue 18 point 4): filters, search words, sort, visible columns
 * and how many pages are loaded are search parameters, so a link, a reload or Back shows the same
 * list. Changing a filter starts again from the first page.
 */
import { useCallback, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";

/** Rows per page of every list. */
export const LIST_PAGE_SIZE = 25;
const PAGES = "pages";
const COLUMNS = "cols";

export type ListParams = {
  /** The list's own keys that are set (filters, q, sort). */
  filters: Record<string, string>;
  get: (key: string) => string | undefined;
  /** The key's value when it is one of `allowed` (a status, a tab), else undefined: a stale or edited link shows the default. */
  pick: <T extends string>(key: string, allowed: readonly T[]) => T | undefined;
  /** Sets (or, with undefined / "", removes) keys; back to the first page. */
  set: (changes: Record<string, string | undefined>) => void;
  /** Replaces every list key (a saved view): filters and columns. */
  apply: (filters: Record<string, string>, columns: readonly string[] | undefined) => void;
  /** The visible columns the URL names, or undefined (the list's defaults). */
  columns: string[] | undefined;
  setColumns: (keys: readonly string[]) => void;
  /** Rows to ask for on first load (pages × page size), read once when the page opens. */
  initialNumItems: number;
  /** Records one more loaded page in the URL. */
  notePageLoaded: () => void;
  /** True when the URL names no filter and no columns (a default view may apply). */
  isBare: boolean;
};

export function useListParams(keys: readonly string[]): ListParams {
  const [params, setParams] = useSearchParams();
  const [initialPages] = useState(() => Math.min(20, Math.max(1, Number(params.get(PAGES)) || 1)));
  const keyList = keys.join(",");

  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of keyList.split(",")) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [params, keyList]);

  const set = useCallback(
    (changes: Record<string, string | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          next.delete(PAGES);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const apply = useCallback(
    (f: Record<string, string>, columns: readonly string[] | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of keyList.split(",")) next.delete(k);
          for (const [k, v] of Object.entries(f)) if (keyList.split(",").includes(k) && v) next.set(k, v);
          if (columns && columns.length) next.set(COLUMNS, columns.join(","));
          else next.delete(COLUMNS);
          next.delete(PAGES);
          return next;
        },
        { replace: false },
      );
    },
    [setParams, keyList],
  );

  const colParam = params.get(COLUMNS);
  const columns = useMemo(() => (colParam ? colParam.split(",").filter(Boolean) : undefined), [colParam]);
  const setColumns = useCallback(
    (cols: readonly string[]) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(COLUMNS, cols.join(","));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const notePageLoaded = useCallback(
    () =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(PAGES, String(Math.min(20, (Number(prev.get(PAGES)) || 1) + 1)));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return {
    filters,
    get: (k) => filters[k],
    pick: (k, allowed) => allowed.find((a) => a === filters[k]),
    set,
    apply,
    columns,
    setColumns,
    initialNumItems: initialPages * LIST_PAGE_SIZE,
    notePageLoaded,
    isBare: Object.keys(filters).length === 0 && colParam === null,
  };
}
