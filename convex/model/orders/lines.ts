/**
 * An order by its number, its lines and its shipments, each read one way everywhere. Lines and
 * shipments by the order index: lines up to MAX_ORDER_LINES (the most an order may be created with,
 * lib/bounds), so no reader silently drops a line; the newest shipments up to SHIPMENTS_PER_ORDER
 * unless the reader asks for fewer.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { MAX_ORDER_LINES } from "../../lib/bounds";
import { appError } from "../../lib/errors";
import { rowBy, rowsBy } from "../rows";

export async function orderLinesOf(ctx: Pick<QueryCtx, "db">, orderId: Id<"orders">, limit = MAX_ORDER_LINES) {
  return rowsBy(ctx, "orderLines", "by_orderId", orderId, { limit });
}

/** The order with this number (`SO-1042`), or null; numbers are unique (the by_number index). */
export async function orderByNumber(ctx: Pick<QueryCtx, "db">, number: string) {
  return rowBy(ctx, "orders", "by_number", number);
}

/** The shipment's order; NOT_FOUND "The order of this shipment no longer exists." when it is gone. */
export async function orderOfShipment(ctx: Pick<QueryCtx, "db">, s: Pick<Doc<"shipments">, "orderId">) {
  const order = await ctx.db.get("orders", s.orderId);
  if (!order) throw appError("NOT_FOUND", "The order of this shipment no longer exists.");
  return order;
}

/**
 * The most shipments a reader of one order's shipments takes (an order splits into a handful). An
 * order re-allocated again and again leaves a cancelled shipment each time, so it may have more:
 * the readers take the newest, where the live ones are, and shipment numbers never repeat
 * (`nextShipmentNumber`).
 */
export const SHIPMENTS_PER_ORDER = 50;

/** An order's newest `limit` shipments, oldest of them first. */
export async function shipmentsOfOrder(ctx: Pick<QueryCtx, "db">, orderId: Id<"orders">, limit = SHIPMENTS_PER_ORDER) {
  const newest = await rowsBy(ctx, "shipments", "by_orderId", orderId, { limit, order: "desc" });
  return newest.reverse();
}

/** "SO-100042-3": the order's number and one more than the highest shipment number it has used. */
export function nextShipmentNumber(
  order: Pick<Doc<"orders">, "number">,
  shipments: Pick<Doc<"shipments">, "number">[],
) {
  const used = shipments.map((s) => Number(s.number.slice(order.number.length + 1))).filter(Number.isSafeInteger);
  return `${order.number}-${Math.max(0, ...used) + 1}`;
}

/** The line's product and price (`vLineProductFields`), as a line made from it (an RMA line) copies them. */
export function lineProductOf(line: Doc<"orderLines">) {
  return { productId: line.productId, sku: line.sku, name: line.name, unitPriceMinor: line.unitPriceMinor };
}
