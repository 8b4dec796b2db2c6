/**
 * Finance exports: one row per export a supervisor ran, with who ran it, its progress while the
 * internal action pages through the orders, and the stored CSV and JSON when done. Written only by
 * model/finance/exports.ts; read by the finance page (newest first).
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";

export const FINANCE_EXPORT_STATUSES = ["running", "done", "failed"] as const;
export const vFinanceExportStatus = literals(...FINANCE_EXPORT_STATUSES);
export type FinanceExportStatus = Infer<typeof vFinanceExportStatus>;

export const vFinanceTotals = v.object({
  currency: v.string(),
  orders: v.number(),
  revenueMinor: v.number(),
  shippingChargedMinor: v.number(),
  postageBoughtMinor: v.number(),
  postageVoidedMinor: v.number(),
  postageNetMinor: v.number(),
  refundsMinor: v.number(),
  channelFeesMinor: v.number(),
  cogsMinor: v.number(),
});
/** The CSV also has a margin column; the stored totals keep the figures it is made of. */
export type FinanceTotals = Infer<typeof vFinanceTotals>;

export const financeTables = {
  financeExports: defineTable({
    from: v.number(),
    to: v.number(),
    status: vFinanceExportStatus,
    requestedBy: v.id("members"),
    requestedByName: v.string(),
    requestedAt: v.number(),
    finishedAt: v.optional(v.number()),
    /** Orders written so far, and the page cursor of the run (kept so progress is visible). */
    ordersDone: v.number(),
    cursor: v.optional(v.string()),
    /** Totals of the period per currency (filled when done). */
    totals: v.optional(v.array(vFinanceTotals)),
    /** Per order (CSV), per day × currency (CSV), and both as one JSON document. */
    csvStorageId: v.optional(v.id("_storage")),
    daysCsvStorageId: v.optional(v.id("_storage")),
    jsonStorageId: v.optional(v.id("_storage")),
    error: v.optional(v.string()),
  }).index("by_requestedAt", ["requestedAt"]),
};
