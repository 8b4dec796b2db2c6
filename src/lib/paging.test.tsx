/** usePagedRows: a list page's size is asked for once and used for the first page and each "Load more". */
import { usePagedRows } from "./paging";
import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { usePaginatedQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { DataTable } from "../components/ui/DataTable";

vi.mock("convex/react", () => import("../test/convexReact"));

function Exports() {
  const table = usePagedRows(api.finance.list, {}, 7);
  return (
    <DataTable
      caption="Exports"
      columns={[{ key: "id", header: "Id", cell: (r) => String(r._id) }]}
      {...table}
      rowKey={(r) => r._id}
      loadingLabel="Loading exports…"
      empty={{ title: "No exports" }}
    />
  );
}

const answer = (status: string, results: { _id: string }[], loadMore = vi.fn()) =>
  vi.mocked(usePaginatedQuery).mockReturnValue({ status, results, loadMore, isLoading: false } as never);

describe("usePagedRows", () => {
  it("shows the loading state until the first page arrives, asking for the page size", () => {
    answer("LoadingFirstPage", []);
    render(<Exports />);
    expect(screen.getByText("Loading exports…")).toBeInTheDocument();
    expect(vi.mocked(usePaginatedQuery)).toHaveBeenLastCalledWith(api.finance.list, {}, { initialNumItems: 7 });
  });

  it("shows the empty state when the first page is empty", () => {
    answer("Exhausted", []);
    render(<Exports />);
    expect(screen.getByText("No exports")).toBeInTheDocument();
  });

  it("loads the same page size again on Load more", async () => {
    const loadMore = vi.fn();
    answer("CanLoadMore", [{ _id: "e1" }, { _id: "e2" }], loadMore);
    render(<Exports />);
    expect(screen.getByText("e1")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /load more/i }));
    expect(loadMore).toHaveBeenCalledWith(7);
  });
});
