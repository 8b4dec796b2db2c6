/** The customer portal's settings (admins): the return window and the auto-approval rule of customer returns. */
import { settingsEndpoints } from "./functions";
import { readPortalSettings, savePortalSettings } from "./model/portal/settings";
import { vPortalSettings } from "./model/portal/tables";

export const { get, save } = settingsEndpoints({
  readers: "supervisor",
  settings: vPortalSettings,
  read: readPortalSettings,
  save: savePortalSettings,
});
