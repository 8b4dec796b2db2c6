/** Pages of a paginated query, as the API returns them. */
import type { PaginationResult } from "convex/server";

/**
 * The page with each row turned into what the API returns (rows in order; `toRow` may read more
 * documents); the cursor, `isDone` and the split fields stay as the query gave them.
 */
export async function mapPage<T, R>(
  page: PaginationResult<T>,
  toRow: (row: T) => R | Promise<R>,
): Promise<PaginationResult<R>> {
  return { ...page, page: await Promise.all(page.page.map((row) => toRow(row))) };
}

/** Up to `n` rows of a query and whether more remain past them (it reads one row beyond the batch). */
export async function takeBatch<T>(query: { take(n: number): Promise<T[]> }, n: number) {
  const rows = await query.take(n + 1);
  return { rows: rows.slice(0, n), more: rows.length > n };
}
