/**
 * Exception settings: one row, defaults when absent (nothing needs seeding for validation to run).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import type { Infer } from "convex/values";
import { appError } from "../../lib/errors";
import { DEFAULT_FRAUD_SETTINGS } from "../../lib/validation/types";
import { recordAudit } from "../audit/record";
import type { vAddressVerification, vFraudSettings, vStuckSettings } from "./tables";

export type ExceptionSettings = {
  fraud: Infer<typeof vFraudSettings>;
  stuck: Infer<typeof vStuckSettings>;
  addressVerification: Infer<typeof vAddressVerification>;
};

export const DEFAULT_EXCEPTION_SETTINGS: ExceptionSettings = {
  fraud: DEFAULT_FRAUD_SETTINGS,
  stuck: { awaitingFulfilmentHours: 24, noScanHours: 48, ackWarningHours: 4 },
  addressVerification: "off",
};

/** The settings in force (the saved row, or the defaults). */
export async function readExceptionSettings(ctx: QueryCtx): Promise<ExceptionSettings> {
  const row = await ctx.db
    .query("exceptionSettings")
    .withIndex("by_key", (q) => q.eq("key", "default"))
    .unique();
  if (!row) return DEFAULT_EXCEPTION_SETTINGS;
  return { fraud: row.fraud, stuck: row.stuck, addressVerification: row.addressVerification };
}

function settingsErrors(s: ExceptionSettings): Record<string, string> {
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
  for (const k of ["awaitingFulfilmentHours", "noScanHours", "ackWarningHours"] as const) {
    const n = s.stuck[k];
    if (!(n > 0) || n > 24 * 30) e[`stuck.${k}`] = "Between 0 and 720 hours.";
  }
  return e;
}

/** Saves the settings (admin), audited. */
export async function saveExceptionSettings(ctx: MutationCtx, actor: Actor, s: ExceptionSettings) {
  const errors = settingsErrors(s);
  if (Object.keys(errors).length) throw appError("INVALID_INPUT", Object.values(errors)[0], errors);
  const row = await ctx.db
    .query("exceptionSettings")
    .withIndex("by_key", (q) => q.eq("key", "default"))
    .unique();
  const doc = { ...s, updatedAt: Date.now(), updatedBy: actor.name };
  if (row) await ctx.db.patch("exceptionSettings", row._id, doc);
  else await ctx.db.insert("exceptionSettings", { key: "default", ...doc });
  await recordAudit(ctx, actor, {
    entity: "exceptionSettings",
    entityId: "default",
    action: "update",
    summary: `Fraud ${s.fraud.enabled ? `on, hold at ${s.fraud.holdAtScore}` : "off"}; stuck after ${s.stuck.awaitingFulfilmentHours} h; address verification ${s.addressVerification}`,
  });
}
