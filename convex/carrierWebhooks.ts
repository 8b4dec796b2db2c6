/**
 * Tracking webhooks. Each checks its vendor's signature over the raw body before reading it
 * (lib/tracking/vendors.ts); a bad or missing signature, or no secret configured, is answered 401
 * and nothing is written. A good delivery goes to one internal mutation that ignores events it has
 * already stored (replays, retries) by the vendor's event id.
 *   POST /webhooks/easypost/tracking  X-Hmac-Signature, secret EASYPOST_WEBHOOK_SECRET
 *   POST /webhooks/shippo/tracking    Shippo-Auth-Signature, secret SHIPPO_WEBHOOK_SECRET
 *                                     (or ?token= equal to SHIPPO_WEBHOOK_TOKEN)
 */
import { httpAction } from "./_generated/server";
import { internal } from "./_generated/api";
import { trackingWebhookSecrets } from "./integrations/tracking/settings";
import {
  easyPostEvents,
  safeEqual,
  shippoEvents,
  verifyEasyPost,
  verifyShippo,
  type VendorEvent,
} from "./lib/tracking/vendors";

export const MAX_WEBHOOK_BYTES = 1_000_000;

async function readBody(req: Request): Promise<string | Response> {
  const raw = await req.text();
  return raw.length > MAX_WEBHOOK_BYTES ? new Response("Body too large", { status: 413 }) : raw;
}

function parse(raw: string, events: (body: unknown) => VendorEvent[]): VendorEvent[] | Response {
  try {
    return events(JSON.parse(raw));
  } catch {
    return new Response("Body is not JSON", { status: 400 });
  }
}

export const easyPostTracking = httpAction(async (ctx, req) => {
  const raw = await readBody(req);
  if (raw instanceof Response) return raw;
  if (!(await verifyEasyPost(raw, req.headers.get("x-hmac-signature"), trackingWebhookSecrets().easyPost)))
    return new Response("Invalid signature", { status: 401 });
  const events = parse(raw, easyPostEvents);
  if (events instanceof Response) return events;
  const result = await ctx.runMutation(internal.carrierTracking.ingestWebhook, { source: "easypost", events });
  return Response.json({ result });
});

export const shippoTracking = httpAction(async (ctx, req) => {
  const raw = await readBody(req);
  if (raw instanceof Response) return raw;
  const secrets = trackingWebhookSecrets();
  const token = secrets.shippoToken;
  const given = new URL(req.url).searchParams.get("token");
  const byToken = !!token && !!given && safeEqual(given, token);
  const byHmac = await verifyShippo(raw, req.headers.get("shippo-auth-signature"), secrets.shippo, Date.now());
  if (!byToken && !byHmac) return new Response("Invalid signature", { status: 401 });
  const events = parse(raw, shippoEvents);
  if (events instanceof Response) return events;
  const result = await ctx.runMutation(internal.carrierTracking.ingestWebhook, { source: "shippo", events });
  return Response.json({ result });
});
