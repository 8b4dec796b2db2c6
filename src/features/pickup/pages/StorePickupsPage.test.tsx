import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expectLoading, renderPage, stubConvexEach } from "../../../test/convexStub";
import { StorePickupsPage } from "./StorePickupsPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));
vi.mock("../../floor/components/CameraScanner", () => ({ CameraScanner: () => null }));

const store = (id: string, name: string) => ({
  _id: id,
  code: id.toUpperCase(),
  name,
  active: true,
  shipFromStore: false,
  dailyCapacity: null,
  pickupHours: null,
  usedToday: { units: 0, orders: 0 },
});
const pickup = { _id: "p1", orderId: "o1", orderNumber: "SO-7", customerName: "Pia", status: "preparing" };

const server = stubConvexEach();

describe("pickups (a store's click & collect list)", () => {
  it("loading stores, then no store yet", () => {
    expectLoading(<StorePickupsPage />, "Loading stores…", { role: "floor" });
    server.queries["pickups:stores"] = [];
    renderPage(<StorePickupsPage />, { role: "floor" });
    expect(screen.getByText("No store yet")).toBeInTheDocument();
  });

  it("lists the first store's pickups to pick; tab and store go to the URL and the query", async () => {
    server.queries["pickups:stores"] = [store("s1", "Soho"), store("s2", "Tribeca")];
    server.pages["pickups:list"] = "loading";
    expectLoading(<StorePickupsPage />, "Loading pickups…", { url: "/store/pickups", role: "floor" });
    server.pages["pickups:list"] = [{ ...pickup, readyAt: null, expiresAt: null, remindedAt: null, createdAt: 0 }];
    const page = renderPage(<StorePickupsPage />, { url: "/store/pickups?tab=nonsense", role: "floor" });
    expect(screen.getByRole("link", { name: "SO-7" })).toHaveAttribute("href", "/store/pickups/p1");
    expect(server.argsOf("pickups:list")).toEqual({ storeId: "s1", status: "preparing" });

    server.pages["pickups:list"] = [];
    await userEvent.click(screen.getByRole("tab", { name: "Ready" }));
    expect(page.url()).toBe("/store/pickups?tab=ready");
    expect(server.argsOf("pickups:list")).toEqual({ storeId: "s1", status: "ready" });
    expect(screen.getByText("Nothing waiting at the counter")).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText("Store"), "s2");
    expect(page.url()).toBe("/store/pickups?tab=ready&store=s2");
    expect(server.argsOf("pickups:list")).toEqual({ storeId: "s2", status: "ready" });
  });
});
