/**
 * The backorder queue's rank, a line's rows in it, and its fill. Units go onto shipments through shipmentLines.addUnits
 * (which reserves through the ledger) and the order's status through orders/settle — the same two
 * writers allocateOrder uses. The pipeline (model/orders/pipeline.stockArrived) calls the fill
 * when stock arrives and then clears the stock holds of the lines it filled.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { addUnits } from "./shipmentLines";
import { settleOrderStatus } from "../orders/settle";
import type { ActorOrSystem } from "../audit/record";
import { shipmentsOfOrder } from "../orders/lines";
import { findLevel } from "../inventory/ledger";
import { backorderRank } from "../../lib/orderStatus";
import { rowsBy } from "../rows";

/**
 * The most backorder rows one order line is read with. A line waits in the queue as one row per
 * rank (`queueBackorder` adds units that wait again to it), and an order's priority, so its rank,
 * is set when it is created: a line has one row. The cancel, the reallocation, the explanation and
 * the portal all read this many.
 */
export const MAX_BACKORDERS_PER_LINE = 50;

/** An order line's rows in the backorder queue, oldest first. */
export async function backordersOfLine(ctx: { db: QueryCtx["db"] }, orderLineId: Id<"orderLines">) {
  return rowsBy(ctx, "backorders", "by_orderLineId", orderLineId, { limit: MAX_BACKORDERS_PER_LINE });
}

/**
 * Puts `quantity` units of a line in the backorder queue. Units of a line already waiting join its
 * row and keep its place (the customer has waited since then), so repeated short picks of one line
 * never pile up rows that a cancel or a reallocation could miss.
 */
export async function queueBackorder(
  ctx: MutationCtx,
  a: { order: Doc<"orders">; line: Doc<"orderLines">; quantity: number },
) {
  const rank = backorderRank(a.order.priority);
  const waiting = (await backordersOfLine(ctx, a.line._id)).find((b) => b.rank === rank);
  if (waiting) await ctx.db.patch("backorders", waiting._id, { quantity: waiting.quantity + a.quantity });
  else
    await ctx.db.insert("backorders", {
      orderId: a.order._id,
      orderLineId: a.line._id,
      productId: a.line.productId,
      quantity: a.quantity,
      rank,
      queuedAt: Date.now(),
    });
}

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
  const queue = await rowsBy(ctx, "backorders", "by_productId_and_rank_and_queuedAt", productId, { limit: 100 });
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
