/**
 * What-if: runs a chosen strategy over the current backlog without writing anything and compares
 * with today's plans. The backlog's own reservations go back into a simulated pool, and orders are
 * planned oldest first against that pool, as a re-allocation of the whole backlog would.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { planOrder } from "./allocate";
import { readSettings } from "./settings";
import { ALLOCATION_STATUSES } from "../../lib/statusSets";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";
import type { PlanFigures, WhatIfResult } from "./tables";
import { takeBatch } from "../../lib/pages";

const zero = (): PlanFigures & { splitOrders: number } => ({
  shipments: 0,
  split: false,
  distanceKm: 0,
  backordered: 0,
  dropshipped: 0,
  splitOrders: 0,
});
const round = (n: number) => Math.round(n * 10) / 10;

export async function whatIf(ctx: QueryCtx, strategy: string, limit: number): Promise<WhatIfResult> {
  const settings = await readSettings(ctx);
  const per = Math.max(1, Math.ceil(limit / ALLOCATION_STATUSES.length));
  const batches = await Promise.all(
    ALLOCATION_STATUSES.map((status) =>
      takeBatch(
        ctx.db.query("orders").withIndex("by_status", (q) => q.eq("status", status)),
        per,
      ),
    ),
  );
  const truncated = batches.some((b) => b.more);
  const orders = batches.flatMap((b) => b.rows).sort((a, b) => b.priority - a.priority || a.placedAt - b.placedAt);

  // Current plans, and the reservations they hold (returned to the simulated pool).
  const released = new Map<string, number>();
  const current = new Map<string, PlanFigures>();
  const linesOf = new Map<string, Doc<"orderLines">[]>();
  for (const order of orders) {
    const shipments = (await shipmentsOfOrder(ctx, order._id)).filter((s) => s.status === "open");
    for (const s of shipments)
      for (const l of s.lines) if (l.levelId) released.set(l.levelId, (released.get(l.levelId) ?? 0) + l.quantity);
    const lines = await orderLinesOf(ctx, order._id);
    linesOf.set(order._id, lines);
    current.set(order._id, {
      shipments: shipments.length,
      split: shipments.length > 1,
      distanceKm: round(shipments.reduce((s, x) => s + (x.distanceKm ?? 0), 0)),
      backordered: lines.reduce((s, l) => s + l.backordered, 0),
      dropshipped: lines.reduce((s, l) => s + l.dropshipped, 0),
    });
  }

  const used = new Map<string, number>();
  const result: WhatIfResult = {
    strategy,
    ordersCompared: orders.length,
    truncated,
    current: zero(),
    simulated: zero(),
    changed: [],
  };
  for (const order of orders) {
    // Every open unit of the order is re-planned: what is allocated, waiting or not yet decided.
    const lines = linesOf
      .get(order._id)!
      .map((l) => ({ ...l, unallocated: l.unallocated + l.allocated - l.picked + l.backordered + l.dropshipped }));
    const { plan, levels } = await planOrder(ctx, order, {
      lines,
      settings,
      strategy,
      available: (level) => level.onHand - level.reserved + (released.get(level._id) ?? 0) - (used.get(level._id) ?? 0),
    });
    for (const lp of plan.lines) {
      for (const d of lp.draws) {
        if (d.source !== "stock") continue;
        const level = [...levels.values()].find((l) => l.warehouseId === d.sourceId && l.productId === lp.productId)!;
        used.set(level._id, (used.get(level._id) ?? 0) + d.quantity);
      }
    }
    const sim: PlanFigures = {
      shipments: plan.summary.shipments,
      split: plan.summary.split,
      distanceKm: round(plan.summary.totalDistanceKm ?? 0),
      backordered: plan.summary.backordered,
      dropshipped: plan.summary.dropshipped,
    };
    const cur = current.get(order._id)!;
    for (const [total, f] of [
      [result.current, cur],
      [result.simulated, sim],
    ] as const) {
      total.shipments += f.shipments;
      total.distanceKm = round(total.distanceKm + f.distanceKm);
      total.backordered += f.backordered;
      total.dropshipped += f.dropshipped;
      if (f.split) total.splitOrders += 1;
    }
    if (
      cur.shipments !== sim.shipments ||
      cur.backordered !== sim.backordered ||
      cur.dropshipped !== sim.dropshipped ||
      Math.abs(cur.distanceKm - sim.distanceKm) >= 1
    ) {
      if (result.changed.length < 100)
        result.changed.push({
          orderId: order._id,
          number: order.number,
          current: cur,
          simulated: sim,
          reasons: plan.reasons,
        });
    }
  }
  return result;
}
