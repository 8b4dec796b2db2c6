/**
 * A list's checkbox selection: ids picked row by row or a page at a time, or every id a filter
 * matches ("select all matching"), fetched from the server one page per call.
 */
import { useCallback, useMemo, useRef, useState } from "react";
import { errorMessage } from "../../lib/errors";

export type IdPage = { ids: string[]; isDone: boolean; continueCursor: string };
/** Fetches one page of the ids a filter matches (e.g. bulk.orderIds through the client). */
export type FetchIdPage = (cursor: string | null) => Promise<IdPage>;

/** The most ids "select all matching" takes (a page of 100 ids per call). */
export const MAX_MATCHING = 5_000;

export type Selection = {
  selected: ReadonlySet<string>;
  isSelected: (id: string) => boolean;
  toggle: (id: string) => void;
  /** Selects (or unselects) every id given, e.g. the rows shown. */
  setMany: (ids: readonly string[], on: boolean) => void;
  clear: () => void;
  /** "select all matching": loading while pages come in, then the count. */
  matching:
    | { status: "idle" }
    | { status: "loading"; found: number }
    | { status: "done"; count: number; capped: boolean }
    | { status: "error"; message: string };
  selectAllMatching: (fetchPage: FetchIdPage) => Promise<void>;
};

export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [matching, setMatching] = useState<Selection["matching"]>({ status: "idle" });
  const run = useRef(0);

  const toggle = useCallback((id: string) => {
    setMatching({ status: "idle" });
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const setMany = useCallback((ids: readonly string[], on: boolean) => {
    setMatching({ status: "idle" });
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => {
    run.current++;
    setMatching({ status: "idle" });
    setSelected(new Set());
  }, []);
  const selectAllMatching = useCallback(async (fetchPage: FetchIdPage) => {
    const mine = ++run.current;
    const ids = new Set<string>();
    setMatching({ status: "loading", found: 0 });
    let cursor: string | null = null;
    try {
      for (;;) {
        const page: IdPage = await fetchPage(cursor);
        if (run.current !== mine) return;
        for (const id of page.ids) if (ids.size < MAX_MATCHING) ids.add(id);
        setMatching({ status: "loading", found: ids.size });
        if (page.isDone || ids.size >= MAX_MATCHING) {
          setSelected(ids);
          setMatching({ status: "done", count: ids.size, capped: !page.isDone });
          return;
        }
        cursor = page.continueCursor;
      }
    } catch (e) {
      if (run.current === mine) setMatching({ status: "error", message: errorMessage(e) });
    }
  }, []);
  return useMemo(
    () => ({
      selected,
      isSelected: (id: string) => selected.has(id),
      toggle,
      setMany,
      clear,
      matching,
      selectAllMatching,
    }),
    [selected, toggle, setMany, clear, matching, selectAllMatching],
  );
}
