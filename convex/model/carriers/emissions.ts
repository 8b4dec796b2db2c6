/**
 * CO₂e per quote at the rate-shop save: the shipment's great-circle distance (allocation's
 * `distanceKm`, else warehouse → destination postcode or country centroid) × the parcels' weight ×
 * the mode's intensity (lib/shipping/emissions.ts).
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { estimateCo2eGrams } from "../../lib/shipping/emissions";
import { haversineKm } from "../../lib/geo/coordinates";
import { destinationCoordinates } from "../geo/lookup";

type Context = {
  shipment: Doc<"shipments">;
  warehouse: Doc<"warehouses">;
  order: Doc<"orders">;
  facts: { weightGrams: number };
};

/** Great-circle km from the shipment's warehouse to its destination; undefined when unknown. */
export async function shipmentDistanceKm(ctx: QueryCtx, c: Omit<Context, "facts">): Promise<number | undefined> {
  if (c.shipment.distanceKm !== undefined) return c.shipment.distanceKm;
  const to = await destinationCoordinates(ctx, c.order.shipTo.country, c.order.shipTo.postalCode);
  if (!to) return undefined;
  return haversineKm({ lat: c.warehouse.latitude, lng: c.warehouse.longitude }, to);
}

/** The quotes with their `co2eGrams` estimate (left undefined when the distance is unknown). */
export async function quoteEmissions<Q extends { carrier: string; service: string }>(
  ctx: QueryCtx,
  c: Context,
  quotes: Q[],
): Promise<(Q & { co2eGrams?: number })[]> {
  const distanceKm = await shipmentDistanceKm(ctx, c);
  return quotes.map((q) => {
    const co2eGrams = estimateCo2eGrams({
      carrier: q.carrier,
      service: q.service,
      distanceKm,
      weightGrams: c.facts.weightGrams,
    });
    return co2eGrams === undefined ? q : { ...q, co2eGrams };
  });
}
