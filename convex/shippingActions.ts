"use node";
/**
 * The scheduled shipping actions: the only code that talks to carrier providers. Each reads its
 * input with one internal query or mutation, does the vendor I/O, and saves with one mutation.
 * Provider failures in a rate shop are outcomes on the quote log, not errors; a failed purchase is
 * retried with a backoff (a retry never buys twice: see model/shipping/labels.ts).
 */
import { v } from "convex/values";
import { internalAction } from "./_generated/server";
import { internal } from "./_generated/api";
import { floorAction } from "./functions";
import { appError } from "./lib/errors";
import { TRACK_AFTER_MS } from "./model/shipping/tracking";
import { vTrackingResult } from "./model/shipping/tables";
import {
  configuredProviders,
  providerOrThrow,
  providerTimeoutMs,
  buyTimeoutMs,
  retryDelayMs,
} from "./integrations/carriers/registry";
import { describeFailure, quoteLog, shopRates, withTimeLimit } from "./integrations/carriers/rateShop";
import { buyAndStore } from "./integrations/carriers/buy";
import { CarrierError, FINAL_KINDS, type TrackingResult } from "./integrations/carriers/types";
import type { Id } from "./_generated/dataModel";

/** Attempts at one purchase before its packages are freed for a new one. */
export const MAX_PURCHASE_ATTEMPTS = 5;

export const rateShop = internalAction({
  args: { requestId: v.id("rateShopRequests") },
  returns: v.null(),
  handler: async (ctx, { requestId }): Promise<null> => {
    try {
      const input = await ctx.runQuery(internal.shippingInternal.rateShopRequest, { requestId });
      if (!input) return null;
      const outcomes = await shopRates(configuredProviders(), input, { timeoutMs: providerTimeoutMs() });
      for (const o of outcomes)
        if (o.status !== "ok")
          console.warn(`rate shop ${requestId}: ${o.provider} ${o.status} after ${o.ms} ms: ${o.error}`);
      await ctx.runMutation(internal.shippingInternal.saveQuotes, { requestId, ...quoteLog(outcomes) });
    } catch (e) {
      await ctx.runMutation(internal.shippingInternal.rateShopFailed, { requestId, error: describeFailure(e) });
      throw e;
    }
    return null;
  },
});

export const buyLabels = internalAction({
  args: { purchaseKey: v.string() },
  returns: v.null(),
  handler: async (ctx, { purchaseKey }): Promise<null> => {
    const job = await ctx.runMutation(internal.shippingInternal.beginPurchase, { purchaseKey });
    if (!job) return null; // already bought (a retry after the save) or given up
    const { attempt } = job.request;
    try {
      const labels = await buyAndStore(ctx.storage, job);
      await ctx.runMutation(internal.shippingInternal.savePurchased, { purchaseKey, labels });
    } catch (e) {
      const hopeless = e instanceof CarrierError && FINAL_KINDS.has(e.kind);
      const final = hopeless || attempt >= MAX_PURCHASE_ATTEMPTS;
      console.warn(
        `purchase ${purchaseKey} attempt ${attempt} failed${final ? " (giving up)" : ""}: ${describeFailure(e)}`,
      );
      await ctx.runMutation(internal.shippingInternal.purchaseFailed, {
        purchaseKey,
        error: `Attempt ${attempt}: ${describeFailure(e)}`,
        final,
        retryInMs: retryDelayMs(attempt),
      });
    }
    return null;
  },
});

export const voidLabel = internalAction({
  args: { labelId: v.id("shippingLabels") },
  returns: v.null(),
  handler: async (ctx, { labelId }): Promise<null> => {
    const job = await ctx.runQuery(internal.shippingInternal.voidRequest, { labelId });
    if (!job) return null;
    let ok = false;
    let message: string;
    try {
      const provider = providerOrThrow(job.provider);
      const r = await withTimeLimit(provider.name, buyTimeoutMs(), () => provider.voidLabel(job));
      ok = r.voided;
      message = r.message ?? (ok ? "voided" : "refused");
    } catch (e) {
      message = describeFailure(e);
    }
    await ctx.runMutation(internal.shippingInternal.voidDone, { labelId, ok, message });
    return null;
  },
});

/** Live tracking of one label from its provider (floor staff and up). */
export const track = floorAction({
  args: { labelId: v.id("shippingLabels") },
  returns: vTrackingResult,
  handler: async (ctx, { labelId }): Promise<TrackingResult> => {
    const job: { provider: string; trackingNumber: string; carrier: string; providerLabelId?: string } | null =
      await ctx.runQuery(internal.shippingInternal.trackInput, { labelId });
    if (!job) throw appError("NOT_FOUND", "That label has no tracking number yet.");
    try {
      const provider = providerOrThrow(job.provider);
      return await withTimeLimit(provider.name, providerTimeoutMs(), () => provider.track(job));
    } catch (e) {
      throw appError("CARRIER_UNAVAILABLE", `Tracking is unavailable right now: ${describeFailure(e)}`);
    }
  },
});

/** How many labels one run asks about (after TRACK_AFTER_MS). */
const TRACK_BATCH = 50;

/**
 * Cron: asks the carriers about purchased labels that have no carrier scan yet, each under the
 * provider's time limit, and saves each answer; a carrier that fails is asked again next run.
 */
export const pollTracking = internalAction({
  args: {},
  handler: async (ctx) => {
    const jobs: {
      labelId: Id<"shippingLabels">;
      provider: string;
      trackingNumber: string;
      carrier: string;
      providerLabelId?: string;
    }[] = await ctx.runQuery(internal.shippingInternal.labelsToTrack, {
      before: Date.now() - TRACK_AFTER_MS,
      limit: TRACK_BATCH,
    });
    let scanned = 0;
    await Promise.all(
      jobs.map(async (job) => {
        let update: { status: string; events: { at: string; status: string }[] } | { error: string };
        try {
          const provider = providerOrThrow(job.provider);
          const r = await withTimeLimit(provider.name, providerTimeoutMs(), () => provider.track(job));
          update = { status: r.status, events: r.events.map((e) => ({ at: e.at, status: e.status })) };
          if (r.status !== "pre_transit" && r.status !== "unknown") scanned += 1;
        } catch (e) {
          update = { error: describeFailure(e) };
        }
        await ctx.runMutation(internal.shippingInternal.recordTracking, { labelId: job.labelId, update });
      }),
    );
    return { asked: jobs.length, scanned };
  },
});
