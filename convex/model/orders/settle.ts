/**
 * The one writer of an order's allocation-derived status: after allocation, a backorder fill, a
 * cancelled line or a short pick, the order moves to what its lines imply (lib/lines
 * statusFromLines). An order on the floor (picking) settles too once none of its shipments is
 * still being picked or packed — e.g. every unit of the only shipment was short and went back to
 * allocation. Status changes still go through transitionOrder (the audited door).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { statusFromLines } from "../../lib/lines";
import { appendOrderEvent, transitionOrder } from "./transition";
import { closeHold } from "../holds/holds";
import { ALLOCATION_STATUSES, FLOOR_BUSY_SHIPMENT_STATUSES } from "../../lib/statusSets";
import { orderLinesOf, shipmentsOfOrder } from "./lines";
import type { ActorOrSystem } from "../audit/record";
import { openHolds } from "../holds/holds";

/**
 * Moves the order to the status its lines imply, when it is in an allocation status (or picking
 * with nothing left on the floor). Writes `details` on the trail either way when given.
 * Returns the order as it now stands (undefined when it no longer exists).
 */
export async function settleOrderStatus(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  orderId: Id<"orders">,
  opts: {
    reason: string;
    details?: string[];
    /** The order and its lines as already read in this transaction. */
    current?: Doc<"orders">;
    lines?: Doc<"orderLines">[];
  },
): Promise<Doc<"orders"> | undefined> {
  const { reason, details } = opts;
  const order = opts.current ?? (await ctx.db.get("orders", orderId));
  if (!order) return undefined;
  if (order.status === "on_hold") return settleHeld(ctx, actor, order, opts.lines);
  let settles = ALLOCATION_STATUSES.includes(order.status);
  if (order.status === "picking") {
    const shipments = await shipmentsOfOrder(ctx, orderId);
    settles = !shipments.some(
      (s) => FLOOR_BUSY_SHIPMENT_STATUSES.includes(s.status) && s.lines.some((l) => l.quantity > 0),
    );
  }
  const lines = opts.lines ?? (await orderLinesOf(ctx, orderId));
  const next = settles ? statusFromLines(lines) : undefined;
  if (next && next !== order.status && !(next === "cancelled" && order.status === "picking")) {
    return transitionOrder(ctx, actor, orderId, {
      to: next,
      reason: next === "cancelled" ? "Every line cancelled" : reason,
      details,
      current: order,
    });
  }
  if (details?.length) await appendOrderEvent(ctx, actor, orderId, { kind: "allocation", reason, details });
  return order;
}

/**
 * A held order keeps its hold, but what it returns to follows its lines: `heldFrom` moves with a
 * cancelled line or a filled backorder, so a release lands where the lines are. When every line is
 * cancelled the order is cancelled and its holds close with it (status and queue agree).
 */
async function settleHeld(ctx: MutationCtx, actor: ActorOrSystem, order: Doc<"orders">, known?: Doc<"orderLines">[]) {
  const lines = known ?? (await orderLinesOf(ctx, order._id));
  const next = statusFromLines(lines);
  if (next === "cancelled") {
    const open = await openHolds(ctx, order._id);
    for (const h of open)
      await closeHold(ctx, actor, h._id, {
        resolution: "cancelled",
        note: "Every line cancelled",
        release: false,
        silent: true,
      });
    return transitionOrder(ctx, actor, order._id, {
      to: "cancelled",
      reason: "Every line cancelled",
      patch: { heldFrom: undefined, holdReason: undefined },
      current: order,
    });
  }
  const from = order.heldFrom ?? "pending";
  if (next && next !== from && ALLOCATION_STATUSES.includes(from)) {
    await ctx.db.patch("orders", order._id, { heldFrom: next });
    return { ...order, heldFrom: next };
  }
  return order;
}
