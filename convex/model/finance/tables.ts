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

/** The money figures of an order or a total, minor units; the margin is computed from them. */
export const financeAmounts = {
  revenueMinor: v.number(),
  shippingChargedMinor: v.number(),
  postageBoughtMinor: v.number(),
  postageVoidedMinor: v.number(),
  postageNetMinor: v.number(),
  refundsMinor: v.number(),
  channelFeesMinor: v.number(),
  cogsMinor: v.number(),
};

export const vFinanceTotals = v.object({
  currency: v.string(),
  orders: v.number(),
  ...financeAmounts,
  /** Orders whose channel reported its fees (issue 20): channelFeesMinor sums those; absent on older exports. */
  feesReportedOrders: v.optional(v.number()),
});
/** The CSV also has a margin column; the stored totals keep the figures it is made of. */
export type FinanceTotals = Infer<typeof vFinanceTotals>;

/** Where an order's channel fees stand (issue 20): still asking the channel, reported, or never reported. */
export const CHANNEL_FEE_STATUSES = ["checking", "reported", "not_reported"] as const;
export const vChannelFeeStatus = literals(...CHANNEL_FEE_STATUSES);
export type ChannelFeeStatus = Infer<typeof vChannelFeeStatus>;
export const vChannelFee = v.object({ type: v.string(), amountMinor: v.number() });

/** An export as a supervisor sees it: the period, who ran it, its progress and outcome. */
const exportFields = {
  from: v.number(),
  to: v.number(),
  status: vFinanceExportStatus,
  requestedByName: v.string(),
  requestedAt: v.number(),
  finishedAt: v.optional(v.number()),
  /** Orders written so far. */
  ordersDone: v.number(),
  /** Totals of the period per currency (filled when done). */
  totals: v.optional(v.array(vFinanceTotals)),
  error: v.optional(v.string()),
};

export const financeTables = {
  /**
   * The fees a channel charged on one of its orders (issue 20), one row per channel order whose
   * channel reports fees (Amazon's financial events, Shopify Payments transaction fees, the
   * sandbox). Made at import, then written only by model/finance/fees.ts from the fee check's
   * answers; read by the finance export. No row = the channel reports no fees (CSV, manual).
   */
  channelFees: defineTable({
    orderId: v.id("orders"),
    channel: v.string(),
    externalId: v.string(),
    status: vChannelFeeStatus,
    currency: v.string(),
    /** Fees by the channel's own type names; positive = charged to us (minor units, the order's currency). */
    fees: v.array(vChannelFee),
    /** Σ fees when reported. */
    feesMinor: v.optional(v.number()),
    checks: v.number(),
    nextCheckAt: v.optional(v.number()),
    /** Why the fees are not (yet) known: the channel's answer or the last error. */
    note: v.optional(v.string()),
    updatedAt: v.number(),
  }).index("by_orderId", ["orderId"]),
  financeExports: defineTable({
    ...exportFields,
    requestedBy: v.id("members"),
    /** The page cursor of the run (kept so progress is visible). */
    cursor: v.optional(v.string()),
    /** Per order (CSV), per day × currency (CSV), and both as one JSON document. */
    csvStorageId: v.optional(v.id("_storage")),
    daysCsvStorageId: v.optional(v.id("_storage")),
    jsonStorageId: v.optional(v.id("_storage")),
  }).index("by_requestedAt", ["requestedAt"]),
};

/** An export on the finance page: its row without the run's internals, the files as download links. */
export const vFinanceExportView = v.object({
  _id: v.id("financeExports"),
  ...exportFields,
  csvUrl: v.optional(v.string()),
  daysCsvUrl: v.optional(v.string()),
  jsonUrl: v.optional(v.string()),
});
