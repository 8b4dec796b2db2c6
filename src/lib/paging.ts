/** A paginated query as a list shows it: its rows (undefined while the first page loads) and "Load more". */
import { usePaginatedQuery, type PaginatedQueryArgs, type PaginatedQueryReference } from "convex/react";
import type { PageStatus } from "../components/ui/DataTable";

/**
 * A paginated query's answer (usePaginatedQuery) as DataTable's `rows` (undefined while the first
 * page loads) and its "Load more" of `pageSize` rows.
 */
export function pageOf<T>(
  query: { results: T[]; status: PageStatus; loadMore: (numItems: number) => void },
  pageSize: number,
): { rows: T[] | undefined; pagination: { status: PageStatus; onLoadMore: () => void } } {
  return {
    rows: query.status === "LoadingFirstPage" ? undefined : query.results,
    pagination: { status: query.status, onLoadMore: () => query.loadMore(pageSize) },
  };
}

/**
 * A list page's paginated query as DataTable's `rows` and "Load more": the first page and each
 * more hold `pageSize` rows, so a page writes its size once.
 */
export function usePagedRows<Q extends PaginatedQueryReference>(
  query: Q,
  args: PaginatedQueryArgs<Q> | "skip",
  pageSize: number,
) {
  return pageOf(usePaginatedQuery(query, args, { initialNumItems: pageSize }), pageSize);
}
