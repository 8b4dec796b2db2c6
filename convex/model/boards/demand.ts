/**
 * Per-product aggregate rows: unallocated demand (productDemand) and units shipped / returned
 * (productShipments, the denominator of the return ratio). Applied from the buffer's net deltas.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { DemandDelta, ShippedDelta } from "./buffer";
import { addNet } from "../../lib/boards";
import { rowBy } from "../rows";

/** Oldest wait in a product's backorder queue: the first row of each rank (urgent, high, normal). */
export async function oldestQueuedAt(ctx: QueryCtx, productId: Id<"products">): Promise<number | undefined> {
  let oldest: number | undefined;
  for (const rank of [0, 1, 2]) {
    const first = await ctx.db
      .query("backorders")
      .withIndex("by_productId_and_rank_and_queuedAt", (q) => q.eq("productId", productId).eq("rank", rank))
      .first();
    if (first && (oldest === undefined || first.queuedAt < oldest)) oldest = first.queuedAt;
  }
  return oldest;
}

/** Adds a net delta to a product's demand row; the row exists only while some unit waits. */
export async function applyDemand(ctx: MutationCtx, productId: Id<"products">, d: DemandDelta) {
  if (d.unallocated === 0 && d.backordered === 0 && !d.queueChanged) return;
  const row = await rowBy(ctx, "productDemand", "by_productId", productId);
  const unallocated = (row?.unallocated ?? 0) + d.unallocated;
  const backordered = (row?.backordered ?? 0) + d.backordered;
  const units = unallocated + backordered;
  if (units === 0) {
    if (row) await ctx.db.delete("productDemand", row._id);
    return;
  }
  const oldest = d.queueChanged || !row ? await oldestQueuedAt(ctx, productId) : row.oldestQueuedAt;
  const next = { unallocated, backordered, units, oldestQueuedAt: oldest };
  if (!row) await ctx.db.insert("productDemand", { productId, sku: d.sku, name: d.name, ...next });
  else if (row.unallocated !== unallocated || row.backordered !== backordered || row.oldestQueuedAt !== oldest) {
    await ctx.db.patch("productDemand", row._id, next);
  }
}

/** Adds shipped / returned units (and units back per reason) to a product's row, created on first use. */
export async function applyProductShipments(ctx: MutationCtx, productId: Id<"products">, d: ShippedDelta) {
  const reasonDeltas = Object.entries(d.reasons).filter(([, n]) => n !== 0);
  if (d.shipped === 0 && d.returned === 0 && reasonDeltas.length === 0) return;
  const row = await rowBy(ctx, "productShipments", "by_productId", productId);
  const reasons = addNet(row?.reasons ?? {}, reasonDeltas);
  const next = { shipped: (row?.shipped ?? 0) + d.shipped, returned: (row?.returned ?? 0) + d.returned, reasons };
  if (row) await ctx.db.patch("productShipments", row._id, next);
  else await ctx.db.insert("productShipments", { productId, sku: d.sku, ...next });
}
