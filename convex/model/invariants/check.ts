/**
 * The one truth check (DESIGN invariants 1–3, 6, 8, 9), read-only. The database is read in pages,
 * one check (table) at a time; each page proves what its own rows can prove through indexes and
 * reports `sums` for what needs another table (reserved vs shipment lines, an order line's
 * allocation vs its shipments, its backordered units vs the backorder queue). `mergeReport` adds
 * the sums of every page: a key that does not come to zero is a broken invariant, and its value is
 * by how much.
 *
 * Invariants, by name (README "Inventory truth"):
 *   level.bounds         0 ≤ reserved ≤ onHand, damaged ≥ 0, all safe integers within MAX_LEVEL_UNITS
 *   ledger.movement      every movement a safe integer within MAX_MOVEMENT_QUANTITY (so sums are exact in any order)
 *   ledger.onHand        onHand = Σ movements' onHandDelta
 *   ledger.damaged       damaged = Σ movements' damagedDelta
 *   level.reserved       reserved = Σ unshipped stock lines of live shipments at that level
 *   line.arithmetic      ordered = unallocated + allocated + backordered + dropshipped + cancelled; picked, shipped ≤ allocated + dropshipped; returned ≤ shipped
 *   line.allocated       allocated = Σ stock lines of the line on live or shipped shipments
 *   line.dropshipped     dropshipped = Σ dropship lines of the line on live or shipped shipments
 *   line.backordered     backordered = Σ the line's rows in the backorder queue
 *   order.status         the order's status agrees with its lines
 *   order.hold           on hold ⇔ an open blocking order-scope hold in the exception queue
 *   shipment.lines       shipment lines hold whole units, picked ≤ quantity, live shipments with a level for stock
 *   label.once           at most one live label per package
 *   label.postage        a shipment's postage = its live labels (count and cost)
 *   order.refunds        an order's cancelRefundsMinor = Σ its cancellation refunds (where the order keeps it)
 *   level.layers         Σ units left in a level's FIFO cost layers ≤ its onHand (units that leave take their
 *                        layers with them; stock with no layer, as a test or an old count left it, is costed at standard cost)
 */
import type { PaginationOptions } from "convex/server";
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { lineProblems, statusFromLines } from "../../lib/lines";
import { MAX_LEVEL_UNITS, MAX_MOVEMENT_QUANTITY } from "../../lib/bounds";
import { isOpenShipment, LIVE_LABEL_STATUSES, STANDING_LABEL_STATUSES } from "../../lib/statusSets";
import { orderLinesOf } from "../orders/lines";
import { MAX_ORDER_LINES } from "../../lib/bounds";
import { labelsOf } from "../shipping/context";
import { postageOf } from "../shipping/spend";
import { openHolds } from "../holds/holds";
import { countOf } from "../../lib/count";

export const INVARIANT_CHECKS = [
  "levels",
  "orders",
  "orderLines",
  "shipments",
  "backorders",
  "refunds",
  "costLayers",
] as const;
export type InvariantCheck = (typeof INVARIANT_CHECKS)[number];

export type Violation = {
  /** Which invariant broke (see the list above). */
  invariant: string;
  /** Where: the table and row, with a human handle (SKU, order number). */
  where: string;
  /** By how much, when the invariant is an equation (left − right). */
  by?: number;
  message: string;
};

export type PageResult = {
  violations: Violation[];
  sums: Record<string, number>;
  labels: Record<string, string>;
  checked: number;
  continueCursor: string;
  isDone: boolean;
};

const isSafeCount = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_LEVEL_UNITS;

