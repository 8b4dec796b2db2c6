/**
 * An order's lines, read one way everywhere: by the order index, up to MAX_ORDER_LINES (the most
 * an order may be created with, lib/bounds), so no reader silently drops a line.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { MAX_ORDER_LINES } from "../../lib/bounds";

export async function orderLinesOf(ctx: Pick<QueryCtx, "db">, orderId: Id<"orders">, limit = MAX_ORDER_LINES) {
  return ctx.db
    .query("orderLines")
    .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
    .take(limit);
}

/** The line's product and price (`vLineProductFields`), as a line made from it (an RMA line) copies them. */
export function lineProductOf(line: Doc<"orderLines">) {
  return { productId: line.productId, sku: line.sku, name: line.name, unitPriceMinor: line.unitPriceMinor };
}
