import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expectLoading, renderPage, stubConvexEach } from "../../../test/convexStub";
import { PackQueuePage } from "./PackQueuePage";

vi.mock("convex/react", () => import("../../../test/convexReact"));
vi.mock("../components/CameraScanner", () => ({ CameraScanner: () => null }));

const warehouses = [
  { _id: "w1", code: "EWR", name: "Newark", kind: "warehouse" },
  { _id: "w2", code: "ORD", name: "Chicago", kind: "warehouse" },
];
const shipment = (n: number, over: Record<string, unknown> = {}) => ({
  _id: `s${n}`,
  number: `SH-${n}`,
  lines: [
    { levelId: "l1", picked: 2 },
    { levelId: "l2", picked: 1 },
  ],
  ...over,
});

const server = stubConvexEach();

describe("pack queue", () => {
  it("loading, then nothing to pack, for the chosen warehouse", async () => {
    expectLoading(<PackQueuePage />, "Loading warehouses…", { role: "floor" });
    server.queries["warehouses:list"] = warehouses;
    renderPage(<PackQueuePage />, { role: "floor" });
    expect(screen.getByText("Loading the pack queue…")).toBeInTheDocument();
    expect(server.argsOf("floor:packQueue")).toEqual({ warehouseId: "w1" });
    server.queries["floor:packQueue"] = [];
    await userEvent.selectOptions(screen.getByLabelText(/Warehouse/), "w2");
    expect(server.argsOf("floor:packQueue")).toEqual({ warehouseId: "w2" });
    expect(screen.getByText("Nothing to pack")).toBeInTheDocument();
  });

  it("each picked shipment with its units and who packs it; mine continues, others' can be claimed", () => {
    server.queries["warehouses:list"] = warehouses;
    server.queries["floor:packQueue"] = [
      shipment(1),
      shipment(2, { claimedBy: "me", claimedByName: "Ada" }),
      shipment(3, { claimedBy: "m9", claimedByName: "Bo" }),
    ];
    renderPage(<PackQueuePage />, { role: "floor" });
    expect(screen.getByTestId("pack-SH-1")).toHaveTextContent("3 units · 2 lines");
    expect(screen.getByTestId("pack-SH-1")).toHaveTextContent("Free");
    expect(screen.getByRole("button", { name: "Continue SH-2" })).toBeInTheDocument();
    expect(screen.getByTestId("pack-SH-3")).toHaveTextContent("Bo is packing it");
    expect(screen.getByRole("button", { name: "Pack SH-3" })).toBeInTheDocument();
  });
});
