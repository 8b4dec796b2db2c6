/**
 * Warehouse cutoffs and order deadlines: the last carrier cutoff before an instant in a warehouse's
 * time zone, and when an open order must be ready (ship-by, or placed + SLA, moved back to the
 * cutoff). Pure; the boards' deadlines and metrics use it.
 */
import { HOUR } from "./clock";

/** Ship-by when neither the channel nor the order gives one: placed + this (then the warehouse cutoff). */
export const SLA_HOURS = 24;

const FORMATS = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone (building one is far slower than using it); unknown zones read as UTC. */
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = FORMATS.get(timeZone);
  if (!fmt) {
    const opts = {
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    } as const;
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
  for (const x of formatFor(timeZone).formatToParts(new Date(ms)))
    if (x.type !== "literal") p[x.type] = Number(x.value);
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
