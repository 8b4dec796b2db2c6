/**
 * Recomputes every board figure from the source tables, one page per step, through the same
 * contribution functions the triggers use. Run it (internal.boards.rebuildAggregates) to
 * backfill a deployment or repair drift, while writes are quiet: figures are cleared first and
 * refilled page by page. A test proves rebuilt figures equal the live ones after a random workload.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { BoardBuffer } from "./buffer";
import {
  countCompletedOrder,
  countLine,
  countOrder,
  countPickList,
  countReturnStat,
  countShipment,
} from "./contributions";
import { desiredOpenOrder } from "./deadlines";
import { countLabelSavings, countSpendRow } from "./spend";
import { countCarrierShipment } from "../carriers/board";

export const REBUILD_PHASES = [
  "clear",
  "shortPicks",
  "orders",
  "orderLines",
  "shipments",
  "pickLists",
  "carrierSpend",
  "shippingLabels",
  "returnStats",
  "carrierShipments",
] as const;
export type RebuildPhase = (typeof REBUILD_PHASES)[number];
export type RebuildStep = { phase: RebuildPhase; cursor: string | null };

const DERIVED = ["boardCounters", "productDemand", "productShipments", "orderShortPicks"] as const;
const PAGE = {
  clear: 500,
  shortPicks: 500,
  orders: 100,
  orderLines: 300,
  shipments: 300,
  pickLists: 300,
  carrierSpend: 500,
  shippingLabels: 200,
  returnStats: 500,
  carrierShipments: 500,
} as const;

/** Runs one page of the rebuild; returns the next step, or null when every phase is done. */
export async function rebuildStep(ctx: MutationCtx, step: RebuildStep): Promise<RebuildStep | null> {
  const b = new BoardBuffer();
  const { phase, cursor } = step;
  let next: string | null = null;
  if (phase === "clear") {
    // Each table in turn; the cursor names the table still being emptied.
    const table = (cursor as (typeof DERIVED)[number] | null) ?? DERIVED[0];
    const rows = await ctx.db.query(table).take(PAGE.clear);
    for (const r of rows) await ctx.db.delete(table, r._id as Id<typeof table>);
    const after = DERIVED[DERIVED.indexOf(table) + 1];
    next = rows.length === PAGE.clear ? table : (after ?? null);
  } else if (phase === "shortPicks") {
    const page = await ctx.db.query("pickTasks").paginate({ cursor, numItems: PAGE.shortPicks });
    for (const task of page.page) if (task.short > 0) await flagShortPick(ctx, task);
    next = page.isDone ? null : page.continueCursor;
  } else if (phase === "orders") {
    const page = await ctx.db.query("orders").paginate({ cursor, numItems: PAGE.orders });
    for (const o of page.page) {
      countOrder(b, o, 1);
      await countCompletedOrder(ctx, b, o, 1);
      await resetOpenOrder(ctx, o);
    }
    next = page.isDone ? null : page.continueCursor;
  } else if (phase === "orderLines") {
    const page = await ctx.db.query("orderLines").paginate({ cursor, numItems: PAGE.orderLines });
    for (const l of page.page) {
      countLine(b, l, 1);
      if (l.backordered > 0) b.demandOf(l.productId, l.sku, l.name).queueChanged = true;
    }
    next = page.isDone ? null : page.continueCursor;
  } else if (phase === "shipments") {
    const page = await ctx.db.query("shipments").paginate({ cursor, numItems: PAGE.shipments });
    for (const s of page.page) countShipment(b, s, 1);
    next = page.isDone ? null : page.continueCursor;
  } else if (phase === "pickLists") {
    const page = await ctx.db.query("pickLists").paginate({ cursor, numItems: PAGE.pickLists });
    for (const p of page.page) countPickList(b, p, 1);
    next = page.isDone ? null : page.continueCursor;
  } else if (phase === "carrierSpend") {
    const page = await ctx.db.query("carrierSpend").paginate({ cursor, numItems: PAGE.carrierSpend });
    for (const r of page.page) countSpendRow(b, r, 1);
    next = page.isDone ? null : page.continueCursor;
  } else if (phase === "shippingLabels") {
    const page = await ctx.db.query("shippingLabels").paginate({ cursor, numItems: PAGE.shippingLabels });
    for (const l of page.page) await countLabelSavings(ctx, b, l, 1);
    next = page.isDone ? null : page.continueCursor;
  } else if (phase === "carrierShipments") {
    const page = await ctx.db.query("carrierShipments").paginate({ cursor, numItems: PAGE.carrierShipments });
    for (const r of page.page) countCarrierShipment(b, r, 1);
    next = page.isDone ? null : page.continueCursor;
  } else {
    const page = await ctx.db.query("returnStats").paginate({ cursor, numItems: PAGE.returnStats });
    for (const r of page.page) countReturnStat(b, r, 1);
    next = page.isDone ? null : page.continueCursor;
  }
  await b.flush(ctx);
  if (next !== null) return { phase, cursor: next };
  const following = REBUILD_PHASES[REBUILD_PHASES.indexOf(phase) + 1];
  return following ? { phase: following, cursor: null } : null;
}

async function flagShortPick(ctx: MutationCtx, task: Doc<"pickTasks">) {
  const line = await ctx.db.get("orderLines", task.orderLineId);
  if (!line) return;
  const flagged = await ctx.db
    .query("orderShortPicks")
    .withIndex("by_orderId", (q) => q.eq("orderId", line.orderId))
    .first();
  if (!flagged) await ctx.db.insert("orderShortPicks", { orderId: line.orderId });
}

/** Recomputes an order's open-order row from scratch (warehouse and deadline included). */
async function resetOpenOrder(ctx: MutationCtx, order: Doc<"orders">) {
  const row = await ctx.db
    .query("openOrders")
    .withIndex("by_orderId", (q) => q.eq("orderId", order._id))
    .unique();
  const want = await desiredOpenOrder(ctx, order);
  if (!want) {
    if (row) await ctx.db.delete("openOrders", row._id);
  } else if (row) await ctx.db.replace("openOrders", row._id, want);
  else await ctx.db.insert("openOrders", want);
}
