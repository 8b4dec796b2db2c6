/**
 * allocateOrder: one serializable mutation step that reads the levels it plans against, runs the
 * chosen pure strategy (lib/allocation), reserves (never above on hand), creates one shipment per
 * source, queues backorders, moves the order's status and writes the plan's reasons on its trail.
 * Reads ≈ 1 order + L lines + 1 settings + levels; writes ≈ 2 + 3 per allocated line.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { STATUS_LABELS } from "../../lib/orderStatus";
import type { AllocationPlan, CandidateSource, SourceStock } from "../../lib/allocation/types";
import { strategyOrThrow } from "../../lib/allocation/registry";
import { getOrderOrThrow, transitionOrder } from "../orders/transition";
import { settleOrderStatus } from "../orders/settle";
import { backordersOfLine, queueBackorder } from "./apply";
import { addUnits, cancelOpenShipments } from "./shipmentLines";
import { openLayers } from "../inventory/costLayers";
import { postcodePoint } from "../geo/lookup";
import { readSettings, strategyFor, type AllocationSettings } from "./settings";
import { ALLOCATABLE_ORDER_STATUSES, ALLOCATION_STATUSES } from "../../lib/statusSets";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";
import { capStoreStock, countStoreDraws, eligibleSources, holdShortPickup } from "../pickup/allocation";
import type { ActorOrSystem } from "../audit/record";
import { levelsOfProduct } from "../inventory/ledger";
import { rowsBy } from "../rows";

/** Statuses from which an order's unallocated units may be allocated. */

export type PlanContext = {
  order: Doc<"orders">;
  lines: Doc<"orderLines">[];
  levels: Map<string, Doc<"inventoryLevels">>;
  plan: AllocationPlan;
  strategy: string;
};

/** Every level of the products, one index range per product (≤ one row per warehouse). */
async function levelsOf(ctx: QueryCtx, productIds: Id<"products">[]) {
  const all = await Promise.all(productIds.map((productId) => levelsOfProduct(ctx, productId)));
  return all.flat();
}

/**
 * Builds the strategy's input from the database and plans. `availableOverride` lets the what-if
 * plan against simulated availability instead of the live levels. Reads only; writes nothing.
 */
export async function planOrder(
  ctx: QueryCtx,
  order: Doc<"orders">,
  {
    lines,
    settings,
    ...opts
  }: {
    lines: Doc<"orderLines">[];
    settings: AllocationSettings;
    strategy?: string;
    available?: (level: Doc<"inventoryLevels">) => number;
  },
): Promise<PlanContext> {
  const strategy = opts.strategy ?? strategyFor(settings, order.channel);
  const definition = strategyOrThrow(strategy);
  const open = lines.filter((l) => l.unallocated > 0);
  // Pickup orders see only their store; stores ship only when switched on, within capacity (model/pickup).
  const eligible = await eligibleSources(ctx, order, settings.sources);
  settings = { ...settings, sources: eligible.sources };
  const productIds = [...new Set(open.map((l) => l.productId))];
  const levels = await levelsOf(ctx, productIds);
  const levelById = new Map(levels.map((l) => [l._id as string, l]));
  const wantsLayers = strategy === "fifo_cost";
  const stockBySource = new Map<string, Map<string, SourceStock>>();
  for (const level of levels) {
    const available = opts.available ? opts.available(level) : level.onHand - level.reserved;
    let costLayers;
    if (wantsLayers) {
      const layers = await openLayers(ctx, level.productId, level.warehouseId, 50);
      costLayers = layers.map((c) => ({
        receivedAt: c.receivedAt,
        quantity: c.quantityRemaining,
        unitCostMinor: c.unitCostMinor,
      }));
    }
    const bySource = stockBySource.get(level.warehouseId) ?? new Map<string, SourceStock>();
    bySource.set(level.productId, { available: Math.max(0, available), costLayers });
    stockBySource.set(level.warehouseId, bySource);
  }
  for (const [storeId, cap] of eligible.unitCaps) {
    const stock = stockBySource.get(storeId);
    if (stock) capStoreStock(stock, open, cap);
  }
  // Dropship supplier lists are read only for products own stock cannot cover.
  const need = new Map<string, number>();
  for (const l of open) need.set(l.productId, (need.get(l.productId) ?? 0) + l.unallocated);
  const short = productIds.filter((p) => {
    let have = 0;
    for (const s of settings.sources)
      if (s.kind !== "dropship") have += stockBySource.get(s.warehouseId)?.get(p)?.available ?? 0;
    return have < need.get(p)!;
  });
  const hasSuppliers = settings.sources.some((s) => s.kind === "dropship");
  if (hasSuppliers) {
    for (const productId of short) {
      for (const sp of await rowsBy(ctx, "supplierProducts", "by_productId", productId, { limit: 20 })) {
        const bySource = stockBySource.get(sp.supplierId) ?? new Map<string, SourceStock>();
        bySource.set(productId, { available: Number.POSITIVE_INFINITY });
        stockBySource.set(sp.supplierId, bySource);
      }
    }
  }
  const sources: CandidateSource[] = settings.sources.map((s) => ({
    sourceId: s.warehouseId,
    kind: s.kind,
    code: s.code,
    lat: s.latitude,
    lng: s.longitude,
    priority: s.priority,
    leadTimeDays: s.leadTimeDays,
    stock: stockBySource.get(s.warehouseId) ?? new Map(),
  }));
  // Distances from the postcodes table (a row for the destination's postcode), else the country's centroid.
  const point = await postcodePoint(ctx, order.shipTo.country, order.shipTo.postalCode);
  const plan = definition.plan(
    {
      lines: open.map((l) => ({ lineId: l._id, productId: l.productId, quantity: l.unallocated, sku: l.sku })),
      destination: {
        country: order.shipTo.country,
        postalCode: order.shipTo.postalCode,
        ...(point ? { lat: point.lat, lng: point.lng } : {}),
      },
      priority: order.priority,
    },
    sources,
  );
  return { order, lines, levels: levelById, plan, strategy };
}

