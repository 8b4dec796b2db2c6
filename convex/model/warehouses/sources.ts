/**
 * Reads of the fulfilment sources (warehouses, 3PLs, dropship suppliers, stores). A workspace has
 * tens of sources and at most MAX_WAREHOUSES (saving refuses one more), so every list of them, and
 * every per-source list of one product (its stock levels), is one bounded read.
 */
import type { QueryCtx } from "../../_generated/server";
import { MAX_WAREHOUSES } from "../../lib/bounds";
import { rowBy, rowsBy } from "../rows";

/** Sources that are active (or, with `active: false`, switched off), highest priority first. */
export async function warehousesByPriority(ctx: { db: QueryCtx["db"] }, active: boolean) {
  return rowsBy(ctx, "warehouses", "by_active_and_priority", active, { limit: MAX_WAREHOUSES });
}

/** The source with this code (codes are unique: saving refuses a taken one), or null. */
export async function warehouseByCode(ctx: { db: QueryCtx["db"] }, code: string) {
  return rowBy(ctx, "warehouses", "by_code", code, "first");
}
