/**
 * Board arithmetic, pure: shard choice, counter keys, the weeks a weekly board shows, the figures
 * of a completed order and the KPI tiles. The triggers (model/boards) and the rebuild both call
 * these, so live and rebuilt figures agree by construction. Clocks and day keys are in lib/clock,
 * deadlines in lib/cutoffs, the status sets a board counts in lib/statusSets.
 */
import { dayKey, dayKeysBack, HOUR, weekOf } from "./clock";
import { appError } from "./errors";
import { SLA_HOURS } from "./cutoffs";

/** FNV-1a over a string: the shard of a source document is a function of its id, so a figure it
 * added is always taken back from the same shard and no shard goes negative. */
export function shardOf(seed: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/** The Monday keys of the `weeks` weeks (1 to 12, else INVALID_INPUT) ending with the week of `now`, oldest first. */
export function boardWeeks(now: number, weeks: number): string[] {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 12)
    throw appError("INVALID_INPUT", "Show 1 to 12 weeks.", { weeks: "1 to 12." });
  return [...new Set(dayKeysBack(now, weeks * 7).map(weekOf))].slice(-weeks);
}

/** One part of a counter key: printable ASCII (record keys must be), "|" kept for joining parts. */
export const keyPart = (p: string) => p.replace(/[^\x20-\x7e]/g, "?").replace(/\|/g, "/");

/** Record keys must be printable ASCII, not start with "$", and stay short. */
export function counterKey(...parts: string[]): string {
  return parts.map(keyPart).join("|").replace(/^\$/, "~").slice(0, 64);
}

/** A counter map plus net deltas: a count that reaches zero is dropped, so a map holds only what is non-zero. */
export function addNet(counts: Record<string, number>, deltas: Iterable<[string, number]>): Record<string, number> {
  const out = { ...counts };
  for (const [k, n] of deltas) {
    const next = (out[k] ?? 0) + n;
    if (next === 0) delete out[k];
    else out[k] = next;
  }
  return out;
}

/** What a completed order adds to its day's metrics (see completedFigures). */
export type CompletedOrderFacts = {
  placedAt: number;
  shipBy?: number;
  /** Latest shippedAt of its shipments; undefined when none recorded one. */
  shippedAt?: number;
  unitsOrdered: number;
  unitsShipped: number;
  unitsCancelled: number;
  unitsReturned: number;
  /** Shipments that went out (not cancelled). */
  shipments: number;
  shortPicked: boolean;
};

/**
 * The figures one completed order adds to the metrics bucket of the day it shipped:
 *  - shipped: 1; cycleCount/cycleMsSum: placed → last shipment out (when known)
 *  - unitsOrdered/unitsShipped: the fill rate is Σ shipped ÷ Σ ordered (cancelled units count against it)
 *  - split: 1 when it left in more than one shipment
 *  - perfect: 1 when shipped complete (nothing cancelled), on time (by its ship-by, or placed + SLA),
 *    with no short pick and nothing returned — a later return takes it back.
 */
export function completedFigures(f: CompletedOrderFacts): { bucket: string; values: Record<string, number> } {
  const at = f.shippedAt ?? f.placedAt;
  const due = f.shipBy ?? f.placedAt + SLA_HOURS * HOUR;
  const complete = f.unitsCancelled === 0 && f.unitsShipped >= f.unitsOrdered;
  const perfect =
    complete && f.shippedAt !== undefined && f.shippedAt <= due && !f.shortPicked && f.unitsReturned === 0;
  const values: Record<string, number> = {
    shipped: 1,
    unitsOrdered: f.unitsOrdered,
    unitsShipped: f.unitsShipped,
    split: f.shipments > 1 ? 1 : 0,
    perfect: perfect ? 1 : 0,
  };
  if (f.shippedAt !== undefined) {
    values.cycleCount = 1;
    values.cycleMsSum = Math.max(0, f.shippedAt - f.placedAt);
  }
  return { bucket: dayKey(at), values };
}

export type MetricsTotals = Partial<
  Record<"shipped" | "unitsOrdered" | "unitsShipped" | "split" | "perfect" | "cycleCount" | "cycleMsSum", number>
>;

/** KPI tiles from summed day buckets; a rate is null when its denominator is zero. */
export function kpis(t: MetricsTotals) {
  const n = (k: keyof MetricsTotals) => t[k] ?? 0;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    ordersShipped: n("shipped"),
    avgCycleMs: ratio(n("cycleMsSum"), n("cycleCount")),
    fillRate: ratio(n("unitsShipped"), n("unitsOrdered")),
    perfectOrderRate: ratio(n("perfect"), n("shipped")),
    splitShipmentRatio: ratio(n("split"), n("shipped")),
  };
}
