/**
 * The customer tracking page's backend: internal mutations behind the HTTP actions in http.ts
 * (no public function: the page has no sign-in). Each verifies the order number + email/postal
 * code under the rate limits before revealing or changing anything.
 */
import { STRING_LIMITS } from "./lib/bounds";
import { clientKey, corsHeaders, customerAnswers, NOT_FOUND_ANSWER } from "./lib/portal/http";
import { v } from "convex/values";
import { internalMutation } from "./functions";
import { trackingView, verifyCustomer } from "./model/tracking/lookup";
import { startReturn } from "./model/portal/actions";
import { vReturnReason } from "./model/returns/tables";
import { isAppErrorData } from "./lib/errors";
import { ConvexError } from "convex/values";
import { httpAction } from "./_generated/server";
import { internal } from "./_generated/api";
import { RETURN_BODY_PROBLEM, parseReturnBody } from "./model/tracking/returnBody";

const vProof = {
  clientKey: v.string(),
  orderNumber: v.string(),
  email: v.optional(v.string()),
  postalCode: v.optional(v.string()),
};

export const lookup = internalMutation({
  args: vProof,
  handler: async (ctx, { clientKey, ...proof }) => {
    const r = await verifyCustomer(ctx, clientKey, proof);
    if (!r.ok) return r;
    return { ok: true as const, view: await trackingView(ctx, r.order) };
  },
});

/**
 * A customer's return request from the tracking page: the same rule as the portal's (startReturn:
 * the return window, the customer as the actor, the auto-approval rule), after the order number +
 * email/postal proof instead of a portal session.
 */
export const requestReturn = internalMutation({
  args: {
    ...vProof,
    lines: v.array(v.object({ lineId: v.string(), quantity: v.number(), reason: vReturnReason })),
    note: v.optional(v.string()),
  },
  handler: async (ctx, { clientKey, lines, note, ...proof }) => {
    const r = await verifyCustomer(ctx, clientKey, proof);
    if (!r.ok) return r;
    try {
      return { ok: true as const, ...(await startReturn(ctx, r.order, { lines, note }, Date.now())) };
    } catch (e) {
      // A refused request (e.g. more than was shipped, or after the window) is answered, not thrown: nothing was written.
      if (e instanceof ConvexError && isAppErrorData(e.data))
        return { ok: false as const, reason: "invalid" as const, message: e.data.message };
      throw e;
    }
  },
});

/** CORS for the tracking page, which is served from the app's origin, not this one. No credentials. */
const CORS = corsHeaders("Content-Type");
const { json, refusal } = customerAnswers(CORS);
const NOT_FOUND = NOT_FOUND_ANSWER;

async function readProof(req: Request) {
  const body = (await req.json().catch(() => null)) as Record<string, unknown> | null;
  // Longer than any order number, email or postal code can be: cut (it then matches nothing).
  const str = (k: string) =>
    typeof body?.[k] === "string" ? (body[k] as string).slice(0, STRING_LIMITS.email) : undefined;
  return {
    body,
    proof: {
      orderNumber: str("orderNumber") ?? "",
      email: str("email") || undefined,
      postalCode: str("postalCode") || undefined,
    },
  };
}

export const trackPreflight = httpAction(async () => new Response(null, { status: 204, headers: CORS }));

/** POST /track { orderNumber, email | postalCode } → the order's shipments and tracking. */
export const trackOrder = httpAction(async (ctx, req) => {
  const { proof } = await readProof(req);
  if (!proof.orderNumber || !(proof.email || proof.postalCode)) return json(404, NOT_FOUND);
  const r = await ctx.runMutation(internal.tracking.lookup, { clientKey: clientKey(req), ...proof });
  return r.ok ? json(200, { ok: true, order: r.view }) : refusal(r);
});

/** POST /track/return { orderNumber, email | postalCode, lines: [{ lineId, quantity, reason }], note } → an RMA request. */
export const trackReturn = httpAction(async (ctx, req) => {
  const { body, proof } = await readProof(req);
  if (!proof.orderNumber || !(proof.email || proof.postalCode)) return json(404, NOT_FOUND);
  const parsed = parseReturnBody(body);
  if (!parsed) return json(400, { ok: false, error: "invalid", message: RETURN_BODY_PROBLEM });
  const r = await ctx.runMutation(internal.tracking.requestReturn, {
    clientKey: clientKey(req),
    ...proof,
    lines: parsed.lines,
    note: parsed.note,
  });
  return r.ok
    ? json(200, { ok: true, rmaNumber: r.rmaNumber, approved: r.approved, labelRequested: r.labelRequested })
    : refusal(r);
});
