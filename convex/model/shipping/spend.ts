/**
 * Postage aggregates kept in the same transaction as the label purchase or void, so a board reads
 * a handful of rows instead of every label: carrier spend per UTC day × carrier × service ×
 * currency (net of voids, which count on the day of the void), and each shipment's postage.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { dayKey } from "../../lib/clock";
import { rowBy } from "../rows";

/** One purchase (or, negative, one void) of postage. */
export type SpendChange = {
  at: number;
  carrier: string;
  service: string;
  currency: string;
  amountMinor: number;
  labels?: number;
  voids?: number;
};

/** Adds `amountMinor` (negative for a void) to the day's row for carrier and service. */
export async function addSpend(ctx: MutationCtx, change: SpendChange) {
  const { carrier, service, currency, amountMinor } = change;
  const counts = { labels: change.labels ?? 0, voids: change.voids ?? 0 };
  const day = dayKey(change.at);
  const row = await ctx.db
    .query("carrierSpend")
    .withIndex("by_day_and_carrier_and_service_and_currency", (q) =>
      q.eq("day", day).eq("carrier", carrier).eq("service", service).eq("currency", currency),
    )
    .unique();
  if (row) {
    await ctx.db.patch("carrierSpend", row._id, {
      amountMinor: row.amountMinor + amountMinor,
      labels: row.labels + counts.labels,
      voids: row.voids + counts.voids,
    });
  } else {
    await ctx.db.insert("carrierSpend", {
      day,
      carrier,
      service,
      currency,
      amountMinor,
      ...counts,
    });
  }
}

/** A shipment's postage row (cost and count of its live labels, the chosen quote and its rule), or null before its first rate shop. */
export async function postageOf(ctx: { db: QueryCtx["db"] }, shipmentId: Id<"shipments">) {
  return rowBy(ctx, "shipmentPostage", "by_shipmentId", shipmentId);
}

/** Adds to a shipment's postage (cost of its live labels). */
export async function addPostage(
  ctx: MutationCtx,
  {
    shipmentId,
    amountMinor,
    currency,
    labels,
  }: { shipmentId: Id<"shipments">; amountMinor: number; currency: string; labels: number },
) {
  const row = await postageOf(ctx, shipmentId);
  if (row)
    await ctx.db.patch("shipmentPostage", row._id, {
      costMinor: row.costMinor + amountMinor,
      currency,
      labels: row.labels + labels,
    });
  else await ctx.db.insert("shipmentPostage", { shipmentId, costMinor: amountMinor, currency, labels });
}
