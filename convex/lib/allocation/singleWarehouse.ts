/**
 * Single-warehouse preference: fewest shipments first, then distance. A stock source that can
 * ship the whole order wins, the nearest of those, even past nearer sources that have only part of
 * it. When none can, sources are chosen greedily — each time the one covering the most of the
 * units still open (nearest, then priority and code on a tie) — which keeps the number of
 * shipments small. Dropship and backorder are the common fallback (fallback.ts).
 */
import { PlanBuilder } from "./builder";
import { listCodes } from "./sources";
import type { AllocationOrder, AllocationPlan, CandidateSource } from "./types";
import { countOf } from "../count";

/** Registry name of this strategy. */
export const SINGLE_WAREHOUSE = "single_warehouse";

/** Plans an order to ship from as few sources as possible. Pure and deterministic. */
export function planSingleWarehouse(order: AllocationOrder, sources: readonly CandidateSource[]): AllocationPlan {
  const b = new PlanBuilder(SINGLE_WAREHOUSE, order, sources);
  const whole = b.wholeOrderSources();
  if (whole.length > 0) {
    const i = whole[0];
    const why =
      whole.length === 1
        ? "the only source that can ship the whole order"
        : `nearest of ${whole.length} sources that can ship the whole order`;
    const nearer = b.nearest().slice(0, b.nearest().indexOf(i));
    if (nearer.length > 0) {
      const gaps = nearer.slice(0, 3).map((k) => `${b.where(k)} is short of ${gapsOf(b, k)}`);
      const more = nearer.length > 3 ? `; ${nearer.length - 3} more nearer sources are short too` : "";
      b.note(firstOpenLine(b), `Nearer sources passed over to ship in one: ${gaps.join("; ")}${more}`);
    }
    for (let l = 0; l < order.lines.length; l++) if (b.left[l] > 0) b.take(l, i, b.left[l], why);
    return b.finish(() => why);
  }
  const total = openUnits(b);
  for (let round = 0; ; round++) {
    const open = openUnits(b);
    const best = bestCover(b);
    if (best.source < 0) break;
    const why =
      round === 0
        ? `no source has the whole order; covers the most of it (${best.units} of ${countOf(total, "unit")})`
        : `covers the most of what is still open (${best.units} of ${countOf(open, "unit")})`;
    for (let l = 0; l < order.lines.length; l++) {
      const q = Math.min(b.left[l], b.available(order.lines[l].productId)[best.source]);
      if (q > 0) b.take(l, best.source, q, why);
    }
  }
  return b.finish(() => {
    const gaps = b
      .nearest()
      .slice(0, 3)
      .map((k) => `${b.sources[k].code} is short of ${gapsOf(b, k)}`);
    return `no single source has every line (${gaps.join("; ")}); fewest sources covering the most units, nearest first`;
  });
}

/** Units of the order not yet placed. */
function openUnits(b: PlanBuilder): number {
  let n = 0;
  for (const left of b.left) n += left;
  return n;
}

/** The first line with units to place (where order-level notes are filed), else 0. */
function firstOpenLine(b: PlanBuilder): number {
  const l = b.left.findIndex((n) => n > 0);
  return l < 0 ? 0 : l;
}

/**
 * The stock source covering the most open units, counting each product's open demand once
 * across its lines; ties go to the nearest (then priority, code) since candidates are scanned
 * nearest first and only a strictly larger cover replaces the best. source −1 when none covers any.
 */
function bestCover(b: PlanBuilder): { source: number; units: number } {
  const open = new Map<string, number>();
  b.order.lines.forEach((line, l) => {
    if (b.left[l] > 0) open.set(line.productId, (open.get(line.productId) ?? 0) + b.left[l]);
  });
  let source = -1;
  let units = 0;
  for (const i of b.nearest()) {
    let cover = 0;
    for (const [productId, n] of open) cover += Math.min(n, b.available(productId)[i]);
    if (cover > units) {
      source = i;
      units = cover;
    }
  }
  return { source, units };
}

/** What a source lacks to ship the whole order alone, e.g. "SKU-2 (1 of 3), SKU-5 (0 of 1)". */
function gapsOf(b: PlanBuilder, source: number): string {
  const gaps: string[] = [];
  for (const [productId, n] of b.demand()) {
    const had = b.initialUnits(source, productId);
    if (had < n) gaps.push(`${productName(b, productId)} (${had} of ${n})`);
  }
  return listCodes(gaps);
}

/** A product's name in reasons: the SKU of its first line, else its id. */
function productName(b: PlanBuilder, productId: string): string {
  const line = b.order.lines.find((l) => l.productId === productId);
  return line?.sku ?? productId;
}
