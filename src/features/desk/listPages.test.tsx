/**
 * The list pages moved onto DataTable (inventory, returns, members, warehouses, backorders, message
 * outbox): each shows its loading and empty states and its rows as a captioned table, with the
 * page's own behaviour (inventory search by words in the URL, role changes, outbox preview).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { Me } from "../members/hooks/useMe";
import { renderPage, stubConvex, type ConvexStub } from "../../test/convexStub";
import { InventoryPage } from "../inventory/pages/InventoryPage";
import { ReturnsPage } from "../returns/pages/ReturnsPage";
import { MembersPage } from "../members/pages/MembersPage";
import { WarehousesPage } from "../warehouses/pages/WarehousesPage";
import { BackordersPage } from "../allocation/pages/BackordersPage";
import { OutboxPage } from "../notifications/pages/OutboxPage";

vi.mock("convex/react", () => import("../../test/convexReact"));

let server: ConvexStub;
let queries: ConvexStub["queries"];
let pages: ConvexStub["pages"];
let mutate: ConvexStub["mutate"];
beforeEach(() => {
  server = stubConvex();
  ({ queries, pages, mutate } = server);
});
const show = (ui: ReactNode, url = "/", role: Me["role"] = "admin") => renderPage(ui, { url, role });
/**
 * Shows the page at `urls[0]` while its paginated query `name` loads (its words `loading`), then
 * at `urls[1]` with `rows`.
 */
function showLoadingThen(
  { name, loading, rows, urls }: { name: string; loading: string; rows: readonly unknown[]; urls: [string, string] },
  render: (url: string) => ReturnType<typeof show>,
) {
  pages[name] = "loading";
  const first = render(urls[0]);
  expect(screen.getByText(loading)).toBeInTheDocument();
  first.unmount();
  pages[name] = rows;
  return render(urls[1]);
}

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
    expect(server.argsOf("search:inventory")).toEqual({ text: "ocean", warehouseId: "w1" });
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
    const b = showLoadingThen(
      { name: "returns:list", loading: "Loading returns…", rows: [], urls: ["/returns", "/returns?status=received"] },
      (url) => show(<ReturnsPage />, url, "floor"),
    );
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

const backorder = (n: number, rank: number) => ({
  _id: `b${n}`,
  productId: "p1",
  sku: "TNT-2P",
  productName: "Tent",
  quantity: n,
  orderId: `o${n}`,
  orderNumber: `SO-${n}`,
  rank,
  queuedAt: n,
});

describe("backorders", () => {
  it("numbers the queue in serving order, or says nothing waits", () => {
    const a = show(<BackordersPage />, "/backorders", "floor");
    expect(screen.getByText("Nothing is waiting")).toBeInTheDocument();
    a.unmount();
    pages["allocation:backorderQueue"] = [backorder(1, 0), backorder(2, 2)];
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

describe("filters live in the URL and reach the query", () => {
  it("returns: a status chosen goes to the URL and the list's arguments; an unknown one in a link is ignored", async () => {
    const page = show(<ReturnsPage />, "/returns?status=bogus&origin=customer", "floor");
    expect(server.argsOf("returns:list")).toEqual({ status: undefined, origin: "customer" });
    await userEvent.selectOptions(screen.getByLabelText("Status"), "received");
    expect(page.url()).toBe("/returns?status=received&origin=customer");
    expect(server.argsOf("returns:list")).toEqual({ status: "received", origin: "customer" });
    await userEvent.selectOptions(screen.getByLabelText("Origin"), "");
    expect(page.url()).toBe("/returns?status=received");
  });

  it("backorders: a product's SKU narrows the queue to it; Show all widens it again", async () => {
    const page = showLoadingThen(
      {
        name: "allocation:backorderQueue",
        loading: "Loading the queue…",
        rows: [backorder(1, 1)],
        urls: ["/backorders", "/backorders"],
      },
      (url) => show(<BackordersPage />, url, "floor"),
    );
    expect(server.argsOf("allocation:backorderQueue")).toEqual({ productId: undefined });
    await userEvent.click(screen.getByRole("button", { name: "TNT-2P" }));
    expect(page.url()).toBe("/backorders?product=p1");
    expect(server.argsOf("allocation:backorderQueue")).toEqual({ productId: "p1" });
    await userEvent.click(screen.getByRole("button", { name: "Show all" }));
    expect(page.url()).toBe("/backorders");
  });

  it("outbox: loading, empty, then a status filter in the URL and the query", async () => {
    const page = showLoadingThen(
      {
        name: "notifications:outbox",
        loading: "Loading messages…",
        rows: [],
        urls: ["/notifications/outbox", "/notifications/outbox?status=nonsense"],
      },
      (url) => show(<OutboxPage />, url, "supervisor"),
    );
    expect(screen.getByText("No messages")).toBeInTheDocument();
    expect(server.argsOf("notifications:outbox")).toEqual({ status: undefined });
    await userEvent.selectOptions(screen.getByLabelText("Status"), "failed");
    expect(page.url()).toBe("/notifications/outbox?status=failed");
    expect(server.argsOf("notifications:outbox")).toEqual({ status: "failed" });
  });

  it("members: loading, then the empty state", () => {
    const a = show(<MembersPage />);
    expect(screen.getByText("Loading members…")).toBeInTheDocument();
    a.unmount();
    queries["members:list"] = [];
    show(<MembersPage />);
    expect(screen.getByText("No members yet")).toBeInTheDocument();
  });
});
