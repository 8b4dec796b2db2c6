/**
 * An order's lines, read one way everywhere: by the order index, up to MAX_ORDER_LINES (the most
 * an order may be created with, lib/bounds), so no reader silently drops a line.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { MAX_ORDER_LINES } from "../../lib/bounds";

export async function orderLinesOf(ctx: Pick<QueryCtx, "db">, orderId: Id<"orders">, limit = MAX_ORDER_LINES) {
  return ctx.db
    .query("orderLines")
    .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
    .take(limit);
}
