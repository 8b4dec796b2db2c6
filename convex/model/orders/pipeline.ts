/**
 * The order pipeline's one owner (issue 13, point 6). Two sequences cross domains and used to be
 * spread over modules that imported each other in a cycle (lifecycle → allocation → backorder
 * fill → exception holds → lifecycle); they live here, and the domain modules below never import
 * this file:
 *
 *   released → allocate → backorder → notify   (a hold released: releaseToPipeline)
 *   stock arrived → fill backorders → clear stock holds   (a receipt, adjustment, transfer, restock: stockArrived)
 *
 * Import direction: pipeline → {orders/lifecycle, orders/settle, allocation/*, holds/holds,
 * holds/hooks}; writers.test.ts proves there is no cycle among them.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import { allocateOrder } from "../allocation/allocate";
import { fillBackorders } from "../allocation/apply";
import {
  clearFilledStockHolds,
  closeHold,
  flagBackorderedLines,
  openHolds,
  raiseHold,
  type Closing,
} from "../holds/holds";
import { onOrderReady } from "../holds/hooks";
import { STATUS_LABELS } from "../../lib/orderStatus";
import { heldOrderOrThrow, releaseHold } from "./lifecycle";
import { getOrderOrThrow } from "./transition";
import { requireReason } from "../../lib/bounds";
import { isHoldable } from "../../lib/statusSets";
import type { ActorOrSystem } from "../audit/record";

/**
 * An order leaves its hold: back to where it was held from; a ready order allocates at once; lines
 * that found no stock are flagged in the exception queue; the customer is told. One transaction.
 */
export async function releaseToPipeline(ctx: MutationCtx, actor: ActorOrSystem, orderId: Id<"orders">, note?: string) {
  const released = await releaseHold(ctx, actor, orderId, note);
  if (released.status === "ready") await allocateOrder(ctx, actor, orderId);
  await flagBackorderedLines(ctx, actor, orderId);
  await onOrderReady(ctx, orderId);
}

/**
 * Closes one hold, audited, and releases the order when it was the last blocking order-scope hold
 * (unless `release: false`). Returns whether the order itself was released.
 */
export async function resolveHold(ctx: MutationCtx, actor: ActorOrSystem, holdId: Id<"orderHolds">, closing: Closing) {
  const { releaseDue, orderId, summary } = await closeHold(ctx, actor, holdId, closing);
  if (!releaseDue) return { released: false };
  await releaseToPipeline(ctx, actor, orderId, summary);
  return { released: true };
}

/** Closes every open hold of an order (cancellation): nothing is released, all audited. */
export async function resolveAllHolds(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  orderId: Id<"orders">,
  closing: Pick<Closing, "resolution" | "note">,
) {
  for (const h of await openHolds(ctx, orderId))
    await closeHold(ctx, actor, h._id, { ...closing, release: false, silent: true });
}

/** A manual hold on the whole order or on one shipment of it (orders.hold, the queue, bulk, seeds). */
export async function placeManualHold(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  { orderId, reason, shipmentId }: { orderId: Id<"orders">; reason: string; shipmentId?: Id<"shipments"> },
) {
  requireReason(reason, "Say why the order is held.");
  const order = await getOrderOrThrow(ctx, orderId);
  if (!shipmentId && !isHoldable(order.status)) {
    throw appError(
      "INVALID_TRANSITION",
      `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()} and can no longer be held.`,
    );
  }
  return raiseHold(ctx, actor, { orderId, type: "manual", reason: reason.trim(), shipmentId });
}

/** Releases an order from every order-scope hold at once (orders.release). */
export async function releaseOrder(ctx: MutationCtx, actor: ActorOrSystem, orderId: Id<"orders">, note?: string) {
  // Refused before the first write (releaseHold checks again after the holds are closed).
  await heldOrderOrThrow(ctx, orderId);
  for (const h of await openHolds(ctx, orderId)) {
    if (h.scope === "order" && h.blocking)
      await closeHold(ctx, actor, h._id, { resolution: "released", note, release: false, silent: true });
  }
  await releaseToPipeline(ctx, actor, orderId, note);
}

/**
 * Stock became available at a warehouse: waiting backorders are filled (units on shipments and the
 * orders' statuses, through their one writers), then the stock holds of the filled lines close.
 * Returns the numbers of the orders that received units.
 */
export async function stockArrived(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  productId: Id<"products">,
  warehouseId: Id<"warehouses">,
) {
  const filled = await fillBackorders(ctx, actor, productId, warehouseId);
  for (const f of filled) await clearFilledStockHolds(ctx, f.orderLineId);
  return [...new Set(filled.map((f) => f.orderNumber))];
}
