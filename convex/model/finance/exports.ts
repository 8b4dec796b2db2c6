/**
 * Finance exports as data: the start mutation records who asked for which period and schedules
 * the action (convex/financeActions.ts), which pages through the orders booked in the period one
 * query at a time (`orderPage`: never one transaction over the limits, whatever the period holds),
 * reports progress after every page, stores the files and finishes the row.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { DAY } from "../../lib/clock";
import { orderRow, type FinanceOrderRow, type FinanceTotalRow } from "../../lib/finance";
import { orderFees } from "./fees";
import { shipmentsOfOrder } from "../orders/lines";
import { mapPage } from "../../lib/pages";
import { labelsOf } from "../shipping/context";
import { rmasOfOrder } from "../returns/lifecycle";
import { cancelledRefundTotal } from "../orders/refunds";

/** The longest period one export covers (a year and a day: a leap year's full year fits). */
export const MAX_PERIOD_MS = 367 * DAY;
export const ORDERS_PER_PAGE = 500;
const LIVE_OR_VOIDED = new Set(["purchased", "voiding", "voided"]);

export async function startExport(ctx: MutationCtx, actor: Actor, a: { from: number; to: number }) {
  if (!(a.from < a.to))
    throw appError("INVALID_INPUT", "The period must end after it starts.", { to: "After the start." });
  if (a.to - a.from > MAX_PERIOD_MS)
    throw appError("INVALID_INPUT", "One export covers at most a year; run one per year.", {
      to: "At most a year after the start.",
    });
  const running = await ctx.db.query("financeExports").withIndex("by_requestedAt").order("desc").take(20);
  if (running.filter((r) => r.status === "running").length >= 3)
    throw appError("CONFLICT", "Three exports are already running; wait for one to finish.");
  const exportId = await ctx.db.insert("financeExports", {
    from: a.from,
    to: a.to,
    status: "running",
    requestedBy: actor.id,
    requestedByName: actor.name,
    requestedAt: Date.now(),
    ordersDone: 0,
  });
  await ctx.scheduler.runAfter(0, internal.financeActions.run, { exportId });
  return exportId;
}

/** One page of orders booked in [from, to): each as its finance row. */
export async function orderPage(
  ctx: QueryCtx,
  a: { from: number; to: number; cursor: string | null; numItems: number },
) {
  const page = await ctx.db
    .query("orders")
    .withIndex("by_creation_time", (q) => q.gte("_creationTime", a.from).lt("_creationTime", a.to))
    .paginate({ cursor: a.cursor, numItems: Math.min(a.numItems, ORDERS_PER_PAGE) });
  const rows: FinanceOrderRow[] = [];
  for (const o of page.page) {
    const shipments = await shipmentsOfOrder(ctx, o._id);
    const labels: { costMinor: number; voided: boolean }[] = [];
    for (const s of shipments) {
      const ls = await labelsOf(ctx, s._id);
      for (const l of ls)
        if (LIVE_OR_VOIDED.has(l.status) && l.purchasedAt !== undefined)
          labels.push({ costMinor: l.costMinor ?? 0, voided: l.status === "voided" });
    }
    const rmas = await rmasOfOrder(ctx, o._id);
    // Refunds of cancelled units (every cancel of a paid order or line, issue 20), due or recorded.
    const cancelRefundsMinor = await cancelledRefundTotal(ctx, o);
    const fees = await orderFees(ctx, o._id);
    rows.push(
      orderRow({
        orderNumber: o.number,
        bookedAt: o._creationTime,
        channel: o.channel,
        status: o.status,
        currency: o.currency,
        totalMinor: o.totalMinor,
        shippingChargedMinor: o.shippingChargedMinor,
        labels,
        refundsMinor: [
          ...rmas.filter((r) => r.refundStatus === "recorded" && r.refund).map((r) => r.refund!.amountMinor),
          cancelRefundsMinor,
        ],
        cogsMinor: shipments.map((s) => s.cogsMinor ?? 0),
        channelFeesMinor: fees.feesMinor,
        channelFeesStatus: fees.status,
      }),
    );
  }
  return { rows, continueCursor: page.continueCursor, isDone: page.isDone };
}

export async function recordProgress(
  ctx: MutationCtx,
  exportId: Id<"financeExports">,
  a: { ordersDone: number; cursor: string | null },
) {
  const row = await ctx.db.get("financeExports", exportId);
  if (!row || row.status !== "running") return false;
  await ctx.db.patch("financeExports", exportId, { ordersDone: a.ordersDone, cursor: a.cursor ?? undefined });
  return true;
}

export async function finishExport(
  ctx: MutationCtx,
  exportId: Id<"financeExports">,
  a: {
    csvStorageId: Id<"_storage">;
    daysCsvStorageId: Id<"_storage">;
    jsonStorageId: Id<"_storage">;
    totals: FinanceTotalRow[];
    ordersDone: number;
  },
) {
  const row = await ctx.db.get("financeExports", exportId);
  if (!row || row.status !== "running") return;
  const totals = a.totals.map(({ marginMinor: _m, ...t }) => t);
  await ctx.db.patch("financeExports", exportId, {
    status: "done",
    finishedAt: Date.now(),
    csvStorageId: a.csvStorageId,
    daysCsvStorageId: a.daysCsvStorageId,
    jsonStorageId: a.jsonStorageId,
    totals,
    ordersDone: a.ordersDone,
    cursor: undefined,
  });
}

export async function failExport(ctx: MutationCtx, exportId: Id<"financeExports">, error: string) {
  const row = await ctx.db.get("financeExports", exportId);
  if (!row || row.status !== "running") return;
  await ctx.db.patch("financeExports", exportId, {
    status: "failed",
    finishedAt: Date.now(),
    error: error.slice(0, 500),
  });
}

/** The export list, newest first, one page, with download links for finished files. */
export async function listExports(ctx: QueryCtx, paginationOpts: { numItems: number; cursor: string | null }) {
  const page = await ctx.db
    .query("financeExports")
    .withIndex("by_requestedAt")
    .order("desc")
    .paginate({ ...paginationOpts, numItems: Math.min(paginationOpts.numItems, 50) });
  const url = async (id: Id<"_storage"> | undefined) =>
    id ? ((await ctx.storage.getUrl(id)) ?? undefined) : undefined;
  return mapPage(page, async (r) => ({
    _id: r._id,
    from: r.from,
    to: r.to,
    status: r.status,
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt,
    finishedAt: r.finishedAt,
    ordersDone: r.ordersDone,
    totals: r.totals,
    error: r.error,
    csvUrl: await url(r.csvStorageId),
    daysCsvUrl: await url(r.daysCsvStorageId),
    jsonUrl: await url(r.jsonStorageId),
  }));
}
