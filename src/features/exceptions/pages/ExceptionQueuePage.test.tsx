import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderPage, stubConvex, type ConvexStub } from "../../../test/convexStub";
import { ExceptionQueuePage } from "./ExceptionQueuePage";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const hold = {
  _id: "h1",
  _creationTime: 0,
  orderId: "o1",
  orderNumber: "SO-42",
  orderStatus: "on_hold",
  customerName: "Pat Doe",
  type: "address",
  reason: "The postal code does not match the city",
  blocking: true,
  createdAt: 0,
  status: "open",
};

let server: ConvexStub;
beforeEach(() => {
  server = stubConvex();
  server.queries["holds:counts"] = { counts: { address: 1, payment: 0, fraud: 0, stock: 0 }, cap: 1000 };
});

describe("exception queue", () => {
  it("loading, then nothing to resolve, then the open holds with order, customer and reason", () => {
    server.pages["holds:queue"] = "loading";
    const a = renderPage(<ExceptionQueuePage />, { url: "/exceptions", role: "supervisor" });
    expect(screen.getByText("Loading exceptions…")).toBeInTheDocument();
    a.unmount();
    server.pages["holds:queue"] = [];
    const b = renderPage(<ExceptionQueuePage />, { url: "/exceptions", role: "supervisor" });
    expect(screen.getByText("Nothing to resolve")).toBeInTheDocument();
    b.unmount();
    server.pages["holds:queue"] = [hold];
    renderPage(<ExceptionQueuePage />, { url: "/exceptions", role: "supervisor" });
    const row = within(screen.getByRole("table", { name: "Open exceptions, oldest first" })).getAllByRole("row")[1];
    expect(within(row).getByRole("link", { name: "SO-42" })).toHaveAttribute("href", "/orders/o1");
    expect(row).toHaveTextContent("The postal code does not match the city");
    expect(row).toHaveTextContent("Pat Doe");
  });

  it("the type tab is in the URL and narrows the query; an unknown type shows all", async () => {
    const page = renderPage(<ExceptionQueuePage />, { url: "/exceptions?type=bogus", role: "supervisor" });
    expect(server.argsOf("holds:queue")).toEqual({ type: undefined });
    expect(screen.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");
    await userEvent.click(screen.getByRole("link", { name: /^Address/ }));
    expect(page.url()).toBe("/exceptions?type=address");
    expect(server.argsOf("holds:queue")).toEqual({ type: "address" });
    expect(screen.getByText(/No open exceptions of this type/)).toBeInTheDocument();
  });

  it("channel imports list the inbox's failed orders with the reason", async () => {
    server.pages["channels:inbox"] = [
      { _id: "c1", channel: "shopify", externalId: "1001", receivedAt: 0, error: "Unknown currency XXX" },
    ];
    renderPage(<ExceptionQueuePage />, { url: "/exceptions?type=imports", role: "supervisor" });
    expect(server.argsOf("channels:inbox")).toEqual({ status: "failed" });
    const table = screen.getByRole("table", { name: "Channel orders that could not be imported" });
    expect(table).toHaveTextContent("shopify / 1001");
    expect(table).toHaveTextContent("Unknown currency XXX");
  });
});
