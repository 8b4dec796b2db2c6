"use node";
/**
 * Tracking polls for providers without tracking webhooks here (ShipStation): the safety-net cron
 * starts `pollDue` only when a shipment's next poll is due (scheduling.ts). Each due shipment's
 * labels are asked under the provider's time limit; the answer goes through the same ingestion as
 * a webhook (event ids derived from tracking number, status and time, so asking again adds
 * nothing) and the shipment's next poll time — the stored cursor — moves on. A provider that fails
 * is asked again an hour later; delivered or voided shipments leave the poll.
 */
import { internalAction } from "./_generated/server";
import { internal } from "./_generated/api";
import { v } from "convex/values";
import { providerOrThrow, providerTimeoutMs } from "./integrations/carriers/registry";
import { withTimeLimit, describeFailure } from "./integrations/carriers/rateShop";
import { withFirstScan, type VendorEvent } from "./lib/tracking/vendors";
import type { MilestoneKind } from "./lib/tracking/kinds";
import type { TrackingStatus } from "./integrations/carriers/types";
import type { Id } from "./_generated/dataModel";
import { HOUR } from "./lib/clock";

const POLL_EVERY_MS = 4 * HOUR;
const POLL_RETRY_MS = HOUR;
const BATCH = 50;
type PollJob = {
  shipmentId: Id<"shipments">;
  labels: { provider: string; trackingNumber: string; carrier: string; providerLabelId?: string }[];
};

const KIND: Partial<Record<TrackingStatus, MilestoneKind>> = {
  in_transit: "in_transit",
  delivered: "delivered",
  returned: "exception",
  failure: "exception",
};

/** A provider's normalized tracking answer as milestone events. */
function pollEvents(
  trackingNumber: string,
  events: { at: string; status: TrackingStatus; detail: string }[],
): VendorEvent[] {
  const out: VendorEvent[] = [];
  for (const e of events.slice(0, 200)) {
    const kind = KIND[e.status];
    const at = Date.parse(e.at);
    if (!kind || !Number.isFinite(at)) continue;
    out.push({
      eventId: `${trackingNumber}:${e.status}:${at}`,
      trackingNumber,
      kind,
      at,
      description: (e.detail || e.status).slice(0, 500),
    });
  }
  return withFirstScan(out);
}

export const pollDue = internalAction({
  args: {},
  returns: v.object({ shipments: v.number(), inserted: v.number(), failed: v.number() }),
  handler: async (ctx): Promise<{ shipments: number; inserted: number; failed: number }> => {
    const now = Date.now();
    const jobs: PollJob[] = await ctx.runQuery(internal.carrierTracking.dueForPoll, { now, limit: BATCH });
    let inserted = 0;
    let failed = 0;
    for (const job of jobs) {
      const events: VendorEvent[] = [];
      let ok = true;
      for (const label of job.labels) {
        try {
          const provider = providerOrThrow(label.provider);
          const r = await withTimeLimit(provider.name, providerTimeoutMs(), () => provider.track(label));
          events.push(...pollEvents(label.trackingNumber, r.events));
        } catch (e) {
          ok = false;
          console.warn(`tracking poll ${label.trackingNumber}: ${describeFailure(e)}`);
        }
      }
      if (!ok) failed++;
      const r: { inserted: number } = await ctx.runMutation(internal.carrierTracking.savePoll, {
        shipmentId: job.shipmentId,
        source: "poll",
        events,
        nextPollAt: now + (ok ? POLL_EVERY_MS : POLL_RETRY_MS),
      });
      inserted += r.inserted;
    }
    return { shipments: jobs.length, inserted, failed };
  },
});
