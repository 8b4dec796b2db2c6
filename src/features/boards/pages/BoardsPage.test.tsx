import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { ConvexError } from "convex/values";
import { usePaginatedQuery, useQuery } from "convex/react";
import { BoardsPage } from "./BoardsPage";
import { nameOf } from "../../../test/convexMock";
import { roundNow } from "../../../../convex/lib/clock";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));
// Charts measure their container, which jsdom cannot: render them as their caption only.
vi.mock("recharts", async (orig) => ({
  ...(await orig<typeof import("recharts")>()),
  ResponsiveContainer: () => null,
}));

// The page's "now" is the clock rounded to 5 minutes; deadlines here are relative to the same.
const now = roundNow(Date.now());
const answers: Record<string, unknown> = {
  "boards:backlog": {
    byChannel: [
      { status: "backordered", channel: "shopify", count: 3 },
      { status: "ready", channel: "manual", count: 2 },
    ],
    byWarehouse: [{ status: "open", warehouseId: "w1", warehouseCode: "EWR", count: 4 }],
  },
  "boards:metrics": {
    totals: {
      ordersShipped: 12,
      avgCycleMs: 26 * 3_600_000,
      fillRate: 0.98,
      perfectOrderRate: 0.75,
      splitShipmentRatio: 0.1,
    },
    series: [
      {
        day: "2025-03-10",
        ordersShipped: 12,
        avgCycleMs: 1,
        fillRate: 0.98,
        perfectOrderRate: 0.75,
        splitShipmentRatio: 0.1,
      },
    ],
    perHour: [{ hour: now, orders: 5 }],
  },
  "boards:carrierSpend": {
    weeks: [],
    from: "",
    to: "",
    days: [
      {
        day: "2025-03-10",
        carrier: "UPS",
        service: "Ground",
        currency: "USD",
        amountMinor: 2500,
        labels: 2,
        savingsMinor: 300,
      },
    ],
  },
  "boards:floor": {
    warehouses: [{ warehouseId: "w1", warehouseCode: "EWR", open: 2, inProgress: 1, doneToday: 5, unitsLeft: 7 }],
    active: [
      {
        pickListId: "p1",
        number: "PL-1001",
        warehouseCode: "EWR",
        claimedByName: "Fran Floor",
        claimedAt: now - 600_000,
        unitsPicked: 3,
        unitsShort: 0,
        unitsTotal: 10,
      },
    ],
  },
};
const pages: Record<string, unknown[]> = {
  "boards:atRisk": [
    {
      orderId: "o1",
      number: "SO-100001",
      channel: "shopify",
      status: "allocated",
      priority: 2,
      deadline: now - 3_600_000,
      deadlineSource: "channel",
      warehouseCode: "EWR",
      overdue: true,
    },
    {
      orderId: "o2",
      number: "SO-100002",
      channel: "manual",
      status: "ready",
      priority: 0,
      deadline: now + 1_800_000,
      deadlineSource: "sla",
      overdue: false,
    },
  ],
  "boards:unallocatedDemand": [
    {
      productId: "p1",
      sku: "MUG-1",
      name: "Mug",
      unallocated: 0,
      backordered: 6,
      units: 6,
      oldestQueuedAt: now - 2 * 86_400_000,
    },
  ],
  "boards:returnsBySku": [
    {
      productId: "p1",
      sku: "MUG-1",
      shipped: 40,
      returned: 2,
      ratio: 0.05,
      byReason: [{ reason: "defective", units: 2, ratio: 0.05 }],
    },
  ],
};

function mock(over: { query?: (name: string) => unknown; page?: (name: string) => unknown } = {}) {
  vi.mocked(useQuery).mockImplementation(((ref: unknown) => {
    const name = nameOf(ref);
    return over.query ? over.query(name) : answers[name];
  }) as never);
  vi.mocked(usePaginatedQuery).mockImplementation(((ref: unknown) => {
    const name = nameOf(ref);
    const results = over.page ? over.page(name) : pages[name];
    return results === undefined
      ? { results: [], status: "LoadingFirstPage", loadMore: vi.fn() }
      : { results, status: "Exhausted", loadMore: vi.fn() };
  }) as never);
}

const show = () =>
  render(
    <MemoryRouter>
      <BoardsPage />
    </MemoryRouter>,
  );
const section = (name: string) => screen.getByRole("region", { name });

afterEach(() => vi.clearAllMocks());

