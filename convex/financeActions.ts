"use node";
/**
 * The finance export run: pages through the period's orders (one internal query per page, so no
 * transaction grows with the period), reports progress after each page, builds the per-order CSV,
 * the per-day CSV and the JSON document, stores them and finishes the export row. A Node action
 * for its memory: a year of orders is held as text until stored.
 */
import { v } from "convex/values";
import { internalAction } from "./_generated/server";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  DAY_CSV_HEADER,
  FinanceTotals,
  ORDER_CSV_HEADER,
  dayCsvLine,
  orderCsvLine,
  type FinanceOrderRow,
} from "./lib/finance";

const PAGE_ORDERS = 500;

type Page = { rows: FinanceOrderRow[]; continueCursor: string; isDone: boolean } | null;

export const run = internalAction({
  args: { exportId: v.id("financeExports") },
  returns: v.null(),
  handler: async (ctx, { exportId }): Promise<null> => {
    try {
      const totals = new FinanceTotals();
      const lines: string[] = [ORDER_CSV_HEADER];
      const json: FinanceOrderRow[] = [];
      let cursor: string | null = null;
      let done = 0;
      for (;;) {
        const page: Page = await ctx.runQuery(internal.finance.page, { exportId, cursor, numItems: PAGE_ORDERS });
        if (!page) return null; // the export is no longer running
        for (const r of page.rows) {
          totals.add(r);
          lines.push(orderCsvLine(r));
          json.push(r);
        }
        done += page.rows.length;
        cursor = page.isDone ? null : page.continueCursor;
        await ctx.runMutation(internal.finance.progress, { exportId, ordersDone: done, cursor });
        if (page.isDone) break;
      }
      const days = totals.dayRows();
      const period = totals.periodRows();
      const store = (text: string, type: string): Promise<Id<"_storage">> =>
        ctx.storage.store(new Blob([text], { type }));
      const csvStorageId = await store(lines.join("\r\n") + "\r\n", "text/csv");
      const daysCsvStorageId = await store([DAY_CSV_HEADER, ...days.map(dayCsvLine)].join("\r\n") + "\r\n", "text/csv");
      const jsonStorageId = await store(JSON.stringify({ orders: json, days, totals: period }), "application/json");
      await ctx.runMutation(internal.finance.finish, {
        exportId,
        ordersDone: done,
        csvStorageId,
        daysCsvStorageId,
        jsonStorageId,
        totals: period,
      });
    } catch (e) {
      await ctx.runMutation(internal.finance.fail, { exportId, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
    return null;
  },
});
