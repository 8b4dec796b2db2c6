/** HTTP routes: vendor webhooks, each verifying its signature before an internal mutation. */
import { httpRouter } from "convex/server";
import { shopifyWebhook } from "./integrations/channels/webhook";
import { trackOrder, trackPreflight, trackReturn } from "./tracking";
import { easyPostTracking, shippoTracking } from "./carrierWebhooks";
import { portalCancel, portalPreflight, portalReturn, portalSession, portalView_, portalWait } from "./portal";

const http = httpRouter();

http.route({ pathPrefix: "/webhooks/shopify/", method: "POST", handler: shopifyWebhook });

// The customer tracking page (no sign-in): order number + email or postal code, rate limited.
http.route({ path: "/track", method: "POST", handler: trackOrder });
http.route({ path: "/track", method: "OPTIONS", handler: trackPreflight });
http.route({ path: "/track/return", method: "POST", handler: trackReturn });
http.route({ path: "/track/return", method: "OPTIONS", handler: trackPreflight });

// Carrier tracking webhooks (issue 20): signature checked, replays ignored by event id.
http.route({ path: "/webhooks/easypost/tracking", method: "POST", handler: easyPostTracking });
http.route({ path: "/webhooks/shippo/tracking", method: "POST", handler: shippoTracking });
// The customer portal (issue 20): a signed session token from /portal/session opens the rest.
for (const [path, handler] of [
  ["/portal/session", portalSession],
  ["/portal/view", portalView_],
  ["/portal/cancel", portalCancel],
  ["/portal/wait", portalWait],
  ["/portal/return", portalReturn],
] as const) {
  http.route({ path, method: "POST", handler });
  http.route({ path, method: "OPTIONS", handler: portalPreflight });
}

export default http;
