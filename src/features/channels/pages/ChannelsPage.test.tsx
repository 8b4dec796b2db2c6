import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderPage, stubConvex, type ConvexStub } from "../../../test/convexStub";
import { ChannelsPage } from "./ChannelsPage";
import { SkuMappingsPage } from "./SkuMappingsPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const channel = (over: Record<string, unknown> = {}) => ({
  _id: "c1",
  code: "SHOP",
  name: "Our Shopify",
  kind: "shopify",
  status: "error",
  enabled: true,
  consecutiveFailures: 3,
  importedCount: 41,
  lastError: "401 from the store",
  env: [],
  missingEnv: [],
  ...over,
});

let server: ConvexStub;
beforeEach(() => {
  server = stubConvex();
});

describe("channels", () => {
  it("loading, then none connected (an admin is told how), then each channel's pull status", () => {
    const a = renderPage(<ChannelsPage />, { role: "admin" });
    expect(screen.getByText("Loading channels…")).toBeInTheDocument();
    a.unmount();
    server.queries["channels:list"] = [];
    const b = renderPage(<ChannelsPage />, { role: "admin" });
    expect(screen.getByText("Connect a store, or the sandbox for demo orders.")).toBeInTheDocument();
    b.unmount();
    server.queries["channels:list"] = [channel(), channel({ _id: "c2", code: "CSV", name: "Files", kind: "csv" })];
    renderPage(<ChannelsPage />, { role: "supervisor" });
    const [, shop, csv] = within(screen.getByRole("table", { name: "Channels" })).getAllByRole("row");
    expect(shop).toHaveTextContent("Failing");
    expect(shop).toHaveTextContent("3 failed in a row");
    expect(shop).toHaveTextContent("401 from the store");
    expect(within(csv).getAllByRole("cell")[2]).toHaveTextContent("—");
    // Supervisors read; only admins pull and disable.
    expect(screen.queryByRole("columnheader", { name: "Actions" })).toBeNull();
  });

  it("an admin pulls a channel now, named per row", async () => {
    server.queries["channels:list"] = [channel()];
    server.mutate.mockResolvedValue(null);
    renderPage(<ChannelsPage />, { role: "admin" });
    await userEvent.click(screen.getByRole("button", { name: /^Pull now\s*Our Shopify$/ }));
    expect(server.mutate).toHaveBeenCalledWith({ channelId: "c1" });
    expect(await screen.findByText("Pulling Our Shopify…")).toBeInTheDocument();
  });
});

describe("SKU mappings", () => {
  it("unmapped listings most-waited first, mapped ones with what they ship as; empty and loading say so", () => {
    server.pages["channels:mappings"] = "loading";
    const a = renderPage(<SkuMappingsPage />, { role: "supervisor" });
    expect(screen.getByText("Loading unmapped listings…")).toBeInTheDocument();
    expect(screen.getByText("Loading mappings…")).toBeInTheDocument();
    a.unmount();
    server.queries["channels:unmappedListings"] = [];
    server.pages["channels:mappings"] = [];
    const b = renderPage(<SkuMappingsPage />, { role: "supervisor" });
    expect(screen.getByText("Every listing maps to a product")).toBeInTheDocument();
    expect(screen.getByText("No mappings yet")).toBeInTheDocument();
    b.unmount();
    server.queries["channels:unmappedListings"] = [
      { _id: "u1", channel: "SHOP", listingSku: "L-1", waitingOrders: 1, components: [] },
      { _id: "u2", channel: "SHOP", listingSku: "L-2", title: "Two", waitingOrders: 5, components: [] },
    ];
    server.pages["channels:mappings"] = [
      {
        _id: "m1",
        channel: "SHOP",
        listingSku: "KIT",
        updatedAt: 0,
        components: [
          { productId: "p1", quantity: 2, sku: "TNT-2P" },
          { productId: "p2", quantity: 1, sku: "MAT" },
        ],
      },
    ];
    renderPage(<SkuMappingsPage />, { role: "admin" });
    const unmapped = within(screen.getByRole("table", { name: "Unmapped listings" }))
      .getAllByRole("row")
      .slice(1);
    expect(unmapped.map((r) => within(r).getAllByRole("cell")[1].textContent)).toEqual(["L-2", "L-1"]);
    expect(screen.getByRole("button", { name: /^Map\s*L-2$/ })).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Mapped listings" })).toHaveTextContent("2 × TNT-2P + 1 × MAT");
  });
});
