/**
 * What the customer's portal shows for one proven order: each shipment with what is in it (split
 * orders show every parcel's contents) and its milestones (model/portal/timeline — the one reader
 * of tracking), backordered lines with their new estimate, what can still be returned and until
 * when, the order's returns, refunds due, and for a pickup the store, its hours and — once ready —
 * the pickup code. Reads only.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { STATUS_LABELS } from "../../lib/orderStatus";
import { formatMoney } from "../../lib/money";
import { openOutstanding } from "../returns/issue";
import { returnableQuantity } from "../../lib/returns";
import { shipmentMilestones } from "./timeline";
import { readPortalSettings } from "./settings";
import { storeFacts } from "../pickup/lifecycle";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";
import { rmasOfOrder } from "../returns/lifecycle";
import { cancellationRefundsOf } from "../orders/refunds";
import { pickupOf } from "../pickup/record";
import { backordersOfLine } from "../allocation/apply";
import { backorderEstimate } from "../allocation/settings";
import { DAY } from "../../lib/clock";

/** The end of the return window: the window's days after the last shipment left (null before anything shipped). */
export function returnWindowCloses(shipments: Doc<"shipments">[], days: number) {
  const last = Math.max(0, ...shipments.filter((s) => s.status === "shipped").map((s) => s.shippedAt ?? 0));
  return last > 0 ? last + days * DAY : null;
}

export async function portalView(
  ctx: { db: QueryCtx["db"]; storage: QueryCtx["storage"] },
  order: Doc<"orders">,
  now: number,
) {
  const [shipments, lines, pickup, settings] = await Promise.all([
    shipmentsOfOrder(ctx, order._id),
    orderLinesOf(ctx, order._id),
    pickupOf(ctx, order._id),
    readPortalSettings(ctx),
  ]);
  const lineById = new Map(lines.map((l) => [l._id as string, l]));
  const parcels = [];
  for (const s of shipments) {
    if (s.status === "cancelled") continue;
    const { milestones, parcels: tracking } = await shipmentMilestones(
      ctx,
      order,
      s,
      pickup && s.warehouseId === pickup.storeId ? pickup : null,
    );
    parcels.push({
      number: s.number,
      items: s.lines
        .filter((l) => l.quantity > 0)
        .map((l) => ({ sku: l.sku, name: lineById.get(l.orderLineId)?.name ?? l.sku, quantity: l.quantity })),
      milestones,
      tracking,
    });
  }
  const backordered = [];
  for (const l of lines) {
    if (l.backordered <= 0) continue;
    const rows = await backordersOfLine(ctx, l._id);
    const queuedAt = Math.min(...rows.map((r) => r.queuedAt), now);
    backordered.push({
      lineId: l._id as string,
      sku: l.sku,
      name: l.name,
      quantity: l.backordered,
      estimate: await backorderEstimate(ctx, queuedAt),
    });
  }
  const closes = returnWindowCloses(shipments, settings.returnWindowDays);
  const returnable = [];
  for (const l of lines) {
    if (l.shipped - l.returned <= 0) continue;
    returnable.push({
      lineId: l._id as string,
      sku: l.sku,
      name: l.name,
      returnable: returnableQuantity(l, await openOutstanding(ctx, l._id)),
    });
  }
  const rmas = [];
  for (const r of await rmasOfOrder(ctx, order._id)) {
    const label = r.returnLabel;
    const url =
      label?.status === "bought"
        ? (label.labelUrl ?? (label.storageId ? await ctx.storage.getUrl(label.storageId) : null))
        : null;
    rmas.push({
      number: r.number,
      status: r.status.replace(/_/g, " "),
      labelUrl: url,
      trackingNumber: label?.trackingNumber ?? null,
    });
  }
  const refunds = await cancellationRefundsOf(ctx, order._id);
  let pickupView = null;
  if (pickup) {
    const facts = await storeFacts(ctx, pickup.storeId);
    pickupView = {
      ...facts,
      status: pickup.status,
      code: pickup.status === "ready" ? (pickup.code ?? null) : null,
      collectBy: pickup.status === "ready" ? (pickup.expiresAt ?? null) : null,
    };
  }
  return {
    orderNumber: order.number,
    status: STATUS_LABELS[order.status],
    placedAt: order.placedAt,
    customerName: order.customer.name,
    pickup: pickupView,
    shipments: parcels,
    backordered,
    returns: { windowClosesAt: closes, open: closes !== null && now <= closes, lines: returnable },
    rmas,
    refunds: refunds.map((r) => ({
      amount: formatMoney(r.amountMinor, r.currency),
      reason: r.reason,
      status: r.status,
    })),
  };
}
