/**
 * Bulk actions of the desk lists (issue 19): one step per id, each the same model call the
 * single-order verb makes (holds, release, allocation), so a bulk hold is exactly N holds.
 * convex/bulk.ts runs each id in its own sub-transaction (ctx.runMutation): an id that is refused
 * rolls back alone, with its reason in words; the others commit.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { allocateOrder, reallocateOrder } from "../allocation/allocate";
import { placeManualHold, releaseOrder, resolveHold } from "../orders/pipeline";
import { getOrderOrThrow } from "../orders/transition";
import { shipmentOrThrow } from "../shipping/context";
import { requireReason } from "../../lib/bounds";

import type { OrderBulkOp, ShipmentBulkOp } from "../../lib/bulk";

/** Ops that ask for a reason (the hold's), checked once for the whole request. */
export const NEEDS_REASON: readonly string[] = ["hold"];

export function requireBulkReason(op: string, reason: string | undefined) {
  if (NEEDS_REASON.includes(op)) requireReason(reason ?? "", "Say why these are held (at least 3 characters).");
}

type Step = { actor: Actor; reason?: string };

export async function orderStep(ctx: MutationCtx, op: OrderBulkOp, orderId: Id<"orders">, s: Step) {
  const order = await getOrderOrThrow(ctx, orderId);
  switch (op) {
    case "hold":
      if (order.status === "on_hold") throw appError("CONFLICT", `Order ${order.number} is already on hold.`);
      await placeManualHold(ctx, s.actor, { orderId, reason: s.reason ?? "" });
      return;
    case "release":
      await releaseOrder(ctx, s.actor, orderId, s.reason);
      return;
    case "allocate": {
      const plan = await allocateOrder(ctx, s.actor, orderId, { reason: "Allocated in bulk" });
      if (!plan) throw appError("CONFLICT", `Order ${order.number} has nothing left to allocate.`);
      return;
    }
    case "reallocate":
      await reallocateOrder(ctx, s.actor, orderId);
      return;
  }
}

export async function shipmentStep(ctx: MutationCtx, op: ShipmentBulkOp, shipmentId: Id<"shipments">, s: Step) {
  const shipment = await shipmentOrThrow(ctx, shipmentId);
  switch (op) {
    case "hold":
      if (shipment.onHold) throw appError("CONFLICT", `Shipment ${shipment.number} is already on hold.`);
      await placeManualHold(ctx, s.actor, { orderId: shipment.orderId, reason: s.reason ?? "", shipmentId });
      return;
    case "release": {
      const holds = await ctx.db
        .query("orderHolds")
        .withIndex("by_shipmentId_and_status", (q) => q.eq("shipmentId", shipmentId).eq("status", "open"))
        .take(20);
      if (holds.length === 0) throw appError("INVALID_TRANSITION", `Shipment ${shipment.number} is not on hold.`);
      for (const h of holds) await resolveHold(ctx, s.actor, h._id, { resolution: "released", note: s.reason });
      return;
    }
    case "reallocate":
      if (shipment.status !== "open") {
        throw appError(
          "INVALID_TRANSITION",
          `Shipment ${shipment.number} is ${shipment.status}; only shipments not yet being picked can be re-allocated.`,
        );
      }
      await reallocateOrder(ctx, s.actor, shipment.orderId);
      return;
  }
}
