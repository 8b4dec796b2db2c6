/**
 * The list pages moved onto DataTable (inventory, returns, members, warehouses, backorders, message
 * outbox): each shows its loading and empty states and its rows as a captioned table, with the
 * page's own behaviour (inventory search by words in the URL, role changes, outbox preview).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import type { ReactNode } from "react";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { MeContext, type Me } from "../members/hooks/useMe";
import { ToastProvider } from "../../components/ui";
import { nameOf } from "../../test/convexMock";
import { InventoryPage } from "../inventory/pages/InventoryPage";
import { ReturnsPage } from "../returns/pages/ReturnsPage";
import { MembersPage } from "../members/pages/MembersPage";
import { WarehousesPage } from "../warehouses/pages/WarehousesPage";
import { BackordersPage } from "../allocation/pages/BackordersPage";
import { OutboxPage } from "../notifications/pages/OutboxPage";

vi.mock("convex/react", () => ({
  useMutation: vi.fn(),
  useQuery: vi.fn(),
  usePaginatedQuery: vi.fn(),
  useConvex: () => ({}),
}));

let queries: Record<string, unknown> = {};
let pages: Record<string, unknown[] | "loading"> = {};
const mutate = vi.fn();

function show(ui: ReactNode, url = "/", role: Me["role"] = "admin") {
  return render(
    <MeContext.Provider value={{ _id: "me", name: "Ada", email: "a@x", role } as Me}>
      <ToastProvider>
        <MemoryRouter initialEntries={[url]}>{ui}</MemoryRouter>
      </ToastProvider>
    </MeContext.Provider>,
  );
}

beforeEach(() => {
  queries = {};
  pages = {};
  mutate.mockReset().mockResolvedValue(null);
  vi.mocked(useMutation).mockReturnValue(mutate as never);
  vi.mocked(useQuery).mockImplementation(((ref: unknown, args: unknown) =>
    args === "skip" ? undefined : queries[nameOf(ref)]) as never);
  vi.mocked(usePaginatedQuery).mockImplementation(((ref: unknown, args: unknown) => {
    const p = args === "skip" ? "loading" : (pages[nameOf(ref)] ?? []);
    return p === "loading"
      ? { results: [], status: "LoadingFirstPage", loadMore: vi.fn() }
      : { results: p, status: "Exhausted", loadMore: vi.fn() };
  }) as never);
});

const level = (sku: string) => ({
  _id: `l-${sku}`,
  productId: `p-${sku}`,
  warehouseId: "w1",
  sku,
  productName: `Product ${sku}`,
  onHand: 5,
  reserved: 2,
  available: 3,
  damaged: 0,
  bin: "A-01-1",
});

describe("inventory", () => {
  it("lists the warehouse's levels; words in the URL search instead (name, SKU, barcode)", async () => {
    queries["warehouses:list"] = [{ _id: "w1", code: "COL", name: "Columbus" }];
    pages["inventory:levelsByWarehouse"] = [level("TNT-2P")];
    queries["search:inventory"] = [level("BSK-OCEA")];
    show(<InventoryPage />, "/inventory", "floor");
    expect(screen.getByRole("table", { name: "Stock levels" })).toHaveTextContent("TNT-2P");
    await userEvent.type(screen.getByLabelText("Search"), "ocean{Enter}");
    const table = screen.getByRole("table", { name: "Stock levels matching “ocean”" });
    expect(table).toHaveTextContent("BSK-OCEA");
    expect(
      vi
        .mocked(useQuery)
        .mock.calls.filter((c) => nameOf(c[0]) === "search:inventory")
        .at(-1)![1],
    ).toEqual({ text: "ocean", warehouseId: "w1" });
  });

  it("says so when the search finds nothing here", () => {
    queries["warehouses:list"] = [{ _id: "w1", code: "COL", name: "Columbus" }];
    queries["search:inventory"] = [];
    show(<InventoryPage />, "/inventory?q=zzz", "floor");
    expect(screen.getByText("No stock here matches “zzz”")).toBeInTheDocument();
  });
});

describe("returns", () => {
  it("loading, then the empty state for its filters, then rows", () => {
    pages["returns:list"] = "loading";
    const a = show(<ReturnsPage />, "/returns", "floor");
    expect(screen.getByText("Loading returns…")).toBeInTheDocument();
    a.unmount();
    pages["returns:list"] = [];
    const b = show(<ReturnsPage />, "/returns?status=received", "floor");
    expect(screen.getByText("No returns match these filters")).toBeInTheDocument();
    b.unmount();
    pages["returns:list"] = [
      {
        _id: "r1",
        number: "RMA-1",
        orderId: "o1",
        orderNumber: "SO-100001",
        status: "authorised",
        origin: "customer",
        reasons: ["damaged"],
        unitsSettled: 0,
        unitsAuthorised: 2,
        refundStatus: "not_due",
        refundAmountMinor: 0,
        currency: "USD",
        createdAt: 0,
      },
    ];
    show(<ReturnsPage />, "/returns", "floor");
    const row = within(screen.getByRole("table", { name: "Returns" })).getAllByRole("row")[1];
    expect(row).toHaveTextContent("RMA-1");
    expect(row).toHaveTextContent("0 / 2");
  });
});

describe("members", () => {
  it("lists active members first and changes a role", async () => {
    queries["members:list"] = [
      { _id: "m2", name: "Zed", email: "z@x", role: "floor", active: false, linked: true },
      { _id: "me", name: "Ada", email: "a@x", role: "admin", active: true, linked: true },
    ];
    show(<MembersPage />);
    const rows = within(screen.getByRole("table", { name: "Members" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.map((r) => r.querySelector("td")?.textContent)).toEqual(["Ada (you)", "Zed"]);
    await userEvent.selectOptions(screen.getByLabelText("Role of Zed"), "supervisor");
    expect(mutate).toHaveBeenCalledWith({ memberId: "m2", role: "supervisor" });
  });
});

describe("warehouses", () => {
  it("shows the sources with admin actions named per row", () => {
    queries["warehouses:list"] = [
      {
        _id: "w1",
        code: "COL",
        name: "Columbus",
        kind: "warehouse",
        address: { city: "Columbus", region: "OH", country: "US" },
        latitude: 40,
        longitude: -83,
        cutoffLocal: "15:00",
        timezone: "America/New_York",
        priority: 0,
        active: true,
      },
    ];
    show(<WarehousesPage />);
    expect(screen.getByRole("table", { name: "Warehouses and other sources" })).toHaveTextContent("Columbus, OH, US");
    expect(screen.getByRole("button", { name: "Edit COL" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Deactivate\s*COL$/ })).toBeInTheDocument();
  });
});

describe("backorders", () => {
  it("numbers the queue in serving order, or says nothing waits", () => {
    const a = show(<BackordersPage />, "/backorders", "floor");
    expect(screen.getByText("Nothing is waiting")).toBeInTheDocument();
    a.unmount();
    pages["allocation:backorderQueue"] = [
      {
        _id: "b1",
        productId: "p1",
        sku: "TNT-2P",
        productName: "Tent",
        quantity: 2,
        orderId: "o1",
        orderNumber: "SO-1",
        rank: 0,
        queuedAt: 0,
      },
      {
        _id: "b2",
        productId: "p1",
        sku: "TNT-2P",
        productName: "Tent",
        quantity: 1,
        orderId: "o2",
        orderNumber: "SO-2",
        rank: 2,
        queuedAt: 1,
      },
    ];
    show(<BackordersPage />, "/backorders", "floor");
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((r) => [r.querySelector("td")?.textContent, r.textContent?.includes("Urgent")])).toEqual([
      ["1", true],
      ["2", false],
    ]);
  });
});

describe("message outbox", () => {
  it("opens a message's preview under its row", async () => {
    pages["notifications:outbox"] = [
      {
        _id: "n1",
        createdAt: 0,
        orderId: "o1",
        orderNumber: "SO-1",
        event: "order_confirmed",
        channel: "email",
        subject: "Thanks",
        body: "Hello",
        to: "a@example.com",
        status: "offline",
        attempts: 0,
      },
    ];
    show(<OutboxPage />, "/notifications/outbox", "supervisor");
    await userEvent.click(screen.getByRole("button", { name: "View" }));
    expect(screen.getByRole("button", { name: "Hide" })).toHaveAttribute("aria-expanded", "true");
    expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(3);
  });
});
