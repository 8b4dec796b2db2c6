import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { migrationsTable } from "convex-helpers/server/migrations";
import { vOrderStatus } from "../orders/tables";
import { vShipmentStatus } from "../allocation/tables";

/** The lists a saved view belongs to. */
export const SAVED_VIEW_LISTS = ["orders", "shipments"] as const;
export const vSavedViewList = literals(...SAVED_VIEW_LISTS);
export type SavedViewList = Infer<typeof vSavedViewList>;

/** A list's URL state: search parameter → value (status, channel, q, sort …). */
export const vViewFilters = v.record(v.string(), v.string());

/** The desk lists' sort orders (by creation). */
export const LIST_SORTS = ["newest", "oldest"] as const;
export const vListSort = literals(...LIST_SORTS);

/**
 * The lists' filters, as arguments: a list's query and its bulk "select all matching" pages take
 * the same ones (model/desk/lists.ts), so a selection is exactly what the list showed.
 */
export const vOrderFilter = {
  status: v.optional(vOrderStatus),
  channel: v.optional(v.string()),
  /** Words: order number, customer name or email, SKU, product name (search index). */
  q: v.optional(v.string()),
  sort: v.optional(vListSort),
};
export const vShipmentFilter = {
  status: v.optional(vShipmentStatus),
  warehouseId: v.optional(v.id("warehouses")),
  /** Words: shipment or order number, customer name or email, SKU, product name (search index). */
  q: v.optional(v.string()),
  sort: v.optional(vListSort),
};

export const deskTables = {
  /**
   * Saved views of the desk lists, one row per member × list × name. Written only by
   * model/desk/savedViews.ts (the member's own rows); read by the list pages.
   * At most one row per member × list has `isDefault`.
   */
  savedViews: defineTable({
    memberId: v.id("members"),
    list: vSavedViewList,
    name: v.string(),
    filters: vViewFilters,
    /** Keys of the visible columns, in the list's own order. */
    columns: v.array(v.string()),
    isDefault: v.boolean(),
    updatedAt: v.number(),
  }).index("by_memberId_and_list_and_name", ["memberId", "list", "name"]),
  /**
   * Progress of the convex-helpers migrations (convex/searchBackfill.ts): one row per migration,
   * its cursor, how many documents it has processed and whether it is done. Written only by them.
   */
  migrations: migrationsTable,
};
