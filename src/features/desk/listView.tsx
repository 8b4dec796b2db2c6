/**
 * A selectable desk list's view wiring (orders, shipments): "select all matching" through the list's
 * ids query with the very filter the list shows, and the props the view hands its page component —
 * a filter change clears the selection and goes back to the first page, "Load more" is remembered
 * in the URL, the columns are the URL's, the saved views bar saves what is shown.
 */
import { useCallback } from "react";
import { useConvex } from "convex/react";
import type { FunctionArgs, FunctionReference, PaginationOptions } from "convex/server";
import { LIST_PAGE_SIZE, type ListParams } from "../../lib/useListParams";
import type { FetchIdPage, IdPage, Selection } from "../../components/ui/selection";
import type { SavedViewListName } from "./hooks/useSavedViews";
import { SavedViewsBar } from "./components/SavedViewsBar";

type IdsQuery = FunctionReference<"query", "public", { paginationOpts: PaginationOptions }, IdPage>;

/** Pages of the ids `query` matches for `args` (the list's own filter), 100 a call. */
export function useFetchMatching<Q extends IdsQuery>(
  query: Q,
  args: Omit<FunctionArgs<Q>, "paginationOpts">,
): FetchIdPage {
  const client = useConvex();
  const argsKey = JSON.stringify(args);
  return useCallback(
    (cursor: string | null) =>
      client.query(query as IdsQuery, {
        ...(JSON.parse(argsKey) as typeof args),
        paginationOpts: { numItems: 100, cursor },
      }),
    [client, query, argsKey],
  );
}

export function listViewProps({
  list,
  params,
  selection,
  loadMore,
  defaultColumns,
}: {
  list: SavedViewListName;
  params: ListParams;
  selection: Selection;
  loadMore: (numItems: number) => void;
  defaultColumns: readonly string[];
}) {
  return {
    onFilters: (changes: Record<string, string | undefined>) => {
      selection.clear();
      params.set(changes);
    },
    onLoadMore: () => {
      loadMore(LIST_PAGE_SIZE);
      params.notePageLoaded();
    },
    visibleColumns: params.columns,
    onVisibleColumns: params.setColumns,
    savedViews: <SavedViewsBar list={list} params={params} visibleColumns={params.columns ?? defaultColumns} />,
  };
}
