/**
 * The Carriers board and shipment milestones (issue 20). The board's figures come from the
 * "carriers" board counters kept by the carrierShipments trigger in the same transaction as each
 * label or tracking change, so it reads 8 documents per week shown whatever the volume. Queries
 * never read the clock: the client passes `nowBucket` (its clock rounded down to 5 minutes).
 */
import { v } from "convex/values";
import { floorQuery, internalMutation, supervisorQuery } from "./functions";
import { carrierBoard } from "./model/carriers/board";
import { syncCarrierShipment } from "./model/carriers/sync";
import { packageMilestones } from "./model/tracking/milestones";
import { vMilestoneKind } from "./model/tracking/tables";

const opt = v.optional(v.number());
const vFigures = {
  shipments: v.number(),
  delivered: v.number(),
  onTimeRate: opt,
  medianDays: opt,
  p90Days: opt,
  damageRate: opt,
  exceptions: v.number(),
  costPerShipmentMinor: opt,
  costPerKgMinor: opt,
  savingsMinor: v.number(),
  co2ePerShipmentGrams: opt,
};

/** Per carrier × service × lane over the last `weeks` weeks (1–12), and the weekly trend. */
export const board = supervisorQuery({
  args: { nowBucket: v.number(), weeks: v.number() },
  returns: v.object({
    weeks: v.array(v.string()),
    rows: v.array(
      v.object({ carrier: v.string(), service: v.string(), lane: v.string(), currency: v.string(), ...vFigures }),
    ),
    trend: v.array(
      v.object({
        week: v.string(),
        shipments: v.number(),
        onTimeRate: opt,
        medianDays: opt,
        p90Days: opt,
        co2ePerShipmentGrams: opt,
        costPerShipmentMinor: opt,
      }),
    ),
  }),
  handler: async (ctx, args) => carrierBoard(ctx, args),
});

/** A shipment's carrier milestones, oldest first, with the package and tracking number of each. */
export const milestones = floorQuery({
  args: { shipmentId: v.id("shipments") },
  returns: v.array(
    v.object({
      kind: vMilestoneKind,
      at: v.number(),
      location: v.optional(v.string()),
      description: v.string(),
      trackingUrl: v.optional(v.string()),
      packageId: v.id("packages"),
      trackingNumber: v.string(),
    }),
  ),
  handler: async (ctx, { shipmentId }) => packageMilestones(ctx, shipmentId),
});

/**
 * Rebuild of the carrierShipments rows from their sources, one page of shipments per call (each
 * scheduling the next when run from the dashboard; the tests call it page by page). The board
 * counters follow through the trigger; `dashboards:rebuildAggregates` recounts them from the rows.
 */
export const rebuildRows = internalMutation({
  args: { cursor: v.union(v.string(), v.null()) },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, { cursor }) => {
    const page = await ctx.db.query("shipments").paginate({ cursor, numItems: 100 });
    for (const s of page.page) await syncCarrierShipment(ctx, s._id);
    return page.isDone ? null : page.continueCursor;
  },
});
