import { defineTable } from "convex/server";
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { vOrderStatus } from "../orders/tables";

/**
 * Tables behind the live boards. Every row here is derived: written only by the board triggers
 * (model/boards/triggers.ts, in the same transaction as the change) and by the rebuild
 * (model/boards/rebuild.ts), read only by convex/boards.ts. Dropping them and rebuilding gives
 * the same figures.
 */
export const boardTables = {
  /**
   * Sharded counters: one document per board × bucket × shard holding a small map of counts, e.g.
   * board "backlog", bucket "orders", values { "ready|manual": 12 }. A source document always adds
   * to the shard its id hashes to; a board sums the shards of the buckets it shows, so it reads a
   * fixed number of documents however many orders exist.
   */
  boardCounters: defineTable({
    board: v.string(),
    bucket: v.string(),
    shard: v.number(),
    values: v.record(v.string(), v.number()),
  }).index("by_board_and_bucket_and_shard", ["board", "bucket", "shard"]),
  /**
   * One row per open order with its deadline (ship-by or SLA, moved back to the warehouse cutoff):
   * the at-risk list pages over by_deadline. Deleted when the order ships, closes or is cancelled.
   */
  openOrders: defineTable({
    orderId: v.id("orders"),
    number: v.string(),
    channel: v.string(),
    status: vOrderStatus,
    priority: v.number(),
    placedAt: v.number(),
    shipBy: v.optional(v.number()),
    /** Warehouse of the order's first stock shipment: its cutoff sets the deadline. */
    warehouseId: v.optional(v.id("warehouses")),
    deadline: v.number(),
    deadlineSource: literals("channel", "sla"),
  })
    .index("by_orderId", ["orderId"])
    .index("by_deadline", ["deadline"])
    .index("by_warehouseId", ["warehouseId"]),
  /** Orders that had a short pick (a perfect order has none). Written by the pickTasks trigger. */
  orderShortPicks: defineTable({ orderId: v.id("orders") }).index("by_orderId", ["orderId"]),
  /**
   * Unallocated demand per product: units not yet decided and units backordered over all open
   * lines, and the oldest wait in the backorder queue. Deleted when nothing waits. Backorders wait
   * for the product, not for a warehouse (a receipt anywhere fills them), so there is no warehouse
   * in the key.
   */
  productDemand: defineTable({
    productId: v.id("products"),
    sku: v.string(),
    name: v.string(),
    unallocated: v.number(),
    backordered: v.number(),
    /** unallocated + backordered: the list is sorted by it, largest first. */
    units: v.number(),
    oldestQueuedAt: v.optional(v.number()),
  })
    .index("by_productId", ["productId"])
    .index("by_units", ["units"]),
  /**
   * Units shipped and returned per product (from the order lines) and units received back per
   * return reason (from the returns model's returnStats): the return ratio by SKU and reason.
   */
  productShipments: defineTable({
    productId: v.id("products"),
    sku: v.string(),
    shipped: v.number(),
    returned: v.number(),
    reasons: v.optional(v.record(v.string(), v.number())),
  })
    .index("by_productId", ["productId"])
    .index("by_returned", ["returned"]),
};
