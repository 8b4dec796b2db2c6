/**
 * Click & collect and ship-from-store (issue 20, part 1): store fields on `warehouses`, the store a
 * member works at, one pickup row per pickup order, the daily ship-from-store counters and the one
 * pickup settings row. Lists are written once and the validators built from them.
 */
import { CAPACITY_UNITS } from "../../lib/pickupSettings";
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { defineSettingsTable, vSavedBy } from "../settings/tables";

export const PICKUP_STATUSES = ["preparing", "ready", "collected", "expired", "cancelled"] as const;
export const vPickupStatus = literals(...PICKUP_STATUSES);
export type PickupStatus = Infer<typeof vPickupStatus>;

export const vCapacityUnit = literals(...CAPACITY_UNITS);
export const vDailyCapacity = v.object({ unit: vCapacityUnit, limit: v.number() });
export type DailyCapacity = Infer<typeof vDailyCapacity>;

/** Fields a store carries besides the common warehouse fields (admins set them on the Stores page). */
export const vStoreFields = {
  /** Ship-from-store: the store is an ordinary ship source for allocation. Off unless switched on. */
  shipFromStore: v.optional(v.boolean()),
  /** What ship-from-store allocation may draw per local day (units or orders); unlimited when absent. */
  dailyCapacity: v.optional(vDailyCapacity),
  /** Opening hours shown to pickup customers, e.g. "Mon–Sat 9:00–19:00". */
  pickupHours: v.optional(v.string()),
};

/** A store's options as the Stores page reads and sets them (null: not set). */
export const vStoreOptions = {
  shipFromStore: v.boolean(),
  dailyCapacity: v.union(v.null(), vDailyCapacity),
  pickupHours: v.union(v.null(), v.string()),
};

export const vPickupSettings = v.object({
  /** Days after "ready" the reminder goes out. */
  reminderDays: v.number(),
  /** Days after "ready" an uncollected order goes back to stock and is cancelled. */
  holdDays: v.number(),
});
export type PickupSettings = Infer<typeof vPickupSettings>;
export const DEFAULT_PICKUP_SETTINGS: PickupSettings = { reminderDays: 3, holdDays: 7 };

export const pickupTables = {
  /**
   * One row per pickup order, created with the order. Written only by model/pickup (ready, handover,
   * expiry, resolutions); read by the store's phone page (by store and status) and the portal.
   * `code` is set when the order is ready and is unique among pickups (index by_code).
   */
  pickups: defineTable({
    orderId: v.id("orders"),
    orderNumber: v.string(),
    storeId: v.id("warehouses"),
    status: vPickupStatus,
    customerName: v.string(),
    code: v.optional(v.string()),
    readyAt: v.optional(v.number()),
    readyBy: v.optional(v.string()),
    remindedAt: v.optional(v.number()),
    /** When an uncollected order goes back to stock (readyAt + holdDays). */
    expiresAt: v.optional(v.number()),
    collectedAt: v.optional(v.number()),
    collectedBy: v.optional(v.string()),
    closedAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_orderId", ["orderId"])
    .index("by_code", ["code"])
    .index("by_storeId_and_status", ["storeId", "status"])
    .index("by_status_and_expiresAt", ["status", "expiresAt"]),
  /** Ship-from-store units and orders allocated per store per local day; written by allocation only. */
  storeCapacity: defineTable({
    storeId: v.id("warehouses"),
    day: v.string(),
    units: v.number(),
    orders: v.number(),
  }).index("by_storeId_and_day", ["storeId", "day"]),
  /**
   * What ship-from-store allocation took from a store's capacity, per shipment and the local day it
   * was counted on: written by model/pickup/capacity (taken at allocation, given back when units come
   * off the shipment unshipped, deleted when it is cancelled).
   */
  storeCapacityDraws: defineTable({
    shipmentId: v.id("shipments"),
    storeId: v.id("warehouses"),
    day: v.string(),
    units: v.number(),
  }).index("by_shipmentId", ["shipmentId"]),
  /**
   * A channel's pickup location (Shopify location id) → our store, per channel; admins set it on the
   * channel's page. Read when a channel order chosen for pickup is imported (model/pickup/locations).
   */
  channelLocations: defineTable({
    channel: v.string(),
    locationId: v.string(),
    locationName: v.optional(v.string()),
    storeId: v.id("warehouses"),
    updatedAt: v.number(),
    updatedBy: v.optional(v.string()),
  }).index("by_channel_and_locationId", ["channel", "locationId"]),
  /**
   * Orders held because the channel's pickup location maps to no store (a `pickup_location` hold):
   * one row per order, deleted when the mapping releases it or the hold is resolved otherwise.
   */
  pickupLocationWaits: defineTable({
    channel: v.string(),
    locationId: v.string(),
    locationName: v.optional(v.string()),
    orderId: v.id("orders"),
    createdAt: v.number(),
  })
    .index("by_channel_and_locationId", ["channel", "locationId"])
    .index("by_orderId", ["orderId"]),
  /** One row (key "default"): reminder and hold days; edited by admins. */
  pickupSettings: defineSettingsTable({ ...vPickupSettings.fields, ...vSavedBy }),
};
