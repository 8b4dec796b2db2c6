/**
 * Shipping API: rate shopping, the quote log, labels (buy, void, reprint) and postage. Everyone
 * reads; floor staff and up shop rates and buy labels at the pack station; voiding a label (a
 * refund) takes a supervisor. Rule editing lives in shippingRules.ts.
 */
import { requireLabelAccess, requireShipmentAccess, requireSiteAccess, scopedSite } from "./model/floor/scope";
import { v } from "convex/values";
import { floorMutation, floorQuery, supervisorCommand, supervisorQuery } from "./functions";
import type { QueryCtx } from "./_generated/server";
import type { Doc, Id } from "./_generated/dataModel";
import { appError } from "./lib/errors";
import { requestRateShop } from "./model/shipping/rateShop";
import { requestPurchase, requestVoid } from "./model/shipping/labels";
import { labelsOf, packagesOf, quotesOfRequest, shipmentOrThrow } from "./model/shipping/context";
import { postageOf } from "./model/shipping/spend";
import { recordAudit } from "./model/audit/record";
import schema from "./schema";
import { shipmentsOfOrder } from "./model/orders/lines";
import { rowsBy } from "./model/rows";

const REQUESTS_SHOWN = 5;

async function labelView(ctx: QueryCtx, l: Doc<"shippingLabels">) {
  const fileUrl = l.labelStorageId ? await ctx.storage.getUrl(l.labelStorageId) : (l.labelUrl ?? null);
  return { ...l, fileUrl };
}

const vShipmentShipping = v.object({
  shipment: schema.doc("shipments"),
  packages: v.array(schema.doc("packages")),
  quoteLog: v.array(
    v.object({ request: schema.doc("rateShopRequests"), quotes: v.array(schema.doc("shippingQuotes")) }),
  ),
  labels: v.array(v.object({ ...schema.doc("shippingLabels").fields, fileUrl: v.union(v.null(), v.string()) })),
  postage: v.union(v.null(), schema.doc("shipmentPostage")),
});

/** Everything the shipping panel shows for one shipment: packages, recent rate shops with every quote, labels, postage. */
async function shipmentShipping(ctx: QueryCtx, shipment: Doc<"shipments">) {
  const requests = await rowsBy(ctx, "rateShopRequests", "by_shipmentId", shipment._id, {
    limit: REQUESTS_SHOWN,
    order: "desc",
  });
  const quoteLog = [];
  for (const r of requests) {
    const quotes = await quotesOfRequest(ctx, r._id);
    quoteLog.push({ request: r, quotes: quotes.sort((a, b) => a.amountMinor - b.amountMinor) });
  }
  const labels = await Promise.all((await labelsOf(ctx, shipment._id)).map((l) => labelView(ctx, l)));
  const postage = await postageOf(ctx, shipment._id);
  return { shipment, packages: await packagesOf(ctx, shipment._id), quoteLog, labels, postage };
}

/** The shipping panel of an order: one entry per shipment (own stock; dropship has no postage). */
export const forOrder = floorQuery({
  args: { orderId: v.id("orders") },
  returns: v.array(vShipmentShipping),
  handler: async (ctx, { orderId }) => {
    const shipments = await shipmentsOfOrder(ctx, orderId);
    // A floor member bound to a store sees that store's shipments only (model/floor/scope).
    const site = scopedSite(ctx.member);
    return Promise.all(
      shipments
        .filter((s) => s.source === "stock" && (!site || s.warehouseId === site))
        .map((s) => shipmentShipping(ctx, s)),
    );
  },
});

export const forShipment = floorQuery({
  args: { shipmentId: v.id("shipments") },
  returns: vShipmentShipping,
  handler: async (ctx, { shipmentId }) => {
    const shipment = await shipmentOrThrow(ctx, shipmentId);
    requireSiteAccess(ctx.member, shipment.warehouseId);
    return shipmentShipping(ctx, shipment);
  },
});

/** Carrier spend rows between two UTC days (inclusive, "YYYY-MM-DD"), for boards. */
export const carrierSpend = supervisorQuery({
  args: { fromDay: v.string(), toDay: v.string() },
  returns: v.array(schema.doc("carrierSpend")),
  handler: async (ctx, { fromDay, toDay }) =>
    ctx.db
      .query("carrierSpend")
      .withIndex("by_day_and_carrier_and_service_and_currency", (q) => q.gte("day", fromDay).lte("day", toDay))
      .take(1000),
});

/** Asks every configured provider for rates; `autoBuy` buys the rule's choice right away. */
export const shopRates = floorMutation({
  args: { shipmentId: v.id("shipments"), autoBuy: v.optional(v.boolean()) },
  returns: v.id("rateShopRequests"),
  handler: async (ctx, { shipmentId, autoBuy }) => {
    await requireShipmentAccess(ctx, ctx.member, shipmentId);
    return requestRateShop(ctx, ctx.actor, shipmentId, { autoBuy: autoBuy ?? false });
  },
});

/** Buys the chosen quote (or the one named) for every package still without a label. */
export const buyLabels = floorMutation({
  args: { shipmentId: v.id("shipments"), quoteId: v.optional(v.id("shippingQuotes")) },
  returns: v.string(),
  handler: async (ctx, { shipmentId, quoteId }) => {
    await requireShipmentAccess(ctx, ctx.member, shipmentId);
    return requestPurchase(ctx, ctx.actor, shipmentId, quoteId);
  },
});

/** Voids (refunds) a purchased label. The goods are still going out: stock is not touched. */
export const voidLabel = supervisorCommand({ labelId: v.id("shippingLabels") }, (ctx, { labelId }) =>
  requestVoid(ctx, ctx.actor, labelId),
);

/** The stored label file again (never a new purchase); audited so reprints can be counted. */
export const reprintLabel = floorMutation({
  args: { labelId: v.id("shippingLabels") },
  returns: v.string(),
  handler: async (ctx, { labelId }) => {
    await requireLabelAccess(ctx, ctx.member, labelId);
    const l = await ctx.db.get("shippingLabels", labelId);
    if (!l || l.status !== "purchased")
      throw appError("INVALID_TRANSITION", "Only a purchased label can be printed again.");
    const url = l.labelStorageId ? await ctx.storage.getUrl(l.labelStorageId) : l.labelUrl;
    if (!url) throw appError("NOT_FOUND", "That label has no file.");
    const s = await shipmentOrThrow(ctx, l.shipmentId as Id<"shipments">);
    await recordAudit(ctx, ctx.actor, {
      entity: "shippingLabel",
      entityId: labelId,
      action: "reprint",
      summary: `Reprinted ${l.trackingNumber} of ${s.number}`,
    });
    return url;
  },
});
