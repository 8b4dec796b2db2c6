/**
 * The one writer of `carrierShipments`: a shipment's carrier-board facts, recomputed from its
 * sources (the live labels of its latest purchase, the chosen quote and its rate shop, the
 * packages' weights, the tracking milestones and the "damaged in transit" return lines). Called
 * after a label purchase or void, after milestones arrive and after a damaged return is opened;
 * the rebuild calls it for every shipment, so live and rebuilt rows are equal by construction.
 * A write happens only when a field changed, so the board trigger sees only real moves.
 */
import { STANDING_LABEL_STATUSES } from "../../lib/statusSets";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { DAY, HOUR, weekOf, dayKey } from "../../lib/clock";
import { labelsOf, quotesOfRequest } from "../shipping/context";
import { rmaLinesOfOrderLine } from "../returns/lifecycle";
import { rowBy } from "../rows";

/** Providers without tracking webhooks here: their labels are polled (model/carriers/poll.ts). */
/** The label's first tracking event of this kind (delivered, first scan, failure…), or null. */
export async function labelEvent(
  ctx: { db: QueryCtx["db"] },
  labelId: Id<"shippingLabels">,
  kind: Doc<"trackingEvents">["kind"],
) {
  return ctx.db
    .query("trackingEvents")
    .withIndex("by_labelId_and_kind", (q) => q.eq("labelId", labelId).eq("kind", kind))
    .first();
}

export const POLL_PROVIDERS = new Set(["shipstation"]);
export const FIRST_POLL_AFTER_MS = 30 * 60_000;
/** A delivery is late once the promise plus this grace has passed with no delivery scan. */
export const LATE_GRACE_MS = 12 * HOUR;
/** Promise assumed for the late check when the quote gave none. */
export const DEFAULT_PROMISE_DAYS = 7;

/** "<warehouse code>><country>[-<region> for US/CA]": an ASCII lane key (the page shows "→"). */
export function laneOf(warehouse: Pick<Doc<"warehouses">, "code">, shipTo: { country: string; region?: string }) {
  const country = shipTo.country.trim().toUpperCase();
  const region =
    (country === "US" || country === "CA") && shipTo.region ? `-${shipTo.region.trim().toUpperCase()}` : "";
  return `${warehouse.code}>${country}${region}`;
}

/** Whole days from purchase to delivery, rounded up, at least 1. */
export const transitDaysOf = (purchasedAt: number, deliveredAt: number) =>
  Math.max(1, Math.ceil((deliveredAt - purchasedAt) / DAY));

type Row = Omit<Doc<"carrierShipments">, "_id" | "_creationTime">;

