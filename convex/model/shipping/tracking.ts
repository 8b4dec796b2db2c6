/**
 * Carrier tracking of purchased labels: which labels still wait for a first carrier scan, and
 * recording what the carrier says. The poll (shippingActions.pollTracking) asks the providers;
 * the stuck scan (model/holds/stuck.ts) flags labels with no scan past the threshold.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";

/** Carrier statuses that mean the package has been in the carrier's hands. */
const SCANNED = new Set(["in_transit", "delivered", "returned", "failure"]);

/** How long after purchase a label is first asked about (the poll and the safety-net cron). */
export const TRACK_AFTER_MS = 30 * 60_000;

export type TrackingUpdate = { status: string; events: { at: string; status: string }[] };

/** The first carrier scan in a tracking answer: the earliest scanned event, else `now` when the status says scanned. */
export function firstScanAt(update: TrackingUpdate, now: number): number | undefined {
  const times = update.events
    .filter((e) => SCANNED.has(e.status))
    .map((e) => Date.parse(e.at))
    .filter((t) => Number.isFinite(t));
  if (times.length > 0) return Math.min(...times);
  return SCANNED.has(update.status) ? now : undefined;
}

/** Purchased labels with no carrier scan yet, bought before `before`, oldest first (bounded). */
export function labelsAwaitingScan(ctx: QueryCtx, before: number) {
  return ctx.db
    .query("shippingLabels")
    .withIndex("by_status_and_firstScanAt_and_purchasedAt", (q) =>
      q.eq("status", "purchased").eq("firstScanAt", undefined).lt("purchasedAt", before),
    );
}

/**
 * Up to `limit` labels to ask about: among the 200 oldest waiting, those asked least recently
 * first, so a label the carrier never scans does not starve the others.
 */
export async function labelsToTrack(ctx: QueryCtx, before: number, limit: number) {
  const waiting = await labelsAwaitingScan(ctx, before).take(200);
  return waiting
    .filter((l) => l.trackingNumber)
    .sort((a, b) => (a.trackedAt ?? 0) - (b.trackedAt ?? 0))
    .slice(0, limit)
    .map((l) => ({
      labelId: l._id,
      provider: l.provider,
      trackingNumber: l.trackingNumber!,
      carrier: l.carrier,
      providerLabelId: l.providerLabelId,
    }));
}

/** Saves a carrier's answer on the label; a first scan takes it off the waiting list for good. */
export async function recordTracking(
  ctx: MutationCtx,
  labelId: Id<"shippingLabels">,
  update: TrackingUpdate | { error: string },
  now: number,
) {
  const label = await ctx.db.get("shippingLabels", labelId);
  if (!label || label.status !== "purchased") return null;
  if ("error" in update) {
    await ctx.db.patch("shippingLabels", labelId, { trackedAt: now });
    return label;
  }
  const scannedAt = label.firstScanAt ?? firstScanAt(update, now);
  const patch: Partial<Doc<"shippingLabels">> = { trackingStatus: update.status, trackedAt: now };
  if (scannedAt !== undefined) patch.firstScanAt = scannedAt;
  await ctx.db.patch("shippingLabels", labelId, patch);
  return { ...label, ...patch };
}
