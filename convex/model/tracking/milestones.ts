/**
 * Milestones of a shipment for the customer portal and the order page: every stored carrier
 * milestone of its packages, oldest first. Reads one index range (at most MAX_MILESTONES rows).
 */
import type { QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Milestone } from "./tables";
import { rowsBy } from "../rows";

export const MAX_MILESTONES = 200;

export type PackageMilestone = Milestone & { packageId: Id<"packages">; trackingNumber: string };

/** `{ kind, at, location?, description, trackingUrl? }[]` of the shipment, oldest first. */
export async function shipmentMilestones(ctx: QueryCtx, shipmentId: Id<"shipments">): Promise<Milestone[]> {
  return (await packageMilestones(ctx, shipmentId)).map(({ kind, at, location, description, trackingUrl }) => ({
    kind,
    at,
    location,
    description,
    trackingUrl,
  }));
}

/** The same, with the package and tracking number of each milestone (a split shipment's parcels). */
export async function packageMilestones(ctx: QueryCtx, shipmentId: Id<"shipments">): Promise<PackageMilestone[]> {
  const rows = await rowsBy(ctx, "trackingEvents", "by_shipmentId_and_at", shipmentId, { limit: MAX_MILESTONES });
  return rows.map((r) => ({
    kind: r.kind,
    at: r.at,
    location: r.location,
    description: r.description,
    trackingUrl: r.trackingUrl,
    packageId: r.packageId,
    trackingNumber: r.trackingNumber,
  }));
}
