/**
 * Board arithmetic, pure: which statuses a board counts, time buckets, shard choice, the
 * cutoff-adjusted deadline of an order and the figures of a completed order. The triggers
 * (model/boards) and the rebuild both call these, so live and rebuilt figures agree by construction.
 */
import type { OrderStatus } from "./orderStatus";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Queries may not read the clock: the client passes "now" rounded down to this. */
export const NOW_BUCKET_MS = 5 * MINUTE;
/** Ship-by when neither the channel nor the order gives one: placed + this (then the warehouse cutoff). */
export const SLA_HOURS = 24;

/** Orders the backlog counts: everything not yet out of the building or given up. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  "pending",
  "on_hold",
  "ready",
  "allocated",
  "partially_allocated",
  "backordered",
  "picking",
  "packed",
  "partially_shipped",
];
/** An order in one of these has finished shipping (it enters them once and never leaves). */
export const COMPLETED_ORDER_STATUSES: readonly OrderStatus[] = ["shipped", "delivered", "closed"];
export const OPEN_SHIPMENT_STATUSES = ["open", "picking", "picked", "packed"] as const;

export const isOpenOrder = (s: OrderStatus) => OPEN_ORDER_STATUSES.includes(s);
export const isCompletedOrder = (s: OrderStatus) => COMPLETED_ORDER_STATUSES.includes(s);
export const isOpenShipment = (s: string) => (OPEN_SHIPMENT_STATUSES as readonly string[]).includes(s);

/** Rounds a client's clock reading down to the bucket, so every client shares one cached result. */
export const roundNow = (ms: number) => Math.floor(ms / NOW_BUCKET_MS) * NOW_BUCKET_MS;

/** UTC day of an instant, "YYYY-MM-DD": the bucket of per-day figures. */
export const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** UTC hour of an instant, "00".."23": the key of orders-per-hour inside a day bucket. */
export const hourKey = (ms: number) => new Date(ms).toISOString().slice(11, 13);
/** The `days` UTC day keys ending with the day of `now`, oldest first. */
export const dayKeysBack = (now: number, days: number) =>
  Array.from({ length: days }, (_, i) => dayKey(now - (days - 1 - i) * DAY));

/** Monday (UTC) of the week of a "YYYY-MM-DD" day: the bucket of carrier spend. */
export function weekOf(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
  return dayKey(monday);
}

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

/** Record keys must be printable ASCII, not start with "$", and stay short. */
export function counterKey(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/[^\x20-\x7e]/g, "?").replace(/\|/g, "/"))
    .join("|")
    .replace(/^\$/, "~")
    .slice(0, 64);
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone (building one is far slower than using it); unknown zones read as UTC. */
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = FORMATS.get(timeZone);
  if (!fmt) {
    const opts = { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" } as const;
    try {
      fmt = new Intl.DateTimeFormat("en-US", { ...opts, timeZone });
    } catch {
      fmt = new Intl.DateTimeFormat("en-US", { ...opts, timeZone: "UTC" });
    }
    FORMATS.set(timeZone, fmt);
  }
  return fmt;
}

/** Wall-clock parts of an instant in a time zone. */
function wallParts(ms: number, timeZone: string) {
  const p: Record<string, number> = {};
  for (const x of formatFor(timeZone).formatToParts(new Date(ms))) if (x.type !== "literal") p[x.type] = Number(x.value);
  return { y: p.year, m: p.month, d: p.day, h: p.hour % 24, min: p.minute, s: p.second };
}

/** Offset of a zone at an instant, in ms (local wall time − UTC). */
function offsetAt(ms: number, timeZone: string) {
  const w = wallParts(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * The last carrier cutoff of a warehouse at or before `ms`: "HH:MM" local time in `timeZone`.
 * Goods must be ready by then to leave by `ms`.
 */
export function lastCutoffAtOrBefore(ms: number, cutoffLocal: string, timeZone: string): number {
  const [hh, mm] = cutoffLocal.split(":").map(Number);
  const local = wallParts(ms, timeZone);
  for (let back = 0; back < 3; back++) {
    const wall = Date.UTC(local.y, local.m - 1, local.d - back, hh || 0, mm || 0);
    let instant = wall - offsetAt(wall, timeZone);
    instant = wall - offsetAt(instant, timeZone);
    if (instant <= ms) return instant;
  }
  return ms;
}

export type DeadlineInput = { placedAt: number; shipBy?: number };
export type Cutoff = { cutoffLocal: string; timezone: string };

/**
 * When an open order must be ready to ship: its ship-by (from the channel) or placed + SLA, moved
 * back to the last cutoff of the warehouse it ships from. Without a warehouse yet, the ship-by itself.
 */
export function deadlineOf(o: DeadlineInput, warehouse?: Cutoff): { deadline: number; source: "channel" | "sla" } {
  const source = o.shipBy !== undefined ? "channel" : "sla";
  const base = o.shipBy ?? o.placedAt + SLA_HOURS * HOUR;
  return { deadline: warehouse ? lastCutoffAtOrBefore(base, warehouse.cutoffLocal, warehouse.timezone) : base, source };
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
  const perfect = complete && f.shippedAt !== undefined && f.shippedAt <= due && !f.shortPicked && f.unitsReturned === 0;
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

export type MetricsTotals = Partial<Record<"shipped" | "unitsOrdered" | "unitsShipped" | "split" | "perfect" | "cycleCount" | "cycleMsSum", number>>;

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
