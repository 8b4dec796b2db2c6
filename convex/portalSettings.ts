/** The customer portal's settings (admins): the return window and the auto-approval rule of customer returns. */
import { v } from "convex/values";
import { adminMutation, supervisorQuery } from "./functions";
import { readPortalSettings, savePortalSettings } from "./model/portal/settings";
import { vPortalSettings } from "./model/portal/tables";

export const get = supervisorQuery({
  args: {},
  returns: vPortalSettings,
  handler: async (ctx) => readPortalSettings(ctx),
});

export const save = adminMutation({
  args: { settings: vPortalSettings },
  returns: v.null(),
  handler: async (ctx, { settings }) => {
    await savePortalSettings(ctx, ctx.actor, settings);
    return null;
  },
});
