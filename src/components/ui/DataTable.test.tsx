import { describe, expect, it, vi } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { DataTable, defaultColumns, type Column, type DataTableProps } from "./DataTable";
import { useSelection, type FetchIdPage } from "./selection";

type Row = { id: string; name: string; qty: number; note: string };
const rows: Row[] = [
  { id: "a", name: "Alpha", qty: 1, note: "first" },
  { id: "b", name: "Beta", qty: 2, note: "second" },
  { id: "c", name: "Gamma", qty: 3, note: "third" },
];
const columns: Column<Row>[] = [
  { key: "name", header: "Name", priority: "primary", hideable: false, cell: (r) => r.name, sortKey: "name" },
  { key: "qty", header: "Quantity", align: "num", cell: (r) => r.qty },
  { key: "note", header: "Note", defaultHidden: true, cell: (r) => r.note },
];
const empty = { title: "Nothing here" };

/** The table of the three rows under caption "T", with `over` replacing any prop. */
const table = (over: Partial<DataTableProps<Row>> = {}) => (
  <DataTable caption="T" columns={columns} rows={rows} rowKey={(r) => r.id} empty={empty} {...over} />
);

function Harness(props: { fetchMatching?: FetchIdPage; rows?: Row[] }) {
  const selection = useSelection();
  const [visible, setVisible] = useState(defaultColumns(columns));
  return (
    <>
      <DataTable
        caption="Things"
        columns={columns}
        rows={props.rows ?? rows}
        rowKey={(r) => r.id}
        noun="thing"
        empty={empty}
        selection={selection}
        fetchMatching={props.fetchMatching}
        visible={visible}
        onVisibleChange={setVisible}
      />
      <span data-testid="selected">{[...selection.selected].sort().join(",")}</span>
    </>
  );
}

