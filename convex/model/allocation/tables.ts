import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";

export const vShipmentStatus = v.union(
  v.literal("open"),
  v.literal("picking"),
  v.literal("packed"),
  v.literal("shipped"),
  v.literal("cancelled"),
);
export type ShipmentStatus = Infer<typeof vShipmentStatus>;

export const vSourceKind = v.union(v.literal("stock"), v.literal("dropship"));

export const allocationTables = {
  /**
   * One fulfilment per order × source, created by allocation. Floor work (pick, pack) and
   * shipping (rates, labels) hang off it.
   */
  shipments: defineTable({
    orderId: v.id("orders"),
    number: v.string(),
    warehouseId: v.id("warehouses"),
    source: vSourceKind,
    status: vShipmentStatus,
    createdAt: v.number(),
  })
    .index("by_orderId", ["orderId"])
    .index("by_warehouseId_and_status", ["warehouseId", "status"]),
  /**
   * What an order line draws from a source: `quantity` units reserved on `levelId` (stock) or
   * ordered from a supplier (dropship). Cancels and short picks release from here.
   */
  allocations: defineTable({
    orderId: v.id("orders"),
    orderLineId: v.id("orderLines"),
    shipmentId: v.id("shipments"),
    productId: v.id("products"),
    warehouseId: v.id("warehouses"),
    levelId: v.optional(v.id("inventoryLevels")),
    source: vSourceKind,
    quantity: v.number(),
    picked: v.number(),
  })
    .index("by_orderLineId", ["orderLineId"])
    .index("by_shipmentId", ["shipmentId"]),
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
};
