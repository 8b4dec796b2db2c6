/** HTTP routes: vendor webhooks, each verifying its signature before an internal mutation. */
import { httpRouter } from "convex/server";
import { shopifyWebhook } from "./integrations/channels/webhook";

const http = httpRouter();

http.route({ pathPrefix: "/webhooks/shopify/", method: "POST", handler: shopifyWebhook });

export default http;