describe("BoardsPage", () => {
  it("shows every board from its live query", () => {
    mock();
    show();
    expect(within(section("Backlog by stage")).getByTestId("backlog-open-orders")).toHaveTextContent("5 open orders");
    expect(within(section("Backlog by stage")).getByText(/most are backordered \(3\)/)).toBeInTheDocument();
    const risk = section("At risk of a late ship");
    expect(within(risk).getByRole("link", { name: "SO-100001" })).toHaveAttribute("href", "/orders/o1");
    expect(within(risk).getByText("Late")).toBeInTheDocument();
    expect(within(risk).getByText("in 30 min")).toBeInTheDocument();
    expect(within(section("Unallocated demand")).getByRole("link", { name: "MUG-1" })).toHaveAttribute(
      "href",
      "/backorders?product=p1",
    );
    expect(within(section("Unallocated demand")).getByText("2 d 0 h")).toBeInTheDocument();
    const metrics = section("Metrics");
    expect(within(within(metrics).getByRole("group", { name: "Fill rate" })).getByText("98%")).toBeInTheDocument();
    expect(within(metrics).getByText("1 d 2 h")).toBeInTheDocument();
    const spend = section("Carrier spend");
    expect(within(within(spend).getByRole("group", { name: "Postage (USD)" })).getByText("$25.00")).toBeInTheDocument();
    expect(
      within(within(spend).getByRole("group", { name: "Saved against the dearest quote" })).getByText("$3.00"),
    ).toBeInTheDocument();
    expect(within(section("Floor")).getByText("Fran Floor")).toBeInTheDocument();
    expect(within(section("Returns by SKU and reason")).getByText("Defective 2 (5%)")).toBeInTheDocument();
  });

  it("names each chart, keeps its drawing out of the tab order and offers its figures as a table", () => {
    mock();
    const { container } = show();
    const figures = screen.getAllByRole("figure");
    expect(figures.length).toBeGreaterThanOrEqual(5);
    for (const figure of figures) {
      expect(figure).toHaveAccessibleName(/\w/);
      const drawing = figure.querySelector('[aria-hidden="true"]');
      expect(drawing).not.toBeNull();
      expect(drawing!.querySelectorAll('[tabindex]:not([tabindex="-1"]), a, button, input, select')).toHaveLength(0);
      expect(within(figure).getByText("Show the figures")).toBeInTheDocument();
      expect(within(figure).getByRole("table", { hidden: true })).toBeInTheDocument();
    }
    // The metrics chart's figures: the fill rate per day in percent.
    const rates = within(screen.getByRole("figure", { name: /Fill rate, perfect order rate/ })).getByRole("table", {
      hidden: true,
    });
    expect(
      within(rates)
        .getAllByRole("columnheader", { hidden: true })
        .map((h) => h.textContent),
    ).toEqual(["Day", "Fill rate", "Perfect orders", "Split shipments"]);
    expect(container.querySelectorAll(".recharts-surface[tabindex]")).toHaveLength(0);
  });

  it("shows loading, then empty states with what they mean", () => {
    mock({ query: () => undefined, page: () => undefined });
    const { unmount } = show();
    expect(screen.getByText("Counting the backlog…")).toBeInTheDocument();
    expect(screen.getByText("Finding orders at risk…")).toBeInTheDocument();
    unmount();
    mock({
      query: (n) =>
        n === "boards:backlog"
          ? { byChannel: [], byWarehouse: [] }
          : n === "boards:carrierSpend"
            ? { weeks: [], from: "", to: "", days: [] }
            : n === "boards:floor"
              ? { warehouses: [], active: [] }
              : answers[n],
      page: () => [],
    });
    show();
    expect(screen.getByText("Nothing in the backlog")).toBeInTheDocument();
    expect(screen.getByText("Nothing at risk")).toBeInTheDocument();
    expect(screen.getByText("No unallocated demand")).toBeInTheDocument();
    expect(screen.getByText("No postage bought in this period")).toBeInTheDocument();
  });

  it("a board the server refuses shows the reason; the others still show", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    mock({
      query: (n) => {
        if (n === "boards:metrics")
          throw new ConvexError({
            code: "FORBIDDEN",
            message: "This needs the supervisor role; you are signed in as floor.",
          });
        return answers[n];
      },
    });
    show();
    expect(within(section("Metrics")).getByRole("alert")).toHaveTextContent("This needs the supervisor role");
    expect(within(section("Backlog by stage")).getByTestId("backlog-open-orders")).toBeInTheDocument();
  });

  it("changing the at-risk window asks the server for that window", async () => {
    mock();
    show();
    await userEvent.selectOptions(screen.getByLabelText("At-risk window"), "1440");
    const last = vi
      .mocked(usePaginatedQuery)
      .mock.calls.filter((c) => nameOf(c[0]) === "boards:atRisk")
      .at(-1)!;
    expect(last[1]).toMatchObject({ windowMinutes: 1440, nowBucket: expect.any(Number) });
    expect((last[1] as { nowBucket: number }).nowBucket % 300_000).toBe(0);
  });
});
