/**
 * The backorder queue's rank, a line's rows in it, and its fill. Units go onto shipments through shipmentLines.addUnits
 * (which reserves through the ledger) and the order's status through orders/settle — the same two
 * writers allocateOrder uses. The pipeline (model/orders/pipeline.stockArrived) calls the fill
 * when stock arrives and then clears the stock holds of the lines it filled.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { addUnits } from "./shipmentLines";
import { settleOrderStatus } from "../orders/settle";
import type { ActorOrSystem } from "../audit/record";
import { shipmentsOfOrder } from "../orders/lines";
import { findLevel } from "../inventory/ledger";

/**
 * The most backorder rows one order line is read with. Allocation adds a row each time it leaves
 * units of the line waiting (once per allocation of the line's unallocated units), so a line has a
 * handful; the cancel, the reallocation, the explanation and the portal all read this many.
 */
export const MAX_BACKORDERS_PER_LINE = 50;

/** An order line's rows in the backorder queue, oldest first. */
export async function backordersOfLine(ctx: { db: QueryCtx["db"] }, orderLineId: Id<"orderLines">) {
  return ctx.db
    .query("backorders")
    .withIndex("by_orderLineId", (q) => q.eq("orderLineId", orderLineId))
    .take(MAX_BACKORDERS_PER_LINE);
}

/** Rank in the backorder queue: urgent (priority 2) first, then high, then normal. */
export const backorderRank = (priority: number) => 2 - Math.max(0, Math.min(2, priority));

/**
 * Fills waiting backorders of a product from stock just made available at a warehouse, oldest
 * (within rank) first, until the available stock is used. Runs in the receipt's transaction.
 * Orders on hold keep their place but are skipped. Returns the lines filled.
 */
export async function fillBackorders(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  productId: Id<"products">,
  warehouseId: Id<"warehouses">,
) {
  const level = await findLevel(ctx, productId, warehouseId);
  if (!level) return [];
  const warehouse = await ctx.db.get("warehouses", warehouseId);
  // Stores fill no backorders: their stock serves pickups and (switched on) new ship-from-store allocations within capacity.
  if (!warehouse || !warehouse.active || warehouse.kind === "dropship" || warehouse.kind === "store") return [];
  let available = level.onHand - level.reserved;
  const filled: { orderNumber: string; orderLineId: Id<"orderLines"> }[] = [];
  // A receipt fills at most 100 waiting lines in one transaction; a larger queue continues on the next receipt.
  const queue = await ctx.db
    .query("backorders")
    .withIndex("by_productId_and_rank_and_queuedAt", (q) => q.eq("productId", productId))
    .take(100);
  for (const b of queue) {
    if (available <= 0) break;
    const order = await ctx.db.get("orders", b.orderId);
    const line = await ctx.db.get("orderLines", b.orderLineId);
    if (!order || !line || order.status === "on_hold") continue;
    const take = Math.min(available, b.quantity);
    available -= take;
    const shipments = await shipmentsOfOrder(ctx, order._id);
    await addUnits(ctx, order, shipments, {
      warehouseId,
      source: "stock",
      line,
      quantity: take,
      levelId: level._id,
      strategy: "backorder_fill",
    });
    await ctx.db.patch("orderLines", line._id, {
      backordered: line.backordered - take,
      allocated: line.allocated + take,
    });
    if (take === b.quantity) await ctx.db.delete("backorders", b._id);
    else await ctx.db.patch("backorders", b._id, { quantity: b.quantity - take });
    const detail = `${take} × ${line.sku} from ${warehouse.code}: backorder filled by new stock (queued ${new Date(b.queuedAt).toISOString()})`;
    await settleOrderStatus(ctx, actor, order._id, { reason: "Backorder filled", details: [detail] });
    filled.push({ orderNumber: order.number, orderLineId: line._id });
  }
  return filled;
}
