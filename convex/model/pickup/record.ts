/**
 * The pickup row of a click & collect order: checked and created with the order (createOrder), so
 * the store's page lists it from the start. Imports only the audit trail: orders/create imports this.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { appendOrderEvent } from "../orders/transition";
import type { ActorOrSystem } from "../audit/record";
import { rowBy } from "../rows";

/** Why a store cannot take pickup orders, or undefined when it can. */
export async function checkPickupStore(ctx: QueryCtx, storeId: Id<"warehouses">) {
  const store = await ctx.db.get("warehouses", storeId);
  if (!store) return "That store no longer exists.";
  if (store.kind !== "store")
    return `${store.code} is a ${store.kind === "3pl" ? "3PL" : store.kind}, not a store; pickup is at stores only.`;
  if (!store.active) return `${store.code} is deactivated and takes no pickup orders.`;
  return undefined;
}

export async function createPickupRow(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  a: { orderId: Id<"orders">; number: string; storeId: Id<"warehouses">; customerName: string },
) {
  const store = (await ctx.db.get("warehouses", a.storeId))!;
  await ctx.db.insert("pickups", {
    orderId: a.orderId,
    orderNumber: a.number,
    storeId: a.storeId,
    status: "preparing",
    customerName: a.customerName,
    createdAt: Date.now(),
  });
  await appendOrderEvent(ctx, actor, a.orderId, {
    kind: "note",
    reason: `Click & collect at ${store.code} (${store.name})`,
  });
}

/** The order's pickup row (a click & collect order has one), or null. */
export async function pickupOf(ctx: { db: QueryCtx["db"] }, orderId: Id<"orders">) {
  return rowBy(ctx, "pickups", "by_orderId", orderId);
}
