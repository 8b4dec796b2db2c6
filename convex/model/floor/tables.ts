import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { dimensionsFields } from "../catalog/tables";

export const PICK_LIST_KINDS = ["single", "batch", "wave", "zone"] as const;
export const vPickListKind = literals(...PICK_LIST_KINDS);
export type PickListKind = Infer<typeof vPickListKind>;
export const PICK_LIST_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export const vPickListStatus = literals(...PICK_LIST_STATUSES);
export type PickListStatus = Infer<typeof vPickListStatus>;

export const SCAN_RESULTS = [
  "ok",
  "bin_ok",
  "wrong_bin",
  "bin_required",
  "unknown_code",
  "wrong_product",
  "over_quantity",
  "duplicate",
  "short",
] as const;
export const vScanResult = literals(...SCAN_RESULTS);
export type ScanResult = Infer<typeof vScanResult>;
/** What an admin says of a box type (floor.addBoxType); the table adds whether it is offered. */
export const boxTypeFields = {
  code: v.string(),
  name: v.string(),
  ...dimensionsFields,
  tareGrams: v.number(),
};

/** What a pick scan answers (floor.scan, floor.confirmCount; a pack scan adds what remains). */
export const vScanOutcome = v.object({
  result: vScanResult,
  message: v.string(),
  taskId: v.optional(v.id("pickTasks")),
  picked: v.optional(v.number()),
  quantity: v.optional(v.number()),
  listDone: v.optional(v.boolean()),
});

/**
 * A scan on record (pick, pack and pickup scan events, returns receiving): the code read, the
 * client-made id of the physical scan (a retried mutation counts once), what it answered, who
 * scanned and when. Each log adds its own result.
 */
export const scanRecordFields = {
  code: v.string(),
  scanId: v.string(),
  message: v.string(),
  memberId: v.id("members"),
  memberName: v.string(),
  at: v.number(),
};

/** Where a package's weight came from: the catalog estimate, or a scale reading (typed or read). */
export const WEIGHT_SOURCES = ["estimate", "scale"] as const;
export const vWeightSource = literals(...WEIGHT_SOURCES);
export type WeightSource = Infer<typeof vWeightSource>;

/** What a person on the shipping-rules page is editing (a rule, and which of its parts). */
export const vPresenceEditing = v.object({ ruleId: v.optional(v.id("shippingRules")), field: v.optional(v.string()) });
export type PresenceEditing = Infer<typeof vPresenceEditing>;

/** A product as the floor pages show it beside a scan: codes, weight, picture. */
export const vFloorProduct = v.object({
  _id: v.id("products"),
  sku: v.string(),
  name: v.string(),
  barcodes: v.array(v.string()),
  weightGrams: v.number(),
  scanEveryUnit: v.boolean(),
  imageUrl: v.optional(v.string()),
});

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
    stage: literals("pick", "pack", "pickup"),
    pickListId: v.optional(v.id("pickLists")),
    taskId: v.optional(v.id("pickTasks")),
    shipmentId: v.optional(v.id("shipments")),
    packageId: v.optional(v.id("packages")),
    ...scanRecordFields,
    result: vScanResult,
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
    weightOverride: v.optional(
      v.object({ grams: v.number(), reason: v.string(), by: v.id("members"), byName: v.string(), at: v.number() }),
    ),
    ...dimensionsFields,
    items: v.array(v.object({ productId: v.id("products"), sku: v.string(), quantity: v.number() })),
  }).index("by_shipmentId", ["shipmentId"]),
  /** Box types packers choose from. Written by admins. */
  boxTypes: defineTable({ ...boxTypeFields, active: v.boolean() }).index("by_code", ["code"]),
  /**
   * Who is where right now (a pick list, a shipment, the shipping-rules page and the rule being
   * edited): heartbeats written by `model/floor/presence.ts`, expired by a cron.
   */
  presence: defineTable({
    place: v.string(),
    memberId: v.id("members"),
    name: v.string(),
    lastSeen: v.number(),
    editing: v.optional(vPresenceEditing),
  })
    .index("by_place_and_lastSeen", ["place", "lastSeen"])
    .index("by_memberId", ["memberId"])
    .index("by_lastSeen", ["lastSeen"]),
};
