/**
 * Tracking milestones, internal side: what the tracking webhooks (convex/carrierWebhooks.ts), the
 * polls of providers without webhooks (convex/carrierPolls.ts) and the table-rate simulator hand to
 * the one ingestion (model/tracking/ingest.ts). Never called from the client.
 */
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { internalMutation } from "./functions";
import { ingestEvents } from "./model/tracking/ingest";
import { vVendorEvent } from "./model/tracking/tables";
import { trackedLabels } from "./model/shipping/context";
import { setNextPoll } from "./model/carriers/sync";

const vIngestResult = v.object({ inserted: v.number(), duplicates: v.number(), unknown: v.number() });

/** A verified webhook delivery's milestones. */
export const ingestWebhook = internalMutation({
  args: { source: v.string(), events: v.array(vVendorEvent) },
  returns: vIngestResult,
  handler: (ctx, { source, events }) => ingestEvents(ctx, source, events, Date.now()),
});

/** One simulated milestone of a table-rate label, at its time (model/tracking/simulator.ts). */
export const deliverSimulated = internalMutation({
  args: { event: vVendorEvent },
  returns: vIngestResult,
  handler: (ctx, { event }) => ingestEvents(ctx, "table", [event], Date.now()),
});

/** Shipments whose provider has no webhook and whose next poll is due, with their live labels. */
export const dueForPoll = internalQuery({
  args: { now: v.number(), limit: v.number() },
  returns: v.array(
    v.object({
      shipmentId: v.id("shipments"),
      labels: v.array(
        v.object({
          provider: v.string(),
          trackingNumber: v.string(),
          carrier: v.string(),
          providerLabelId: v.optional(v.string()),
        }),
      ),
    }),
  ),
  handler: async (ctx, { now, limit }) => {
    const rows = await ctx.db
      .query("carrierShipments")
      .withIndex("by_pollAt", (q) => q.gt("pollAt", 0).lte("pollAt", now))
      .take(Math.min(100, limit));
    const out = [];
    for (const r of rows) {
      const labels = await trackedLabels(ctx, r.shipmentId);
      out.push({
        shipmentId: r.shipmentId,
        labels: labels.map(({ provider, trackingNumber, carrier, providerLabelId }) => ({
          provider,
          trackingNumber,
          carrier,
          providerLabelId,
        })),
      });
    }
    return out;
  },
});

/** One poll's answer for one shipment: its milestones, and when to ask again. */
export const savePoll = internalMutation({
  args: { shipmentId: v.id("shipments"), source: v.string(), events: v.array(vVendorEvent), nextPollAt: v.number() },
  returns: vIngestResult,
  handler: async (ctx, { shipmentId, source, events, nextPollAt }) => {
    const result = await ingestEvents(ctx, source, events, Date.now());
    await setNextPoll(ctx, shipmentId, nextPollAt);
    return result;
  },
});
