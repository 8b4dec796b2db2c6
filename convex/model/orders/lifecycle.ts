/**
 * Holds, releases and cancellations. Cancelling takes waiting units first, then allocated units
 * not yet picked, and releases their reservations in the same transaction (lib/lines.ts).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { refuseDuplicates } from "../../lib/bounds";
import { cancellableQuantity, splitCancellation, statusFromLines } from "../../lib/lines";
import { CANCELLABLE_STATUSES, isHoldable, STATUS_LABELS, type OrderStatus } from "../../lib/orderStatus";
import { release } from "../inventory/ledger";
import { appendOrderEvent, getOrderOrThrow, transitionOrder } from "./transition";
import { allocateOrder } from "../allocation/allocate";

export async function holdOrder(ctx: MutationCtx, actor: Actor | undefined, orderId: Id<"orders">, reason: string) {
  if (reason.trim().length < 3) throw appError("INVALID_INPUT", "Say why the order is held.", { reason: "At least 3 characters." });
  const order = await getOrderOrThrow(ctx, orderId);
  if (!isHoldable(order.status)) {
    throw appError("INVALID_TRANSITION", `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()} and can no longer be held.`);
  }
  return transitionOrder(ctx, actor, orderId, "on_hold", { reason: reason.trim(), patch: { heldFrom: order.status, holdReason: reason.trim() } });
}

/** Releases a hold back to the status it was held from (a pending order becomes ready). */
export async function releaseHold(ctx: MutationCtx, actor: Actor | undefined, orderId: Id<"orders">, note?: string) {
  const order = await getOrderOrThrow(ctx, orderId);
  if (order.status !== "on_hold") throw appError("INVALID_TRANSITION", `Order ${order.number} is not on hold.`);
  const back: OrderStatus = !order.heldFrom || order.heldFrom === "pending" ? "ready" : order.heldFrom;
  const released = await transitionOrder(ctx, actor, orderId, back, {
    reason: note?.trim() || "Hold released",
    patch: { heldFrom: undefined, holdReason: undefined },
  });
  // A ready order allocates at once; one held after allocation keeps its reservations.
  if (back === "ready") await allocateOrder(ctx, actor, orderId);
  return released;
}

async function linesOf(ctx: MutationCtx, orderId: Id<"orders">) {
  return ctx.db.query("orderLines").withIndex("by_orderId", (q) => q.eq("orderId", orderId)).take(200);
}

/** Takes `qty` cancelled units off a line: waiting first, then unpicked allocations (released). */
async function cancelFromLine(ctx: MutationCtx, line: Doc<"orderLines">, qty: number) {
  const split = splitCancellation(line, qty);
  if (!split) throw appError("INVALID_INPUT", `Only ${cancellableQuantity(line)} of ${line.sku} can still be cancelled.`);
  if (split.fromBackordered > 0) {
    let left = split.fromBackordered;
    const waiting = await ctx.db.query("backorders").withIndex("by_orderLineId", (q) => q.eq("orderLineId", line._id)).take(50);
    for (const b of waiting) {
      if (left === 0) break;
      const take = Math.min(left, b.quantity);
      if (take === b.quantity) await ctx.db.delete("backorders", b._id);
      else await ctx.db.patch("backorders", b._id, { quantity: b.quantity - take });
      left -= take;
    }
  }
  if (split.fromAllocated > 0) await releaseFromShipments(ctx, line, split.fromAllocated);
  await ctx.db.patch("orderLines", line._id, {
    unallocated: line.unallocated - split.fromUnallocated,
    backordered: line.backordered - split.fromBackordered,
    allocated: line.allocated - split.fromAllocated,
    cancelled: line.cancelled + qty,
  });
}

/**
 * Takes `qty` unpicked units of a line back out of its open shipments, newest shipment first,
 * releasing their reservations; a shipment left with no lines is cancelled.
 */
