import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderPage, stubConvex, type ConvexStub } from "../../../test/convexStub";
import { BatchesPage } from "./BatchesPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const batch = {
  _id: "b1",
  _creationTime: 0,
  number: "B-1001",
  status: "running",
  source: "3 selected orders",
  counts: { total: 3, bought: 1, failed: 1, queued: 1, working: 0, ready: 0, voided: 0 },
  createdBy: "m1",
  createdByName: "Sam",
  createdAt: Date.UTC(2026, 0, 2, 9),
};

let server: ConvexStub;
beforeEach(() => {
  server = stubConvex();
  server.queries["warehouses:list"] = [{ _id: "w1", name: "Reno" }];
});

describe("batches", () => {
  it("is for supervisors: a floor member is told so and nothing is asked", () => {
    renderPage(<BatchesPage />, { role: "floor" });
    expect(screen.getByText("Batches are for supervisors")).toBeInTheDocument();
    expect(server.argsOf("batches:list")).toBe("skip");
  });

  it("loading, empty, then each batch with its live counts and a link", () => {
    server.pages["batches:list"] = "loading";
    const a = renderPage(<BatchesPage />, { role: "supervisor" });
    expect(screen.getByText("Loading batches…")).toBeInTheDocument();
    a.unmount();
    server.pages["batches:list"] = [];
    const b = renderPage(<BatchesPage />, { role: "supervisor" });
    expect(screen.getByText("No batches yet")).toBeInTheDocument();
    b.unmount();
    server.pages["batches:list"] = [batch];
    renderPage(<BatchesPage />, { role: "supervisor" });
    const row = within(screen.getByRole("table", { name: "Batches, newest first" })).getAllByRole("row")[1];
    expect(within(row).getByRole("link", { name: "B-1001" })).toHaveAttribute("href", "/batches/b1");
    expect([...row.querySelectorAll("td")].map((c) => c.textContent)).toEqual([
      "B-1001",
      "3 selected orders",
      "Buying",
      "1 of 3",
      "1",
      expect.stringMatching(/ by Sam$/),
    ]);
  });

  it("a batch from a filter counts what waits for the chosen warehouse before it is made", async () => {
    server.queries["batches:previewFilter"] = { count: 7 };
    renderPage(<BatchesPage />, { role: "supervisor" });
    expect(server.argsOf("batches:previewFilter")).toBe("skip");
    await userEvent.selectOptions(screen.getByLabelText(/Ready shipments from/), "w1");
    expect(server.argsOf("batches:previewFilter")).toEqual({ warehouseId: "w1", service: undefined, limit: 25 });
    expect(screen.getByText("7 packed shipments are waiting for a label")).toBeInTheDocument();
  });
});
