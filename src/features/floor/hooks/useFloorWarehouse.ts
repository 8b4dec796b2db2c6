/**
 * The warehouse a floor member works in, remembered on the device (phones stay in one building):
 * the stored choice when it is still an active stock location, else the first one. A floor member
 * bound to a store (Stores page) is offered that store only.
 */
import { useCallback, useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";

export const FLOOR_WAREHOUSE_KEY = "order-platform.floor-warehouse";

function load(): string | null {
  try {
    return localStorage.getItem(FLOOR_WAREHOUSE_KEY);
  } catch {
    return null;
  }
}

export function useFloorWarehouse() {
  const all = useQuery(api.warehouses.list, {});
  // A member bound to a store works there only (the server refuses other sites' work).
  const scope = useQuery(api.floorScope.mine, {});
  const [stored, setStored] = useState<string | null>(load);
  const warehouses = all?.filter((w) => w.kind !== "dropship" && (!scope?.storeId || w._id === scope.storeId));
  const warehouseId = (warehouses?.some((w) => w._id === stored) ? stored : warehouses?.[0]?._id) as
    Id<"warehouses"> | undefined;
  const choose = useCallback((id: string) => {
    setStored(id);
    try {
      localStorage.setItem(FLOOR_WAREHOUSE_KEY, id);
    } catch {
      // No storage: the choice lasts for this page.
    }
  }, []);
  return { warehouses, warehouseId, choose };
}