/**
 * Allocates the order's unallocated units and applies the plan atomically. Returns the plan.
 * Reservations re-check availability on the level read in this same transaction, so two orders
 * racing for the last unit conflict and retry; neither oversells.
 */
export async function allocateOrder(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  orderId: Id<"orders">,
  opts: { strategy?: string; reason?: string } = {},
) {
  const order = await getOrderOrThrow(ctx, orderId);
  if (!ALLOCATABLE_ORDER_STATUSES.includes(order.status)) {
    throw appError(
      "INVALID_TRANSITION",
      `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()} and cannot be allocated now.`,
    );
  }
  const lines = await orderLinesOf(ctx, orderId);
  if (!lines.some((l) => l.unallocated > 0)) return null;
  const settings = await readSettings(ctx);
  const planned = await planOrder(ctx, order, { lines, settings, strategy: opts.strategy });
  // A pickup order is filled by its store in full or not at all (model/pickup/allocation).
  if (order.pickupStoreId && planned.plan.summary.backordered > 0) {
    await holdShortPickup(ctx, actor, order, planned.plan);
    return planned.plan;
  }
  await applyPlan(ctx, actor, planned, opts.reason ?? `Allocated by ${planned.strategy}`);
  await countStoreDraws(ctx, { order, plan: planned.plan, sources: settings.sources });
  return planned.plan;
}

async function applyPlan(ctx: MutationCtx, actor: ActorOrSystem, p: PlanContext, reason: string) {
  const { order, plan } = p;
  const lineById = new Map(p.lines.map((l) => [l._id as string, l]));
  const shipments = await shipmentsOfOrder(ctx, order._id);
  for (const lp of plan.lines) {
    const line = lineById.get(lp.lineId)!;
    for (const draw of lp.draws) {
      let levelId: Id<"inventoryLevels"> | undefined;
      if (draw.source === "stock") {
        const level = [...p.levels.values()].find(
          (l) => l.warehouseId === draw.sourceId && l.productId === line.productId,
        );
        if (!level || level.onHand - level.reserved < draw.quantity) {
          throw appError("INSUFFICIENT_STOCK", `Stock of ${line.sku} changed while allocating; try again.`);
        }
        p.levels.set(level._id, { ...level, reserved: level.reserved + draw.quantity });
        levelId = level._id;
      }
      // The one writer of shipment lines reserves the units through the ledger.
      await addUnits(ctx, order, shipments, {
        warehouseId: draw.sourceId as Id<"warehouses">,
        source: draw.source,
        line,
        quantity: draw.quantity,
        levelId,
        distanceKm: draw.distanceKm ?? undefined,
        strategy: p.strategy,
      });
    }
    if (lp.backordered > 0) {
      await queueBackorder(ctx, { order, line, quantity: lp.backordered });
    }
    const updated = {
      ...line,
      unallocated: line.unallocated - lp.allocated - lp.dropshipped - lp.backordered,
      allocated: line.allocated + lp.allocated,
      dropshipped: line.dropshipped + lp.dropshipped,
      backordered: line.backordered + lp.backordered,
    };
    await ctx.db.patch("orderLines", line._id, {
      unallocated: updated.unallocated,
      allocated: updated.allocated,
      dropshipped: updated.dropshipped,
      backordered: updated.backordered,
    });
    lineById.set(line._id, updated);
  }
  await settleOrderStatus(ctx, actor, order._id, {
    reason,
    details: plan.reasons,
    current: order,
    lines: [...lineById.values()],
  });
}

/**
 * Re-allocation after a cancel, a hold release or a strategy change: releases every unpicked
 * reservation and waiting backorder of the order, returns those units to unallocated, and plans
 * again. Only before picking starts.
 */
export async function reallocateOrder(ctx: MutationCtx, actor: Actor, orderId: Id<"orders">, strategy?: string) {
  const order = await getOrderOrThrow(ctx, orderId);
  if (!ALLOCATION_STATUSES.includes(order.status)) {
    throw appError(
      "INVALID_TRANSITION",
      `Order ${order.number} is ${STATUS_LABELS[order.status].toLowerCase()}; only orders not yet being picked can be re-allocated.`,
    );
  }
  if (strategy !== undefined) strategyOrThrow(strategy);
  await cancelOpenShipments(ctx, orderId);
  const lines = await orderLinesOf(ctx, orderId);
  for (const line of lines) {
    for (const b of await backordersOfLine(ctx, line._id)) {
      await ctx.db.delete("backorders", b._id);
    }
    const back = line.allocated + line.backordered + line.dropshipped;
    if (back > 0)
      await ctx.db.patch("orderLines", line._id, {
        unallocated: line.unallocated + back,
        allocated: 0,
        backordered: 0,
        dropshipped: 0,
      });
  }
  if (order.status !== "ready")
    await transitionOrder(ctx, actor, orderId, { to: "ready", reason: "Re-allocation: reservations released" });
  return allocateOrder(ctx, actor, orderId, {
    strategy,
    reason: `Re-allocated by ${strategy ?? "the channel's strategy"}`,
  });
}
