/**
 * The desk lists' queries, one place for the index each filter uses: the orders list and the
 * shipments list read through these, and so do the bulk actions' "select all matching" pages
 * (bulk.ts), so a selection is exactly what the list showed.
 */
import type { PaginationOptions } from "convex/server";
import type { ObjectType } from "convex/values";
import type { QueryCtx } from "../../_generated/server";
import type { vOrderFilter, vShipmentFilter } from "./tables";

export type OrderFilter = ObjectType<typeof vOrderFilter>;
export type ShipmentFilter = ObjectType<typeof vShipmentFilter>;

/** Orders matching a filter: words go through the search index (best match first), else newest first. */
export function orderPage(ctx: QueryCtx, f: OrderFilter, paginationOpts: PaginationOptions) {
  const q = f.q?.trim();
  if (q) {
    return ctx.db
      .query("orders")
      .withSearchIndex("search_text", (s) => {
        const base = s.search("searchText", q);
        const withStatus = f.status ? base.eq("status", f.status) : base;
        return f.channel ? withStatus.eq("channel", f.channel) : withStatus;
      })
      .paginate(paginationOpts);
  }
  const { status, channel } = f;
  const query =
    status && channel
      ? ctx.db.query("orders").withIndex("by_channel_and_status", (x) => x.eq("channel", channel).eq("status", status))
      : status
        ? ctx.db.query("orders").withIndex("by_status", (x) => x.eq("status", status))
        : channel
          ? ctx.db.query("orders").withIndex("by_channel", (x) => x.eq("channel", channel))
          : ctx.db.query("orders");
  return query.order(f.sort === "oldest" ? "asc" : "desc").paginate(paginationOpts);
}

/** Shipments matching a filter: words through the search index (best match first), else newest first (or oldest). */
export function shipmentPage(ctx: QueryCtx, f: ShipmentFilter, paginationOpts: PaginationOptions) {
  const { status, warehouseId } = f;
  const q = f.q?.trim();
  if (q) {
    return ctx.db
      .query("shipments")
      .withSearchIndex("search_text", (s) => {
        const base = s.search("searchText", q);
        const withStatus = status ? base.eq("status", status) : base;
        return warehouseId ? withStatus.eq("warehouseId", warehouseId) : withStatus;
      })
      .paginate(paginationOpts);
  }
  const query =
    warehouseId && status
      ? ctx.db
          .query("shipments")
          .withIndex("by_warehouseId_and_status", (x) => x.eq("warehouseId", warehouseId).eq("status", status))
      : warehouseId
        ? ctx.db.query("shipments").withIndex("by_warehouseId", (x) => x.eq("warehouseId", warehouseId))
        : status
          ? ctx.db.query("shipments").withIndex("by_status", (x) => x.eq("status", status))
          : ctx.db.query("shipments");
  return query.order(f.sort === "oldest" ? "asc" : "desc").paginate(paginationOpts);
}
