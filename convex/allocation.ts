/**
 * Allocation API: allocate / re-allocate an order, the order's plan, the backorder queue, strategy
 * settings and the what-if simulation. Supervisors act; everyone on the floor can read.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { adminCommand, floorQuery, supervisorMutation, supervisorQuery } from "./functions";
import { allocateOrder, reallocateOrder } from "./model/allocation/allocate";
import { readSettings, setStrategy } from "./model/allocation/settings";
import { whatIf as runWhatIf } from "./model/allocation/whatif";
import { STRATEGIES, STRATEGY_NAMES } from "./lib/allocation/registry";
import { getOrderOrThrow } from "./model/orders/transition";
import { orderLinesOf, shipmentsOfOrder } from "./model/orders/lines";
import schema from "./schema";
import { vOrderStatus } from "./model/orders/tables";
import { vWhatIfResult } from "./model/allocation/tables";
import { mapPage } from "./lib/pages";
import { backordersOfLine } from "./model/allocation/apply";
import { rowsBy } from "./model/rows";

/** An allocation plan in figures (null when the order has nothing to allocate). */
const vPlanSummaryOrNull = v.union(
  v.null(),
  v.object({
    shipments: v.number(),
    sourceIds: v.array(v.string()),
    totalDistanceKm: v.union(v.null(), v.number()),
    split: v.boolean(),
    allocated: v.number(),
    dropshipped: v.number(),
    backordered: v.number(),
  }),
);

export const allocate = supervisorMutation({
  args: { orderId: v.id("orders"), strategy: v.optional(v.string()) },
  returns: vPlanSummaryOrNull,
  handler: async (ctx, { orderId, strategy }) => {
    const plan = await allocateOrder(ctx, ctx.actor, orderId, { strategy, reason: "Allocated on request" });
    return plan ? plan.summary : null;
  },
});

export const reallocate = supervisorMutation({
  args: { orderId: v.id("orders"), strategy: v.optional(v.string()) },
  returns: vPlanSummaryOrNull,
  handler: async (ctx, { orderId, strategy }) => {
    const plan = await reallocateOrder(ctx, ctx.actor, orderId, strategy);
    return plan ? plan.summary : null;
  },
});

/** The order's shipments (with source names) and its waiting backorders, for the allocation panel. */
export const orderPlan = floorQuery({
  args: { orderId: v.id("orders") },
  returns: v.object({
    shipments: v.array(
      v.object({ ...schema.doc("shipments").fields, warehouseCode: v.string(), warehouseName: v.string() }),
    ),
    backorders: v.array(v.object({ ...schema.doc("backorders").fields, sku: v.string(), position: v.number() })),
    strategy: v.string(),
    decision: v.union(
      v.null(),
      v.object({ at: v.number(), reason: v.optional(v.string()), details: v.array(v.string()), actorName: v.string() }),
    ),
  }),
  handler: async (ctx, { orderId }) => {
    const order = await getOrderOrThrow(ctx, orderId);
    const shipments = await shipmentsOfOrder(ctx, orderId);
    const withNames = await Promise.all(
      shipments.map(async (s) => {
        const w = await ctx.db.get("warehouses", s.warehouseId);
        return { ...s, warehouseCode: w?.code ?? "?", warehouseName: w?.name ?? "?" };
      }),
    );
    const settings = await readSettings(ctx);
    const lines = await orderLinesOf(ctx, orderId);
    const backorders = [];
    for (const line of lines) {
      for (const b of await backordersOfLine(ctx, line._id)) {
        // Rows served before this one: a better rank, or the same rank queued earlier (bounded count).
        const better = await ctx.db
          .query("backorders")
          .withIndex("by_productId_and_rank_and_queuedAt", (q) => q.eq("productId", b.productId).lt("rank", b.rank))
          .take(1000);
        const earlier = await ctx.db
          .query("backorders")
          .withIndex("by_productId_and_rank_and_queuedAt", (q) =>
            q.eq("productId", b.productId).eq("rank", b.rank).lt("queuedAt", b.queuedAt),
          )
          .take(1000);
        const position = better.length + earlier.length + 1;
        backorders.push({ ...b, sku: line.sku, position });
      }
    }
    // The reasons of the latest allocation decision, from the audit trail.
    const recent = await rowsBy(ctx, "orderEvents", "by_orderId", orderId, { limit: 30, order: "desc" });
    const decision = recent.find(
      (e) => (e.kind === "allocation" || (e.kind === "status" && e.from === "ready")) && e.details?.length,
    );
    return {
      shipments: withNames,
      backorders,
      strategy: settings.channelStrategies[order.channel] ?? settings.defaultStrategy,
      decision: decision
        ? { at: decision.at, reason: decision.reason, details: decision.details ?? [], actorName: decision.actorName }
        : null,
    };
  },
});

/** The backorder queue, served first to last: urgent first, then oldest. */
export const backorderQueue = floorQuery({
  args: { paginationOpts: paginationOptsValidator, productId: v.optional(v.id("products")) },
  returns: paginationResultValidator(
    v.object({
      ...schema.doc("backorders").fields,
      orderNumber: v.string(),
      orderStatus: v.optional(vOrderStatus),
      sku: v.string(),
      productName: v.string(),
    }),
  ),
  handler: async (ctx, { paginationOpts, productId }) => {
    const page = productId
      ? await ctx.db
          .query("backorders")
          .withIndex("by_productId_and_rank_and_queuedAt", (q) => q.eq("productId", productId))
          .paginate(paginationOpts)
      : await ctx.db.query("backorders").withIndex("by_rank_and_queuedAt").paginate(paginationOpts);
    return mapPage(page, async (b) => {
      const [order, line] = await Promise.all([
        ctx.db.get("orders", b.orderId),
        ctx.db.get("orderLines", b.orderLineId),
      ]);
      return {
        ...b,
        orderNumber: order?.number ?? "?",
        orderStatus: order?.status,
        sku: line?.sku ?? "?",
        productName: line?.name ?? "?",
      };
    });
  },
});

export const strategies = floorQuery({
  args: {},
  returns: v.object({
    available: v.array(v.object({ name: v.string(), label: v.string(), description: v.string() })),
    defaultStrategy: v.string(),
    channelStrategies: v.record(v.string(), v.string()),
  }),
  handler: async (ctx) => {
    const settings = await readSettings(ctx);
    return {
      available: STRATEGY_NAMES.map((name) => ({
        name,
        label: STRATEGIES[name].label,
        description: STRATEGIES[name].description,
      })),
      defaultStrategy: settings.defaultStrategy,
      channelStrategies: settings.channelStrategies,
    };
  },
});

export const setDefaultStrategy = adminCommand({ strategy: v.string() }, (ctx, { strategy }) =>
  setStrategy(ctx, ctx.actor, { known: STRATEGY_NAMES, strategy }),
);

export const setChannelStrategy = adminCommand(
  { channel: v.string(), strategy: v.union(v.string(), v.null()) },
  (ctx, { channel, strategy }) => setStrategy(ctx, ctx.actor, { known: STRATEGY_NAMES, channel, strategy }),
);

/** Side-effect-free simulation of a strategy over the backlog (up to `limit` orders). */
export const whatIf = supervisorQuery({
  args: { strategy: v.string(), limit: v.optional(v.number()) },
  returns: vWhatIfResult,
  handler: async (ctx, { strategy, limit }) => runWhatIf(ctx, strategy, Math.min(Math.max(limit ?? 200, 1), 500)),
});
