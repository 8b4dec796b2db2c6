/** The portal settings row (return window, auto-approval rule); defaults until an admin saves. */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { throwIfFieldErrors } from "../../lib/errors";
import { readSettingsRow, saveSettingsRow } from "../settings/singleton";
import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from "./tables";
import { portalSettingsErrors } from "../../lib/pickupSettings";

/** The settings in force (the saved row, or the defaults). */
export async function readPortalSettings(ctx: { db: QueryCtx["db"] }): Promise<PortalSettings> {
  return readSettingsRow(ctx, "portalSettings", DEFAULT_PORTAL_SETTINGS);
}

/** Saves the settings (admin), audited; the auto-approval reasons are kept once each. */
export async function savePortalSettings(ctx: MutationCtx, actor: Actor, s: PortalSettings) {
  throwIfFieldErrors(
    portalSettingsErrors({ returnWindowDays: s.returnWindowDays, maxValueMinor: s.autoApprove.maxValueMinor }),
  );
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
