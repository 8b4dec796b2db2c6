import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { useMutation, useQuery } from "convex/react";
import { AllocationPanel } from "./AllocationPanel";
import { MeContext, type Me } from "../../members/hooks/useMe";
import { ToastProvider } from "../../../components/ui";
import { nameOf } from "../../../test/convexMock";
import type { Doc } from "../../../../convex/_generated/dataModel";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), useMutation: vi.fn(), usePaginatedQuery: vi.fn() }));

const order = {
  _id: "o1",
  number: "SO-1",
  status: "partially_allocated",
  channel: "manual",
} as unknown as Doc<"orders">;
const shipment = (n: number, code: string, status = "open") => ({
  _id: `s${n}`,
  number: `SO-1-${n}`,
  status,
  source: "stock",
  warehouseCode: code,
  warehouseName: `${code} DC`,
  distanceKm: 412.4,
  lines: [{ orderLineId: "l1", productId: "p1", sku: "MUG", levelId: `lv${n}`, quantity: 2, picked: 0 }],
});
const plan = {
  strategy: "proximity",
  shipments: [shipment(1, "WEST"), shipment(2, "EAST"), shipment(3, "OLD", "cancelled")],
  backorders: [{ _id: "b1", productId: "p1", sku: "CUP", quantity: 3, position: 2, queuedAt: 0 }],
  decision: {
    at: 0,
    reason: "Allocated by proximity",
    actorName: "system",
    details: ["Line MUG × 2 from WEST (412 km): nearest source with all 2"],
  },
};
const strategies = {
  available: [
    { name: "proximity", label: "Warehouse proximity", description: "d1" },
    { name: "single_warehouse", label: "Single-warehouse preference", description: "d2" },
  ],
  defaultStrategy: "proximity",
  channelStrategies: {},
};

function renderPanel(role: Me["role"]) {
  return render(
    <MeContext.Provider value={{ _id: "m", name: "X", email: "x@y.z", role } as Me}>
      <ToastProvider>
        <MemoryRouter>
          <AllocationPanel order={order} />
        </MemoryRouter>
      </ToastProvider>
    </MeContext.Provider>,
  );
}

let reallocate: ReturnType<typeof vi.fn>;
beforeEach(() => {
  reallocate = vi.fn().mockResolvedValue({ shipments: 1, backordered: 0 });
  vi.mocked(useMutation).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "allocation:reallocate" ? reallocate : vi.fn()) as never);
  vi.mocked(useQuery).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "allocation:orderPlan"
      ? plan
      : nameOf(ref) === "allocation:strategies"
        ? strategies
        : undefined) as never);
});

describe("AllocationPanel", () => {
  it("shows live shipments, the split, the queue position and the reasons; hides cancelled shipments", () => {
    renderPanel("floor");
    expect(screen.getByText(/split into 2 shipments/)).toBeInTheDocument();
    expect(screen.getByLabelText("Shipment SO-1-1")).toHaveTextContent("WEST");
    expect(screen.queryByLabelText("Shipment SO-1-3")).toBeNull();
    expect(screen.getByLabelText("Backorder of CUP")).toHaveTextContent("#2 in the queue for CUP");
    expect(screen.getByText(/nearest source with all 2/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Re-allocate/ })).toBeNull();
  });

  it("lets a supervisor re-allocate with another strategy", async () => {
    renderPanel("supervisor");
    await userEvent.click(screen.getByRole("button", { name: "Re-allocate…" }));
    await userEvent.selectOptions(screen.getByLabelText("Strategy"), "single_warehouse");
    await userEvent.click(screen.getByRole("button", { name: "Re-allocate" }));
    expect(reallocate).toHaveBeenCalledWith({ orderId: "o1", strategy: "single_warehouse" });
  });
});
