/**
 * Finance exports (issue 20): a supervisor starts one for a period; an internal action pages
 * through the orders booked in it (convex/financeActions.ts) and stores a per-order CSV, a per-day
 * CSV and a JSON document; the list shows who ran each, its progress while running and the
 * download links when done.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { internalMutation, supervisorMutation, supervisorQuery } from "./functions";
import { failExport, finishExport, listExports, orderPage, recordProgress, startExport } from "./model/finance/exports";
import { financeAmounts, vChannelFeeStatus, vFinanceExportView } from "./model/finance/tables";

/** Starts an export of the orders booked in [from, to) (at most a year). */
export const start = supervisorMutation({
  args: { from: v.number(), to: v.number() },
  returns: v.id("financeExports"),
  handler: async (ctx, args) => startExport(ctx, ctx.actor, args),
});

export const list = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vFinanceExportView),
  handler: async (ctx, { paginationOpts }) => listExports(ctx, paginationOpts),
});

const amounts = { ...financeAmounts, marginMinor: v.number() };

/** One page of the export's orders as finance rows (the action's read step). */
export const page = internalQuery({
  args: { exportId: v.id("financeExports"), cursor: v.union(v.string(), v.null()), numItems: v.number() },
  returns: v.union(
    v.null(),
    v.object({
      rows: v.array(
        v.object({
          orderNumber: v.string(),
          bookedAt: v.number(),
          day: v.string(),
          channel: v.string(),
          status: v.string(),
          currency: v.string(),
          ...amounts,
          channelFeesMinor: v.union(v.number(), v.null()),
          channelFeesStatus: vChannelFeeStatus,
        }),
      ),
      continueCursor: v.string(),
      isDone: v.boolean(),
    }),
  ),
  handler: async (ctx, { exportId, cursor, numItems }) => {
    const e = await ctx.db.get("financeExports", exportId);
    if (!e || e.status !== "running") return null;
    return orderPage(ctx, { from: e.from, to: e.to, cursor, numItems });
  },
});

export const progress = internalMutation({
  args: { exportId: v.id("financeExports"), ordersDone: v.number(), cursor: v.union(v.string(), v.null()) },
  returns: v.boolean(),
  handler: (ctx, { exportId, ...a }) => recordProgress(ctx, exportId, a),
});

export const finish = internalMutation({
  args: {
    exportId: v.id("financeExports"),
    ordersDone: v.number(),
    csvStorageId: v.id("_storage"),
    daysCsvStorageId: v.id("_storage"),
    jsonStorageId: v.id("_storage"),
    totals: v.array(v.object({ currency: v.string(), orders: v.number(), feesReportedOrders: v.number(), ...amounts })),
  },
  handler: (ctx, { exportId, ...a }) => finishExport(ctx, exportId, a),
});

export const fail = internalMutation({
  args: { exportId: v.id("financeExports"), error: v.string() },
  handler: (ctx, { exportId, error }) => failExport(ctx, exportId, error),
});
