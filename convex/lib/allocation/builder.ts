/**
 * The plan builder every strategy drives. It owns what must hold whatever the strategy decides:
 * units taken from a source never exceed what it has left for that product (summed across every
 * line of the order), each line's draws + backorder add up to its quantity, and every draw carries
 * its reason. A strategy only chooses the order in which stock sources are drawn; the dropship
 * fallback, the backorder and the summary are the same for all (see fallback.ts).
 */
import type { ResolvedCoordinates } from "../geo/coordinates";
import {
  compareTieBreak,
  describeSource,
  destinationPoint,
  distanceKey,
  isDropship,
  listCodes,
  sourceDistances,
  stockOf,
  usableUnits,
} from "./sources";
import type {
  AllocationOrder,
  AllocationPlan,
  CandidateSource,
  LinePlan,
  OrderLineInput,
  PlannedDraw,
  SourceStock,
} from "./types";
import { explainShortfall } from "./fallback";
import { countOf } from "../count";

/** Mutable state of one plan under construction. One builder per order; not reused. */
export class PlanBuilder {
  readonly destination: ResolvedCoordinates | undefined;
  /** km from each source (by index) to the destination; NaN when unknown. */
  readonly distance: Float64Array;
  /** Indices of own-stock sources (warehouse, 3PL, store), in input order. */
  readonly stockSources: number[] = [];
  /** Indices of dropship suppliers, in input order. */
  readonly dropSources: number[] = [];
  /** Units of each line still to place. */
  readonly left: number[];
  private readonly draws: PlannedDraw[][];
  /** Source index of each draw, parallel to `draws`. */
  private readonly drawSources: number[][];
  private readonly lineReasons: string[][];
  private readonly backorderReasons: (string | undefined)[];
  /** Per product: units left, units offered at the start, and the raw entries, by source index. */
  private readonly remaining = new Map<string, Float64Array>();
  private readonly initial = new Map<string, Float64Array>();
  private readonly entries = new Map<string, (SourceStock | undefined)[]>();
  private nearestFirst: number[] | undefined;

  /** Throws RangeError when a line quantity is not a non-negative integer. */
  constructor(
    readonly strategy: string,
    readonly order: AllocationOrder,
    readonly sources: readonly CandidateSource[],
  ) {
    this.destination = destinationPoint(order.destination);
    this.distance = sourceDistances(sources, this.destination);
    for (let i = 0; i < sources.length; i++) (isDropship(sources[i]) ? this.dropSources : this.stockSources).push(i);
    const n = order.lines.length;
    this.left = new Array<number>(n);
    this.draws = new Array<PlannedDraw[]>(n);
    this.drawSources = new Array<number[]>(n);
    this.lineReasons = new Array<string[]>(n);
    this.backorderReasons = new Array<string | undefined>(n);
    for (let l = 0; l < n; l++) {
      const q = order.lines[l].quantity;
      if (!Number.isSafeInteger(q) || q < 0)
        throw new RangeError(`Line ${order.lines[l].lineId}: quantity ${q} is not a whole number ≥ 0`);
      this.left[l] = q;
      this.draws[l] = [];
      this.drawSources[l] = [];
      this.lineReasons[l] = [];
    }
  }

  /** The line's name in reasons: its SKU when given, else its id. */
  name(line: number): string {
    const l: OrderLineInput = this.order.lines[line];
    return l.sku ?? l.lineId;
  }

  /** "EAST (412 km)". */
  where(source: number): string {
    return describeSource(this.sources[source], this.distance[source]);
  }

