/**
 * Clock constants and the time buckets figures are kept in: the rounded "now" a query is given
 * (queries may not read the clock), UTC day keys, hour keys and weeks. Pure; the client rounds
 * its clock with the same function.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The longest a setting in hours may be (an acknowledgement deadline, a stuck-order threshold): 30 days. */
export const MAX_SETTING_HOURS = 30 * 24;
export const settingHoursProblem = (n: number, min: "zero" | "above zero") =>
  !Number.isFinite(n) || n < 0 || (min === "above zero" && n === 0) || n > MAX_SETTING_HOURS
    ? `Between 0 and ${MAX_SETTING_HOURS} hours.`
    : undefined;
/** Queries may not read the clock: the client passes "now" rounded down to this. */
export const NOW_BUCKET_MS = 5 * MINUTE;
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
