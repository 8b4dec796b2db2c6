/**
 * Queuing customer messages, in the same mutation as the change they announce. Each message is
 * rendered at once (the outbox shows exactly what the customer gets) and keyed, so a hook that
 * runs twice for the same change queues nothing new. No recipient or a disabled template: skipped.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { formatMoney } from "../../lib/money";
import { renderEmail, renderSms, type TemplateData } from "../../lib/notifications/render";
import { NOTIFICATION_CHANNELS, type NotificationEvent } from "../../lib/notifications/templates";
import { templateFor, trackingPageUrl } from "./templates";
import { wake } from "../scheduling/wake";

import { orderLinesOf } from "../orders/lines";
import { trackedLabels } from "../shipping/context";
import { backorderEstimate } from "../allocation/settings";
import { rowBy } from "../rows";

/**
 * Queues `event` for the order's customer on every channel with a recipient and an enabled template,
 * once per `about` (the order, shipment, RMA or pickup the message is about): the key is `event:about`.
 */
export async function enqueueNotification(
  ctx: MutationCtx,
  order: Doc<"orders">,
  { event, about, data = {} }: { event: NotificationEvent; about: string; data?: TemplateData },
) {
  const key = `${event}:${about}`;
  const base: TemplateData = {
    customerName: order.customer.name,
    orderNumber: order.number,
    orderNote: order.notes ?? "",
    trackingPageUrl: await trackingPageUrl(ctx),
    ...data,
  };
  const queued: Id<"notifications">[] = [];
  for (const channel of NOTIFICATION_CHANNELS) {
    const to = channel === "email" ? order.customer.email : (order.customer.phone ?? order.shipTo.phone);
    if (!to?.trim()) continue;
    const template = await templateFor(ctx, event, channel);
    if (!template.enabled) continue;
    const idempotencyKey = `${key}:${channel}`;
    const existing = await rowBy(ctx, "notifications", "by_idempotencyKey", idempotencyKey, "first");
    if (existing) continue;
    const email = channel === "email" ? renderEmail(template, base) : null;
    const now = Date.now();
    queued.push(
      await ctx.db.insert("notifications", {
        event,
        channel,
        orderId: order._id,
        orderNumber: order.number,
        idempotencyKey,
        to: to.trim(),
        subject: email?.subject ?? "",
        body: email ? email.html : renderSms(template, base),
        text: email?.text,
        templateVersion: template.version,
        status: "queued",
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      }),
    );
  }
  // Sent by the worker now, not at the next cron tick (model/scheduling/wake).
  if (queued.length > 0) await wake(ctx, "notifications");
  return queued;
}

const linesData = (lines: Doc<"orderLines">[], qty: (l: Doc<"orderLines">) => number) =>
  lines.filter((l) => qty(l) > 0).map((l) => ({ sku: l.sku, name: l.name, quantity: qty(l) }));

/** After validation passed (or a hold was released): the confirmation, and a backorder notice with an estimate. */
export async function notifyOrderAccepted(ctx: MutationCtx, orderId: Id<"orders">) {
  const order = await ctx.db.get("orders", orderId);
  if (!order) return;
  const lines = await orderLinesOf(ctx, orderId);
  await enqueueNotification(ctx, order, {
    event: "order_confirmed",
    about: orderId,
    data: {
      total: formatMoney(order.totalMinor, order.currency),
      lines: linesData(lines, (l) => l.quantity - l.cancelled),
    },
  });
  if (lines.some((l) => l.backordered > 0)) {
    const estimate = new Date(await backorderEstimate(ctx, Date.now())).toLocaleDateString("en-US", {
      month: "short",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
    await enqueueNotification(ctx, order, {
      event: "backordered",
      about: orderId,
      data: { estimate, lines: linesData(lines, (l) => l.backordered) },
    });
  }
}

/** When a shipment leaves: one message listing each package's carrier and tracking number. */
export async function notifyShipped(ctx: MutationCtx, shipmentId: Id<"shipments">) {
  const shipment = await ctx.db.get("shipments", shipmentId);
  const order = shipment && (await ctx.db.get("orders", shipment.orderId));
  if (!shipment || !order) return;
  const packages = (await trackedLabels(ctx, shipmentId)).map((l) => ({
    carrier: l.carrier,
    service: l.service,
    trackingNumber: l.trackingNumber,
  }));
  await enqueueNotification(ctx, order, {
    event: "shipped",
    about: shipmentId,
    data: { shipmentNumber: shipment.number, packages },
  });
}

export async function notifyDelivered(ctx: MutationCtx, orderId: Id<"orders">, shipmentNumber?: string) {
  const order = await ctx.db.get("orders", orderId);
  if (order)
    await enqueueNotification(ctx, order, {
      event: "delivered",
      about: orderId,
      data: { shipmentNumber: shipmentNumber ?? order.number },
    });
}

/** Return received (first receipt) and refund issued, from the RMA's transitions. */
export async function notifyReturn(ctx: MutationCtx, rma: Doc<"rmas">, event: "return_received" | "refund_issued") {
  const order = await ctx.db.get("orders", rma.orderId);
  if (!order) return;
  await enqueueNotification(ctx, order, {
    event,
    about: rma._id,
    data: { rmaNumber: rma.number, refundAmount: formatMoney(rma.refundAmountMinor, rma.currency) },
  });
}
