/**
 * Refunds owed for cancelled units after payment was captured (a paid channel order, or a manual
 * order — treated as paid): one `cancellationRefunds` row per cancel, `due` until recorded, and a
 * line on the order's trail, in the cancel's own transaction. Used by the portal's cancel and the
 * uncollected-pickup expiry. No payment provider is connected: the row is the instruction.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { formatMoney, lineTotal } from "../../lib/money";
import { checkedSum } from "../../lib/bounds";
import { appendOrderEvent } from "../orders/transition";
import type { ActorOrSystem } from "../audit/record";

export function paymentCaptured(order: Pick<Doc<"orders">, "paymentStatus">) {
  return order.paymentStatus === undefined || order.paymentStatus === "paid";
}

export async function recordCancellationRefund(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  order: Doc<"orders">,
  items: { line: Doc<"orderLines">; quantity: number }[],
  reason: string,
) {
  const chosen = items.filter((i) => i.quantity > 0);
  if (!paymentCaptured(order) || chosen.length === 0) return 0;
  const lines = chosen.map((i) => ({
    sku: i.line.sku,
    quantity: i.quantity,
    amountMinor: lineTotal(i.line.unitPriceMinor, i.quantity),
  }));
  const amountMinor = checkedSum(lines.map((l) => l.amountMinor));
  if (amountMinor === 0) return 0;
  await ctx.db.insert("cancellationRefunds", {
    orderId: order._id,
    orderNumber: order.number,
    amountMinor,
    currency: order.currency,
    reason,
    lines,
    status: "due",
    byName: actor?.name ?? "system",
    createdAt: Date.now(),
  });
  await appendOrderEvent(ctx, actor, order._id, {
    kind: "note",
    reason: `Refund of ${formatMoney(amountMinor, order.currency)} due to the customer for cancelled units`,
    details: lines.map((l) => `${l.quantity} × ${l.sku}: ${formatMoney(l.amountMinor, order.currency)}`),
  });
  return amountMinor;
}
