import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals, withSystemFields } from "convex-helpers/validators";
import { vActorStamp } from "../audit/tables";

export const MOVEMENT_KINDS = [
  "receipt",
  "adjustment",
  "transfer_out",
  "transfer_in",
  "damage",
  "ship",
  "return_restock",
  "return_damaged",
] as const;
export const vMovementKind = literals(...MOVEMENT_KINDS);
export type MovementKind = Infer<typeof vMovementKind>;

/** Which stock: a product in a warehouse (a level, its movements, its cost layers; the stock verbs' arguments). */
export const vStockRef = { productId: v.id("products"), warehouseId: v.id("warehouses") };

const vLevelFields = {
  ...vStockRef,
  onHand: v.number(),
  reserved: v.number(),
  damaged: v.number(),
  incoming: v.number(),
  /** Bin location for the walk order, e.g. "A-03-2". */
  bin: v.optional(v.string()),
};

/** A level as the inventory pages list it: with what is available and its product's SKU and name (levelRow). */
export const vLevelRow = v.object({
  ...withSystemFields("inventoryLevels", vLevelFields),
  available: v.number(),
  sku: v.string(),
  productName: v.string(),
});

export const inventoryTables = {
  /**
   * One level per product × warehouse. `onHand` and `damaged` change only through
   * model/inventory/ledger.recordMovement; `reserved` only through reservation helpers.
   * Invariant: 0 ≤ reserved ≤ onHand. available = onHand − reserved.
   */
  inventoryLevels: defineTable(vLevelFields)
    .index("by_productId_and_warehouseId", ["productId", "warehouseId"])
    .index("by_warehouseId", ["warehouseId"]),
  /**
   * Append-only ledger. `onHandDelta` sums to the level's onHand and `damagedDelta` to its damaged
   * (the truth check, invariants:verifyInvariants, proves it). Written only by recordMovement, in the same mutation as the level.
   */
  inventoryMovements: defineTable({
    levelId: v.id("inventoryLevels"),
    ...vStockRef,
    kind: vMovementKind,
    onHandDelta: v.number(),
    damagedDelta: v.number(),
    reason: v.optional(v.string()),
    /** What caused it: a PO number, an order number, a transfer id. */
    reference: v.optional(v.string()),
    unitCostMinor: v.optional(v.number()),
    ...vActorStamp,
  })
    .index("by_levelId", ["levelId"])
    .index("by_productId", ["productId"]),
  /** FIFO cost layers created by receipts and consumed oldest first by outbound movements. */
  costLayers: defineTable({
    ...vStockRef,
    receivedAt: v.number(),
    unitCostMinor: v.number(),
    quantityReceived: v.number(),
    quantityRemaining: v.number(),
    reference: v.optional(v.string()),
    /** When the last unit was taken; undefined while the layer is open (see costLayers.ts). */
    exhaustedAt: v.optional(v.number()),
  })
    .index("by_productId_and_warehouseId_and_receivedAt", ["productId", "warehouseId", "receivedAt"])
    .index("by_productId_and_warehouseId_and_exhaustedAt_and_receivedAt", [
      "productId",
      "warehouseId",
      "exhaustedAt",
      "receivedAt",
    ]),
};
