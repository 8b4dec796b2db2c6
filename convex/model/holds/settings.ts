/**
 * Exception settings: one row, defaults when absent (nothing needs seeding for validation to run).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { DEFAULT_FRAUD_SETTINGS } from "../../lib/validation/types";
import { exceptionSettingsErrors } from "../../lib/validation/settings";
import { recordAudit } from "../audit/record";
import type { ExceptionSettings } from "./tables";

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

/** Saves the settings (admin), audited. */
export async function saveExceptionSettings(ctx: MutationCtx, actor: Actor, s: ExceptionSettings) {
  const errors = exceptionSettingsErrors(s);
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
