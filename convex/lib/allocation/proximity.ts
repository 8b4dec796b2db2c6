/**
 * Warehouse proximity: each line ships from the nearest stock source (great-circle km from the
 * destination) that can send the whole line; nearer sources with too few units are passed over,
 * and said so. When no single source has the line's quantity, it is split nearest-first across
 * the sources that have some. Ties: source priority, then code. Dropship and backorder are the
 * common fallback (fallback.ts).
 */
import { PlanBuilder } from "./builder";
import { listCodes } from "./sources";
import type { AllocationOrder, AllocationPlan, CandidateSource } from "./types";

/** Registry name of this strategy. */
export const PROXIMITY = "proximity";

/** Plans an order by proximity. Pure and deterministic. */
export function planByProximity(order: AllocationOrder, sources: readonly CandidateSource[]): AllocationPlan {
  const b = new PlanBuilder(PROXIMITY, order, sources);
  const nearest = b.nearest();
  const firstChoice: number[] = [];
  for (let l = 0; l < order.lines.length; l++) {
    const need = b.left[l];
    if (need === 0) continue;
    const rem = b.available(order.lines[l].productId);
    let whole = -1;
    for (let k = 0; k < nearest.length; k++) {
      if (rem[nearest[k]] >= need) {
        whole = k;
        break;
      }
    }
    if (whole >= 0) {
      const i = nearest[whole];
      explainPassedOver(b, { line: l, nearest, chosen: whole, need });
      const why = Number.isNaN(b.distance[i])
        ? `location unknown, so first by priority with all ${need}`
        : whole === 0
          ? `nearest source, has all ${need}`
          : `nearest source with all ${need}`;
      b.take(l, i, need, why);
      firstChoice.push(i);
      continue;
    }
    // No single source has the whole line: nearest first, as many as each has.
    let part = 0;
    for (let k = 0; k < nearest.length && b.left[l] > 0; k++) {
      const i = nearest[k];
      const q = Math.min(b.left[l], rem[i]);
      if (q <= 0) continue;
      b.take(
        l,
        i,
        q,
        part === 0
          ? `no single source has all ${need}; nearest with stock (${q} of ${need})`
          : `next nearest with stock (${q} more)`,
      );
      if (part === 0) firstChoice.push(i);
      part++;
    }
  }
  return b.finish(() => explainSplit(b, firstChoice));
}

/**
 * Notes the sources nearer than the chosen one: those with some units ("WEST (120 km) passed
 * over: only 1 of 3 available") one by one, those with none in one sentence.
 */
function explainPassedOver(
  b: PlanBuilder,
  { line, nearest, chosen, need }: { line: number; nearest: number[]; chosen: number; need: number },
): void {
  if (chosen === 0) return;
  const rem = b.available(b.order.lines[line].productId);
  const empty: string[] = [];
  for (let k = 0; k < chosen; k++) {
    const i = nearest[k];
    if (rem[i] > 0)
      b.note(line, `Line ${b.name(line)}: ${b.where(i)} passed over: only ${rem[i]} of ${need} available`);
    else empty.push(b.where(i));
  }
  if (empty.length > 0) {
    const many = empty.length > 1;
    b.note(
      line,
      `Line ${b.name(line)}: nearer source${many ? "s" : ""} ${listCodes(empty)} ${many ? "have" : "has"} none left`,
    );
  }
}

/**
 * Why proximity drew on several stock sources: each line went to its nearest source with stock;
 * names a source that could have shipped everything alone (single_warehouse's pick), if any.
 */
function explainSplit(b: PlanBuilder, firstChoice: number[]): string {
  const distinctFirst = new Set(firstChoice).size;
  const why =
    distinctFirst > 1
      ? "each line ships from its nearest source with stock, and those differ"
      : "the nearest source with stock could not cover every unit";
  if (b.demand().size === 0) return why;
  const whole = b.wholeOrderSources();
  return whole.length === 0
    ? `${why}; no single source has every line`
    : `${why}; ${b.sources[whole[0]].code} alone could ship it all but is farther for some lines`;
}
