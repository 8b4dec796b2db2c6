/**
 * Board triggers (convex-helpers Triggers): registered on every table whose changes move a board
 * figure, so no write path can forget one. The mutation builders in convex/functions.ts wrap
 * `ctx.db` with `withTriggers` and flush the buffer when the handler succeeds, inside the same
 * transaction. Code that gets a raw ctx (tests' `t.run`, scripts) uses `runWithTriggers`.
 */
import { Triggers } from "convex-helpers/server/triggers";
import type { MutationCtx } from "../../_generated/server";
import type { DataModel } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import { isCompletedOrder } from "../../lib/statusSets";
import { BoardBuffer } from "./buffer";
import { countCompletedOrder, countShare, COUNTED_TABLES, flagShortPick, type CountedTable } from "./contributions";
import { refreshWarehouseDeadlines } from "./deadlines";
import { countLabelSavings, savingsMayMove } from "./spend";
import { afterDamagedReturn } from "../carriers/hooks";

export type BoardCtx = MutationCtx & { boards: BoardBuffer };

export const triggers = new Triggers<DataModel, BoardCtx>();

/** A counted table's trigger: the old document's share out, the new one's in (model/boards/contributions). */
function countSharesOf<T extends CountedTable>(table: T) {
  triggers.register(table, async (ctx, { oldDoc, newDoc }) => {
    if (oldDoc) countShare(ctx.boards, table, oldDoc, -1);
    if (newDoc) countShare(ctx.boards, table, newDoc, 1);
  });
}
for (const table of COUNTED_TABLES) countSharesOf(table);

// What some tables move besides their share:

triggers.register("orders", async (ctx, { id, oldDoc, newDoc }) => {
  // An order enters the completed statuses once (shipped → delivered → closed stays inside).
  if (newDoc && isCompletedOrder(newDoc.status) && !(oldDoc && isCompletedOrder(oldDoc.status))) {
    await countCompletedOrder(ctx, ctx.boards, newDoc, { sign: 1 });
  }
  ctx.boards.touchOrder(id, newDoc);
});

triggers.register("orderLines", async (ctx, { oldDoc, newDoc }) => {
  // A return after completion can take back a perfect order: swap the order's metrics share.
  if (oldDoc && newDoc && oldDoc.returned !== newDoc.returned) {
    const order = await ctx.db.get("orders", newDoc.orderId);
    if (order && isCompletedOrder(order.status)) {
      await countCompletedOrder(ctx, ctx.boards, order, { sign: -1, lineAsBefore: oldDoc });
      await countCompletedOrder(ctx, ctx.boards, order, { sign: 1 });
    }
  }
});

triggers.register("shipments", async (ctx, { oldDoc, newDoc }) => {
  // The first stock shipment names the warehouse whose cutoff sets the order's deadline.
  if (!oldDoc && newDoc?.source === "stock") ctx.boards.touchOrder(newDoc.orderId);
});

triggers.register("backorders", async (ctx, { oldDoc, newDoc }) => {
  for (const d of [oldDoc, newDoc]) {
    if (!d) continue;
    const line = ctx.boards.demand.get(d.productId);
    if (line) line.queueChanged = true;
    else ctx.boards.demand.set(d.productId, { sku: "", name: "", unallocated: 0, backordered: 0, queueChanged: true });
  }
});

triggers.register("pickTasks", async (ctx, { oldDoc, newDoc }) => {
  if (newDoc && newDoc.short > (oldDoc?.short ?? 0)) await flagShortPick(ctx, newDoc);
});

triggers.register("warehouses", async (ctx, { id, oldDoc, newDoc }) => {
  if (!oldDoc || !newDoc || (oldDoc.cutoffLocal === newDoc.cutoffLocal && oldDoc.timezone === newDoc.timezone)) return;
  const cursor = await refreshWarehouseDeadlines(ctx, id, null);
  if (cursor) await ctx.scheduler.runAfter(0, internal.boards.refreshDeadlines, { warehouseId: id, cursor });
});

triggers.register("shippingLabels", async (ctx, { oldDoc, newDoc }) => {
  if (!savingsMayMove(oldDoc, newDoc)) return;
  if (oldDoc) await countLabelSavings(ctx, ctx.boards, oldDoc, -1);
  if (newDoc) await countLabelSavings(ctx, ctx.boards, newDoc, 1);
});

triggers.register("rmaLines", async (ctx, { oldDoc, newDoc }) => afterDamagedReturn(ctx, oldDoc, newDoc));

/** The ctx with a trigger-wrapped db and a fresh board buffer; an already wrapped ctx is returned as is. */
export function withTriggers<C extends MutationCtx>(ctx: C): C & { boards: BoardBuffer } {
  if ("boards" in ctx && ctx.boards instanceof BoardBuffer) return ctx as C & { boards: BoardBuffer };
  return triggers.wrapDB({ ...ctx, boards: new BoardBuffer() });
}

/** Runs `fn` with triggers on and applies the board changes at the end, for raw contexts. */
export async function runWithTriggers<T>(ctx: MutationCtx, fn: (ctx: BoardCtx) => Promise<T>): Promise<T> {
  const wrapped = withTriggers(ctx);
  const result = await fn(wrapped);
  await wrapped.boards.flush(wrapped);
  return result;
}
