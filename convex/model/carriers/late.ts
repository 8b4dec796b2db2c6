/**
 * Late deliveries raise themselves: the hourly stuck-work scan (model/exceptions/stuck.ts, phase
 * "late_delivery") pages over shipments still in transit whose due time (label purchase + promised
 * days + grace) has passed, and flags each once (non-blocking "stuck" hold, key `late:<shipment>`);
 * the scan's clear phase closes the flag when the shipment is delivered or its label voided.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { DAY } from "../../lib/clock";
import { carrierShipmentOf } from "./sync";
import { countOf } from "../../lib/count";

export const LATE_KEY = "late:";

export async function scanLateDeliveries(
  ctx: MutationCtx,
  a: {
    cursor: string | null;
    now: number;
    batch: number;
    flag: (key: string, orderId: Id<"orders">, reason: string, detail: string) => Promise<boolean>;
  },
) {
  const page = await ctx.db
    .query("carrierShipments")
    .withIndex("by_status_and_dueAt", (q) => q.eq("status", "in_transit").lt("dueAt", a.now))
    .paginate({ cursor: a.cursor, numItems: a.batch });
  let flagged = 0;
  for (const r of page.page) {
    const shipment = await ctx.db.get("shipments", r.shipmentId);
    const days = Math.floor((a.now - r.purchasedAt) / DAY);
    const promise = r.promisedDays !== undefined ? `promised ${countOf(r.promisedDays, "day")}` : "no promise given";
    const reason = `Late delivery: ${r.carrier} ${r.service} ${days} days after the label (${promise})`;
    const detail = `Shipment ${shipment?.number ?? r.shipmentId}: ${r.deliveredPackages} of ${countOf(r.packages, "package")} delivered${r.firstScanAt === undefined ? "; no carrier scan yet" : ""}.`;
    if (await a.flag(`${LATE_KEY}${r.shipmentId}`, r.orderId, reason, detail)) flagged++;
  }
  return { flagged, next: page.isDone ? null : page.continueCursor };
}

/** True when a late flag's shipment is no longer in transit (delivered, voided, gone). */
export async function lateFlagResolved(ctx: MutationCtx, key: string): Promise<boolean> {
  const row = await carrierShipmentOf(ctx, key.slice(LATE_KEY.length) as Id<"shipments">);
  return !row || row.status !== "in_transit";
}
