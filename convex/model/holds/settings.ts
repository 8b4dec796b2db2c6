/**
 * Exception settings: one row, defaults when absent (nothing needs seeding for validation to run).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { DEFAULT_FRAUD_SETTINGS } from "../../lib/validation/types";
import { exceptionSettingsErrors } from "../../lib/validation/settings";
import { readSettingsRow, saveSettingsRow } from "../settings/singleton";
import type { ExceptionSettings } from "./tables";

export const DEFAULT_EXCEPTION_SETTINGS: ExceptionSettings = {
  fraud: DEFAULT_FRAUD_SETTINGS,
  stuck: { awaitingFulfilmentHours: 24, noScanHours: 48, ackWarningHours: 4 },
  addressVerification: "off",
};

/** The settings in force (the saved row, or the defaults). */
export async function readExceptionSettings(ctx: QueryCtx): Promise<ExceptionSettings> {
  return readSettingsRow(ctx, "exceptionSettings", DEFAULT_EXCEPTION_SETTINGS);
}

/** Saves the settings (admin), audited. */
export async function saveExceptionSettings(ctx: MutationCtx, actor: Actor, s: ExceptionSettings) {
  const errors = exceptionSettingsErrors(s);
  if (Object.keys(errors).length) throw appError("INVALID_INPUT", Object.values(errors)[0], errors);
  await saveSettingsRow(ctx, actor, "exceptionSettings", {
    fields: { ...s, updatedAt: Date.now(), updatedBy: actor.name },
    summary: `Fraud ${s.fraud.enabled ? `on, hold at ${s.fraud.holdAtScore}` : "off"}; stuck after ${s.stuck.awaitingFulfilmentHours} h; address verification ${s.addressVerification}`,
  });
}
