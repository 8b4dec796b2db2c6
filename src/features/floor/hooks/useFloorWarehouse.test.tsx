import { afterEach, describe, expect, it, vi } from "vitest";
import { renderHook } from "@testing-library/react";
import { useQuery } from "convex/react";
import { nameOf } from "../../../test/convexMock";
import { FLOOR_WAREHOUSE_KEY, useFloorWarehouse } from "./useFloorWarehouse";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), useMutation: vi.fn() }));

const warehouses = [
  { _id: "w1", code: "EWR", name: "Newark", kind: "warehouse" },
  { _id: "s1", code: "SF-STORE", name: "Market St", kind: "store" },
  { _id: "w9", code: "ACME", name: "Acme dropship", kind: "dropship" },
];

function withScope(storeId: string | null) {
  vi.mocked(useQuery).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "warehouses:list"
      ? warehouses
      : nameOf(ref) === "floorScope:mine"
        ? { storeId }
        : undefined) as never);
}

afterEach(() => {
  vi.clearAllMocks();
  localStorage.clear();
});

describe("useFloorWarehouse", () => {
  it("offers every stock location to a member bound to no store, and keeps the remembered one", () => {
    withScope(null);
    localStorage.setItem(FLOOR_WAREHOUSE_KEY, "s1");
    const { result } = renderHook(() => useFloorWarehouse());
    expect(result.current.warehouses?.map((w) => w._id)).toEqual(["w1", "s1"]);
    expect(result.current.warehouseId).toBe("s1");
  });

  it("offers only their store to a member bound to one, whatever the device remembered", () => {
    withScope("s1");
    localStorage.setItem(FLOOR_WAREHOUSE_KEY, "w1");
    const { result } = renderHook(() => useFloorWarehouse());
    expect(result.current.warehouses?.map((w) => w._id)).toEqual(["s1"]);
    expect(result.current.warehouseId).toBe("s1");
  });
});
