/**
 * Live boards for supervisors. Every figure is an aggregate kept by the board triggers in the same
 * transaction as the change (model/boards), so each query reads a bounded number of documents
 * whatever the number of orders. Queries never read the clock: the client passes `nowBucket`, its
 * clock rounded down to 5 minutes, and re-subscribes when the bucket moves.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { omit, pick } from "convex-helpers";
import schema from "./schema";
import { internal } from "./_generated/api";
import { internalMutation, supervisorQuery } from "./functions";
import {
  ACTIVE_LIST_FIELDS,
  atRiskPage,
  backlogBoard,
  demandPage,
  floorBoard,
  metricsBoard,
  returnsPage,
} from "./model/boards/read";
import { rebuildStep, REBUILD_PHASES } from "./model/boards/rebuild";
import { refreshWarehouseDeadlines } from "./model/boards/deadlines";
import { spendBoard } from "./model/boards/spend";
import { vOrderStatus } from "./model/orders/tables";

const { tables } = schema;
/** A rate is null when its denominator is zero. */
const vRate = v.union(v.null(), v.number());
/** The KPI tiles of a span of days (lib/boards kpis). */
const vKpis = {
  ordersShipped: v.number(),
  avgCycleMs: vRate,
  fillRate: vRate,
  perfectOrderRate: vRate,
  splitShipmentRatio: vRate,
};

/** Open orders by status × channel, open shipments by status × warehouse. */
export const backlog = supervisorQuery({
  args: {},
  returns: v.object({
    byChannel: v.array(v.object({ status: vOrderStatus, channel: v.string(), count: v.number() })),
    byWarehouse: v.array(
      v.object({ warehouseCode: v.string(), status: v.string(), warehouseId: v.string(), count: v.number() }),
    ),
  }),
  handler: async (ctx) => backlogBoard(ctx),
});

/** Open orders past or near their deadline (ship-by or SLA, before the warehouse cutoff). */
export const atRisk = supervisorQuery({
  args: { nowBucket: v.number(), windowMinutes: v.number(), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(
    v.object({
      ...omit(tables.openOrders.validator.fields, ["placedAt", "warehouseId"]),
      warehouseCode: v.optional(v.string()),
      overdue: v.boolean(),
    }),
  ),
  handler: async (ctx, args) => atRiskPage(ctx, args),
});

/** Units waiting for stock or for a decision, per product, most first. */
export const unallocatedDemand = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(tables.productDemand.validator),
  handler: async (ctx, { paginationOpts }) => demandPage(ctx, paginationOpts),
});

/** Cycle time, fill rate, perfect order rate, split shipments and orders per hour. */
export const metrics = supervisorQuery({
  args: { nowBucket: v.number(), days: v.number() },
  returns: v.object({
    totals: v.object(vKpis),
    series: v.array(v.object({ ...vKpis, day: v.string() })),
    perHour: v.array(v.object({ hour: v.number(), orders: v.number() })),
  }),
  handler: async (ctx, args) => metricsBoard(ctx, args),
});

/** Return ratio by SKU and reason (units back ÷ units shipped), most returned first. */
export const returnsBySku = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(
    v.object({
      ...pick(tables.productShipments.validator.fields, ["productId", "sku", "shipped", "returned"]),
      ratio: vRate,
      byReason: v.array(v.object({ reason: v.string(), units: v.number(), ratio: vRate })),
    }),
  ),
  handler: async (ctx, { paginationOpts }) => returnsPage(ctx, paginationOpts),
});

/** Pick lists open, in progress and done today per warehouse, with who is on them. */
export const floor = supervisorQuery({
  args: { nowBucket: v.number() },
  returns: v.object({
    warehouses: v.array(
      v.object({
        open: v.number(),
        inProgress: v.number(),
        doneToday: v.number(),
        unitsLeft: v.number(),
        warehouseId: v.string(),
        warehouseCode: v.string(),
      }),
    ),
    active: v.array(
      v.object({
        pickListId: v.id("pickLists"),
        warehouseCode: v.string(),
        ...pick(tables.pickLists.validator.fields, [...ACTIVE_LIST_FIELDS]),
      }),
    ),
  }),
  handler: async (ctx, args) => floorBoard(ctx, args),
});

/** Postage and savings against the dearest quote, per day × carrier × service, over recent weeks. */
export const carrierSpend = supervisorQuery({
  args: { nowBucket: v.number(), weeks: v.number() },
  returns: v.object({
    weeks: v.array(v.string()),
    from: v.string(),
    to: v.string(),
    days: v.array(v.object({ ...omit(tables.carrierSpend.validator.fields, ["voids"]), savingsMinor: v.number() })),
  }),
  handler: async (ctx, args) => spendBoard(ctx, args),
});

const vPhase = literals(...REBUILD_PHASES);

/**
 * Recomputes every board aggregate from the source tables, one page per transaction, scheduling
 * itself until done. `npx convex run boards:rebuildAggregates` starts it from the beginning.
 */
export const rebuildAggregates = internalMutation({
  args: { phase: v.optional(vPhase), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { phase, cursor }) => {
    const next = await rebuildStep(ctx, { phase: phase ?? "clear", cursor: cursor ?? null });
    if (next) await ctx.scheduler.runAfter(0, internal.boards.rebuildAggregates, next);
    return next;
  },
});

/** One rebuild page without scheduling the next (tests and scripts drive the loop). */
export const rebuildPage = internalMutation({
  args: { phase: vPhase, cursor: v.union(v.string(), v.null()) },
  handler: async (ctx, step) => rebuildStep(ctx, step),
});

/** Continues re-computing deadlines after a warehouse's cutoff or time zone changed. */
export const refreshDeadlines = internalMutation({
  args: { warehouseId: v.id("warehouses"), cursor: v.string() },
  handler: async (ctx, { warehouseId, cursor }) => {
    const next = await refreshWarehouseDeadlines(ctx, warehouseId, cursor);
    if (next) await ctx.scheduler.runAfter(0, internal.boards.refreshDeadlines, { warehouseId, cursor: next });
    return null;
  },
});
