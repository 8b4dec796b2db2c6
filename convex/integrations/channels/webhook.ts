/**
 * POST /webhooks/shopify/<channel code>: Shopify order webhooks. The HMAC of the raw body is
 * checked against the channel's secret (CHANNEL_<CODE>_WEBHOOK_SECRET) before anything is read
 * from it; a bad signature is answered 401 and nothing is written. A good delivery goes to one
 * internal mutation that de-duplicates on X-Shopify-Webhook-Id and imports the order.
 */
import { httpAction } from "../../_generated/server";
import { internal } from "../../_generated/api";
import { envPrefix } from "../../lib/channels/env";
import { normalizeShopifyRestOrder, restOrderWantsPickup, verifyShopifyHmac, type RestOrder } from "./shopifyWebhook";

const ORDER_TOPICS = new Set(["orders/create", "orders/updated", "orders/paid", "orders/cancelled"]);

export const shopifyWebhook = httpAction(async (ctx, req) => {
  const code = decodeURIComponent(new URL(req.url).pathname.split("/").filter(Boolean).pop() ?? "").toLowerCase();
  const raw = await req.text();
  const secret = /^[a-z0-9-]+$/.test(code) ? process.env[`${envPrefix(code)}WEBHOOK_SECRET`] : undefined;
  if (!(await verifyShopifyHmac(raw, req.headers.get("x-shopify-hmac-sha256"), secret))) {
    return new Response("Invalid signature", { status: 401 });
  }
  const webhookId = req.headers.get("x-shopify-webhook-id") ?? req.headers.get("x-shopify-event-id");
  const topic = req.headers.get("x-shopify-topic") ?? "";
  if (!webhookId) return new Response("Missing X-Shopify-Webhook-Id", { status: 400 });
  let order = undefined;
  let pickupLeftToPull = false;
  if (ORDER_TOPICS.has(topic)) {
    try {
      const body = JSON.parse(raw) as RestOrder;
      order = normalizeShopifyRestOrder(body) ?? undefined;
      // A pickup order is imported by the pull, which reads its location; a cancellation still goes through.
      if (order && !order.cancelled && restOrderWantsPickup(body as Parameters<typeof restOrderWantsPickup>[0])) {
        order = undefined;
        pickupLeftToPull = true;
      }
    } catch {
      return new Response("Body is not JSON", { status: 400 });
    }
  }
  const result = await ctx.runMutation(internal.channelSync.ingestWebhook, {
    source: "shopify",
    webhookId,
    channel: code,
    topic,
    order,
  });
  return Response.json({ result: pickupLeftToPull && result !== "replayed" ? "pickup_left_to_pull" : result });
});