/** One page of one check. */
export async function checkPage(ctx: QueryCtx, check: InvariantCheck, page: PaginationOptions): Promise<PageResult> {
  const violations: Violation[] = [];
  const sums: Record<string, number> = {};
  const labels: Record<string, string> = {};
  const add = (key: string, n: number, label: string) => {
    sums[key] = (sums[key] ?? 0) + n;
    labels[key] ??= label;
  };
  let result: { page: unknown[]; continueCursor: string; isDone: boolean };
  switch (check) {
    case "levels": {
      const r = await ctx.db.query("inventoryLevels").paginate(page);
      for (const level of r.page) violations.push(...(await levelViolations(ctx, level)));
      for (const level of r.page) add(`reserved:${level._id}`, -level.reserved, `level ${level._id}`);
      for (const level of r.page)
        add(
          `layers:${level.productId}:${level.warehouseId}`,
          -level.onHand,
          `inventoryLevels ${level._id} (onHand ${level.onHand})`,
        );
      result = r;
      break;
    }
    case "orders": {
      const r = await ctx.db.query("orders").paginate(page);
      for (const order of r.page) violations.push(...(await orderViolations(ctx, order)));
      // An order refunded before it kept the sum (`cancelRefundsMinor`) has none to compare.
      for (const o of r.page.filter((o) => o.cancelRefundsMinor !== undefined))
        add(`refund:${o._id}`, o.cancelRefundsMinor!, `orders ${o._id} (${o.number})`);
      result = r;
      break;
    }
    case "orderLines": {
      const r = await ctx.db.query("orderLines").paginate(page);
      for (const line of r.page) {
        const where = `orderLines ${line._id} (${line.sku})`;
        for (const message of lineProblems(line)) violations.push({ invariant: "line.arithmetic", where, message });
        add(`alloc:${line._id}`, -line.allocated, where);
        add(`drop:${line._id}`, -line.dropshipped, where);
        add(`bo:${line._id}`, -line.backordered, where);
      }
      result = r;
      break;
    }
    case "shipments": {
      const r = await ctx.db.query("shipments").paginate(page);
      for (const s of r.page) {
        violations.push(...(await labelViolations(ctx, s)));
        if (s.status === "cancelled") continue;
        for (const l of s.lines) {
          const where = `shipments ${s._id} (${s.number}, ${l.sku})`;
          if (!isSafeCount(l.quantity) || !isSafeCount(l.picked) || l.picked > l.quantity) {
            violations.push({
              invariant: "shipment.lines",
              where,
              message: `quantity ${l.quantity}, picked ${l.picked}: whole units with picked ≤ quantity expected`,
            });
          }
          if (s.source === "stock" && !l.levelId)
            violations.push({ invariant: "shipment.lines", where, message: "a stock line without a stock level" });
          if (s.source === "stock") add(`alloc:${l.orderLineId}`, l.quantity, `orderLines ${l.orderLineId} (${l.sku})`);
          else add(`drop:${l.orderLineId}`, l.quantity, `orderLines ${l.orderLineId} (${l.sku})`);
          if (l.levelId && isOpenShipment(s.status)) add(`reserved:${l.levelId}`, l.quantity, `level ${l.levelId}`);
        }
      }
      result = r;
      break;
    }
    case "backorders": {
      const r = await ctx.db.query("backorders").paginate(page);
      for (const b of r.page) {
        if (!Number.isSafeInteger(b.quantity) || b.quantity <= 0) {
          violations.push({
            invariant: "line.backordered",
            where: `backorders ${b._id}`,
            message: `queued quantity ${b.quantity} is not a positive whole number`,
          });
        }
        add(`bo:${b.orderLineId}`, b.quantity, `orderLines ${b.orderLineId}`);
      }
      result = r;
      break;
    }
    case "refunds": {
      const r = await ctx.db.query("cancellationRefunds").paginate(page);
      for (const refund of r.page) {
        const order = await ctx.db.get("orders", refund.orderId);
        if (order?.cancelRefundsMinor !== undefined)
          add(`refund:${refund.orderId}`, -refund.amountMinor, `orders ${refund.orderId} (${refund.orderNumber})`);
      }
      result = r;
      break;
    }
    case "costLayers": {
      const r = await ctx.db.query("costLayers").paginate(page);
      for (const l of r.page)
        add(
          `layers:${l.productId}:${l.warehouseId}`,
          l.quantityRemaining,
          `costLayers ${l.productId} at ${l.warehouseId}`,
        );
      result = r;
      break;
    }
  }
  return {
    violations,
    sums,
    labels,
    checked: result.page.length,
    continueCursor: result.continueCursor,
    isDone: result.isDone,
  };
}

