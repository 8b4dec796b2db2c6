/**
 * Keeping the search texts of orders' shipments in step with their order (lib/search.ts builds
 * them): a shipment is written with its text (allocation/shipmentLines.ts); when an order's text
 * changes afterwards (the Amazon PII erasure) its shipments follow here, and the backfill
 * (convex/searchBackfill.ts) gives older rows theirs.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { orderSearchText, shipmentSearchText } from "../../lib/search";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";

/** An order's search text from the document and its lines, as order creation writes it. */
export async function orderSearchTextOf(ctx: Pick<QueryCtx, "db">, order: Doc<"orders">): Promise<string> {
  const lines = await orderLinesOf(ctx, order._id);
  return orderSearchText({ number: order.number, customer: order.customer, lines });
}

/** The text a shipment should have, given its order's current search text. */
export function shipmentTextFor(shipment: Pick<Doc<"shipments">, "number">, order: Doc<"orders"> | null): string {
  return shipmentSearchText(shipment.number, order?.searchText ?? "");
}

/** Rewrites the search text of every shipment of `orderId` from the order's text `orderText`. Returns how many changed. */
export async function followOrderSearchText(
  ctx: MutationCtx,
  orderId: Id<"orders">,
  orderText: string,
): Promise<number> {
  let changed = 0;
  const shipments = await shipmentsOfOrder(ctx, orderId);
  for (const s of shipments) {
    const searchText = shipmentSearchText(s.number, orderText);
    if (s.searchText === searchText) continue;
    await ctx.db.patch("shipments", s._id, { searchText });
    changed++;
  }
  return changed;
}
