/**
 * The exception queue's resolutions of a `pickup_short` hold (the store cannot fill a pickup
 * order): transfer the missing units from a warehouse into the store through the ledger and
 * allocate again; switch the order to delivery (allocated like any other order); or cancel it
 * (captured payment refunded). Each resolves the hold through the pipeline, audited.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { transferStock } from "../inventory/operations";
import { findLevel } from "../inventory/ledger";
import { resolveHold } from "../orders/pipeline";
import { appendOrderEvent, getOrderOrThrow } from "../orders/transition";
import { getOpenHold } from "../holds/holds";
import { cancelHeldOrder } from "../holds/resolve";
import { pickupOf } from "./record";
import { orderLinesOf } from "../orders/lines";

async function pickupHold(ctx: MutationCtx, holdId: Id<"orderHolds">) {
  const hold = await getOpenHold(ctx, holdId);
  if (hold.type !== "pickup_short") throw appError("INVALID_INPUT", "This exception is not a short pickup store.");
  const order = await getOrderOrThrow(ctx, hold.orderId);
  if (!order.pickupStoreId) throw appError("CONFLICT", `Order ${order.number} is no longer a pickup order.`);
  return { hold, order, storeId: order.pickupStoreId };
}

/** What the store lacks for the order, per product: Σ units to allocate − what the store has free. */
export async function storeShortfall(ctx: MutationCtx, orderId: Id<"orders">, storeId: Id<"warehouses">) {
  const lines = await orderLinesOf(ctx, orderId);
  const need = new Map<Id<"products">, { sku: string; units: number }>();
  for (const l of lines)
    if (l.unallocated > 0)
      need.set(l.productId, { sku: l.sku, units: (need.get(l.productId)?.units ?? 0) + l.unallocated });
  const out: { productId: Id<"products">; sku: string; quantity: number }[] = [];
  for (const [productId, n] of need) {
    const level = await findLevel(ctx, productId, storeId);
    const free = level ? level.onHand - level.reserved : 0;
    if (n.units > free) out.push({ productId, sku: n.sku, quantity: n.units - free });
  }
  return out;
}

export async function transferForPickup(
  ctx: MutationCtx,
  actor: Actor,
  holdId: Id<"orderHolds">,
  fromWarehouseId: Id<"warehouses">,
) {
  const { hold, order, storeId } = await pickupHold(ctx, holdId);
  const from = await ctx.db.get("warehouses", fromWarehouseId);
  if (!from || from.kind === "dropship" || from.kind === "store")
    throw appError("INVALID_INPUT", "Transfer from one of our warehouses or 3PLs.", {
      fromWarehouseId: "Choose a warehouse.",
    });
  const short = await storeShortfall(ctx, order._id, storeId);
  for (const s of short)
    await transferStock(ctx, actor, {
      productId: s.productId,
      fromWarehouseId,
      toWarehouseId: storeId,
      quantity: s.quantity,
      reference: `${order.number}-PICKUP`,
    });
  const summary = short.map((s) => `${s.quantity} × ${s.sku}`).join(", ") || "nothing (the store has it now)";
  await resolveHold(ctx, actor, hold._id, {
    resolution: "transferred",
    note: `Moved ${summary} from ${from.code} to the store`,
  });
  return { moved: short };
}

export async function switchToDelivery(ctx: MutationCtx, actor: Actor, holdId: Id<"orderHolds">) {
  const { hold, order, storeId } = await pickupHold(ctx, holdId);
  const store = await ctx.db.get("warehouses", storeId);
  await ctx.db.patch("orders", order._id, { pickupStoreId: undefined });
  const pickup = await pickupOf(ctx, order._id);
  if (pickup) await ctx.db.patch("pickups", pickup._id, { status: "cancelled", closedAt: Date.now() });
  await appendOrderEvent(ctx, actor, order._id, {
    kind: "note",
    reason: `Switched from pickup at ${store?.code ?? "the store"} to delivery to ${order.shipTo.city} ${order.shipTo.postalCode}`,
  });
  await resolveHold(ctx, actor, hold._id, { resolution: "switched_to_delivery" });
}

export async function cancelPickupOrder(ctx: MutationCtx, actor: Actor, holdId: Id<"orderHolds">, reason: string) {
  const { order } = await pickupHold(ctx, holdId);
  // cancelOrder (through cancelHeldOrder) records the refund of a captured payment (issue 20).
  await cancelHeldOrder(ctx, actor, order._id, reason);
  const pickup = await pickupOf(ctx, order._id);
  if (pickup) await ctx.db.patch("pickups", pickup._id, { status: "cancelled", closedAt: Date.now() });
}
