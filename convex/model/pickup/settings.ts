/** The pickup settings row: reminder and hold days (admins edit them; defaults until then). */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { throwIfFieldErrors } from "../../lib/errors";
import { recordAudit } from "../audit/record";
import { DEFAULT_PICKUP_SETTINGS, type PickupSettings } from "./tables";

export async function readPickupSettings(ctx: QueryCtx): Promise<PickupSettings> {
  const row = await ctx.db
    .query("pickupSettings")
    .withIndex("by_key", (q) => q.eq("key", "default"))
    .unique();
  return row ? { reminderDays: row.reminderDays, holdDays: row.holdDays } : DEFAULT_PICKUP_SETTINGS;
}

export async function savePickupSettings(ctx: MutationCtx, actor: Actor, s: PickupSettings) {
  const e: Record<string, string> = {};
  if (!Number.isInteger(s.holdDays) || s.holdDays < 1 || s.holdDays > 60) e.holdDays = "Hold for 1 to 60 whole days.";
  if (!Number.isInteger(s.reminderDays) || s.reminderDays < 1 || s.reminderDays >= s.holdDays)
    e.reminderDays = "Remind after 1 or more whole days, before the hold ends.";
  throwIfFieldErrors(e);
  const row = await ctx.db
    .query("pickupSettings")
    .withIndex("by_key", (q) => q.eq("key", "default"))
    .unique();
  const next = { ...s, updatedAt: Date.now(), updatedBy: actor.name };
  if (row) await ctx.db.patch("pickupSettings", row._id, next);
  else await ctx.db.insert("pickupSettings", { key: "default", ...next });
  await recordAudit(ctx, actor, {
    entity: "pickupSettings",
    entityId: "default",
    action: "update",
    summary: `Pickup: remind after ${s.reminderDays} d, back to stock after ${s.holdDays} d`,
  });
}
