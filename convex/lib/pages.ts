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
