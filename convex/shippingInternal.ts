/**
 * The internal steps of the shipping actions: each action reads its input with one of these and
 * saves its outcome with one mutation. Never called from the client.
 */
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { internalMutation } from "./functions";
import { failRateShop, rateShopInput, saveRateShop } from "./model/shipping/rateShop";
import { beginPurchaseAttempt, failPurchase, savePurchase, saveVoid, voidInput } from "./model/shipping/labels";
import { vIncomingQuote, vProviderOutcome, vSavedLabel } from "./model/shipping/tables";
import { labelsToTrack as labelsToTrackOf, recordTracking as recordTrackingOf } from "./model/shipping/tracking";

export const rateShopRequest = internalQuery({
  args: { requestId: v.id("rateShopRequests") },
  handler: (ctx, { requestId }) => rateShopInput(ctx, requestId),
});

export const saveQuotes = internalMutation({
  args: { requestId: v.id("rateShopRequests"), outcomes: v.array(vProviderOutcome), quotes: v.array(vIncomingQuote) },
  handler: (ctx, { requestId, outcomes, quotes }) => saveRateShop(ctx, requestId, outcomes, quotes),
});

export const rateShopFailed = internalMutation({
  args: { requestId: v.id("rateShopRequests"), error: v.string() },
  handler: (ctx, { requestId, error }) => failRateShop(ctx, requestId, error),
});

export const beginPurchase = internalMutation({
  args: { purchaseKey: v.string() },
  handler: (ctx, { purchaseKey }) => beginPurchaseAttempt(ctx, purchaseKey),
});

export const savePurchased = internalMutation({
  args: { purchaseKey: v.string(), labels: v.array(vSavedLabel) },
  handler: (ctx, { purchaseKey, labels }) => savePurchase(ctx, purchaseKey, labels),
});

export const purchaseFailed = internalMutation({
  args: { purchaseKey: v.string(), error: v.string(), final: v.boolean(), retryInMs: v.number() },
  handler: (ctx, { purchaseKey, error, final, retryInMs }) =>
    failPurchase(ctx, purchaseKey, error, { final, retryInMs }),
});

export const voidRequest = internalQuery({
  args: { labelId: v.id("shippingLabels") },
  handler: (ctx, { labelId }) => voidInput(ctx, labelId),
});

export const voidDone = internalMutation({
  args: { labelId: v.id("shippingLabels"), ok: v.boolean(), message: v.string() },
  handler: (ctx, { labelId, ok, message }) => saveVoid(ctx, labelId, ok, message),
});

export const trackInput = internalQuery({
  args: { labelId: v.id("shippingLabels") },
  handler: async (ctx, { labelId }) => {
    const l = await ctx.db.get("shippingLabels", labelId);
    return l && l.trackingNumber
      ? {
          provider: l.provider,
          trackingNumber: l.trackingNumber,
          carrier: l.carrier,
          providerLabelId: l.providerLabelId,
        }
      : null;
  },
});

/** The labels the tracking poll asks about this run (purchased, no carrier scan yet). */
export const labelsToTrack = internalQuery({
  args: { before: v.number(), limit: v.number() },
  handler: async (ctx, { before, limit }) => labelsToTrackOf(ctx, before, limit),
});

/** Saves one carrier tracking answer (or that the carrier could not be asked). */
export const recordTracking = internalMutation({
  args: {
    labelId: v.id("shippingLabels"),
    update: v.union(
      v.object({ status: v.string(), events: v.array(v.object({ at: v.string(), status: v.string() })) }),
      v.object({ error: v.string() }),
    ),
  },
  handler: async (ctx, { labelId, update }) => {
    await recordTrackingOf(ctx, labelId, update, Date.now());
    return null;
  },
});
