/**
 * The checks on the exception settings, pure and keyed by path ("fraud.holdAtScore"): the server
 * refuses with them (model/holds/settings.ts) and the settings form shows them before it sends.
 */
import { settingHoursProblem } from "../clock";
import type { FraudSettings } from "./types";

export const STUCK_KEYS = ["awaitingFulfilmentHours", "noScanHours", "ackWarningHours"] as const;
export type StuckKey = (typeof STUCK_KEYS)[number];

/** Path → sentence for every value out of range; empty when the settings can be saved. */
export function exceptionSettingsErrors(s: {
  fraud: FraudSettings;
  stuck: Record<StuckKey, number>;
}): Record<string, string> {
  const e: Record<string, string> = {};
  const points = (path: string, n: number) => {
    if (!Number.isInteger(n) || n < 0 || n > 100) e[path] = "Points are a whole number from 0 to 100.";
  };
  const f = s.fraud;
  if (!Number.isInteger(f.holdAtScore) || f.holdAtScore < 1 || f.holdAtScore > 100)
    e["fraud.holdAtScore"] = "Hold level is a whole number from 1 to 100.";
  points("fraud.highValueNewCustomer.points", f.highValueNewCustomer.points);
  points("fraud.countryMismatch.points", f.countryMismatch.points);
  points("fraud.addressVelocity.points", f.addressVelocity.points);
  points("fraud.bulkQuantity.points", f.bulkQuantity.points);
  f.highValueNewCustomer.thresholds.forEach((t, i) => {
    if (!Number.isSafeInteger(t.amountMinor) || t.amountMinor <= 0)
      e[`fraud.highValueNewCustomer.thresholds.${i}`] = "Threshold must be above zero.";
  });
  if (!Number.isInteger(f.addressVelocity.maxOrdersPerHour) || f.addressVelocity.maxOrdersPerHour < 1)
    e["fraud.addressVelocity.maxOrdersPerHour"] = "At least 1 order per hour.";
  if (!Number.isInteger(f.bulkQuantity.maxUnitsPerLine) || f.bulkQuantity.maxUnitsPerLine < 1)
    e["fraud.bulkQuantity.maxUnitsPerLine"] = "At least 1 unit.";
  for (const k of STUCK_KEYS) {
    const n = s.stuck[k];
    const problem = settingHoursProblem(n, "above zero");
    if (problem) e[`stuck.${k}`] = problem;
  }
  return e;
}
