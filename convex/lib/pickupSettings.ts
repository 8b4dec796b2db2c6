/**
 * The checks on the click & collect, store and returns-portal settings, pure and keyed by field:
 * the server refuses with them (model/pickup/settings.ts, model/pickup/stores.ts,
 * model/portal/settings.ts) and the settings forms show them before they send, so the two cannot
 * disagree on a range.
 */
import { MAX_MONEY_MINOR } from "./bounds";

/** Field → sentence for pickup settings out of range: hold 1–60 days, remind before the hold ends. */
export function pickupSettingsErrors(s: { holdDays: number; reminderDays: number }): Record<string, string> {
  const e: Record<string, string> = {};
  if (!Number.isInteger(s.holdDays) || s.holdDays < 1 || s.holdDays > 60) e.holdDays = "Hold for 1 to 60 whole days.";
  if (!Number.isInteger(s.reminderDays) || s.reminderDays < 1 || s.reminderDays >= s.holdDays)
    e.reminderDays = "Remind after 1 or more whole days, before the hold ends.";
  return e;
}

/** Field → sentence for portal settings out of range: a 0–365 day window, an auto-approval limit of 0 or more. */
export function portalSettingsErrors(s: { returnWindowDays: number; maxValueMinor: number }): Record<string, string> {
  const e: Record<string, string> = {};
  if (!Number.isInteger(s.returnWindowDays) || s.returnWindowDays < 0 || s.returnWindowDays > 365)
    e.returnWindowDays = "The return window is 0 to 365 whole days.";
  if (!Number.isSafeInteger(s.maxValueMinor) || s.maxValueMinor < 0 || s.maxValueMinor > MAX_MONEY_MINOR)
    e.maxValueMinor = "A whole amount in minor units, 0 or more.";
  return e;
}

/** What a store's daily ship-from-store capacity counts (model/pickup/tables.ts builds its validator from it). */
export const CAPACITY_UNITS = ["units", "orders"] as const;
const MAX_CAPACITY = 1_000_000;
const MAX_HOURS_LENGTH = 200;

/** Field → sentence for a store's options: a capacity of 0 to 1,000,000 a day, opening hours of at most 200 characters. */
export function storeOptionsErrors(s: { dailyCapacity: { limit: number } | null; pickupHours: string | null }) {
  const e: Record<string, string> = {};
  const limit = s.dailyCapacity?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0 || limit > MAX_CAPACITY))
    e.limit = "Capacity is a whole number from 0 to 1,000,000.";
  if ((s.pickupHours?.trim().length ?? 0) > MAX_HOURS_LENGTH) e.pickupHours = `At most ${MAX_HOURS_LENGTH} characters.`;
  return e;
}

/** A channel's id of a pickup location (mapped to a store): 1–64 letters, digits, - or _. */
export function locationIdProblem(id: string): string | undefined {
  return /^[0-9A-Za-z_-]{1,64}$/.test(id.trim())
    ? undefined
    : "The channel's location id: letters, digits, - or _ (e.g. 24826418).";
}
