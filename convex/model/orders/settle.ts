/**
 * The one writer of an order's allocation-derived status: after allocation, a backorder fill, a
 * cancelled line or a short pick, the order moves to what its lines imply (lib/lines
 * statusFromLines). An order on the floor (picking) settles too once none of its shipments is
 * still being picked or packed — e.g. every unit of the only shipment was short and went back to
 * allocation. Status changes still go through transitionOrder (the audited door).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { statusFromLines } from "../../lib/lines";
import { appendOrderEvent, transitionOrder } from "./transition";

const ALLOCATION_STATUSES = ["ready", "allocated", "partially_allocated", "backordered"] as const;
const FLOOR_BUSY = ["picking", "picked", "packed"];

/**
 * Moves the order to the status its lines imply, when it is in an allocation status (or picking
 * with nothing left on the floor). Writes `details` on the trail either way when given.
 * Returns the order as it now stands (undefined when it no longer exists).
 */
export async function settleOrderStatus(
  ctx: MutationCtx,
  actor: Actor | undefined,
  orderId: Id<"orders">,
  reason: string,
  details?: string[],
  opts: { current?: Doc<"orders">; lines?: Doc<"orderLines">[] } = {},
): Promise<Doc<"orders"> | undefined> {
  const order = opts.current ?? (await ctx.db.get("orders", orderId));
  if (!order) return undefined;
  let settles = (ALLOCATION_STATUSES as readonly string[]).includes(order.status);
  if (order.status === "picking") {
    const shipments = await ctx.db.query("shipments").withIndex("by_orderId", (q) => q.eq("orderId", orderId)).take(50);
    settles = !shipments.some((s) => FLOOR_BUSY.includes(s.status) && s.lines.some((l) => l.quantity > 0));
  }
  const lines = opts.lines ?? (await ctx.db.query("orderLines").withIndex("by_orderId", (q) => q.eq("orderId", orderId)).take(200));
  const next = settles ? statusFromLines(lines) : undefined;
  if (next && next !== order.status && !(next === "cancelled" && order.status === "picking")) {
    return transitionOrder(ctx, actor, orderId, next, { reason: next === "cancelled" ? "Every line cancelled" : reason, details, current: order });
  }
  if (details?.length) await appendOrderEvent(ctx, actor, orderId, { kind: "allocation", reason, details });
  return order;
}
