/**
 * The crons' safety net (crons.ts): queued work is normally started by the mutation that queues
 * it (model/scheduling/wake). These cheap mutations look for work that is due but was not started
 * (a worker crashed, a deploy interrupted it) and start the worker only then, so an idle
 * deployment never starts a Node action.
 */
import { DUE_NOTIFICATION_STATUSES, DUE_OUTBOX_STATUSES } from "./lib/statusSets";
import { v } from "convex/values";
import { internalMutation } from "./functions";
import { wake } from "./model/scheduling/wake";
import { TRACK_AFTER_MS, labelsToTrack as labelsToTrackOf } from "./model/shipping/tracking";
import { expire as expirePresence } from "./model/floor/presence";
import { dispatchDuePulls } from "./model/channels/channels";
import { expireRateLimits } from "./model/tracking/lookup";
import type { MutationCtx } from "./_generated/server";
import { internal } from "./_generated/api";

/** Issue 20: shipments of providers without tracking webhooks whose next poll is due → the poll. */
async function kickCarrierPolls(ctx: MutationCtx) {
  const due = await ctx.db
    .query("carrierShipments")
    .withIndex("by_pollAt", (q) => q.gt("pollAt", 0).lte("pollAt", Date.now()))
    .first();
  if (due) await ctx.scheduler.runAfter(0, internal.carrierPolls.pollDue, {});
  return !!due;
}

/**
 * The queues whose rows wait by status and next attempt, and the statuses that are due once their
 * attempt time has come: customer messages (queued, or a send whose lease ran out) → the Node
 * sender; channel acknowledgements and tracking push-backs (first sends and retries) → the outbox
 * sender.
 */
const ATTEMPT_QUEUES = {
  notifications: DUE_NOTIFICATION_STATUSES,
  outbox: DUE_OUTBOX_STATUSES,
} as const;

/** Wakes the queue's worker when one of its rows is due; says whether it did. */
async function kickQueue(ctx: MutationCtx, queue: keyof typeof ATTEMPT_QUEUES) {
  const now = Date.now();
  for (const status of ATTEMPT_QUEUES[queue]) {
    const due = await ctx.db
      .query(queue)
      .withIndex("by_status_and_nextAttemptAt", (q) => q.eq("status", status).lte("nextAttemptAt", now))
      .first();
    if (due) {
      await wake(ctx, queue);
      return true;
    }
  }
  return false;
}

/** Purchased labels still waiting for a first carrier scan → the Node tracking poll. */
async function kickTracking(ctx: MutationCtx) {
  const jobs = await labelsToTrackOf(ctx, Date.now() - TRACK_AFTER_MS, 1);
  if (jobs.length === 0) return false;
  await wake(ctx, "tracking");
  return true;
}

/**
 * Cron, every 15 minutes: channel pulls that are due (each channel's own interval, or its backoff
 * after a failure), outbox rows due (first sends whose wake-up was lost, retries after backoff),
 * notifications due, labels waiting for a first carrier scan, presence and tracking-page
 * rate-limit rows past their use. With nothing
 * to do it reads a few index ranges, schedules nothing and starts no Node action.
 */
export const safetyNet = internalMutation({
  args: {},
  returns: v.object({
    pulls: v.number(),
    outbox: v.boolean(),
    notifications: v.boolean(),
    tracking: v.boolean(),
    carrierPolls: v.boolean(),
    presenceExpired: v.number(),
    rateLimitsExpired: v.number(),
  }),
  handler: async (ctx) => ({
    pulls: await dispatchDuePulls(ctx),
    outbox: await kickQueue(ctx, "outbox"),
    notifications: await kickQueue(ctx, "notifications"),
    tracking: await kickTracking(ctx),
    carrierPolls: await kickCarrierPolls(ctx),
    presenceExpired: await expirePresence(ctx, Date.now()),
    rateLimitsExpired: await expireRateLimits(ctx, Date.now()),
  }),
});
