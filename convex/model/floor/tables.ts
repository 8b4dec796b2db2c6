import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";

export const vPickListKind = v.union(v.literal("single"), v.literal("batch"), v.literal("wave"), v.literal("zone"));
export type PickListKind = Infer<typeof vPickListKind>;
export const vPickListStatus = v.union(v.literal("open"), v.literal("in_progress"), v.literal("done"), v.literal("cancelled"));

export const vScanResult = v.union(
  v.literal("ok"),
  v.literal("bin_ok"),
  v.literal("wrong_bin"),
  v.literal("bin_required"),
  v.literal("unknown_code"),
  v.literal("wrong_product"),
  v.literal("over_quantity"),
  v.literal("duplicate"),
  v.literal("short"),
);
export type ScanResult = Infer<typeof vScanResult>;

/** Where a package's weight came from: the catalog estimate, or a scale reading (typed or read). */
export const vWeightSource = v.union(v.literal("estimate"), v.literal("scale"));
export type WeightSource = Infer<typeof vWeightSource>;

export const floorTables = {
  /**
   * A walk through one warehouse: tasks in bin order over one or more shipments. Released by a
   * supervisor (waves) or built on demand; claimed by one floor member at a time.
   */
  pickLists: defineTable({
    warehouseId: v.id("warehouses"),
    number: v.string(),
    kind: vPickListKind,
    zone: v.optional(v.string()),
    waveId: v.optional(v.id("waves")),
    status: vPickListStatus,
    requireBinScan: v.boolean(),
    shipmentIds: v.array(v.id("shipments")),
    unitsTotal: v.number(),
    unitsPicked: v.number(),
    unitsShort: v.number(),
    claimedBy: v.optional(v.id("members")),
    claimedByName: v.optional(v.string()),
    claimedAt: v.optional(v.number()),
    createdAt: v.number(),
    doneAt: v.optional(v.number()),
  })
    .index("by_warehouseId_and_status", ["warehouseId", "status"])
    .index("by_status", ["status"])
    .index("by_waveId", ["waveId"])
    .index("by_number", ["number"]),
  /** One stop of a pick list: a shipment line's units at a bin, in walk order (`seq`). */
  pickTasks: defineTable({
    pickListId: v.id("pickLists"),
    seq: v.number(),
    shipmentId: v.id("shipments"),
    orderLineId: v.id("orderLines"),
    productId: v.id("products"),
    sku: v.string(),
    name: v.string(),
    bin: v.string(),
    zone: v.string(),
    /** Batch picks sort into totes: the slot of this task's shipment on the cart. */
    tote: v.number(),
    quantity: v.number(),
    picked: v.number(),
    short: v.number(),
    shortReason: v.optional(v.string()),
    binConfirmed: v.boolean(),
  }).index("by_pickListId_and_seq", ["pickListId", "seq"]),
  /** A wave: shipments of a warehouse released together for a cutoff or a carrier pickup. */
  waves: defineTable({
    warehouseId: v.id("warehouses"),
    number: v.string(),
    label: v.string(),
    releasedBy: v.id("members"),
    releasedByName: v.string(),
    releasedAt: v.number(),
    shipmentCount: v.number(),
    pickListCount: v.number(),
  }).index("by_warehouseId", ["warehouseId"]),
  /** Every scan, accepted or refused, on the shipment's and the list's record. Append-only. */
  scanEvents: defineTable({
    stage: v.union(v.literal("pick"), v.literal("pack"), v.literal("pickup")),
    pickListId: v.optional(v.id("pickLists")),
    taskId: v.optional(v.id("pickTasks")),
    shipmentId: v.optional(v.id("shipments")),
    packageId: v.optional(v.id("packages")),
    code: v.string(),
    /** Client-made id of one physical scan: a retried mutation counts once. */
    scanId: v.string(),
    result: vScanResult,
    message: v.string(),
    memberId: v.id("members"),
    memberName: v.string(),
    at: v.number(),
  })
    .index("by_scanId", ["scanId"])
    .index("by_pickListId", ["pickListId"])
    .index("by_shipmentId", ["shipmentId"]),
  /** Packages of a shipment with the units scanned into them. */
  packages: defineTable({
    shipmentId: v.id("shipments"),
    index: v.number(),
    boxTypeId: v.optional(v.id("boxTypes")),
    /** Declared weight: tare + contents' catalog grams until weighed (`weightSource`), then the scale's. */
    weightGrams: v.number(),
    /** The box's own grams, for the estimate (absent on packages made before estimates: treated as weighed). */
    tareGrams: v.optional(v.number()),
    weightSource: v.optional(vWeightSource),
    /** A supervisor accepted this declared weight below the contents' catalog weight (audited). */
    weightOverride: v.optional(v.object({ grams: v.number(), reason: v.string(), by: v.id("members"), byName: v.string(), at: v.number() })),
    lengthMm: v.number(),
    widthMm: v.number(),
    heightMm: v.number(),
    items: v.array(v.object({ productId: v.id("products"), sku: v.string(), quantity: v.number() })),
  }).index("by_shipmentId", ["shipmentId"]),
  /** Box types packers choose from. Written by admins. */
  boxTypes: defineTable({
    code: v.string(),
    name: v.string(),
    lengthMm: v.number(),
    widthMm: v.number(),
    heightMm: v.number(),
    tareGrams: v.number(),
    active: v.boolean(),
  }).index("by_code", ["code"]),
  /** Who is on which list or shipment right now: heartbeats, expired by a cron. */
  presence: defineTable({
    place: v.string(),
    memberId: v.id("members"),
    name: v.string(),
    lastSeen: v.number(),
  })
    .index("by_place", ["place"])
    .index("by_memberId", ["memberId"])
    .index("by_lastSeen", ["lastSeen"]),
};
