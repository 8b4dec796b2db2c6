/**
 * The checks on the click & collect and returns-portal settings, pure and keyed by field: the
 * server refuses with them (model/pickup/settings.ts, model/portal/settings.ts) and the settings
 * forms show them before they send, so the two cannot disagree on a range.
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
