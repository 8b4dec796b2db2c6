/**
 * The kinds of fulfilment source, pure: model/warehouses/tables.ts builds its validator from this
 * list and the sources form offers the same, in words.
 */
export const WAREHOUSE_KINDS = ["warehouse", "3pl", "dropship", "store"] as const;
export type WarehouseKindName = (typeof WAREHOUSE_KINDS)[number];
export const WAREHOUSE_KIND_LABELS: Record<WarehouseKindName, string> = {
  warehouse: "Warehouse",
  "3pl": "3PL",
  dropship: "Dropship supplier",
  store: "Store",
};
