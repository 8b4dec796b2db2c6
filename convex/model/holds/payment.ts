/**
 * Payment confirmations and failures, as a payment provider's webhook reports them (through an
 * internal mutation). A confirmation releases the order's payment hold (and the order, when it
 * was the last blocking hold); a failure cancels an order nothing has been picked for, and
 * otherwise leaves a payment hold for a person.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { appendOrderEvent, getOrderOrThrow } from "../orders/transition";
import { cancelOrder } from "../orders/lifecycle";
import { raiseHold } from "./holds";
import { resolveAllHolds, resolveHold } from "../orders/pipeline";
import { CANCELLABLE_STATUSES } from "../../lib/statusSets";
import type { ActorOrSystem } from "../audit/record";
import { openHolds } from "./holds";

async function paymentHolds(ctx: MutationCtx, orderId: Id<"orders">) {
  const open = await openHolds(ctx, orderId);
  return open.filter((h) => h.type === "payment");
}

/** Marks the order paid and resolves its payment holds. Idempotent: a repeated webhook changes nothing. */
export async function confirmPayment(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  orderId: Id<"orders">,
  reference?: string,
) {
  const order = await getOrderOrThrow(ctx, orderId);
  const holds = await paymentHolds(ctx, orderId);
  if (order.paymentStatus === "paid" && holds.length === 0) return { released: false };
  if (order.status === "cancelled") return { released: false };
  await ctx.db.patch("orders", orderId, { paymentStatus: "paid" });
  await appendOrderEvent(ctx, actor, orderId, {
    kind: "note",
    reason: `Payment confirmed${reference ? ` (${reference})` : ""}`,
  });
  let released = false;
  for (const h of holds)
    released =
      (await resolveHold(ctx, actor, h._id, { resolution: "payment_confirmed", note: reference })).released || released;
  return { released };
}

/** Marks the payment failed: cancels the order if nothing was picked, else holds it for a person. */
export async function failPayment(ctx: MutationCtx, actor: ActorOrSystem, orderId: Id<"orders">, reason: string) {
  const order = await getOrderOrThrow(ctx, orderId);
  if (order.status === "cancelled" || order.paymentStatus === "failed")
    return { cancelled: order.status === "cancelled" };
  await ctx.db.patch("orders", orderId, { paymentStatus: "failed" });
  const why = `Payment failed: ${reason.trim() || "declined"}`;
  if (CANCELLABLE_STATUSES.includes(order.status)) {
    await resolveAllHolds(ctx, actor, orderId, { resolution: "cancelled", note: why });
    await cancelOrder(ctx, actor, orderId, why);
    return { cancelled: true };
  }
  await raiseHold(ctx, actor, {
    orderId,
    type: "payment",
    reason: "Payment failed after fulfilment started",
    detail: `${why}. Stop the shipment or collect payment.`,
  });
  return { cancelled: false };
}