  /**
   * Units of a product each source (by index) still has for this plan, shared by every line of
   * that product. Read from the sources once per product; the builder decrements it on each take.
   */
  available(productId: string): Float64Array {
    let rem = this.remaining.get(productId);
    if (!rem) {
      const n = this.sources.length;
      const entries = new Array<SourceStock | undefined>(n);
      rem = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        entries[i] = stockOf(this.sources[i], productId);
        rem[i] = usableUnits(entries[i]);
      }
      this.remaining.set(productId, rem);
      this.initial.set(productId, rem.slice());
      this.entries.set(productId, entries);
    }
    return rem;
  }

  /** The source's stock entry for a product (undefined: does not list it), looked up once per plan. */
  entry(source: number, productId: string): SourceStock | undefined {
    this.available(productId);
    return this.entries.get(productId)![source];
  }

  /** Units a source offered of a product before this plan drew any. */
  initialUnits(source: number, productId: string): number {
    this.available(productId);
    return this.initial.get(productId)![source];
  }

  /** Stock sources (indices) nearest first, then by the tie-break; sorted once per plan. */
  nearest(): number[] {
    if (!this.nearestFirst) {
      const d = this.distance;
      this.nearestFirst = this.stockSources.slice().sort((x, y) => {
        const dx = distanceKey(d[x]);
        const dy = distanceKey(d[y]);
        return dx !== dy ? (dx < dy ? -1 : 1) : compareTieBreak(this.sources[x], this.sources[y]);
      });
    }
    return this.nearestFirst;
  }

  /** Units the order asks for per product, summed over its lines. */
  demand(): Map<string, number> {
    const need = new Map<string, number>();
    for (const line of this.order.lines)
      if (line.quantity > 0) need.set(line.productId, (need.get(line.productId) ?? 0) + line.quantity);
    return need;
  }

  /** Stock sources (nearest first) that held every product of the order in full before planning. */
  wholeOrderSources(): number[] {
    const need = this.demand();
    const out: number[] = [];
    outer: for (const i of this.nearest()) {
      for (const [productId, n] of need) if (this.initialUnits(i, productId) < n) continue outer;
      out.push(i);
    }
    return out;
  }

  /**
   * Draws `quantity` units of a line from a source with a reason (the part after the colon).
   * Refuses more than the line still needs or the source still has: the no-oversell guard.
   */
  take(line: number, source: number, quantity: number, why: string): void {
    const rem = this.available(this.order.lines[line].productId);
    if (!(quantity > 0) || quantity > rem[source] || quantity > this.left[line] || !Number.isInteger(quantity)) {
      throw new RangeError(`Cannot take ${quantity} for line ${this.name(line)} from ${this.sources[source].code}`);
    }
    rem[source] -= quantity;
    this.left[line] -= quantity;
    const s = this.sources[source];
    const km = this.distance[source];
    const drop = isDropship(s);
    const head = drop
      ? `Line ${this.name(line)} × ${quantity} dropshipped by ${describeSource(s, km, s.leadTimeDays === undefined ? undefined : `${s.leadTimeDays}-day lead time`)}`
      : `Line ${this.name(line)} × ${quantity} from ${this.where(source)}`;
    const reason = `${head}: ${why}`;
    this.drawSources[line].push(source);
    this.draws[line].push({
      sourceId: s.sourceId,
      code: s.code,
      quantity,
      source: drop ? "dropship" : "stock",
      distanceKm: Number.isNaN(km) ? null : Math.round(km * 10) / 10,
      reason,
    });
    this.lineReasons[line].push(reason);
  }

  /** Adds a reason about a line that is not a draw, e.g. a nearer source passed over. */
  note(line: number, text: string): void {
    this.lineReasons[line].push(text);
  }

  /** Records why a line's remaining units wait ("2 backordered: …"); called by the fallback. */
  backorder(line: number, reason: string): void {
    this.backorderReasons[line] = reason;
    this.lineReasons[line].push(`Line ${this.name(line)}: ${reason}`);
  }

  /**
   * Finishes the plan: dropship then backorder what stock did not cover (same rules for every
   * strategy), totals, and the summary sentence. `explainSplit` is asked only when the order
   * draws on more than one stock source, and says why in the strategy's terms.
   */
  finish(explainSplit: () => string): AllocationPlan {
    for (let l = 0; l < this.left.length; l++) if (this.left[l] > 0) explainShortfall(this, l);
    const used: number[] = [];
    const seen = new Uint8Array(this.sources.length);
    let allocated = 0;
    let dropshipped = 0;
    let backordered = 0;
    const lines: LinePlan[] = this.order.lines.map((line, l) => {
      let a = 0;
      let d = 0;
      const draws = this.draws[l];
      for (let k = 0; k < draws.length; k++) {
        if (draws[k].source === "stock") a += draws[k].quantity;
        else d += draws[k].quantity;
        const i = this.drawSources[l][k];
        if (!seen[i]) {
          seen[i] = 1;
          used.push(i);
        }
      }
      allocated += a;
      dropshipped += d;
      backordered += this.left[l];
      const plan: LinePlan = {
        lineId: line.lineId,
        productId: line.productId,
        quantity: line.quantity,
        draws: this.draws[l],
        allocated: a,
        dropshipped: d,
        backordered: this.left[l],
      };
      const why = this.backorderReasons[l];
      if (why !== undefined) plan.backorderReason = why;
      return plan;
    });
    let total: number | null = this.destination ? 0 : null;
    for (const i of used) total = total === null || Number.isNaN(this.distance[i]) ? null : total + this.distance[i];
    const waiting = backordered > 0 ? `; ${countOf(backordered, "unit")} backordered` : "";
    let head: string;
    if (used.length === 0)
      head = backordered > 0 ? `Nothing allocated: all ${backordered} units backordered` : "Nothing to allocate";
    else if (used.length === 1) head = `One shipment from ${this.where(used[0])}${waiting}`;
    else {
      const stockUsed = used.filter((i) => !isDropship(this.sources[i]));
      const dropCodes = used.filter((i) => isDropship(this.sources[i])).map((i) => this.sources[i].code);
      const why: string[] = [];
      if (stockUsed.length > 1) why.push(explainSplit());
      if (dropCodes.length > 0)
        why.push(`${listCodes(dropCodes)} dropship${dropCodes.length === 1 ? "s" : ""} what stock could not cover`);
      head = `Split into ${used.length} shipments (${listCodes(
        used.map((i) => this.sources[i].code),
        6,
      )}): ${why.join("; ")}${waiting}`;
    }
    const reasons = [head];
    for (const r of this.lineReasons) for (const s of r) reasons.push(s);
    return {
      strategy: this.strategy,
      destination: this.destination,
      lines,
      summary: {
        shipments: used.length,
        sourceIds: used.map((i) => this.sources[i].sourceId),
        totalDistanceKm: total === null ? null : Math.round(total * 10) / 10,
        split: used.length > 1,
        allocated,
        dropshipped,
        backordered,
      },
      reasons,
    };
  }
}
