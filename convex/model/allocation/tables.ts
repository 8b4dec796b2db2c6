import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { vWarehouseFields } from "../warehouses/tables";
import { vStoreFields } from "../pickup/tables";
import { pick } from "convex-helpers";
import { literals } from "convex-helpers/validators";
import { defineSettingsTable } from "../settings/tables";
import { SHIPMENT_STATUSES } from "../../lib/statusSets";

export { SHIPMENT_STATUSES };
export const vShipmentStatus = literals(...SHIPMENT_STATUSES);
export type ShipmentStatus = Infer<typeof vShipmentStatus>;

export const SOURCE_KINDS = ["stock", "dropship"] as const;
export const vSourceKind = literals(...SOURCE_KINDS);

/**
 * What an order line draws from this shipment's source: `quantity` units reserved on `levelId`
 * (stock) or ordered from the supplier (dropship). Cancels and short picks release from here.
 */
export const vShipmentLine = v.object({
  orderLineId: v.id("orderLines"),
  productId: v.id("products"),
  sku: v.string(),
  levelId: v.optional(v.id("inventoryLevels")),
  quantity: v.number(),
  picked: v.number(),
  /** Units scanned into packages (floor packing). */
  packed: v.optional(v.number()),
});
export type ShipmentLine = Infer<typeof vShipmentLine>;

export const vStrategyName = v.string();

/** A plan in figures, as the what-if compares them (today's plans against the simulated ones). */
export const vPlanFigures = v.object({
  shipments: v.number(),
  split: v.boolean(),
  distanceKm: v.number(),
  backordered: v.number(),
  dropshipped: v.number(),
});
export type PlanFigures = Infer<typeof vPlanFigures>;
/** The backlog's figures: the sum over its orders and how many of them split. */
export const vBacklogFigures = v.object({ ...vPlanFigures.fields, splitOrders: v.number() });

/** The what-if's answer (model/allocation/whatif.ts). */
export const vWhatIfResult = v.object({
  strategy: v.string(),
  ordersCompared: v.number(),
  truncated: v.boolean(),
  current: vBacklogFigures,
  simulated: vBacklogFigures,
  changed: v.array(
    v.object({
      orderId: v.string(),
      number: v.string(),
      current: vPlanFigures,
      simulated: vPlanFigures,
      reasons: v.array(v.string()),
    }),
  ),
});
export type WhatIfResult = Infer<typeof vWhatIfResult>;

/** A source as allocation reads it: the warehouse's allocation fields (model/allocation/settings.ts sourceOf). */
export const vAllocationSource = v.object({
  warehouseId: v.id("warehouses"),
  ...pick(vWarehouseFields, ["code", "kind", "latitude", "longitude", "priority", "leadTimeDays"]),
  /** Stores: ship-from-store switch and daily capacity (model/pickup), and the zone of their local day. */
  ...pick(vStoreFields, ["shipFromStore", "dailyCapacity"]),
  timezone: v.optional(v.string()),
});

export const allocationTables = {
  /**
   * One fulfilment per order × source, created by allocation with its lines embedded (an order
   * has few lines; one document keeps allocation at ~3 writes per allocated line). Floor work
   * (pick, pack) and shipping (rates, labels) hang off it.
   */
  shipments: defineTable({
    orderId: v.id("orders"),
    number: v.string(),
    warehouseId: v.id("warehouses"),
    source: vSourceKind,
    status: vShipmentStatus,
    lines: v.array(vShipmentLine),
    /** Great-circle km from the source to the destination, for boards and what-if. */
    distanceKm: v.optional(v.number()),
    strategy: v.optional(v.string()),
    /** The packer working this shipment (claim lock); pick lists have their own. */
    claimedBy: v.optional(v.id("members")),
    claimedByName: v.optional(v.string()),
    /** Set by shipShipment: when the goods left and their FIFO cost of goods. */
    shippedAt: v.optional(v.number()),
    cogsMinor: v.optional(v.number()),
    /** True while a shipment-scope hold is open (model/holds): kept off pick lists, siblings go on. */
    onHold: v.optional(v.boolean()),
    createdAt: v.number(),
    /**
     * The words the shipments list searches (lib/search.ts shipmentSearchText: its number and its
     * order's search text), written with the shipment (shipmentLines.ts) and when the order's
     * customer is erased (channels/pii.ts); older rows get it from searchBackfill.ts.
     */
    searchText: v.optional(v.string()),
  })
    .index("by_orderId", ["orderId"])
    .index("by_warehouseId_and_status", ["warehouseId", "status"])
    // Kept beside by_warehouseId_and_status: the list of one warehouse (a store's staff always see
    // theirs) is newest first across statuses, not grouped by status.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_warehouseId", ["warehouseId"])
    // The desk's shipments list (shipments.ts) by status across warehouses, newest first.
    .index("by_status", ["status"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["status", "warehouseId"] }),
  /**
   * The backorder queue: units of a line waiting for stock, served per product in (rank, queuedAt)
   * order, rank = 2 − priority so urgent orders come first, then oldest.
   */
  backorders: defineTable({
    orderId: v.id("orders"),
    orderLineId: v.id("orderLines"),
    productId: v.id("products"),
    quantity: v.number(),
    rank: v.number(),
    queuedAt: v.number(),
  })
    .index("by_productId_and_rank_and_queuedAt", ["productId", "rank", "queuedAt"])
    .index("by_orderLineId", ["orderLineId"])
    .index("by_rank_and_queuedAt", ["rank", "queuedAt"]),
  /** Products a dropship supplier carries, with its cost; read only for lines stock cannot cover. */
  supplierProducts: defineTable({
    supplierId: v.id("warehouses"),
    productId: v.id("products"),
    supplierSku: v.string(),
    costMinor: v.number(),
  })
    .index("by_productId", ["productId"])
    .index("by_supplierId_and_productId", ["supplierId", "productId"]),
  /**
   * One row (key "default"): the default strategy, the strategy per channel, and a copy of the
   * active sources' allocation fields kept in step by model/warehouses, so allocating an order
   * reads one settings document instead of every warehouse.
   */
  allocationSettings: defineSettingsTable({
    defaultStrategy: vStrategyName,
    channelStrategies: v.record(v.string(), vStrategyName),
    sources: v.array(vAllocationSource),
  }),
};
