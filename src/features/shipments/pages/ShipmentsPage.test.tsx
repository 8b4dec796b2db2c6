import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import type { Me } from "../../members/hooks/useMe";
import type { BulkAction } from "../../../components/ui/bulk";
import { nameOf } from "../../../test/convexMock";
import { renderPage } from "../../../test/convexStub";
import { answerPages, bulkBar, mockClient } from "../../../test/listPages";
import { ShipmentsPage } from "./ShipmentsPage";

let client: ReturnType<typeof mockClient>;
vi.mock("convex/react", () => import("../../../test/convexReact"));

const row = (i: number, over: Record<string, unknown> = {}) => ({
  _id: `s${i}`,
  number: `SH-${i}`,
  status: "open",
  source: "stock",
  onHold: false,
  createdAt: 0,
  units: 3,
  lineCount: 1,
  orderId: `o${i}`,
  orderNumber: `SO-10000${i}`,
  customerName: `Customer ${i}`,
  warehouseCode: "COL",
  ...over,
});
const warehouses = [{ _id: "w1", code: "COL", name: "Columbus" }];

const renderAs = (role: Me["role"], url = "/shipments", extraActions: BulkAction[] = []) =>
  renderPage(<ShipmentsPage extraActions={extraActions} />, { url, role });

beforeEach(() => {
  vi.mocked(usePaginatedQuery).mockReset();
  answerPages([row(1), row(2, { onHold: true })]);
  vi.mocked(useQuery).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "warehouses:list" ? warehouses : nameOf(ref) === "savedViews:list" ? [] : undefined) as never);
  vi.mocked(useMutation).mockReturnValue(vi.fn() as never);
  client = mockClient();
});

describe("ShipmentsPage (view) → ShipmentListPage", () => {
  it("filters by status and a known warehouse from the URL; an unknown warehouse id never reaches the server", () => {
    renderAs("floor", "/shipments?status=packed&warehouse=w1");
    expect(vi.mocked(usePaginatedQuery).mock.calls.at(-1)![1]).toEqual({
      status: "packed",
      warehouseId: "w1",
      sort: undefined,
    });
    renderAs("floor", "/shipments?warehouse=stale");
    expect(vi.mocked(usePaginatedQuery).mock.calls.at(-1)![1]).toEqual({
      status: undefined,
      warehouseId: undefined,
      sort: undefined,
    });
  });

  it("shows an on-hold badge, and for supervisors the bulk actions plus those other features add", async () => {
    const extra: BulkAction = {
      key: "batch",
      label: "Add to batch",
      pageSize: 50,
      run: async (ids) => ({ done: ids.length, refused: [], open: "/batches/b1" }),
    };
    renderAs("supervisor", "/shipments", [extra]);
    expect(within(screen.getByRole("table", { name: "Shipments" })).getAllByText("On hold")).toHaveLength(1);
    await userEvent.click(screen.getByRole("checkbox", { name: "Select shipment SH-1" }));
    const { bar, buttons } = bulkBar();
    expect(buttons).toEqual(["Hold", "Release", "Re-allocate", "Add to batch"]);
    await userEvent.click(within(bar).getByRole("button", { name: "Add to batch" }));
    expect(await screen.findByText("Add to batch: 1 shipment done.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open" })).toHaveAttribute("href", "/batches/b1");
  });

  it("re-allocates in bulk through bulk:shipments and sorts oldest first on the header button", async () => {
    client.mutation.mockResolvedValue({ done: 2, refused: [] });
    renderAs("supervisor");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all 2 shown" }));
    await userEvent.click(
      within(screen.getByRole("group", { name: "Bulk actions" })).getByRole("button", { name: "Re-allocate" }),
    );
    expect(await screen.findByText("Re-allocate: 2 shipments re-allocated.")).toBeInTheDocument();
    expect(nameOf(client.mutation.mock.calls[0][0])).toBe("bulk:shipments");
    expect(client.mutation.mock.calls[0][1]).toEqual({ op: "reallocate", ids: ["s1", "s2"], reason: undefined });
    await userEvent.click(screen.getByRole("button", { name: /Created/ }));
    expect(vi.mocked(usePaginatedQuery).mock.calls.at(-1)![1]).toMatchObject({ sort: "oldest" });
  });

  it("searches words from its box; select all matching sends the same filter; Add to batch shows the count first", async () => {
    const pages: number[] = [];
    const batch: BulkAction = {
      key: "batch",
      label: "Add to batch",
      pageSize: 100,
      run: async (ids) => {
        pages.push(ids.length);
        return { done: ids.length, refused: [], open: "/batches/b1" };
      },
    };
    renderAs("supervisor", "/shipments?status=packed", [batch]);
    await userEvent.type(screen.getByRole("searchbox"), "okonkwo{Enter}");
    expect(vi.mocked(usePaginatedQuery).mock.calls.at(-1)![1]).toEqual({ status: "packed", q: "okonkwo" });
    expect(screen.getByRole("table", { name: "Shipments matching “okonkwo”" })).toBeInTheDocument();
    // Everything the filter matches: ids from bulk:shipmentIds with the same filter, a page per call.
    const all = Array.from({ length: 150 }, (_, i) => `s${i}`);
    client.query.mockImplementation(async (_ref, args: { paginationOpts: { cursor: string | null } }) =>
      args.paginationOpts.cursor === null
        ? { ids: all.slice(0, 100), isDone: false, continueCursor: "c1" }
        : { ids: all.slice(100), isDone: true, continueCursor: "c2" },
    );
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all 2 shown" }));
    await userEvent.click(screen.getByRole("button", { name: /Select all matching shipments/ }));
    expect(await screen.findByText("All 150 matching shipments are selected.")).toBeInTheDocument();
    expect(nameOf(client.query.mock.calls[0][0])).toBe("bulk:shipmentIds");
    expect(client.query.mock.calls[0][1]).toMatchObject({ status: "packed", q: "okonkwo" });
    await userEvent.click(
      within(screen.getByRole("group", { name: "Bulk actions" })).getByRole("button", { name: "Add to batch" }),
    );
    expect(screen.getByRole("group", { name: "Confirm: Add to batch" })).toHaveTextContent(
      "Add to batch: 150 shipments, sent 2 pages of up to 100.",
    );
    expect(pages).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Add to batch: 150" }));
    expect(await screen.findByText("Add to batch: 150 shipments done.")).toBeInTheDocument();
    expect(pages).toEqual([100, 50]);
    expect(screen.getAllByRole("link", { name: /^Open/ })).toHaveLength(1);
  });

  it("empty and loading states", () => {
    answerPages([]);
    renderAs("floor", "/shipments?status=packed");
    expect(screen.getByText("No shipments match these filters")).toBeInTheDocument();
  });
});
