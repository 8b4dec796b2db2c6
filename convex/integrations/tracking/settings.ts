/**
 * Tracking settings from Convex environment variables (this folder is where deployment settings
 * are read): the webhook secrets of the tracking routes and the table-rate simulator switch.
 *   EASYPOST_WEBHOOK_SECRET   the webhook_secret EasyPost signs tracker events with
 *   SHIPPO_WEBHOOK_SECRET     Shippo's HMAC secret (Shippo-Auth-Signature)
 *   SHIPPO_WEBHOOK_TOKEN      Shippo's self-generated URL token (?token=), optional
 *   TRACKING_SIMULATOR        "0" turns off the simulated milestones of table-rate labels
 */
export const trackingWebhookSecrets = () => ({
  easyPost: process.env.EASYPOST_WEBHOOK_SECRET || undefined,
  shippo: process.env.SHIPPO_WEBHOOK_SECRET || undefined,
  shippoToken: process.env.SHIPPO_WEBHOOK_TOKEN || undefined,
});

export const trackingSimulatorOn = () => (process.env.TRACKING_SIMULATOR ?? "1") !== "0";
