/**
 * FIFO cost layers: receipts add one, outbound movements consume the oldest open ones first.
 *
 * A layer is *open* while it has units left. Consumption and planning read open layers only,
 * through `by_productId_and_warehouseId_and_exhaustedAt_and_receivedAt` with `exhaustedAt`
 * undefined, so the documents read do not grow with the history of a SKU (each restocked return
 * adds a one-unit layer; a busy SKU collects thousands of used-up ones). `exhaustedAt` is set in
 * the same write that takes the last unit. Layers written before the field existed are closed on
 * the first read that meets them (self-healing; each such layer is read at most once more).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";

const OPEN_INDEX = "by_productId_and_warehouseId_and_exhaustedAt_and_receivedAt" as const;

function openLayersQuery(ctx: QueryCtx, productId: Id<"products">, warehouseId: Id<"warehouses">) {
  return ctx.db
    .query("costLayers")
    .withIndex(OPEN_INDEX, (q) =>
      q.eq("productId", productId).eq("warehouseId", warehouseId).eq("exhaustedAt", undefined),
    );
}

/** Units of one product at one warehouse. */
type StockAt = { productId: Id<"products">; warehouseId: Id<"warehouses">; qty: number };

/** Adds a FIFO cost layer of `qty` units received now at `unitCostMinor`. */
export async function addLayer(
  ctx: MutationCtx,
  { productId, warehouseId, qty, unitCostMinor, reference }: StockAt & { unitCostMinor: number; reference?: string },
) {
  const now = Date.now();
  await ctx.db.insert("costLayers", {
    productId,
    warehouseId,
    receivedAt: now,
    unitCostMinor,
    quantityReceived: qty,
    quantityRemaining: qty,
    reference,
    ...(qty > 0 ? {} : { exhaustedAt: now }),
  });
}

/**
 * The oldest open layers of a product at a warehouse (at most `limit`), oldest first. Reads at
 * most `limit` documents plus any legacy used-up layers not yet closed.
 */
export async function openLayers(
  ctx: QueryCtx,
  productId: Id<"products">,
  warehouseId: Id<"warehouses">,
  limit: number,
): Promise<Doc<"costLayers">[]> {
  const out: Doc<"costLayers">[] = [];
  if (limit <= 0) return out;
  for await (const layer of openLayersQuery(ctx, productId, warehouseId)) {
    if (layer.quantityRemaining > 0) out.push(layer);
    if (out.length >= limit) break;
  }
  return out;
}

/** The units left in a product's open layers at a warehouse (every open layer is read). */
export async function unitsInLayers(ctx: QueryCtx, productId: Id<"products">, warehouseId: Id<"warehouses">) {
  let units = 0;
  for await (const layer of openLayersQuery(ctx, productId, warehouseId)) units += layer.quantityRemaining;
  return units;
}

/**
 * Consumes `qty` units from the oldest open layers; returns the consumed (qty, unit cost) pairs.
 * Stock with no layer left (e.g. found in a count) is consumed at `fallbackCost` (the product's
 * standard cost). Reads only the layers it takes units from (plus the legacy ones it closes).
 */
export async function consumeLayers(
  ctx: MutationCtx,
  { productId, warehouseId, qty, fallbackCost }: StockAt & { fallbackCost: number },
) {
  const used: { qty: number; unitCostMinor: number }[] = [];
  let left = qty;
  if (left > 0) {
    const now = Date.now();
    for await (const layer of openLayersQuery(ctx, productId, warehouseId)) {
      if (layer.quantityRemaining <= 0) {
        // A used-up layer from before `exhaustedAt` existed: close it so no later read meets it.
        await ctx.db.patch("costLayers", layer._id, { exhaustedAt: now });
        continue;
      }
      const take = Math.min(left, layer.quantityRemaining);
      const remaining = layer.quantityRemaining - take;
      await ctx.db.patch(
        "costLayers",
        layer._id,
        remaining === 0 ? { quantityRemaining: 0, exhaustedAt: now } : { quantityRemaining: remaining },
      );
      used.push({ qty: take, unitCostMinor: layer.unitCostMinor });
      left -= take;
      if (left === 0) break;
    }
  }
  if (left > 0) used.push({ qty: left, unitCostMinor: fallbackCost });
  return used;
}
