/**
 * Carrier board arithmetic, pure: counter keys of a shipment's share, percentiles from a
 * transit-day histogram (O(buckets), never a sort of shipments) and the figures of a group.
 * The trigger, the rebuild and the board query all use these.
 */
import { keyPart } from "./boards";

/** Transit days are counted in buckets 1 … MAX_TRANSIT_BUCKET (the last one holds "that many or more"). */
export const MAX_TRANSIT_BUCKET = 30;
export const METRICS = ["n", "c", "w", "e", "en", "s", "d", "x", "p", "o", "dl"] as const;
export type Metric = (typeof METRICS)[number];

const clean = (s: string) => keyPart(s).slice(0, 80);

/** The group of a shipment: carrier × service × lane × currency, as it appears in counter keys. */
export const groupOf = (r: { carrier: string; service: string; lane: string; currency: string }) =>
  [r.carrier, r.service, r.lane, r.currency].map(clean).join("|");

export type ShareInput = {
  carrier: string;
  service: string;
  lane: string;
  currency: string;
  status: string;
  costMinor: number;
  weightGrams: number;
  co2eGrams?: number;
  dearestMinor: number;
  damagedUnits: number;
  exception: boolean;
  promisedDays?: number;
  onTime?: boolean;
  transitDays?: number;
};

/** A shipment's share of its week's counters: `<metric>|<group>` → amount (h<d> = histogram bucket). */
export function shareOf(r: ShareInput): Record<string, number> {
  if (r.status === "voided") return {};
  const g = groupOf(r);
  const out: Record<string, number> = {
    [`n|${g}`]: 1,
    [`c|${g}`]: r.costMinor,
    [`w|${g}`]: r.weightGrams,
    [`s|${g}`]: r.dearestMinor - r.costMinor,
  };
  if (r.co2eGrams !== undefined) {
    out[`e|${g}`] = r.co2eGrams;
    out[`en|${g}`] = 1;
  }
  if (r.damagedUnits > 0) out[`d|${g}`] = 1;
  if (r.exception) out[`x|${g}`] = 1;
  if (r.transitDays !== undefined) {
    out[`dl|${g}`] = 1;
    out[`h${Math.min(MAX_TRANSIT_BUCKET, r.transitDays)}|${g}`] = 1;
    if (r.promisedDays !== undefined) {
      out[`p|${g}`] = 1;
      if (r.onTime) out[`o|${g}`] = 1;
    }
  }
  return out;
}

/** The smallest d with at least ⌈q × total⌉ shipments at ≤ d days (nearest-rank); undefined when empty. */
export function percentileOf(
  hist: ReadonlyMap<number, number> | Record<number, number>,
  q: number,
): number | undefined {
  const entries = (
    hist instanceof Map ? [...hist.entries()] : Object.entries(hist).map(([k, v]) => [Number(k), v] as const)
  )
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [d, n] of entries) {
    seen += n;
    if (seen >= rank) return d;
  }
  return entries.at(-1)![0];
}

/** The same nearest-rank percentile by sorting the values (the reference the tests compare to). */
export function percentileBySort(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

export type GroupSums = {
  n: number;
  c: number;
  w: number;
  e: number;
  en: number;
  s: number;
  d: number;
  x: number;
  p: number;
  o: number;
  dl: number;
  hist: Map<number, number>;
};
export const emptySums = (): GroupSums => ({
  n: 0,
  c: 0,
  w: 0,
  e: 0,
  en: 0,
  s: 0,
  d: 0,
  x: 0,
  p: 0,
  o: 0,
  dl: 0,
  hist: new Map(),
});

/** Adds one counter entry to the sums of its group. */
export function addEntry(sums: GroupSums, metric: string, n: number) {
  if (metric.startsWith("h") && /^h\d+$/.test(metric)) {
    const d = Number(metric.slice(1));
    sums.hist.set(d, (sums.hist.get(d) ?? 0) + n);
  } else if ((METRICS as readonly string[]).includes(metric)) sums[metric as Metric] += n;
}

export function mergeSums(into: GroupSums, from: GroupSums) {
  for (const m of METRICS) into[m] += from[m];
  for (const [d, n] of from.hist) into.hist.set(d, (into.hist.get(d) ?? 0) + n);
}

/** The board's figures of a group (rates in 0…1; undefined where there is nothing to divide by). */
export function figuresOf(s: GroupSums) {
  return {
    shipments: s.n,
    delivered: s.dl,
    onTimeRate: s.p > 0 ? s.o / s.p : undefined,
    medianDays: percentileOf(s.hist, 0.5),
    p90Days: percentileOf(s.hist, 0.9),
    damageRate: s.n > 0 ? s.d / s.n : undefined,
    exceptions: s.x,
    costPerShipmentMinor: s.n > 0 ? Math.round(s.c / s.n) : undefined,
    costPerKgMinor: s.w > 0 ? Math.round((s.c * 1000) / s.w) : undefined,
    savingsMinor: s.s,
    co2ePerShipmentGrams: s.en > 0 ? Math.round(s.e / s.en) : undefined,
  };
}
