import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import type { Me } from "../../members/hooks/useMe";
import { nameOf } from "../../../test/convexMock";
import { currentUrl, renderPage } from "../../../test/convexStub";
import { answerPages, bulkBar, mockClient } from "../../../test/listPages";
import { OrdersPage } from "./OrdersPage";

let client: ReturnType<typeof mockClient>;
vi.mock("convex/react", () => import("../../../test/convexReact"));

const order = (i: number, over: Record<string, unknown> = {}) => ({
  _id: `o${i}`,
  _creationTime: 0,
  number: `SO-10000${i}`,
  kind: "phone",
  channel: "manual",
  customer: { name: `Customer ${i}`, email: `c${i}@example.com` },
  shipTo: { name: "X", line1: "1 Main", city: "Columbus", postalCode: "43004", country: "US" },
  currency: "USD",
  totalMinor: 1000,
  status: "allocated",
  priority: 0,
  placedAt: Date.UTC(2026, 0, 2),
  ...over,
});

let views: unknown[] = [];
const renderAs = (role: Me["role"], url = "/orders") => renderPage(<OrdersPage />, { url, role });

beforeEach(() => {
  vi.mocked(usePaginatedQuery).mockReset();
  answerPages([order(1), order(2, { status: "on_hold" })], "CanLoadMore");
  views = [];
  vi.mocked(useQuery).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "savedViews:list" ? views : undefined) as never);
  vi.mocked(useMutation).mockReturnValue(vi.fn() as never);
  client = mockClient();
});

const lastArgs = () => vi.mocked(usePaginatedQuery).mock.calls.at(-1)![1] as Record<string, unknown>;

describe("OrdersPage (view) → OrderListPage", () => {
  it("reads filters, words and sort from the URL and sends them to the list query", () => {
    renderAs("floor", "/orders?status=on_hold&channel=manual&q=pat&sort=oldest&pages=3");
    expect(lastArgs()).toEqual({ status: "on_hold", channel: "manual", q: "pat", sort: "oldest" });
    expect(vi.mocked(usePaginatedQuery).mock.calls.at(-1)![2]).toEqual({ initialNumItems: 75 });
    expect(screen.getByRole("table", { name: "Orders matching “pat”" })).toBeInTheDocument();
  });

  it("a bad status in the link is ignored; changing a filter writes the URL and starts from page one", async () => {
    renderAs("floor", "/orders?status=nonsense&pages=2");
    expect(lastArgs().status).toBeUndefined();
    await userEvent.selectOptions(
      screen.getByRole("search", { name: "Filter orders" }).querySelector("select")!,
      "ready",
    );
    expect(currentUrl()).toContain("status=ready");
    expect(currentUrl()).not.toContain("pages=");
    expect(lastArgs().status).toBe("ready");
    await userEvent.type(screen.getByLabelText("Search"), "okonkwo{Enter}");
    expect(lastArgs().q).toBe("okonkwo");
  });

  it("floor staff get no checkboxes and no bulk actions; supervisors do", async () => {
    const { unmount } = renderAs("floor");
    expect(screen.queryByRole("checkbox", { name: /Select order/ })).toBeNull();
    unmount();
    renderAs("supervisor");
    expect(screen.getByRole("checkbox", { name: "Select order SO-100001" })).toBeInTheDocument();
  });

  it("a supervisor selects rows and holds them in bulk with a reason; the summary names the refusal", async () => {
    client.mutation.mockResolvedValue({
      done: 1,
      refused: [{ id: "o2", reason: "Order SO-100002 is already on hold." }],
    });
    renderAs("supervisor");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all 2 shown" }));
    const { bar, buttons } = bulkBar();
    expect(buttons).toEqual(["Hold", "Release", "Allocate", "Re-allocate"]);
    await userEvent.click(within(bar).getByRole("button", { name: "Hold" }));
    await userEvent.type(screen.getByLabelText("Why are they held?"), "Fraud check");
    await userEvent.click(screen.getByRole("button", { name: "Hold 2" }));
    expect(await screen.findByText("Hold: 1 order held. 1 refused.")).toBeInTheDocument();
    expect(screen.getByText(/SO-100002:/).closest("li")).toHaveTextContent(
      "SO-100002: Order SO-100002 is already on hold.",
    );
    expect(client.mutation.mock.calls[0][1]).toEqual({ op: "hold", ids: ["o1", "o2"], reason: "Fraud check" });
  });

  it("select all matching asks the server for the filter's ids page by page", async () => {
    client.query
      .mockResolvedValueOnce({ ids: ["o1", "o2", "o3"], isDone: false, continueCursor: "c1" })
      .mockResolvedValueOnce({ ids: ["o4"], isDone: true, continueCursor: "c2" });
    renderAs("supervisor", "/orders?status=allocated");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all 2 shown" }));
    await userEvent.click(screen.getByRole("button", { name: /Select all matching orders/ }));
    expect(await screen.findByText("All 4 matching orders are selected.")).toBeInTheDocument();
    expect(nameOf(client.query.mock.calls[0][0])).toBe("bulk:orderIds");
    expect(client.query.mock.calls.map((c) => c[1])).toEqual([
      { status: "allocated", paginationOpts: { numItems: 100, cursor: null } },
      { status: "allocated", paginationOpts: { numItems: 100, cursor: "c1" } },
    ]);
  });

  it("opens the default saved view when the link names no filter, not otherwise", async () => {
    views = [
      { _id: "v1", name: "Held", filters: { status: "on_hold" }, columns: ["number", "status"], isDefault: true },
    ];
    renderAs("floor");
    await waitFor(() => expect(currentUrl()).toContain("status=on_hold"));
    expect(currentUrl()).toContain("cols=number%2Cstatus");
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent?.replace(/[▲▼↕]/g, "").trim())).toEqual([
      "Order",
      "Status",
    ]);
  });

  it("keeps the link's filters over a default view", async () => {
    views = [{ _id: "v1", name: "Held", filters: { status: "on_hold" }, columns: [], isDefault: true }];
    renderAs("floor", "/orders?status=ready");
    await new Promise((r) => setTimeout(r, 20));
    expect(currentUrl()).toContain("status=ready");
  });

  it("shows loading and an empty state that speaks to the filters", () => {
    answerPages([], "LoadingFirstPage");
    const { unmount } = renderAs("floor");
    expect(screen.getByText("Loading orders…")).toBeInTheDocument();
    unmount();
    answerPages([]);
    renderAs("supervisor", "/orders?status=on_hold");
    expect(screen.getByText("No orders match these filters")).toBeInTheDocument();
  });
});
