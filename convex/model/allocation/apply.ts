/**
 * Applying allocation decisions to the data: shipments with their lines, reservations, line
 * arithmetic, backorder rows and the order's status. Used by allocateOrder and by the backorder
 * fill that runs inside every receipt.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { reserve } from "../inventory/ledger";
import { statusFromLines } from "../../lib/lines";
import { appendOrderEvent, transitionOrder } from "../orders/transition";
import { clearFilledStockHolds } from "../exceptions/holds";

/** Adds units to the order's open shipment from a source, creating the shipment on first use. */
export async function addToShipment(
  ctx: MutationCtx,
  order: Doc<"orders">,
  shipments: Doc<"shipments">[],
  a: {
    warehouseId: Id<"warehouses">;
    source: "stock" | "dropship";
    line: Doc<"orderLines">;
    quantity: number;
    levelId?: Id<"inventoryLevels">;
    distanceKm?: number;
    strategy?: string;
  },
): Promise<Doc<"shipments">> {
  const existing = shipments.find((s) => s.warehouseId === a.warehouseId && s.source === a.source && s.status === "open");
  const entry = { orderLineId: a.line._id, productId: a.line.productId, sku: a.line.sku, levelId: a.levelId, quantity: a.quantity, picked: 0 };
  if (existing) {
    const at = existing.lines.findIndex((l) => l.orderLineId === a.line._id && l.levelId === a.levelId);
    const lines = at >= 0 ? existing.lines.map((l, i) => (i === at ? { ...l, quantity: l.quantity + a.quantity } : l)) : [...existing.lines, entry];
    await ctx.db.patch("shipments", existing._id, { lines });
    const updated = { ...existing, lines };
    shipments[shipments.indexOf(existing)] = updated;
    return updated;
  }
  const doc = {
    orderId: order._id,
    number: `${order.number}-${shipments.length + 1}`,
    warehouseId: a.warehouseId,
    source: a.source,
    status: "open" as const,
    lines: [entry],
    distanceKm: a.distanceKm,
    strategy: a.strategy,
    createdAt: Date.now(),
  };
  const id = await ctx.db.insert("shipments", doc);
  const created = { ...doc, _id: id, _creationTime: Date.now() };
  shipments.push(created);
  return created;
}

/** Rank in the backorder queue: urgent (priority 2) first, then high, then normal. */
export const backorderRank = (priority: number) => 2 - Math.max(0, Math.min(2, priority));

const SETTLED_FROM = ["ready", "allocated", "partially_allocated", "backordered"] as const;

/** Moves the order to the status its lines now imply, when it is in an allocation status. */
export async function settleOrderStatus(ctx: MutationCtx, actor: Actor | undefined, orderId: Id<"orders">, reason: string, details?: string[]) {
  const order = await ctx.db.get("orders", orderId);
  if (!order || !(SETTLED_FROM as readonly string[]).includes(order.status)) return order;
  const lines = await ctx.db.query("orderLines").withIndex("by_orderId", (q) => q.eq("orderId", orderId)).take(200);
  const next = statusFromLines(lines);
  if (!next || next === order.status || next === "cancelled") return order;
  return transitionOrder(ctx, actor, orderId, next, { reason, details });
}

/**
 * Fills waiting backorders of a product from stock just made available at a warehouse, oldest
 * (within rank) first, until the available stock is used. Runs in the receipt's transaction.
 * Orders on hold keep their place but are skipped. Returns the orders that moved.
 */
export async function fillBackorders(ctx: MutationCtx, actor: Actor | undefined, productId: Id<"products">, warehouseId: Id<"warehouses">) {
  const level = await ctx.db
    .query("inventoryLevels")
    .withIndex("by_productId_and_warehouseId", (q) => q.eq("productId", productId).eq("warehouseId", warehouseId))
    .unique();
  if (!level) return [];
  const warehouse = await ctx.db.get("warehouses", warehouseId);
  if (!warehouse || !warehouse.active || warehouse.kind === "dropship") return [];
  let available = level.onHand - level.reserved;
  const filled: string[] = [];
  // A receipt fills at most 100 waiting lines in one transaction; a larger queue continues on the next receipt.
  const queue = await ctx.db.query("backorders").withIndex("by_productId_and_rank_and_queuedAt", (q) => q.eq("productId", productId)).take(100);
  for (const b of queue) {
    if (available <= 0) break;
    const order = await ctx.db.get("orders", b.orderId);
    const line = await ctx.db.get("orderLines", b.orderLineId);
    if (!order || !line || order.status === "on_hold") continue;
    const take = Math.min(available, b.quantity);
    await reserve(ctx, level._id, take);
    available -= take;
    const shipments = await ctx.db.query("shipments").withIndex("by_orderId", (q) => q.eq("orderId", order._id)).take(50);
    await addToShipment(ctx, order, shipments, { warehouseId, source: "stock", line, quantity: take, levelId: level._id, strategy: "backorder_fill" });
    await ctx.db.patch("orderLines", line._id, { backordered: line.backordered - take, allocated: line.allocated + take });
    if (take === b.quantity) await ctx.db.delete("backorders", b._id);
    else await ctx.db.patch("backorders", b._id, { quantity: b.quantity - take });
    await clearFilledStockHolds(ctx, line._id);
    const detail = `${take} × ${line.sku} from ${warehouse.code}: backorder filled by new stock (queued ${new Date(b.queuedAt).toISOString()})`;
    const moved = await settleOrderStatus(ctx, actor, order._id, "Backorder filled", [detail]);
    if (moved?.status === order.status) {
      await appendOrderEvent(ctx, actor, order._id, { kind: "allocation", reason: "Backorder filled", details: [detail] });
    }
    filled.push(order.number);
  }
  return filled;
}
