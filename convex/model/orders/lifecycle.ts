/**
 * Releases and cancellations (holds are placed by model/orders/pipeline.placeManualHold).
 * Cancelling takes waiting units first, then allocated units not yet picked, and releases their
 * reservations in the same transaction (lib/lines.ts) through the one writer of shipment lines
 * (allocation/shipmentLines).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { refuseDuplicates, requireReason } from "../../lib/bounds";
import { cancellableQuantity, cancellationOrThrow } from "../../lib/lines";
import { STATUS_LABELS, type OrderStatus } from "../../lib/orderStatus";
import { appendOrderEvent, getOrderOrThrow, transitionOrder } from "./transition";
import { settleOrderStatus } from "./settle";
import { removeOpenDropshipUnits, removeUnpickedUnits } from "../allocation/shipmentLines";
import { CANCELLABLE_STATUSES, FINISHED_ORDER_STATUSES } from "../../lib/statusSets";
import { orderLinesOf } from "./lines";
import type { ActorOrSystem } from "../audit/record";
import { refundCancelled } from "./refunds";
import { backordersOfLine } from "../allocation/apply";

/** The order, refused (INVALID_TRANSITION) unless it is on hold: what a release starts from. */
export async function heldOrderOrThrow(ctx: MutationCtx, orderId: Id<"orders">) {
  const order = await getOrderOrThrow(ctx, orderId);
  if (order.status !== "on_hold") throw appError("INVALID_TRANSITION", `Order ${order.number} is not on hold.`);
  return order;
}

/**
 * Puts a held order back to the status it was held from (a pending order becomes ready). Only the
 * status: allocating and notifying are the pipeline's (model/orders/pipeline.releaseToPipeline).
 */
export async function releaseHold(ctx: MutationCtx, actor: ActorOrSystem, orderId: Id<"orders">, note?: string) {
  const order = await heldOrderOrThrow(ctx, orderId);
  const back: OrderStatus = !order.heldFrom || order.heldFrom === "pending" ? "ready" : order.heldFrom;
  return transitionOrder(ctx, actor, orderId, {
    to: back,
    reason: note?.trim() || "Hold released",
    patch: { heldFrom: undefined, holdReason: undefined },
  });
}

/** Takes `qty` cancelled units off a line: waiting first, then unpicked allocations (released). */
async function cancelFromLine(ctx: MutationCtx, line: Doc<"orderLines">, qty: number) {
  const split = cancellationOrThrow(line, qty);
  if (split.fromBackordered > 0) {
    let left = split.fromBackordered;
    const waiting = await backordersOfLine(ctx, line._id);
    for (const b of waiting) {
      if (left === 0) break;
      const take = Math.min(left, b.quantity);
      if (take === b.quantity) await ctx.db.delete("backorders", b._id);
      else await ctx.db.patch("backorders", b._id, { quantity: b.quantity - take });
      left -= take;
    }
  }
  if (split.fromAllocated > 0) await removeUnpickedUnits(ctx, line, split.fromAllocated);
  await ctx.db.patch("orderLines", line._id, {
    unallocated: line.unallocated - split.fromUnallocated,
    backordered: line.backordered - split.fromBackordered,
    allocated: line.allocated - split.fromAllocated,
    cancelled: line.cancelled + qty,
  });
}

/** Moves a line's units on open dropship shipments from dropshipped to cancelled; returns how many. */
async function cancelDropshipUnits(ctx: MutationCtx, lineId: Id<"orderLines">) {
  const line = (await ctx.db.get("orderLines", lineId))!;
  const removed = await removeOpenDropshipUnits(ctx, line);
  if (removed === 0) return 0;
  if (removed > line.dropshipped)
    throw appError("CONFLICT", `The dropship shipment of ${line.sku} no longer matches its line; please retry.`);
  await ctx.db.patch("orderLines", line._id, {
    dropshipped: line.dropshipped - removed,
    cancelled: line.cancelled + removed,
  });
  return removed;
}