/** Ledger and bounds of one level (reads its movements over by_levelId). */
export async function levelViolations(ctx: QueryCtx, level: Doc<"inventoryLevels">): Promise<Violation[]> {
  const out: Violation[] = [];
  const where = `inventoryLevels ${level._id}`;
  let onHand = 0;
  let damaged = 0;
  for await (const m of ctx.db.query("inventoryMovements").withIndex("by_levelId", (q) => q.eq("levelId", level._id))) {
    for (const delta of [m.onHandDelta, m.damagedDelta]) {
      if (!Number.isSafeInteger(delta) || Math.abs(delta) > MAX_MOVEMENT_QUANTITY) {
        out.push({
          invariant: "ledger.movement",
          where: `inventoryMovements ${m._id} (${m.kind})`,
          message: `delta ${delta} is not a whole number within ±${MAX_MOVEMENT_QUANTITY}`,
        });
      }
    }
    onHand += m.onHandDelta;
    damaged += m.damagedDelta;
  }
  if (
    !isSafeCount(level.onHand) ||
    !isSafeCount(level.reserved) ||
    !isSafeCount(level.damaged) ||
    level.reserved > level.onHand
  ) {
    out.push({
      invariant: "level.bounds",
      where,
      by: level.reserved > level.onHand ? level.reserved - level.onHand : undefined,
      message: `onHand ${level.onHand}, reserved ${level.reserved}, damaged ${level.damaged}: 0 ≤ reserved ≤ onHand ≤ ${MAX_LEVEL_UNITS} expected`,
    });
  }
  if (onHand !== level.onHand)
    out.push({
      invariant: "ledger.onHand",
      where,
      by: level.onHand - onHand,
      message: `onHand ${level.onHand} ≠ Σ movements ${onHand}`,
    });
  if (damaged !== level.damaged)
    out.push({
      invariant: "ledger.damaged",
      where,
      by: level.damaged - damaged,
      message: `damaged ${level.damaged} ≠ Σ damage movements ${damaged}`,
    });
  return out;
}

/** Status ⇔ lines, and on hold ⇔ an open blocking order-scope hold. */
export async function orderViolations(ctx: QueryCtx, order: Doc<"orders">): Promise<Violation[]> {
  const out: Violation[] = [];
  const where = `orders ${order._id} (${order.number}, ${order.status})`;
  const holds = await openHolds(ctx, order._id);
  const blocking = holds.filter((h) => h.blocking && h.scope === "order").length;
  if (order.status === "on_hold" && blocking === 0)
    out.push({ invariant: "order.hold", where, message: "on hold, but no open blocking hold in the exception queue" });
  if (order.status !== "on_hold" && blocking > 0)
    out.push({
      invariant: "order.hold",
      where,
      by: blocking,
      message: `${countOf(blocking, "open blocking hold")}, but the order is not on hold`,
    });

  const lines = await orderLinesOf(ctx, order._id, MAX_ORDER_LINES + 1);
  const status = order.status === "on_hold" ? (order.heldFrom ?? "pending") : order.status;
  const sum = (f: (l: Doc<"orderLines">) => number) => lines.reduce((s, l) => s + f(l), 0);
  const committed = sum((l) => l.allocated + l.dropshipped + l.backordered);
  const bad = (message: string) => out.push({ invariant: "order.status", where, message });
  if (lines.length === 0) bad("an order without lines");
  switch (status) {
    case "pending":
    case "ready":
      if (committed > 0 && sum((l) => l.unallocated) === 0)
        bad(`nothing left to allocate (${committed} units committed) yet ${status}`);
      break;
    case "allocated":
    case "partially_allocated":
    case "backordered": {
      const implied = statusFromLines(lines);
      if (implied !== status) bad(`lines imply ${implied ?? "an undecided allocation"}`);
      break;
    }
    case "cancelled":
      if (lines.some((l) => l.unallocated > 0 || l.backordered > 0 || l.allocated + l.dropshipped > l.shipped))
        bad("cancelled, but units are still allocated or waiting");
      break;
    case "shipped":
    case "delivered":
    case "closed":
      if (lines.some((l) => l.unallocated > 0 || l.backordered > 0 || l.shipped < l.allocated + l.dropshipped))
        bad(`${status}, but some units are not shipped`);
      break;
    case "partially_shipped":
      if (sum((l) => l.shipped) === 0) bad("partially shipped, but no unit shipped");
      break;
    case "picking":
    case "packed":
      if (sum((l) => l.allocated + l.dropshipped) === 0) bad(`${status}, but no unit is allocated`);
      break;
  }
  return out;
}

