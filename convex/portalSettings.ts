/** The customer portal's settings (admins): the return window and the auto-approval rule of customer returns. */
import { adminCommand, supervisorQuery } from "./functions";
import { readPortalSettings, savePortalSettings } from "./model/portal/settings";
import { vPortalSettings } from "./model/portal/tables";

export const get = supervisorQuery({
  args: {},
  returns: vPortalSettings,
  handler: async (ctx) => readPortalSettings(ctx),
});

export const save = adminCommand({ settings: vPortalSettings }, (ctx, { settings }) =>
  savePortalSettings(ctx, ctx.actor, settings),
);
