/**
 * Reading the exception queue: open holds over (status, type, createdAt) — oldest first — with
 * the order's number, status and customer for the row, and per-type counts capped per read.
 */
import type { PaginationOptions } from "convex/server";
import type { QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { HOLD_TYPES, type HoldType } from "../../lib/validation/types";
import { mapPage } from "../../lib/pages";
import { openHolds } from "./holds";

const COUNT_CAP = 100;

async function withOrder(ctx: QueryCtx, h: Doc<"orderHolds">) {
  const order = await ctx.db.get("orders", h.orderId);
  const shipment = h.shipmentId ? await ctx.db.get("shipments", h.shipmentId) : null;
  const line = h.orderLineId ? await ctx.db.get("orderLines", h.orderLineId) : null;
  return {
    ...h,
    orderNumber: order?.number ?? "—",
    orderStatus: order?.status,
    customerName: order?.customer.name,
    shipTo: order?.shipTo,
    shipmentNumber: shipment?.number,
    sku: line?.sku,
  };
}

export type QueueRow = Awaited<ReturnType<typeof withOrder>>;

/** One page of open holds, oldest first, of one type or all. */
export async function queuePage(ctx: QueryCtx, paginationOpts: PaginationOptions, type?: HoldType) {
  const q = type
    ? ctx.db
        .query("orderHolds")
        .withIndex("by_status_and_type_and_createdAt", (q) => q.eq("status", "open").eq("type", type))
    : ctx.db.query("orderHolds").withIndex("by_status_and_createdAt", (q) => q.eq("status", "open"));
  const page = await q.order("asc").paginate(paginationOpts);
  return mapPage(page, (h) => withOrder(ctx, h));
}

/** Open holds per type; a count of COUNT_CAP means "at least that many". */
export async function holdCounts(ctx: QueryCtx) {
  const out = {} as Record<HoldType, number>;
  for (const type of HOLD_TYPES) {
    const rows = await ctx.db
      .query("orderHolds")
      .withIndex("by_status_and_type_and_createdAt", (q) => q.eq("status", "open").eq("type", type))
      .take(COUNT_CAP);
    out[type] = rows.length;
  }
  return { counts: out, cap: COUNT_CAP };
}

/** An order's holds: open ones first, then the 20 most recent resolved. */
export async function holdsForOrder(ctx: QueryCtx, orderId: Id<"orders">) {
  const open = await openHolds(ctx, orderId);
  const resolved = await ctx.db
    .query("orderHolds")
    .withIndex("by_orderId_and_status", (q) => q.eq("orderId", orderId).eq("status", "resolved"))
    .order("desc")
    .take(20);
  return { open: await Promise.all(open.map((h) => withOrder(ctx, h))), resolved };
}