/** One live label per package; the shipment's postage row = its live labels. */
async function labelViolations(ctx: QueryCtx, s: Doc<"shipments">): Promise<Violation[]> {
  const out: Violation[] = [];
  const labels = await labelsOf(ctx, s._id);
  if (labels.length === 0) return out;
  const live = labels.filter((l) => LIVE_LABEL_STATUSES.includes(l.status));
  const perPackage = new Map<string, number>();
  for (const l of live) perPackage.set(l.packageId, (perPackage.get(l.packageId) ?? 0) + 1);
  for (const [packageId, n] of perPackage) {
    if (n > 1)
      out.push({
        invariant: "label.once",
        where: `packages ${packageId} (${s.number})`,
        by: n - 1,
        message: `${n} live labels for one package`,
      });
  }
  const charged = labels.filter((l) => STANDING_LABEL_STATUSES.includes(l.status));
  const postage = await postageOf(ctx, s._id);
  const cost = charged.reduce((sum, l) => sum + (l.costMinor ?? 0), 0);
  if ((postage?.labels ?? 0) !== charged.length || (postage?.costMinor ?? 0) !== cost) {
    out.push({
      invariant: "label.postage",
      where: `shipments ${s._id} (${s.number})`,
      by: (postage?.costMinor ?? 0) - cost,
      message: `postage says ${countOf(postage?.labels ?? 0, "label")} for ${postage?.costMinor ?? 0}; the live labels are ${charged.length} for ${cost}`,
    });
  }
  return out;
}

/** What each sum key proves; `atMost` sums are broken only above zero (left ≤ right), the others unless zero. */
const SUM_INVARIANT: Record<string, { invariant: string; what: string; atMost?: true }> = {
  reserved: { invariant: "level.reserved", what: "Σ unshipped lines of live shipments − reserved" },
  alloc: { invariant: "line.allocated", what: "Σ stock shipment lines − allocated" },
  drop: { invariant: "line.dropshipped", what: "Σ dropship shipment lines − dropshipped" },
  bo: { invariant: "line.backordered", what: "Σ backorder queue rows − backordered" },
  refund: { invariant: "order.refunds", what: "cancelRefundsMinor − Σ cancellation refunds" },
  layers: { invariant: "level.layers", what: "Σ units in cost layers − onHand", atMost: true },
};

/** Adds the pages of every check into one report. */
export function mergeReport(pages: PageResult[]): { violations: Violation[]; checked: number } {
  const violations = pages.flatMap((p) => p.violations);
  const sums = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const p of pages) {
    for (const [k, n] of Object.entries(p.sums)) sums.set(k, (sums.get(k) ?? 0) + n);
    for (const [k, l] of Object.entries(p.labels)) if (!labels.has(k) || l.includes("(")) labels.set(k, l);
  }
  for (const [key, n] of sums) {
    const kind = SUM_INVARIANT[key.split(":")[0]];
    if (n === 0 || (kind.atMost && n < 0)) continue;
    violations.push({
      invariant: kind.invariant,
      where: labels.get(key) ?? key,
      by: n,
      message: `${kind.what} = ${n}`,
    });
  }
  return { violations, checked: pages.reduce((s, p) => s + p.checked, 0) };
}
