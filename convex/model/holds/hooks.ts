/**
 * What happens once an order has passed validation (at creation, or when its last hold is
 * released), in the same transaction: the customer's confirmation (and backorder notice) is queued.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { notifyOrderAccepted } from "../notifications/enqueue";

export async function onOrderReady(ctx: MutationCtx, orderId: Id<"orders">) {
  await notifyOrderAccepted(ctx, orderId);
}
