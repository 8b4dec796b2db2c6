/** The pickup settings row: reminder and hold days (admins edit them; defaults until then). */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { throwIfFieldErrors } from "../../lib/errors";
import { readSettingsRow, saveSettingsRow } from "../settings/singleton";
import { DEFAULT_PICKUP_SETTINGS, type PickupSettings } from "./tables";

/** The settings in force (the saved row, or the defaults). */
export async function readPickupSettings(ctx: QueryCtx): Promise<PickupSettings> {
  return readSettingsRow(ctx, "pickupSettings", DEFAULT_PICKUP_SETTINGS);
}

/** Saves the settings (admin), audited. */
export async function savePickupSettings(ctx: MutationCtx, actor: Actor, s: PickupSettings) {
  const e: Record<string, string> = {};
  if (!Number.isInteger(s.holdDays) || s.holdDays < 1 || s.holdDays > 60) e.holdDays = "Hold for 1 to 60 whole days.";
  if (!Number.isInteger(s.reminderDays) || s.reminderDays < 1 || s.reminderDays >= s.holdDays)
    e.reminderDays = "Remind after 1 or more whole days, before the hold ends.";
  throwIfFieldErrors(e);
  await saveSettingsRow(ctx, actor, "pickupSettings", {
    fields: { ...s, updatedAt: Date.now(), updatedBy: actor.name },
    summary: `Pickup: remind after ${s.reminderDays} d, back to stock after ${s.holdDays} d`,
  });
}
