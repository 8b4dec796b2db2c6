/**
 * Internal functions of the channel pipeline, called only by crons, the worker actions
 * (integrations/channels/worker.ts) and the webhook route (http.ts). No identity: these run as
 * the system; every public entry point is in channels.ts.
 */
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { internalMutation } from "./functions";
import { internal } from "./_generated/api";
import { commitPulled as commit, dispatchDuePulls, recordPullFailure } from "./model/channels/channels";
import { importChannelOrder, releaseWaiting } from "./model/channels/imports";
import { channelByCode } from "./model/channels/views";
import { claimDue, completeSend } from "./model/channels/outbox";
import { eraseAmazonPii as erasePii, eraseAmazonPiiTrail as eraseTrailPage } from "./model/channels/pii";
import { vNormalizedOrder, vPiiTrailStep } from "./model/channels/tables";
import { rowsBy } from "./model/rows";

/** Cron: start the pulls that are due. */
export const dispatchPulls = internalMutation({
  args: {},
  handler: async (ctx) => dispatchDuePulls(ctx),
});

/** What a pull needs: the channel (no secrets: those are env) and, for the sandbox, products to sell. */
export const pullInfo = internalQuery({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const ch = await ctx.db.get("channels", channelId);
    if (!ch || !ch.enabled) return null;
    const catalog =
      ch.kind === "sandbox"
        ? (await rowsBy(ctx, "products", "by_active_and_nameLower", true, { limit: 60 })).map((p) => ({
            sku: p.sku,
            name: p.name,
            priceMinor: p.priceMinor,
            currency: p.currency,
          }))
        : [];
    return { channel: { code: ch.code, kind: ch.kind, settings: ch.settings, cursor: ch.cursor }, catalog };
  },
});

export const commitPulled = internalMutation({
  args: {
    channelId: v.id("channels"),
    orders: v.array(vNormalizedOrder),
    cursor: v.optional(v.string()),
    done: v.boolean(),
    more: v.optional(v.boolean()),
  },
  handler: async (ctx, { channelId, ...page }) => commit(ctx, channelId, page),
});

export const pullFailed = internalMutation({
  args: { channelId: v.id("channels"), error: v.string(), retryAfterMs: v.optional(v.number()) },
  handler: (ctx, { channelId, error, retryAfterMs }) => recordPullFailure(ctx, channelId, error, retryAfterMs),
});

/** Claims due outbox rows and returns them with their channels' settings. */
export const claimOutbox = internalMutation({
  args: { limit: v.number() },
  handler: async (ctx, { limit }) => {
    const entries = await claimDue(ctx, Date.now(), limit);
    const codes = [...new Set(entries.map((e) => e.channel))];
    const channels = [];
    for (const code of codes) {
      const ch = await channelByCode(ctx, code);
      if (ch) channels.push({ code: ch.code, kind: ch.kind, settings: ch.settings });
    }
    return { entries, channels, catalog: [] };
  },
});

const vOutcome = v.union(
  v.object({ ok: v.literal(true), remoteRef: v.optional(v.string()) }),
  v.object({ ok: v.literal(false), error: v.string(), retryable: v.boolean() }),
  v.object({ awaiting: v.string(), checkInMs: v.number() }),
);

export const completeOutbox = internalMutation({
  args: { id: v.id("outbox"), outcome: vOutcome },
  handler: (ctx, { id, outcome }) => completeSend(ctx, id, outcome),
});

/**
 * A verified webhook delivery: recorded by its webhook id, so a replay writes nothing; the order in
 * it imports like a pulled one (keyed by channel and external id, so a later pull adds nothing).
 */
export const ingestWebhook = internalMutation({
  args: {
    source: v.string(),
    webhookId: v.string(),
    channel: v.string(),
    topic: v.string(),
    order: v.optional(vNormalizedOrder),
  },
  handler: async (ctx, { source, webhookId, channel, topic, order }) => {
    const seen = await ctx.db
      .query("webhookEvents")
      .withIndex("by_source_and_webhookId", (q) => q.eq("source", source).eq("webhookId", webhookId))
      .unique();
    if (seen) return "replayed";
    await ctx.db.insert("webhookEvents", { source, webhookId, channel, topic, receivedAt: Date.now() });
    const ch = await channelByCode(ctx, channel);
    if (!ch || !order) return "ignored";
    const result = await importChannelOrder(ctx, ch, order);
    if (result !== "duplicate") await ctx.scheduler.runAfter(0, internal.integrations.channels.worker.drainOutbox, {});
    return result;
  },
});

/** Continues releasing orders waiting on a listing after its mapping (large backlogs). */
export const continueRelease = internalMutation({
  args: { channel: v.string(), listingSku: v.string() },
  handler: async (ctx, { channel, listingSku }) => {
    const r = await releaseWaiting(ctx, channel, listingSku);
    if (r.more) await ctx.scheduler.runAfter(0, internal.channelSync.continueRelease, { channel, listingSku });
    return r.imported;
  },
});

/** Scheduled when an Amazon order's tracking goes out: erases the buyer's data once it may no longer be kept. */
export const eraseAmazonPii = internalMutation({
  args: { orderId: v.id("orders"), lastShippedAt: v.number() },
  handler: (ctx, { orderId, lastShippedAt }) => erasePii(ctx, orderId, lastShippedAt),
});

/** The next page of an erased order's holds and trail (model/channels/pii). */
export const eraseAmazonPiiTrail = internalMutation({
  args: vPiiTrailStep.fields,
  handler: (ctx, step) => eraseTrailPage(ctx, step),
});
