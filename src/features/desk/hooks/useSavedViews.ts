/**
 * A list's saved views (convex/savedViews.ts) bound to its URL state: apply a view, save the
 * current filters and columns under a name, rename, overwrite, delete, and make one the default —
 * opened when the list is visited with nothing in its link.
 */
import { useEffect, useRef } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { ListParams } from "../../../lib/useListParams";

export type SavedViewListName = "orders" | "shipments";

export function useSavedViews(list: SavedViewListName, params: ListParams) {
  const views = useQuery(api.savedViews.list, { list });
  const appliedDefault = useRef(false);
  const { isBare, apply } = params;
  useEffect(() => {
    if (appliedDefault.current || views === undefined) return;
    appliedDefault.current = true;
    const d = views.find((v) => v.isDefault);
    if (d && isBare) apply(d.filters, d.columns);
  }, [views, isBare, apply]);
  /** The view whose filters and columns are exactly what the list shows now. */
  const current = views?.find((v) => sameFilters(v.filters, params.filters) && sameColumns(v.columns, params.columns));
  return { views, current };
}

function sameFilters(a: Record<string, string>, b: Record<string, string>) {
  const ka = Object.keys(a).filter((k) => a[k]);
  const kb = Object.keys(b).filter((k) => b[k]);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}

function sameColumns(saved: string[], shown: string[] | undefined) {
  if (!shown) return saved.length === 0;
  return saved.join(",") === shown.join(",");
}
