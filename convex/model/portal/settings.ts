/** The portal settings row (return window, auto-approval rule); defaults until an admin saves. */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { throwIfFieldErrors } from "../../lib/errors";
import { MAX_MONEY_MINOR } from "../../lib/bounds";
import { readSettingsRow, saveSettingsRow } from "../settings/singleton";
import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from "./tables";

/** The settings in force (the saved row, or the defaults). */
export async function readPortalSettings(ctx: { db: QueryCtx["db"] }): Promise<PortalSettings> {
  return readSettingsRow(ctx, "portalSettings", DEFAULT_PORTAL_SETTINGS);
}

/** Saves the settings (admin), audited; the auto-approval reasons are kept once each. */
export async function savePortalSettings(ctx: MutationCtx, actor: Actor, s: PortalSettings) {
  const e: Record<string, string> = {};
  if (!Number.isInteger(s.returnWindowDays) || s.returnWindowDays < 0 || s.returnWindowDays > 365)
    e.returnWindowDays = "The return window is 0 to 365 whole days.";
  if (
    !Number.isSafeInteger(s.autoApprove.maxValueMinor) ||
    s.autoApprove.maxValueMinor < 0 ||
    s.autoApprove.maxValueMinor > MAX_MONEY_MINOR
  )
    e.maxValueMinor = "A whole amount in minor units, 0 or more.";
  throwIfFieldErrors(e);
  const reasons = [...new Set(s.autoApprove.reasons)];
  await saveSettingsRow(ctx, actor, "portalSettings", {
    fields: {
      returnWindowDays: s.returnWindowDays,
      autoApprove: { ...s.autoApprove, reasons },
      updatedAt: Date.now(),
    },
    summary: `Returns: ${s.returnWindowDays}-day window; auto-approve ${s.autoApprove.enabled ? `${reasons.join(", ") || "no reason"} up to ${s.autoApprove.maxValueMinor}` : "off"}`,
  });
}
