/**
 * What one source document adds to the boards. A trigger takes back the old document's share and
 * adds the new one's (sign −1 then +1); the rebuild adds every document's share once. One function
 * per table keeps the two in agreement.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, TableNames } from "../../_generated/dataModel";
import { completedFigures, counterKey } from "../../lib/boards";
import { dayKey, hourKey } from "../../lib/clock";
import { isCompletedOrder, isOpenOrder, isOpenPickList, isOpenShipment } from "../../lib/statusSets";
import type { BoardBuffer } from "./buffer";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";
import { countCarrierShipment } from "../carriers/board";
import { countSpendRow } from "./spend";
import { rowBy } from "../rows";

type Sign = 1 | -1;

/** Backlog by stage (open orders by status × channel) and orders placed per hour. */
export function countOrder(b: BoardBuffer, o: Doc<"orders">, sign: Sign) {
  if (isOpenOrder(o.status))
    b.count({ board: "backlog", bucket: "orders", seed: o._id }, { [counterKey(o.status, o.channel)]: 1 }, sign);
  b.count({ board: "placed", bucket: dayKey(o.placedAt), seed: o._id }, { [hourKey(o.placedAt)]: 1 }, sign);
}

/** Backlog by stage per warehouse: open shipments by status × warehouse. */
export function countShipment(b: BoardBuffer, s: Doc<"shipments">, sign: Sign) {
  if (isOpenShipment(s.status))
    b.count({ board: "backlog", bucket: "shipments", seed: s._id }, { [counterKey(s.status, s.warehouseId)]: 1 }, sign);
}

/** Floor board: open and in-progress lists per warehouse; lists done per warehouse per day. */
export function countPickList(b: BoardBuffer, p: Doc<"pickLists">, sign: Sign) {
  if (isOpenPickList(p.status)) {
    b.count(
      { board: "floor", bucket: "lists", seed: p._id },
      {
        [counterKey(p.status, p.warehouseId)]: 1,
        [counterKey(`${p.status}Units`, p.warehouseId)]: p.unitsTotal - p.unitsPicked - p.unitsShort,
      },
      sign,
    );
  } else if (p.status === "done") {
    const bucket = `done:${dayKey(p.doneAt ?? p.createdAt)}`;
    b.count({ board: "floor", bucket, seed: p._id }, { [counterKey(p.warehouseId)]: 1 }, sign);
  }
}

/** Demand (undecided and backordered units) and shipped / returned units of a line's product. */
export function countLine(b: BoardBuffer, l: Doc<"orderLines">, sign: Sign) {
  if (l.unallocated !== 0 || l.backordered !== 0) {
    const d = b.demandOf(l.productId, l.sku, l.name);
    d.unallocated += sign * l.unallocated;
    d.backordered += sign * l.backordered;
  }
  if (l.shipped !== 0 || l.returned !== 0) {
    const s = b.shippedOf(l.productId, l.sku);
    s.shipped += sign * l.shipped;
    s.returned += sign * l.returned;
  }
}

/** Units received back per reason (restocked + damaged) from the returns model's aggregate row. */
export function countReturnStat(b: BoardBuffer, r: Doc<"returnStats">, sign: Sign) {
  const units = r.restocked + r.damaged;
  if (units === 0) return;
  const s = b.shippedOf(r.productId, r.sku);
  s.reasons[r.reason] = (s.reasons[r.reason] ?? 0) + sign * units;
}

/**
 * The metrics share of a completed order, read from its lines, shipments and short-pick flag.
 * `lineAsBefore` stands in for the current version of one line (a trigger computing the share
 * the order had before that line changed).
 */
export async function countCompletedOrder(
  ctx: QueryCtx,
  b: BoardBuffer,
  o: Doc<"orders">,
  { sign, lineAsBefore }: { sign: Sign; lineAsBefore?: Doc<"orderLines"> },
) {
  if (!isCompletedOrder(o.status)) return;
  const lines = await orderLinesOf(ctx, o._id);
  const shipments = await shipmentsOfOrder(ctx, o._id);
  const short = await rowBy(ctx, "orderShortPicks", "by_orderId", o._id, "first");
  let unitsOrdered = 0,
    unitsShipped = 0,
    unitsCancelled = 0,
    unitsReturned = 0;
  for (const current of lines) {
    const l = lineAsBefore && lineAsBefore._id === current._id ? lineAsBefore : current;
    unitsOrdered += l.quantity;
    unitsShipped += l.shipped;
    unitsCancelled += l.cancelled;
    unitsReturned += l.returned;
  }
  const out = shipments.filter((s) => s.status === "shipped");
  const times = out.map((s) => s.shippedAt).filter((t): t is number => t !== undefined);
  const { bucket, values } = completedFigures({
    placedAt: o.placedAt,
    shipBy: o.shipBy,
    shippedAt: times.length ? Math.max(...times) : undefined,
    unitsOrdered,
    unitsShipped,
    unitsCancelled,
    unitsReturned,
    shipments: out.length,
    shortPicked: short !== null,
  });
  b.count({ board: "metrics", bucket, seed: o._id }, values, sign);
}

/**
 * Marks the task's order as short-picked (a perfect order has no short pick), once per order. The
 * pickTasks trigger calls it when a task's short count rises; the rebuild for every task with one.
 */
export async function flagShortPick(ctx: MutationCtx, task: Doc<"pickTasks">) {
  const line = await ctx.db.get("orderLines", task.orderLineId);
  if (!line) return;
  const flagged = await rowBy(ctx, "orderShortPicks", "by_orderId", line.orderId, "first");
  if (!flagged) await ctx.db.insert("orderShortPicks", { orderId: line.orderId });
}

/**
 * The signed board share of one document, per counted table: the triggers take an old document's
 * share away and add the new one's, the rebuild adds every document's. One entry per table, so the
 * live figures and a rebuild cannot count a table differently.
 */
const DOCUMENT_SHARES = {
  orders: countOrder,
  orderLines: countLine,
  shipments: countShipment,
  pickLists: countPickList,
  returnStats: countReturnStat,
  carrierSpend: countSpendRow,
  carrierShipments: countCarrierShipment,
} satisfies { [T in TableNames]?: (b: BoardBuffer, doc: Doc<T>, sign: Sign) => void };
export type CountedTable = keyof typeof DOCUMENT_SHARES;
export const COUNTED_TABLES = Object.keys(DOCUMENT_SHARES) as CountedTable[];

/** Adds (`sign` 1) or takes away (-1) the document's share of the board figures. */
export function countShare<T extends CountedTable>(b: BoardBuffer, table: T, doc: Doc<T>, sign: Sign) {
  (DOCUMENT_SHARES[table] as unknown as (b: BoardBuffer, doc: Doc<T>, sign: Sign) => void)(b, doc, sign);
}
