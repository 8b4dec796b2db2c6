/**
 * The one writer of tracking milestones. Webhooks (EasyPost, Shippo), polls (providers without
 * webhooks) and the table-rate simulator all hand their events here:
 *   - `(source, eventId)` already stored → ignored (a replay or a duplicate delivery);
 *   - a tracking number no live label has → ignored and counted (not ours, or voided);
 *   - a label (a package's journey) has one first scan and one delivery: a second is ignored;
 *   - an exception raises a non-blocking "stuck" flag on the order (the exception queue), once per package.
 * Then each touched shipment's carrier-board row is recomputed in the same transaction.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { VendorEvent } from "../../lib/tracking/vendors";
import { flagStuckOnce } from "../holds/holds";
import { labelEvent, syncCarrierShipment } from "../carriers/sync";
import { STANDING_LABEL_STATUSES } from "../../lib/statusSets";
import { rowsBy } from "../rows";

export const MAX_EVENTS_PER_DELIVERY = 200;
const ONCE_PER_PACKAGE = new Set(["first_scan", "delivered"]);

export type IngestResult = { inserted: number; duplicates: number; unknown: number };

async function liveLabelFor(ctx: MutationCtx, trackingNumber: string): Promise<Doc<"shippingLabels"> | null> {
  const labels = await rowsBy(ctx, "shippingLabels", "by_trackingNumber", trackingNumber, { limit: 10 });
  return labels.find((l) => STANDING_LABEL_STATUSES.includes(l.status)) ?? null;
}

/** Stores the new milestones of one delivery (webhook body, poll answer, simulated event). */
export async function ingestEvents(
  ctx: MutationCtx,
  source: string,
  events: VendorEvent[],
  now: number,
): Promise<IngestResult> {
  const result: IngestResult = { inserted: 0, duplicates: 0, unknown: 0 };
  const touched = new Set<Id<"shipments">>();
  const seen = new Set<string>();
  for (const e of events.slice(0, MAX_EVENTS_PER_DELIVERY)) {
    if (seen.has(e.eventId)) {
      result.duplicates++;
      continue;
    }
    seen.add(e.eventId);
    const dup = await ctx.db
      .query("trackingEvents")
      .withIndex("by_source_and_eventId", (q) => q.eq("source", source).eq("eventId", e.eventId))
      .first();
    if (dup) {
      result.duplicates++;
      continue;
    }
    const label = await liveLabelFor(ctx, e.trackingNumber);
    if (!label) {
      result.unknown++;
      continue;
    }
    if (ONCE_PER_PACKAGE.has(e.kind)) {
      const already = await labelEvent(ctx, label._id, e.kind);
      if (already) {
        result.duplicates++;
        continue;
      }
    }
    await ctx.db.insert("trackingEvents", {
      source,
      eventId: e.eventId,
      labelId: label._id,
      shipmentId: label.shipmentId,
      packageId: label.packageId,
      trackingNumber: e.trackingNumber,
      kind: e.kind,
      at: e.at,
      location: e.location,
      description: e.description,
      trackingUrl: e.trackingUrl,
      receivedAt: now,
    });
    result.inserted++;
    touched.add(label.shipmentId);
    if (e.kind === "first_scan" && label.firstScanAt === undefined) {
      // The label leaves the "awaiting first scan" list (poll, no-scan flag) for good.
      await ctx.db.patch("shippingLabels", label._id, {
        firstScanAt: e.at,
        trackingStatus: "in_transit",
        trackedAt: now,
      });
    }
    if (e.kind === "exception") {
      const shipment = await ctx.db.get("shipments", label.shipmentId);
      if (shipment)
        await flagStuckOnce(ctx, {
          key: `carrier-exception:${label._id}`,
          orderId: shipment.orderId,
          reason: `Carrier exception on ${e.trackingNumber}`,
          detail: `${label.carrier} ${label.service}: ${e.description}${e.location ? ` (${e.location})` : ""}`,
        });
    }
  }
  for (const shipmentId of touched) await syncCarrierShipment(ctx, shipmentId, now);
  return result;
}
