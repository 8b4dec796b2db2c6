/**
 * Reading the boards. Each figure comes from the sharded counters or a derived table, so a board
 * reads a bounded number of documents whatever the number of orders: counters read
 * BOARD_SHARDS[board] documents per bucket, lists one page over an index.
 */
import { mapPage } from "../../lib/pages";
import type { PaginationOptions } from "convex/server";
import { omit, pick } from "convex-helpers";
import type { QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import { kpis, type MetricsTotals } from "../../lib/boards";
import { dayKey, dayKeysBack, HOUR, MINUTE, roundNow } from "../../lib/clock";
import type { OrderStatus } from "../../lib/orderStatus";
import { readCounter } from "./buffer";
import { rowsBy } from "../rows";

/** Codes of the warehouses a board names (at most one read per distinct warehouse). */
async function warehouseCodes(ctx: QueryCtx, ids: Iterable<string>) {
  const codes: Record<string, string> = {};
  for (const id of new Set(ids)) {
    const w = await ctx.db.get("warehouses", id as Id<"warehouses">);
    codes[id] = w?.code ?? "?";
  }
  return codes;
}

const split = (key: string) => key.split("|");

/**
 * Backlog by stage. Orders have one channel, so open orders are counted by status × channel; an
 * order's shipments may leave from several warehouses, so the warehouse view counts open shipments
 * by shipment status × warehouse.
 */
/** What the floor board shows of a pick list being worked. */
export const ACTIVE_LIST_FIELDS = [
  "number",
  "claimedByName",
  "claimedAt",
  "unitsPicked",
  "unitsShort",
  "unitsTotal",
] as const;

export async function backlogBoard(ctx: QueryCtx) {
  const orders = await readCounter(ctx, "backlog", "orders");
  const shipments = await readCounter(ctx, "backlog", "shipments");
  const byChannel = Object.entries(orders).map(([k, count]) => {
    const [status, channel] = split(k);
    return { status: status as OrderStatus, channel, count };
  });
  const rows = Object.entries(shipments).map(([k, count]) => {
    const [status, warehouseId] = split(k);
    return { status, warehouseId, count };
  });
  const codes = await warehouseCodes(
    ctx,
    rows.map((r) => r.warehouseId),
  );
  return { byChannel, byWarehouse: rows.map((r) => ({ ...r, warehouseCode: codes[r.warehouseId] })) };
}

function checkWindow(windowMinutes: number) {
  if (!Number.isInteger(windowMinutes) || windowMinutes < 0 || windowMinutes > 14 * 24 * 60) {
    throw appError("INVALID_INPUT", "The window is whole minutes, up to 14 days.", {
      windowMinutes: "0 to 20160 minutes.",
    });
  }
}

/**
 * Open orders whose deadline is past or within `windowMinutes` of now, most overdue first.
 * `nowBucket` is the client's clock rounded to 5 minutes (queries may not read the clock).
 */
export async function atRiskPage(
  ctx: QueryCtx,
  a: { nowBucket: number; windowMinutes: number; paginationOpts: PaginationOptions },
) {
  checkWindow(a.windowMinutes);
  const now = roundNow(a.nowBucket);
  const horizon = now + a.windowMinutes * MINUTE;
  const page = await ctx.db
    .query("openOrders")
    .withIndex("by_deadline", (q) => q.lte("deadline", horizon))
    .paginate(a.paginationOpts);
  const codes = await warehouseCodes(
    ctx,
    page.page.flatMap((r) => (r.warehouseId ? [r.warehouseId] : [])),
  );
  return mapPage(page, ({ warehouseId, ...row }) => ({
    ...omit(row, ["_id", "_creationTime", "placedAt"]),
    warehouseCode: warehouseId ? codes[warehouseId] : undefined,
    overdue: row.deadline <= now,
  }));
}

/** Unallocated demand per product, most units waiting first. */
export async function demandPage(ctx: QueryCtx, paginationOpts: PaginationOptions) {
  const page = await ctx.db.query("productDemand").withIndex("by_units").order("desc").paginate(paginationOpts);
  return mapPage(page, ({ _id, _creationTime, ...row }) => row);
}

/**
 * Metrics over the `days` UTC days ending today: KPI tiles over the whole span, a per-day series,
 * and orders placed per hour over the last 24 hours.
 */
export async function metricsBoard(ctx: QueryCtx, a: { nowBucket: number; days: number }) {
  if (!Number.isInteger(a.days) || a.days < 1 || a.days > 31)
    throw appError("INVALID_INPUT", "Show 1 to 31 days.", { days: "1 to 31." });
  const now = roundNow(a.nowBucket);
  const totals: Record<string, number> = {};
  const series = [];
  for (const day of dayKeysBack(now, a.days)) {
    const v = await readCounter(ctx, "metrics", day);
    for (const [k, n] of Object.entries(v)) totals[k] = (totals[k] ?? 0) + n;
    series.push({ day, ...kpis(v as MetricsTotals) });
  }
  const today = dayKey(now);
  const yesterday = dayKey(now - 24 * HOUR);
  const placed = {
    [yesterday]: await readCounter(ctx, "placed", yesterday),
    [today]: await readCounter(ctx, "placed", today),
  };
  const perHour = [];
  const thisHour = Math.floor(now / HOUR) * HOUR;
  for (let h = 23; h >= 0; h--) {
    const at = thisHour - h * HOUR;
    const hh = new Date(at).toISOString().slice(11, 13);
    perHour.push({ hour: at, orders: placed[dayKey(at)]?.[hh] ?? 0 });
  }
  return { totals: kpis(totals as MetricsTotals), series, perHour };
}

/** Pick lists per warehouse (open, in progress, done today) and who is on the lists in progress. */
export async function floorBoard(ctx: QueryCtx, a: { nowBucket: number }) {
  const now = roundNow(a.nowBucket);
  const lists = await readCounter(ctx, "floor", "lists");
  const done = await readCounter(ctx, "floor", `done:${dayKey(now)}`);
  const per = new Map<string, { open: number; inProgress: number; doneToday: number; unitsLeft: number }>();
  const row = (w: string) =>
    per.get(w) ?? (per.set(w, { open: 0, inProgress: 0, doneToday: 0, unitsLeft: 0 }), per.get(w)!);
  for (const [k, n] of Object.entries(lists)) {
    const [what, w] = split(k);
    if (what === "open") row(w).open += n;
    else if (what === "in_progress") row(w).inProgress += n;
    else row(w).unitsLeft += n;
  }
  for (const [w, n] of Object.entries(done)) row(w).doneToday += n;
  // Lists in progress are bounded by the people on the floor, not by orders.
  const active = await rowsBy(ctx, "pickLists", "by_status", "in_progress", { limit: 50 });
  const codes = await warehouseCodes(ctx, [...per.keys(), ...active.map((l) => l.warehouseId)]);
  return {
    warehouses: [...per.entries()].map(([warehouseId, r]) => ({
      warehouseId,
      warehouseCode: codes[warehouseId],
      ...r,
    })),
    active: active.map((l) => ({
      pickListId: l._id,
      warehouseCode: codes[l.warehouseId],
      ...pick(l, [...ACTIVE_LIST_FIELDS]),
    })),
  };
}

/**
 * Return ratio by SKU (units returned ÷ units shipped) with units back per reason, SKUs with the
 * most returned units first. One document per row.
 */
export async function returnsPage(ctx: QueryCtx, paginationOpts: PaginationOptions) {
  const page = await ctx.db
    .query("productShipments")
    .withIndex("by_returned", (q) => q.gt("returned", 0))
    .order("desc")
    .paginate(paginationOpts);
  return mapPage(page, (r) => ({
    productId: r.productId,
    sku: r.sku,
    shipped: r.shipped,
    returned: r.returned,
    ratio: r.shipped > 0 ? r.returned / r.shipped : null,
    byReason: Object.entries(r.reasons ?? {})
      .map(([reason, units]) => ({ reason, units, ratio: r.shipped > 0 ? units / r.shipped : null }))
      .sort((a, b) => b.units - a.units),
  }));
}