export async function releaseFromShipments(ctx: MutationCtx, line: Doc<"orderLines">, qty: number) {
  let left = qty;
  const shipments = await ctx.db.query("shipments").withIndex("by_orderId", (q) => q.eq("orderId", line.orderId)).take(50);
  for (const s of shipments.reverse()) {
    if (left === 0) break;
    if (s.status !== "open" && s.status !== "picking") continue;
    const lines = [];
    for (const sl of s.lines) {
      const take = sl.orderLineId === line._id && sl.levelId ? Math.min(left, sl.quantity - sl.picked) : 0;
      if (take > 0) {
        if (sl.levelId) await release(ctx, sl.levelId, take);
        left -= take;
      }
      if (sl.quantity - take > 0) lines.push({ ...sl, quantity: sl.quantity - take });
    }
    await ctx.db.patch("shipments", s._id, lines.length ? { lines } : { lines, status: "cancelled" });
  }
  if (left > 0) throw new Error(`Invariant: line ${line._id} had ${qty - left} releasable units, not ${qty}`);
}

/**
 * Cancels the given quantities of some lines. When nothing remains open the order becomes
 * cancelled; an allocated order whose remaining units are all allocated becomes allocated.
 */
export async function cancelLines(
  ctx: MutationCtx,
  actor: Actor,
  orderId: Id<"orders">,
  cancels: { lineId: Id<"orderLines">; quantity: number }[],
  reason: string,
) {
  if (reason.trim().length < 3) throw appError("INVALID_INPUT", "Say why the lines are cancelled.", { reason: "At least 3 characters." });
  if (cancels.length === 0) throw appError("INVALID_INPUT", "Choose at least one line to cancel.");
  const order = await getOrderOrThrow(ctx, orderId);
  if (order.status === "cancelled" || order.status === "closed" || order.status === "shipped" || order.status === "delivered") {
    throw appError("INVALID_TRANSITION", `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()}; its lines can no longer be cancelled.`);
  }
  // A line named twice is refused: each entry would be applied to the same stale copy of the line.
  refuseDuplicates(cancels.map((c) => c.lineId), "line");
  const lines = await linesOf(ctx, orderId);
  const details: string[] = [];
  // Every entry is checked before the first write, so a refused request changes nothing.
  const planned = cancels.map((c) => {
    const line = lines.find((l) => l._id === c.lineId);
    if (!line) throw appError("NOT_FOUND", "That line is not on this order.");
    if (!Number.isSafeInteger(c.quantity) || c.quantity <= 0) throw appError("INVALID_INPUT", "Cancel a whole number of units above zero.", { [`lines.${c.lineId}`]: "Whole number above zero." });
    if (!splitCancellation(line, c.quantity)) {
      throw appError("INVALID_INPUT", `Only ${cancellableQuantity(line)} of ${line.sku} can still be cancelled.`, { [`lines.${c.lineId}`]: `At most ${cancellableQuantity(line)}.` });
    }
    return { line, quantity: c.quantity };
  });
  for (const { line, quantity } of planned) {
    await cancelFromLine(ctx, line, quantity);
    details.push(`Cancelled ${quantity} × ${line.sku}`);
  }
  await appendOrderEvent(ctx, actor, orderId, { kind: "lines_cancelled", reason: reason.trim(), details });
  const after = await linesOf(ctx, orderId);
  const next = statusFromLines(after);
  if (next === "cancelled") {
    await transitionOrder(ctx, actor, orderId, "cancelled", { reason: "Every line cancelled" });
  } else if (next && next !== order.status && ["allocated", "partially_allocated", "backordered"].includes(order.status)) {
    await transitionOrder(ctx, actor, orderId, next, { reason: "Lines cancelled" });
  }
}

/** Cancels a whole order. Only before picking starts; reservations are released. */
export async function cancelOrder(ctx: MutationCtx, actor: Actor | undefined, orderId: Id<"orders">, reason: string) {
  if (reason.trim().length < 3) throw appError("INVALID_INPUT", "Say why the order is cancelled.", { reason: "At least 3 characters." });
  const order = await getOrderOrThrow(ctx, orderId);
  if (!CANCELLABLE_STATUSES.includes(order.status)) {
    throw appError("INVALID_TRANSITION", `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()}; cancel the unpicked lines instead.`);
  }
  const lines = await linesOf(ctx, orderId);
  for (const line of lines) {
    const qty = cancellableQuantity(line);
    if (qty > 0) await cancelFromLine(ctx, line, qty);
  }
  await transitionOrder(ctx, actor, orderId, "cancelled", { reason: reason.trim() });
}