describe("DataTable", () => {
  it("is a real table: caption, column headers, a labelled cell per column; hidden columns stay out", () => {
    render(<DataTable caption="Things" columns={columns} rows={rows} rowKey={(r) => r.id} empty={empty} />);
    const table = screen.getByRole("table", { name: "Things" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Name", "Quantity"]);
    const cells = within(table).getAllByRole("row")[1].querySelectorAll("td");
    expect([...cells].map((c) => [c.dataset.label, c.textContent])).toEqual([
      ["Name", "Alpha"],
      ["Quantity", "1"],
    ]);
    expect(cells[0]).toHaveClass("dt-primary");
    expect(cells[1]).toHaveClass("num", "dt-secondary");
    // The scrolling region can be reached by keyboard.
    expect(screen.getByRole("region", { name: "Things" })).toHaveAttribute("tabindex", "0");
  });

  it("shows loading, error (with retry) and empty states", async () => {
    const retry = vi.fn();
    const { rerender } = render(table({ rows: undefined, loadingLabel: "Loading things…" }));
    expect(screen.getByRole("status")).toHaveTextContent("Loading things…");
    rerender(table({ rows: [], empty: { title: "No things match", body: <a href="/x">Make one</a> } }));
    expect(screen.getByText("No things match")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Make one" })).toBeInTheDocument();
    rerender(table({ error: new Error("boom"), onRetry: retry }));
    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalled();
  });

  it("sortable headers are buttons with aria-sort on the sorted column", async () => {
    const onSort = vi.fn();
    render(table({ sort: { key: "name", dir: "asc" }, onSort }));
    const header = screen.getByRole("columnheader", { name: /Name/ });
    expect(header).toHaveAttribute("aria-sort", "ascending");
    await userEvent.click(within(header).getByRole("button"));
    expect(onSort).toHaveBeenCalledWith("name");
  });

  it("the column menu shows and hides columns (not the fixed ones)", async () => {
    render(<Harness />);
    await userEvent.click(screen.getByText("Columns"));
    expect(screen.queryByRole("checkbox", { name: "Name" })).toBeNull();
    await userEvent.click(screen.getByRole("checkbox", { name: "Note" }));
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toContain("Note");
    await userEvent.click(screen.getByRole("checkbox", { name: "Quantity" }));
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).not.toContain("Quantity");
  });

  it("selects rows, the page (indeterminate in between), and clears", async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Select thing Beta" }));
    expect(screen.getByTestId("selected")).toHaveTextContent("b");
    const all = screen.getByRole("checkbox", { name: "Select all 3 shown" }) as HTMLInputElement;
    expect(all.indeterminate).toBe(true);
    expect(screen.getByText("1 thing selected.")).toBeInTheDocument();
    await userEvent.click(all);
    expect(screen.getByTestId("selected")).toHaveTextContent("a,b,c");
    await userEvent.click(screen.getByRole("button", { name: "Clear selection" }));
    expect(screen.getByTestId("selected")).toHaveTextContent("");
  });

  it("select all matching pages through the server and says how many", async () => {
    const pages: Record<string, { ids: string[]; isDone: boolean; continueCursor: string }> = {
      start: { ids: ["a", "b", "c"], isDone: false, continueCursor: "p2" },
      p2: { ids: ["d", "e"], isDone: false, continueCursor: "p3" },
      p3: { ids: ["f"], isDone: true, continueCursor: "end" },
    };
    const fetchMatching = vi.fn(async (cursor: string | null) => pages[cursor ?? "start"]);
    render(<Harness fetchMatching={fetchMatching} />);
    expect(screen.queryByRole("button", { name: /Select all matching/ })).toBeNull();
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all 3 shown" }));
    await userEvent.click(screen.getByRole("button", { name: /Select all matching things/ }));
    expect(await screen.findByText("All 6 matching things are selected.")).toBeInTheDocument();
    expect(fetchMatching.mock.calls.map((c) => c[0])).toEqual([null, "p2", "p3"]);
    expect(screen.getByTestId("selected")).toHaveTextContent("a,b,c,d,e,f");
    // Unticking one row leaves "all matching" and keeps the rest.
    await act(() => userEvent.click(screen.getByRole("checkbox", { name: "Select thing Alpha" })));
    expect(screen.getByText("5 things selected.")).toBeInTheDocument();
  });

  it("says so when the matching ids cannot be fetched", async () => {
    render(<Harness fetchMatching={async () => Promise.reject(new Error("network down"))} />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all 3 shown" }));
    await userEvent.click(screen.getByRole("button", { name: /Select all matching/ }));
    expect(await screen.findByText(/Could not select every matching thing: Something went wrong/)).toBeInTheDocument();
  });

  it("a row's detail is a full-width row under it", () => {
    render(table({ rowDetail: (r) => (r.id === "b" ? <p>Preview of Beta</p> : null) }));
    const all = screen.getAllByRole("row");
    expect(all).toHaveLength(5);
    const cell = within(all[3]).getByRole("cell");
    expect(cell).toHaveTextContent("Preview of Beta");
    expect(cell).toHaveAttribute("colspan", "2");
  });

  it("load more follows the page status", async () => {
    const onLoadMore = vi.fn();
    const { rerender } = render(table({ pagination: { status: "CanLoadMore", onLoadMore } }));
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
    rerender(table({ pagination: { status: "LoadingMore", onLoadMore } }));
    expect(screen.getByRole("button", { name: "Loading…" })).toBeDisabled();
    rerender(table({ pagination: { status: "Exhausted", onLoadMore } }));
    expect(screen.queryByRole("button", { name: /Load/ })).toBeNull();
  });

  it("row data attributes, a row-header column, column classes and cell test ids", () => {
    const named: Column<Row>[] = [
      { ...columns[0], rowHeader: true, columnClass: "wide" },
      { ...columns[1], testId: "qty" },
    ];
    render(table({ columns: named, rowData: (r) => ({ "data-testid": "thing", "data-qty": String(r.qty) }) }));
    const [header, ...body] = screen.getAllByRole("row");
    expect(within(header).getByRole("columnheader", { name: "Name" })).toHaveClass("wide");
    expect(body.map((r) => r.dataset.qty)).toEqual(["1", "2", "3"]);
    expect(screen.getAllByTestId("thing")).toHaveLength(3);
    const rowHeader = within(body[1]).getByRole("rowheader", { name: "Beta" });
    expect(rowHeader).toHaveAttribute("scope", "row");
    expect(rowHeader).toHaveClass("wide", "dt-primary");
    expect(within(body[1]).getByTestId("qty")).toHaveTextContent("2");
  });
});
