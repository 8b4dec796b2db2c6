/**
 * Carrier tracking milestones and the carrier board's per-shipment facts.
 *
 * - `trackingEvents`: one row per carrier event that is a milestone (first scan, in transit, out
 *   for delivery, delivered, exception), from EasyPost/Shippo webhooks, the polls of providers
 *   without webhooks and the offline table-rate simulator. `(provider, eventId)` is unique: a
 *   replayed or duplicated delivery writes nothing. Written only by model/tracking/ingest.ts.
 * - `carrierShipments`: one row per shipment whose labels were bought: carrier, service, lane,
 *   the promise of the chosen quote, postage, weight, CO₂e and what tracking says. Written only by
 *   model/carriers/sync.ts (recomputed from labels, quotes, events and returns, so a rebuild gives
 *   the same row); its trigger keeps the "carriers" board counters in the same transaction.
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";

import { MILESTONE_KINDS } from "../../lib/tracking/kinds";
import { carrierServiceFields, postageFields } from "../shipping/tables";

export { MILESTONE_KINDS };
export const vMilestoneKind = literals(...MILESTONE_KINDS);
export type MilestoneKind = Infer<typeof vMilestoneKind>;
export const CARRIER_SHIPMENT_STATUSES = ["in_transit", "delivered", "voided"] as const;
export const vCarrierShipmentStatus = literals(...CARRIER_SHIPMENT_STATUSES);
export type CarrierShipmentStatus = Infer<typeof vCarrierShipmentStatus>;

export const vMilestone = v.object({
  kind: vMilestoneKind,
  at: v.number(),
  location: v.optional(v.string()),
  description: v.string(),
  trackingUrl: v.optional(v.string()),
});
export type Milestone = Infer<typeof vMilestone>;

/**
 * One milestone as a vendor reports it (a webhook, a poll, the table-rate simulator: lib/tracking/vendors.ts
 * VendorEvent); the table keeps it with the label, shipment and package it belongs to. `eventId` is the
 * vendor's event id (or a derived one for polls), unique per source.
 */
export const vVendorEvent = v.object({
  eventId: v.string(),
  trackingNumber: v.string(),
  kind: vMilestoneKind,
  at: v.number(),
  location: v.optional(v.string()),
  description: v.string(),
  trackingUrl: v.optional(v.string()),
});

export const trackingTables = {
  trackingEvents: defineTable({
    /** Who told us: a webhook vendor, a poll, or the table-rate simulator. */
    source: v.string(),
    ...vVendorEvent.fields,
    labelId: v.id("shippingLabels"),
    shipmentId: v.id("shipments"),
    packageId: v.id("packages"),
    receivedAt: v.number(),
  })
    .index("by_source_and_eventId", ["source", "eventId"])
    .index("by_shipmentId_and_at", ["shipmentId", "at"])
    // Per label (not per package: a relabelled package starts a new journey).
    .index("by_labelId_and_kind", ["labelId", "kind"]),
  carrierShipments: defineTable({
    shipmentId: v.id("shipments"),
    orderId: v.id("orders"),
    ...carrierServiceFields,
    warehouseId: v.id("warehouses"),
    /** "<warehouse code> → <country>[-<region>]": the lane of the board. */
    lane: v.string(),
    status: vCarrierShipmentStatus,
    /** Transit days promised by the chosen quote; undefined when the provider said nothing. */
    promisedDays: v.optional(v.number()),
    purchasedAt: v.number(),
    /** Monday (UTC) of the purchase week: the board bucket. */
    week: v.string(),
    packages: v.number(),
    deliveredPackages: v.number(),
    ...postageFields,
    /** The dearest quote of the same rate shop in the same currency (savings = dearest − cost). */
    dearestMinor: v.number(),
    weightGrams: v.number(),
    co2eGrams: v.optional(v.number()),
    firstScanAt: v.optional(v.number()),
    deliveredAt: v.optional(v.number()),
    /** Whole days from purchase to the last package delivered (rounded up, at least 1). */
    transitDays: v.optional(v.number()),
    onTime: v.optional(v.boolean()),
    exception: v.boolean(),
    /** Units returned with the reason "damaged in transit". */
    damagedUnits: v.number(),
    /** When a delivery becomes late: purchase + promised days + grace (late flag past it). */
    dueAt: v.number(),
    /** Next tracking poll for providers without webhooks; undefined when not polled. */
    pollAt: v.optional(v.number()),
  })
    .index("by_shipmentId", ["shipmentId"])
    .index("by_status_and_dueAt", ["status", "dueAt"])
    .index("by_pollAt", ["pollAt"]),
};
