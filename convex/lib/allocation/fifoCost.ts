/**
 * Oldest cost first: each line draws from the stock sources whose oldest remaining FIFO cost layer
 * of the product was received earliest, so old stock (and its cost) leaves first across the
 * network. "Remaining" accounts for units this plan already drew from the source for other lines.
 * Sources with stock but no dated layer come after every source with one. Ties: priority, code.
 * Dropship and backorder are the common fallback (fallback.ts).
 */
import { PlanBuilder } from "./builder";
import { compareTieBreak, formatDay } from "./sources";
import type { AllocationOrder, AllocationPlan, CandidateSource, CostLayer } from "./types";

/** Registry name of this strategy. */
export const FIFO_COST = "fifo_cost";

/** The layer a source would ship next, or undefined when it has no dated layer left. */
type NextLayer = CostLayer | undefined;

/** Plans an order oldest cost layer first. Pure and deterministic. */
export function planByFifoCost(order: AllocationOrder, sources: readonly CandidateSource[]): AllocationPlan {
  const b = new PlanBuilder(FIFO_COST, order, sources);
  const firstChoice: number[] = [];
  const candidates: number[] = [];
  const next: NextLayer[] = new Array<NextLayer>(sources.length);
  for (let l = 0; l < order.lines.length; l++) {
    if (b.left[l] === 0) continue;
    const need = b.left[l];
    const productId = order.lines[l].productId;
    const rem = b.available(productId);
    candidates.length = 0;
    for (const i of b.stockSources) {
      if (rem[i] <= 0) continue;
      candidates.push(i);
      next[i] = nextLayer(b.entry(i, productId)?.costLayers, b.initialUnits(i, productId) - rem[i]);
    }
    candidates.sort((x, y) => {
      const ax = next[x]?.receivedAt ?? Infinity;
      const ay = next[y]?.receivedAt ?? Infinity;
      return ax !== ay ? (ax < ay ? -1 : 1) : compareTieBreak(sources[x], sources[y]);
    });
    for (let k = 0; k < candidates.length && b.left[l] > 0; k++) {
      const i = candidates[k];
      const q = Math.min(b.left[l], rem[i]);
      const layer = next[i];
      const age = layer
        ? `layer received ${formatDay(layer.receivedAt)} at ${unitCost(layer.unitCostMinor)} a unit`
        : "no dated cost layer recorded";
      const why =
        k === 0
          ? `oldest stock of this product (${age})`
          : `next-oldest stock (${age}); older sources had only ${need - b.left[l]} of ${need}`;
      b.take(l, i, q, why);
      if (k === 0) firstChoice.push(i);
    }
  }
  return b.finish(() => {
    const why =
      new Set(firstChoice).size > 1
        ? "the oldest stock of different lines is at different sources"
        : "the source with the oldest stock could not cover every unit";
    const whole = b.wholeOrderSources();
    return whole.length === 0
      ? `${why}; no single source has every line`
      : `${why}; ${sources[whole[0]].code} alone could ship it all, but older stock is elsewhere`;
  });
}

/** Layer order: received earlier first, then cheaper (so equal dates order deterministically). */
function olderFirst(x: CostLayer, y: CostLayer): number {
  return x.receivedAt - y.receivedAt || x.unitCostMinor - y.unitCostMinor;
}

const usable = (c: CostLayer) => c.quantity > 0 && Number.isFinite(c.receivedAt);

/**
 * The layer a source ships next once `drawn` units have left it in this plan, FIFO; undefined
 * when it has no dated layer left. Nothing drawn yet (the common case) is one scan, no sorting;
 * otherwise a sorted copy (the caller's array is never reordered).
 */
function nextLayer(layers: readonly CostLayer[] | undefined, drawn: number): NextLayer {
  if (!layers || layers.length === 0) return undefined;
  if (drawn <= 0) {
    let best: CostLayer | undefined;
    for (const c of layers) if (usable(c) && (!best || olderFirst(c, best) < 0)) best = c;
    return best;
  }
  let through = 0;
  for (const layer of layers.filter(usable).sort(olderFirst)) {
    through += layer.quantity;
    if (through > drawn) return layer;
  }
  return undefined;
}

/** Minor units as a plain amount ("12.50"); every platform currency has two decimals (lib/money). */
function unitCost(minor: number): string {
  return (minor / 100).toFixed(2);
}
