/**
 * Ship-from-store daily capacity, taken and given back per shipment (issue 20, part 1 gap 3).
 * Allocation takes capacity for what it drew from a store (`takeStoreCapacity`, in the allocation's
 * transaction) and records the draw on `storeCapacityDraws` by shipment, with the store's local day
 * it was counted on. When units come off that shipment unshipped — the shipment cancelled, the
 * order re-allocated or cancelled, a line cancelled, a short pick — the one writer of shipment
 * lines (model/allocation/shipmentLines.ts) gives them back through `giveBackStoreCapacity` in the
 * same transaction: units back to the day they were taken from, and the order back when the
 * shipment is cancelled. Imports nothing but types, so shipmentLines may import it.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { rowBy } from "../rows";

/** A store's capacity row for one local day, or null before its first draw that day. */
export async function dayRow(ctx: { db: QueryCtx["db"] }, storeId: Id<"warehouses">, day: string) {
  return ctx.db
    .query("storeCapacity")
    .withIndex("by_storeId_and_day", (q) => q.eq("storeId", storeId).eq("day", day))
    .unique();
}

/**
 * Counts `units` drawn from a store onto `shipmentId` on `day`. A shipment already counted (more
 * units added to the same open shipment) adds units only: one order is counted once per shipment.
 */
export async function takeStoreCapacity(
  ctx: MutationCtx,
  a: { storeId: Id<"warehouses">; shipmentId: Id<"shipments">; day: string; units: number },
) {
  const draw = await rowBy(ctx, "storeCapacityDraws", "by_shipmentId", a.shipmentId);
  const newOrder = draw ? 0 : 1;
  // A draw keeps the day it was first counted on: its units are given back to that day.
  const day = draw?.day ?? a.day;
  if (draw) await ctx.db.patch("storeCapacityDraws", draw._id, { units: draw.units + a.units });
  else await ctx.db.insert("storeCapacityDraws", { shipmentId: a.shipmentId, storeId: a.storeId, day, units: a.units });
  const row = await dayRow(ctx, a.storeId, day);
  if (row) await ctx.db.patch("storeCapacity", row._id, { units: row.units + a.units, orders: row.orders + newOrder });
  else await ctx.db.insert("storeCapacity", { storeId: a.storeId, day, units: a.units, orders: newOrder });
}

/**
 * `units` of a shipment came off unshipped: they go back to the day's capacity they were taken
 * from (never below zero, never more than the draw took); `cancelled` gives the order back too.
 * A shipment with no draw (a warehouse, a pickup order, or allocated before draws were kept) is left alone.
 */
export async function giveBackStoreCapacity(
  ctx: MutationCtx,
  shipmentId: Id<"shipments">,
  units: number,
  cancelled: boolean,
) {
  const draw = await rowBy(ctx, "storeCapacityDraws", "by_shipmentId", shipmentId);
  if (!draw) return;
  const back = Math.max(0, Math.min(units, draw.units));
  const row = await dayRow(ctx, draw.storeId, draw.day);
  if (row)
    await ctx.db.patch("storeCapacity", row._id, {
      units: Math.max(0, row.units - back),
      orders: cancelled ? Math.max(0, row.orders - 1) : row.orders,
    });
  if (cancelled) await ctx.db.delete("storeCapacityDraws", draw._id);
  else await ctx.db.patch("storeCapacityDraws", draw._id, { units: draw.units - back });
}
