/**
 * Recomputes every board figure from the source tables, one page per step, through the same
 * contribution functions the triggers use. Run it (internal.boards.rebuildAggregates) to
 * backfill a deployment or repair drift, while writes are quiet: figures are cleared first and
 * refilled page by page. A test proves rebuilt figures equal the live ones after a random workload.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id, TableNames } from "../../_generated/dataModel";
import { BoardBuffer } from "./buffer";
import { countCompletedOrder, countShare, flagShortPick, type CountedTable } from "./contributions";
import { desiredOpenOrder } from "./deadlines";
import { countLabelSavings } from "./spend";
import { rowBy } from "../rows";

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

/** One page of a phase: counts into the buffer, returns the phase's next cursor or null when it is done. */
type RunPage = (ctx: MutationCtx, b: BoardBuffer, cursor: string | null) => Promise<string | null>;

const DERIVED = ["boardCounters", "productDemand", "productShipments", "orderShortPicks"] as const;
const CLEAR_PAGE = 500;

/** Empties the derived tables, each in turn; the cursor names the table still being emptied. */
const clear: RunPage = async (ctx, _b, cursor) => {
  const table = (cursor as (typeof DERIVED)[number] | null) ?? DERIVED[0];
  const rows = await ctx.db.query(table).take(CLEAR_PAGE);
  for (const r of rows) await ctx.db.delete(table, r._id as Id<typeof table>);
  return rows.length === CLEAR_PAGE ? table : (DERIVED[DERIVED.indexOf(table) + 1] ?? null);
};

/** A phase that reads `table` a page of `numItems` at a time and counts each document's share. */
function eachDoc<T extends TableNames>(
  table: T,
  numItems: number,
  count: (ctx: MutationCtx, b: BoardBuffer, doc: Doc<T>) => unknown,
): RunPage {
  return async (ctx, b, cursor) => {
    const page = await ctx.db.query(table).paginate({ cursor, numItems });
    for (const doc of page.page) await count(ctx, b, doc);
    return page.isDone ? null : page.continueCursor;
  };
}

/** A phase that adds each document's share of a counted table (model/boards/contributions). */
const sharesOf = <T extends CountedTable>(table: T, numItems: number) =>
  eachDoc(table, numItems, (_ctx, b, doc) => countShare(b, table, doc, 1));

/** The phases, run in REBUILD_PHASES order. */
const PHASES: Record<RebuildPhase, RunPage> = {
  clear,
  shortPicks: eachDoc("pickTasks", 500, async (ctx, _b, task) => {
    if (task.short > 0) await flagShortPick(ctx, task);
  }),
  orders: eachDoc("orders", 100, async (ctx, b, o) => {
    countShare(b, "orders", o, 1);
    await countCompletedOrder(ctx, b, o, { sign: 1 });
    await resetOpenOrder(ctx, o);
  }),
  orderLines: eachDoc("orderLines", 300, (_ctx, b, l) => {
    countShare(b, "orderLines", l, 1);
    if (l.backordered > 0) b.demandOf(l.productId, l.sku, l.name).queueChanged = true;
  }),
  shipments: sharesOf("shipments", 300),
  pickLists: sharesOf("pickLists", 300),
  carrierSpend: sharesOf("carrierSpend", 500),
  shippingLabels: eachDoc("shippingLabels", 200, (ctx, b, l) => countLabelSavings(ctx, b, l, 1)),
  returnStats: sharesOf("returnStats", 500),
  carrierShipments: sharesOf("carrierShipments", 500),
};

/** Runs one page of the rebuild; returns the next step, or null when every phase is done. */
export async function rebuildStep(ctx: MutationCtx, step: RebuildStep): Promise<RebuildStep | null> {
  const b = new BoardBuffer();
  const next = await PHASES[step.phase](ctx, b, step.cursor);
  await b.flush(ctx);
  if (next !== null) return { phase: step.phase, cursor: next };
  const following = REBUILD_PHASES[REBUILD_PHASES.indexOf(step.phase) + 1];
  return following ? { phase: following, cursor: null } : null;
}

/** Recomputes an order's open-order row from scratch (warehouse and deadline included). */
async function resetOpenOrder(ctx: MutationCtx, order: Doc<"orders">) {
  const row = await rowBy(ctx, "openOrders", "by_orderId", order._id);
  const want = await desiredOpenOrder(ctx, order);
  if (!want) {
    if (row) await ctx.db.delete("openOrders", row._id);
  } else if (row) await ctx.db.replace("openOrders", row._id, want);
  else await ctx.db.insert("openOrders", want);
}
