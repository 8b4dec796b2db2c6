/**
 * The status operations the desk lists run on many rows at once: convex/bulk.ts accepts these and
 * the orders and shipments lists' bulk bars offer the same (src/components/ui/bulkOps.ts), each in
 * pages of MAX_BULK_IDS ids (lib/bounds.ts).
 */
export const ORDER_BULK_OPS = ["hold", "release", "allocate", "reallocate"] as const;
export const SHIPMENT_BULK_OPS = ["hold", "release", "reallocate"] as const;
export type OrderBulkOp = (typeof ORDER_BULK_OPS)[number];
export type ShipmentBulkOp = (typeof SHIPMENT_BULK_OPS)[number];
export type BulkOp = OrderBulkOp | ShipmentBulkOp;
