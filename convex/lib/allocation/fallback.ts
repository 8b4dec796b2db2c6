/**
 * What happens to the units of a line that own stock did not cover, the same for every strategy:
 * dropship suppliers that carry the product (shortest lead time first, then the tie-break), then
 * the backorder. Both say precisely why: how much stock there was and where it went, and for each
 * supplier whether it does not carry the product, has none, or has fewer than needed.
 */
import type { PlanBuilder } from "./builder";
import { compareTieBreak, listCodes } from "./sources";

/** Why stock did not cover the line, e.g. "stock covers only 1 of 3" or "no source has stock". */
function stockShortfall(b: PlanBuilder, line: number): string {
  const { productId, quantity } = b.order.lines[line];
  const rem = b.available(productId);
  let had = 0;
  let unused = 0;
  for (const i of b.stockSources) {
    had += b.initialUnits(i, productId);
    unused += rem[i];
  }
  if (had === 0) return "no source has stock";
  const fromStock = quantity - b.left[line];
  const toOthers = had - unused - fromStock;
  const others = toOthers > 0 ? ` (${toOthers} more went to other lines of this product)` : "";
  const spare = unused > 0 ? `; ${unused} left in stock not drawn by ${b.strategy}` : "";
  if (fromStock === 0) return `all ${had} in stock went to other lines of this product${spare}`;
  return `stock covers only ${fromStock} of ${quantity}${others}${spare}`;
}

/** Dropship suppliers of a product, shortest lead time first (unknown last), then tie-break. */
function carriersOf(b: PlanBuilder, productId: string): number[] {
  const out: number[] = [];
  for (const i of b.dropSources) if (b.entry(i, productId) !== undefined) out.push(i);
  return out.sort((x, y) => {
    const a = b.sources[x];
    const c = b.sources[y];
    const la = a.leadTimeDays ?? Infinity;
    const lc = c.leadTimeDays ?? Infinity;
    return la !== lc ? (la < lc ? -1 : 1) : compareTieBreak(a, c);
  });
}

/**
 * Places the rest of a line: dropship from carriers while they have units, then backorders what
 * is left with its reason. Called by PlanBuilder.finish for each line with units left.
 */
export function explainShortfall(b: PlanBuilder, line: number): void {
  const { productId } = b.order.lines[line];
  const stockWhy = stockShortfall(b, line);
  const rem = b.available(productId);
  const carriers = carriersOf(b, productId);
  const takenHere = new Map<number, number>();
  const passed: string[] = [];
  for (const i of carriers) {
    if (b.left[line] === 0) break;
    const q = Math.min(b.left[line], rem[i]);
    if (q <= 0) {
      passed.push(b.sources[i].code);
      continue;
    }
    const before = passed.length > 0 ? `; ${listCodes(passed)} had none left` : "";
    b.take(line, i, q, `${stockWhy}; dropship supplier that carries this product${before}`);
    takenHere.set(i, q);
  }
  const n = b.left[line];
  if (n === 0) return;
  const parts = [stockWhy];
  const nonCarriers = b.dropSources
    .filter((i) => !carriers.includes(i))
    .sort((x, y) => compareTieBreak(b.sources[x], b.sources[y]))
    .map((i) => b.sources[i].code);
  if (b.dropSources.length === 0) parts.push("no dropship supplier to fall back on");
  for (const i of carriers) {
    const code = b.sources[i].code;
    const mine = takenHere.get(i) ?? 0;
    const stated = b.initialUnits(i, productId);
    if (mine > 0) parts.push(`${code} can supply only ${mine}`);
    else if (stated === 0) parts.push(`${code} has none available`);
    else parts.push(`${code}'s ${stated} went to other lines of this product`);
  }
  if (nonCarriers.length > 0) {
    parts.push(`${listCodes(nonCarriers)} ${nonCarriers.length === 1 ? "does" : "do"} not carry this product`);
  }
  b.backorder(line, `${n} backordered: ${parts.join("; ")}`);
}
