/**
 * Uncollected pickups: a reminder after `reminderDays`, and after `holdDays` the order goes back to
 * stock — its units off the counter (shipmentLines.unpickForRestock), the order cancelled through
 * the desk's cancelOrder (which releases every reservation), and the captured payment refunded
 * (portal/refunds) — all on the order's trail. Scheduled at "ready" (internal pickups.remind /
 * pickups.expire); a supervisor may expire one at once. A pickup no longer ready is left alone,
 * so a late timer after a handover does nothing.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import { unpickForRestock } from "../allocation/shipmentLines";
import { appendOrderEvent, getOrderOrThrow, transitionOrder } from "../orders/transition";
import { cancelOrder } from "../orders/lifecycle";
import { enqueueNotification } from "../notifications/enqueue";
import { getPickupOrThrow, storeFacts, storeShipment } from "./lifecycle";
import { SYSTEM, ActorOrSystem } from "../audit/record";

const day = (ms: number) =>
  new Date(ms).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export async function remindPickup(ctx: MutationCtx, pickupId: Id<"pickups">) {
  const p = await ctx.db.get("pickups", pickupId);
  if (!p || p.status !== "ready" || p.remindedAt) return false;
  const order = await getOrderOrThrow(ctx, p.orderId);
  await ctx.db.patch("pickups", p._id, { remindedAt: Date.now() });
  await enqueueNotification(ctx, order, {
    event: "pickup_reminder",
    about: p._id,
    data: { pickupCode: p.code!, collectBy: day(p.expiresAt!), ...(await storeFacts(ctx, p.storeId)) },
  });
  await appendOrderEvent(ctx, SYSTEM, order._id, {
    kind: "note",
    reason: `Pickup reminder sent; back to stock on ${day(p.expiresAt!)} if not collected`,
  });
  return true;
}

/**
 * Puts an uncollected order back to stock and cancels it. `force` (a supervisor's "expire now")
 * skips the due date; the timer calls it without, and it does nothing before `expiresAt`.
 */
export async function expirePickup(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  pickupId: Id<"pickups">,
  opts: { force?: boolean; now?: number } = {},
) {
  const p = await getPickupOrThrow(ctx, pickupId);
  if (p.status !== "ready") {
    if (opts.force)
      throw appError(
        "INVALID_TRANSITION",
        `Order ${p.orderNumber} is ${p.status}; only orders waiting for pickup go back to stock.`,
      );
    return false;
  }
  const now = opts.now ?? Date.now();
  if (!opts.force && (p.expiresAt ?? Infinity) > now) return false;
  const who = actor ? `${actor.name} expired it` : "the hold ran out";
  const reason = `Not collected by ${day(p.expiresAt ?? now)} (${who}): back to stock, order cancelled`;
  const shipment = await storeShipment(ctx, p);
  if (shipment) {
    await unpickForRestock(ctx, shipment);
    for (const sl of shipment.lines) {
      const line = await ctx.db.get("orderLines", sl.orderLineId);
      if (line && sl.picked > 0)
        await ctx.db.patch("orderLines", line._id, { picked: Math.max(0, line.picked - sl.picked) });
    }
  }
  let order = await getOrderOrThrow(ctx, p.orderId);
  if (order.status === "packed")
    order = await transitionOrder(ctx, actor, order._id, {
      to: "picking",
      reason: "Uncollected: units back on the shelf",
      current: order,
    });
  if (order.status === "picking")
    order = await transitionOrder(ctx, actor, order._id, {
      to: "allocated",
      reason: "Uncollected: units back on the shelf",
      current: order,
    });
  // cancelOrder records the refund of a captured payment itself (model/orders/refunds.ts, issue 20).
  await cancelOrder(ctx, actor, order._id, reason);
  await ctx.db.patch("pickups", p._id, { status: "expired", closedAt: now });
  return true;
}
