/**
 * Refunds owed for cancelled units (issue 20): the one path every cancel of a paid order or line
 * takes — the desk's cancel and cancel lines, the exception queue's cancels, the portal's
 * backordered cancel, an uncollected or short pickup, a channel's own cancellation — because it is
 * called by the two cancel verbs themselves (model/orders/lifecycle.ts: `cancelOrder`,
 * `cancelLines`), in the cancel's transaction. One `cancellationRefunds` row per cancel that gives
 * money back, `due` until a payment provider (or a person) records it, and a line on the order's
 * trail. A cancel that leaves the whole order cancelled also gives back the shipping charged. The
 * one writer of `cancellationRefunds`; the finance export reads it.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { formatMoney, lineTotal } from "../../lib/money";
import { checkedSum } from "../../lib/bounds";
import { appendOrderEvent } from "./transition";
import { type ActorOrSystem } from "../audit/record";
import { rowsBy } from "../rows";

/** Payment was taken: a paid channel order, or a manual order (treated as paid). */
export function paymentCaptured(order: Pick<Doc<"orders">, "paymentStatus">) {
  return order.paymentStatus === undefined || order.paymentStatus === "paid";
}

/**
 * The most cancellation refunds listed for one order. An order has one per cancel of paid units, so
 * it may have more: lists show the first this many, and the sum of them all is kept on the order
 * (`cancelledRefundTotal`).
 */
export const MAX_CANCEL_REFUNDS = 100;

/** An order's cancellation refunds, oldest first (at most MAX_CANCEL_REFUNDS of them). */
export async function cancellationRefundsOf(ctx: { db: QueryCtx["db"] }, orderId: Id<"orders">) {
  return rowsBy(ctx, "cancellationRefunds", "by_orderId", orderId, { limit: MAX_CANCEL_REFUNDS });
}

/** What the order's cancels gave back in all (minor units): the sum kept on the order, else its rows. */
export async function cancelledRefundTotal(ctx: { db: QueryCtx["db"] }, order: Doc<"orders">) {
  if (order.cancelRefundsMinor !== undefined) return order.cancelRefundsMinor;
  return checkedSum((await cancellationRefundsOf(ctx, order._id)).map((r) => r.amountMinor));
}

/**
 * Records the refund of `items` (cancelled units at their line's price) and, with `withShipping`,
 * the order's shipping charge. Nothing when payment was not captured or the amount is 0. Adds the
 * amount to the sum the order keeps. Returns the amount and the row.
 */
export async function refundCancelled(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  a: {
    order: Doc<"orders">;
    items: { line: Doc<"orderLines">; quantity: number }[];
    reason: string;
    withShipping: boolean;
  },
): Promise<{ refundedMinor: number; refundId?: Id<"cancellationRefunds"> }> {
  const { order } = a;
  const chosen = a.items.filter((i) => i.quantity > 0);
  if (!paymentCaptured(order)) return { refundedMinor: 0 };
  const lines = chosen.map((i) => ({
    sku: i.line.sku,
    quantity: i.quantity,
    amountMinor: lineTotal(i.line.unitPriceMinor, i.quantity),
  }));
  const shippingMinor = a.withShipping ? (order.shippingChargedMinor ?? 0) : 0;
  const amountMinor = checkedSum([...lines.map((l) => l.amountMinor), shippingMinor]);
  if (amountMinor === 0) return { refundedMinor: 0 };
  // The order as it stands in this transaction: an earlier refund of it may have moved the sum.
  const current = (await ctx.db.get("orders", order._id)) ?? order;
  const cancelRefundsMinor = checkedSum([await cancelledRefundTotal(ctx, current), amountMinor]);
  const refundId = await ctx.db.insert("cancellationRefunds", {
    orderId: order._id,
    orderNumber: order.number,
    amountMinor,
    currency: order.currency,
    reason: a.reason,
    lines,
    ...(shippingMinor > 0 ? { shippingMinor } : {}),
    status: "due",
    byName: actor?.name ?? "system",
    createdAt: Date.now(),
  });
  await ctx.db.patch("orders", order._id, { cancelRefundsMinor });
  const money = (m: number) => formatMoney(m, order.currency);
  await appendOrderEvent(ctx, actor, order._id, {
    kind: "note",
    reason: `Refund of ${money(amountMinor)} due to the customer for cancelled units`,
    details: [
      ...lines.map((l) => `${l.quantity} × ${l.sku}: ${money(l.amountMinor)}`),
      ...(shippingMinor > 0 ? [`Shipping charged: ${money(shippingMinor)}`] : []),
    ],
  });
  return { refundedMinor: amountMinor, refundId };
}

/** A refund someone else already paid (a channel that cancelled and refunded its buyer): recorded, not due. */
export async function markRefundPaidBy(ctx: MutationCtx, refundId: Id<"cancellationRefunds">, byName: string) {
  const row = await ctx.db.get("cancellationRefunds", refundId);
  if (!row || row.status !== "due") return;
  await ctx.db.patch("cancellationRefunds", refundId, { status: "recorded", byName });
}
