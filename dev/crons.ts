/**
 * Crons. convex-test does not run `convex/crons.ts`; here each job gets a real timer. Interval
 * jobs run every interval from start; hourly/daily/weekly/monthly and cron expressions are
 * checked once a minute (UTC, as on Convex). Jobs call internal functions, which is allowed:
 * they run as the system (no identity).
 */
import type { Engine } from "./engine";

type Schedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC?: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

type CronJob = { name: string; args: unknown[]; schedule: Schedule };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Does one field of a 5-field cron expression match `value`? Supports *, lists, ranges, steps. */
function fieldMatches(field: string, value: number, min: number): boolean {
  return field.split(",").some((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    let lo = min;
    let hi = Number.MAX_SAFE_INTEGER;
    if (range !== "*") {
      const [a, b] = range.split("-").map(Number);
      lo = a;
      hi = b ?? (stepText ? Number.MAX_SAFE_INTEGER : a);
    }
    return value >= lo && value <= hi && (value - lo) % step === 0;
  });
}

export function dueThisMinute(s: Schedule, d: Date): boolean {
  const m = d.getUTCMinutes();
  const h = d.getUTCHours();
  switch (s.type) {
    case "interval":
      return false;
    case "hourly":
      return m === (s.minuteUTC ?? 0);
    case "daily":
      return h === s.hourUTC && m === (s.minuteUTC ?? 0);
    case "weekly":
      return DAYS[d.getUTCDay()] === s.dayOfWeek.toLowerCase() && h === s.hourUTC && m === (s.minuteUTC ?? 0);
    case "monthly":
      return d.getUTCDate() === s.day && h === s.hourUTC && m === (s.minuteUTC ?? 0);
    case "cron": {
      const [min, hour, dom, mon, dow] = s.cron.trim().split(/\s+/);
      return (
        fieldMatches(min, m, 0) &&
        fieldMatches(hour, h, 0) &&
        fieldMatches(dom, d.getUTCDate(), 1) &&
        fieldMatches(mon, d.getUTCMonth() + 1, 1) &&
        fieldMatches(dow, d.getUTCDay(), 0)
      );
    }
  }
}

/** Starts timers for every job in convex/crons.ts; returns a stop function. */
export async function startCrons(engine: Engine): Promise<() => void> {
  const mod = await engine.backend.importModule("crons").catch((e: unknown) => {
    console.error("[offline] cannot load convex/crons.ts:", e);
    return null;
  });
  const crons = (mod?.default as { crons?: Record<string, CronJob> } | undefined)?.crons;
  if (!crons) return () => {};
  const timers: NodeJS.Timeout[] = [];
  // When each job last ran, kept in the data folder so an interval job keeps its rhythm across
  // restarts (and one that came due while the runtime was stopped runs once at start).
  const store = engine.dataStore;
  const lastRun: Record<string, number> = store?.readJson<Record<string, number>>("crons.json") ?? {};
  const run = async (id: string, job: CronJob) => {
    if (store) {
      lastRun[id] = Date.now();
      try {
        store.writeJson("crons.json", lastRun);
      } catch (e) {
        console.error("[offline] cannot save cron state:", e);
      }
    }
    const backend = engine.backend;
    const fn = await backend.resolve(job.name.replace(/\.js:/, ":"));
    if (!fn.ok || fn.kind === "query") return;
    try {
      await backend.call(fn.kind, fn.udfPath, (job.args[0] ?? {}) as Record<string, never>, null);
    } catch (e) {
      console.error(`[offline] cron ${id} failed:`, e);
    }
  };
  const minutely: [string, CronJob][] = [];
  for (const [id, job] of Object.entries(crons)) {
    const s = job.schedule;
    if (s.type === "interval") {
      const ms = ((s.seconds ?? 0) + (s.minutes ?? 0) * 60 + (s.hours ?? 0) * 3600) * 1000;
      const every = Math.max(1000, ms);
      const last = lastRun[id];
      const firstIn = last === undefined ? every : Math.min(every, Math.max(0, last + every - Date.now()));
      timers.push(
        setTimeout(() => {
          void run(id, job);
          timers.push(setInterval(() => void run(id, job), every));
        }, firstIn),
      );
    } else minutely.push([id, job]);
  }
  if (minutely.length > 0) {
    const tick = () => {
      const now = new Date();
      for (const [id, job] of minutely) if (dueThisMinute(job.schedule, now)) void run(id, job);
    };
    // Align to the start of each minute.
    const first = setTimeout(
      () => {
        tick();
        timers.push(setInterval(tick, 60_000));
      },
      60_000 - (Date.now() % 60_000),
    );
    timers.push(first);
  }
  console.log(`[offline] ${Object.keys(crons).length} cron job(s) scheduled`);
  return () => timers.forEach((t) => clearInterval(t));
}