async function computeRow(
  ctx: QueryCtx,
  shipmentId: Id<"shipments">,
  existing: Doc<"carrierShipments"> | null,
): Promise<Row | "voided" | null> {
  const labels = await labelsOf(ctx, shipmentId);
  const live = labels.filter((l) => STANDING_LABEL_STATUSES.includes(l.status) && l.purchasedAt !== undefined);
  if (live.length === 0) return existing ? "voided" : null;
  // The latest purchase is the shipment's current carrier (a relabel replaces the old one).
  const latest = live.reduce((a, b) => (b.purchasedAt! > a.purchasedAt! ? b : a));
  const current = live.filter((l) => l.purchaseKey === latest.purchaseKey);
  const purchasedAt = Math.min(...current.map((l) => l.purchasedAt!));
  const [shipment, quote] = await Promise.all([
    ctx.db.get("shipments", shipmentId),
    ctx.db.get("shippingQuotes", latest.quoteId),
  ]);
  if (!shipment) return null;
  const [order, warehouse] = await Promise.all([
    ctx.db.get("orders", shipment.orderId),
    ctx.db.get("warehouses", shipment.warehouseId),
  ]);
  if (!order || !warehouse) return null;
  const currency = current[0].currency;
  const costMinor = current.reduce((s, l) => s + (l.costMinor ?? 0), 0);
  let dearestMinor = costMinor;
  if (quote) {
    const shop = await quotesOfRequest(ctx, quote.requestId);
    dearestMinor = Math.max(costMinor, ...shop.filter((q) => q.currency === currency).map((q) => q.amountMinor));
  }
  let weightGrams = 0;
  let deliveredPackages = 0;
  let deliveredAt: number | undefined;
  let firstScanAt: number | undefined;
  let exception = false;
  for (const l of current) {
    const pkg = await ctx.db.get("packages", l.packageId);
    weightGrams += pkg?.weightGrams ?? 0;
    const byKind = (kind: Doc<"trackingEvents">["kind"]) => labelEvent(ctx, l._id, kind);
    const [delivered, scanned, failed] = await Promise.all([
      byKind("delivered"),
      byKind("first_scan"),
      byKind("exception"),
    ]);
    if (delivered) {
      deliveredPackages++;
      deliveredAt = Math.max(deliveredAt ?? 0, delivered.at);
    }
    if (scanned) firstScanAt = Math.min(firstScanAt ?? Infinity, scanned.at);
    if (failed) exception = true;
  }
  let damagedUnits = 0;
  for (const line of shipment.lines.slice(0, 100)) {
    const rmaLines = await rmaLinesOfOrderLine(ctx, line.orderLineId);
    damagedUnits += rmaLines.filter((r) => r.reason === "damaged_in_transit").reduce((s, r) => s + r.quantity, 0);
  }
  const allDelivered = deliveredPackages === current.length;
  const promisedDays = quote?.deliveryDays;
  const transitDays = allDelivered && deliveredAt !== undefined ? transitDaysOf(purchasedAt, deliveredAt) : undefined;
  const polled = POLL_PROVIDERS.has(latest.provider) && !allDelivered;
  return {
    shipmentId,
    orderId: order._id,
    provider: latest.provider,
    carrier: latest.carrier,
    service: latest.service,
    warehouseId: warehouse._id,
    lane: laneOf(warehouse, order.shipTo),
    status: allDelivered ? "delivered" : "in_transit",
    promisedDays,
    purchasedAt,
    week: weekOf(dayKey(purchasedAt)),
    packages: current.length,
    deliveredPackages,
    costMinor,
    currency,
    dearestMinor,
    weightGrams,
    co2eGrams: quote?.co2eGrams,
    firstScanAt,
    deliveredAt: allDelivered ? deliveredAt : undefined,
    transitDays,
    onTime: transitDays !== undefined && promisedDays !== undefined ? transitDays <= promisedDays : undefined,
    exception,
    damagedUnits,
    dueAt: purchasedAt + (promisedDays ?? DEFAULT_PROMISE_DAYS) * DAY + LATE_GRACE_MS,
    pollAt: polled ? (existing?.pollAt ?? purchasedAt + FIRST_POLL_AFTER_MS) : undefined,
  };
}

/** The shipment's carrier-board row, or null while it has never had a label. */
export async function carrierShipmentOf(ctx: { db: QueryCtx["db"] }, shipmentId: Id<"shipments">) {
  return rowBy(ctx, "carrierShipments", "by_shipmentId", shipmentId);
}

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys({ ...a, ...b }).every((k) => k.startsWith("_") || a[k] === b[k]);

/** Recomputes the shipment's row; returns it (null when the shipment has never had a label). */
export async function syncCarrierShipment(ctx: MutationCtx, shipmentId: Id<"shipments">, _now?: number) {
  const existing = await carrierShipmentOf(ctx, shipmentId);
  const row = await computeRow(ctx, shipmentId, existing);
  if (row === null) return null;
  if (row === "voided") {
    if (existing!.status !== "voided")
      await ctx.db.patch("carrierShipments", existing!._id, { status: "voided", pollAt: undefined });
    return existing;
  }
  if (!existing) {
    await ctx.db.insert("carrierShipments", row);
  } else if (!same(existing as unknown as Record<string, unknown>, row as unknown as Record<string, unknown>)) {
    await ctx.db.replace("carrierShipments", existing._id, row);
  }
  return row;
}

/** The poll's bookkeeping: when to ask the provider next about this shipment (undefined: never). */
export async function setNextPoll(ctx: MutationCtx, shipmentId: Id<"shipments">, pollAt: number | undefined) {
  const row = await carrierShipmentOf(ctx, shipmentId);
  if (row && row.pollAt !== pollAt)
    await ctx.db.patch("carrierShipments", row._id, { pollAt: row.status === "in_transit" ? pollAt : undefined });
}
