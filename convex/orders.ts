/**
 * Orders API: the list, the detail with lines and audit trail, manual order entry and the
 * granular lifecycle verbs. Floor staff read; supervisors create and change orders.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { floorQuery, supervisorCommand, supervisorMutation } from "./functions";
import { vManualOrderInput } from "./model/orders/tables";
import { createOrder } from "./model/orders/create";
import { cancelLines } from "./model/orders/lifecycle";
import { cancelHeldOrder } from "./model/holds/resolve";
import { placeManualHold, releaseOrder } from "./model/orders/pipeline";
import { getOrderOrThrow } from "./model/orders/transition";
import { normalizeScan } from "./lib/barcode";
import { appError } from "./lib/errors";
import { orderLinesOf, orderByNumber } from "./model/orders/lines";
import schema from "./schema";
import { orderPage } from "./model/desk/lists";
import { vOrderFilter } from "./model/desk/tables";

/** Newest first (or oldest); narrowed by status and/or channel, each over its own index; words go through the search index. */
export const list = floorQuery({
  args: { paginationOpts: paginationOptsValidator, ...vOrderFilter },
  returns: paginationResultValidator(schema.doc("orders")),
  handler: async (ctx, { paginationOpts, ...filter }) => orderPage(ctx, filter, paginationOpts),
});

/** Exact order number lookup (e.g. "SO-100042" or "100042"), for the search box. */
export const findByNumber = floorQuery({
  args: { number: v.string() },
  returns: v.union(v.null(), schema.doc("orders")),
  handler: async (ctx, { number }) => {
    const t = normalizeScan(number).toUpperCase();
    const n = /^\d+$/.test(t) ? `SO-${t}` : t;
    return orderByNumber(ctx, n);
  },
});

export const get = floorQuery({
  // A string, not v.id: a mistyped or stale link gets a typed NOT_FOUND instead of a validator error.
  args: { id: v.string() },
  returns: v.object({
    order: schema.doc("orders"),
    lines: v.array(schema.doc("orderLines")),
    originalNumber: v.optional(v.string()),
  }),
  handler: async (ctx, args) => {
    const id = ctx.db.normalizeId("orders", args.id);
    if (!id) throw appError("NOT_FOUND", "There is no order at this link.");
    const order = await getOrderOrThrow(ctx, id);
    const lines = await orderLinesOf(ctx, id);
    const original = order.originalOrderId ? await ctx.db.get("orders", order.originalOrderId) : null;
    return { order, lines, originalNumber: original?.number };
  },
});

/** The audit trail, newest first. */
export const events = floorQuery({
  args: { orderId: v.id("orders"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(schema.doc("orderEvents")),
  handler: async (ctx, { orderId, paginationOpts }) =>
    ctx.db
      .query("orderEvents")
      .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
      .order("desc")
      .paginate(paginationOpts),
});

export const createManual = supervisorMutation({
  args: { order: vManualOrderInput },
  returns: v.object({ orderId: v.id("orders"), number: v.string() }),
  handler: async (ctx, { order }) => createOrder(ctx, ctx.actor, { ...order, channel: "manual" }),
});

export const hold = supervisorCommand({ orderId: v.id("orders"), reason: v.string() }, (ctx, { orderId, reason }) =>
  placeManualHold(ctx, ctx.actor, { orderId, reason }),
);

export const release = supervisorCommand(
  { orderId: v.id("orders"), note: v.optional(v.string()) },
  (ctx, { orderId, note }) => releaseOrder(ctx, ctx.actor, orderId, note),
);

export const cancel = supervisorCommand({ orderId: v.id("orders"), reason: v.string() }, (ctx, { orderId, reason }) =>
  cancelHeldOrder(ctx, ctx.actor, orderId, reason),
);

export const cancelOrderLines = supervisorCommand(
  {
    orderId: v.id("orders"),
    lines: v.array(v.object({ lineId: v.id("orderLines"), quantity: v.number() })),
    reason: v.string(),
  },
  (ctx, { orderId, ...cancel }) => cancelLines(ctx, ctx.actor, orderId, cancel),
);
