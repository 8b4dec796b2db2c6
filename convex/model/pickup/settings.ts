/** The pickup settings row: reminder and hold days (admins edit them; defaults until then). */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { throwIfFieldErrors } from "../../lib/errors";
import { readSettingsRow, saveSettingsRow } from "../settings/singleton";
import { DEFAULT_PICKUP_SETTINGS, type PickupSettings } from "./tables";
import { pickupSettingsErrors } from "../../lib/pickupSettings";

/** The settings in force (the saved row, or the defaults). */
export async function readPickupSettings(ctx: QueryCtx): Promise<PickupSettings> {
  return readSettingsRow(ctx, "pickupSettings", DEFAULT_PICKUP_SETTINGS);
}

/** Saves the settings (admin), audited. */
export async function savePickupSettings(ctx: MutationCtx, actor: Actor, s: PickupSettings) {
  throwIfFieldErrors(pickupSettingsErrors(s));
  await saveSettingsRow(ctx, actor, "pickupSettings", {
    fields: { ...s, updatedAt: Date.now(), updatedBy: actor.name },
    summary: `Pickup: remind after ${s.reminderDays} d, back to stock after ${s.holdDays} d`,
  });
}