/**
 * Cancels the given quantities of some lines. When nothing remains open the order becomes
 * cancelled; an allocated order whose remaining units are all allocated becomes allocated.
 */
export async function cancelLines(
  ctx: MutationCtx,
  actor: Actor,
  orderId: Id<"orders">,
  { lines: cancels, reason }: { lines: { lineId: Id<"orderLines">; quantity: number }[]; reason: string },
) {
  requireReason(reason, "Say why the lines are cancelled.");
  if (cancels.length === 0) throw appError("INVALID_INPUT", "Choose at least one line to cancel.");
  const order = await getOrderOrThrow(ctx, orderId);
  if (FINISHED_ORDER_STATUSES.includes(order.status)) {
    throw appError(
      "INVALID_TRANSITION",
      `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()}; its lines can no longer be cancelled.`,
    );
  }
  // A line named twice is refused: each entry would be applied to the same stale copy of the line.
  refuseDuplicates(
    cancels.map((c) => c.lineId),
    "line",
  );
  const lines = await orderLinesOf(ctx, orderId);
  const details: string[] = [];
  // Every entry is checked before the first write, so a refused request changes nothing.
  const planned = cancels.map((c) => {
    const line = lines.find((l) => l._id === c.lineId);
    if (!line) throw appError("NOT_FOUND", "That line is not on this order.");
    if (!Number.isSafeInteger(c.quantity) || c.quantity <= 0)
      throw appError("INVALID_INPUT", "Cancel a whole number of units above zero.", {
        [`lines.${c.lineId}`]: "Whole number above zero.",
      });
    cancellationOrThrow(line, c.quantity, `lines.${c.lineId}`);
    return { line, quantity: c.quantity };
  });
  for (const { line, quantity } of planned) {
    await cancelFromLine(ctx, line, quantity);
    details.push(`Cancelled ${quantity} × ${line.sku}`);
  }
  await appendOrderEvent(ctx, actor, orderId, { kind: "lines_cancelled", reason: reason.trim(), details });
  await settleOrderStatus(ctx, actor, orderId, { reason: "Lines cancelled" });
  // A paid order gives the cancelled units' money back (and the shipping, when nothing is left of it).
  const after = await getOrderOrThrow(ctx, orderId);
  return refundCancelled(ctx, actor, {
    order: after,
    items: planned,
    reason: reason.trim(),
    withShipping: after.status === "cancelled" && lines.every((l) => l.shipped === 0),
  });
}

/** Cancels a whole order. Only before picking starts; reservations are released. */
export async function cancelOrder(ctx: MutationCtx, actor: ActorOrSystem, orderId: Id<"orders">, reason: string) {
  requireReason(reason, "Say why the order is cancelled.");
  const order = await getOrderOrThrow(ctx, orderId);
  if (!CANCELLABLE_STATUSES.includes(order.status)) {
    throw appError(
      "INVALID_TRANSITION",
      `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()}; cancel the unpicked lines instead.`,
    );
  }
  const lines = await orderLinesOf(ctx, orderId);
  const cancelled: { line: Doc<"orderLines">; quantity: number }[] = [];
  for (const line of lines) {
    const qty = cancellableQuantity(line);
    if (qty > 0) await cancelFromLine(ctx, line, qty);
    // Units a dropship supplier has not shipped yet come off its open shipment too: a cancelled
    // order keeps nothing open (DESIGN invariant 3 and the truth check's order.status).
    const dropship = line.dropshipped > line.shipped ? await cancelDropshipUnits(ctx, line._id) : 0;
    cancelled.push({ line, quantity: qty + dropship });
  }
  const after = await transitionOrder(ctx, actor, orderId, { to: "cancelled", reason: reason.trim() });
  // A paid order gives back what it was paid for the cancelled units, and the shipping when none left.
  return refundCancelled(ctx, actor, {
    order: after,
    items: cancelled,
    reason: reason.trim(),
    withShipping: lines.every((l) => l.shipped === 0),
  });
}
