/**
 * Helpers for the selectable list pages' tests (orders, shipments): what `usePaginatedQuery`
 * answers, the client that "select all matching" and the bulk actions go through, and the bulk
 * action bar's buttons.
 */
import { vi, type Mock } from "vitest";
import { screen, within } from "@testing-library/react";
import { useConvex, usePaginatedQuery } from "convex/react";
import type { PageStatus } from "../components/ui/DataTable";

/** `usePaginatedQuery`'s answer: these rows, in this state. */
export const paginated = (results: unknown[], status: PageStatus = "Exhausted") =>
  ({ results, status, loadMore: vi.fn(), isLoading: status === "LoadingFirstPage" }) as never;

/** Answers every paginated query with `results` (from now on). */
export const answerPages = (results: unknown[], status?: PageStatus) =>
  vi.mocked(usePaginatedQuery).mockReturnValue(paginated(results, status));

/** The client `useConvex` gives: its `query` and `mutation` recorded. */
export function mockClient(): { query: Mock; mutation: Mock } {
  const client = { query: vi.fn(), mutation: vi.fn() };
  vi.mocked(useConvex).mockReturnValue(client as never);
  return client;
}

/** The bulk action bar and the words on its buttons. */
export function bulkBar() {
  const bar = screen.getByRole("group", { name: "Bulk actions" });
  return {
    bar,
    buttons: within(bar)
      .getAllByRole("button")
      .map((b) => b.textContent),
  };
}
