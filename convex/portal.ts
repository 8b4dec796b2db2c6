/**
 * The customer portal's backend (issue 20, part 5): HTTP actions (routes in http.ts) over internal
 * functions — no public function, the portal has no sign-in. POST /portal/session proves the order
 * exactly as /track does (order number + email or postal code, under the same rate limits) and
 * answers with a signed session token valid for 30 minutes (lib/portal/token.ts); every other call
 * must bring that token (JSON `token`, or `Authorization: Bearer`). A bad or expired token, or an
 * order id alone, opens nothing. The key is PORTAL_TOKEN_SECRET when set (≥ 32 characters), else
 * a random secret the deployment makes once and keeps in `portalSecrets`.
 */
import { ConvexError, v } from "convex/values";
import { httpAction, internalQuery } from "./_generated/server";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalMutation } from "./functions";
import { isAppErrorData } from "./lib/errors";
import { MAX_ORDER_LINES, STRING_LIMITS } from "./lib/bounds";
import { PORTAL_TOKEN_TTL_MS, signPortalToken, verifyPortalToken } from "./lib/portal/token";
import { verifyCustomer } from "./model/tracking/lookup";
import { RETURN_BODY_PROBLEM, parseReturnBody } from "./model/tracking/returnBody";
import { portalView } from "./model/portal/view";
import { cancelBackordered, keepWaiting, startReturn } from "./model/portal/actions";
import { vReturnReason } from "./model/returns/tables";
import { portalSecretFromEnv } from "./integrations/portal/env";
import { clientKey, corsHeaders, customerAnswers, NOT_FOUND_ANSWER } from "./lib/portal/http";
import { rowBy } from "./model/rows";

const vProof = {
  clientKey: v.string(),
  orderNumber: v.string(),
  email: v.optional(v.string()),
  postalCode: v.optional(v.string()),
};

/** Runs a customer action; a typed refusal is answered (nothing was written), anything else thrown. */
async function answered<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; result: T } | { ok: false; reason: "invalid"; message: string }> {
  try {
    return { ok: true, result: await run() };
  } catch (e) {
    if (e instanceof ConvexError && isAppErrorData(e.data))
      return { ok: false, reason: "invalid", message: e.data.message };
    throw e;
  }
}

async function provenOrder(ctx: { db: import("./_generated/server").QueryCtx["db"] }, orderId: string) {
  const id = ctx.db.normalizeId("orders", orderId);
  return id ? ctx.db.get("orders", id) : null;
}

export const secret = internalQuery({
  args: {},
  handler: async (ctx) => (await rowBy(ctx, "portalSecrets", "by_key", "token"))?.secret ?? null,
});

/** Keeps the first secret any action offers (two racing actions agree on one). */
export const keepSecret = internalMutation({
  args: { candidate: v.string() },
  handler: async (ctx, { candidate }) => {
    const row = await rowBy(ctx, "portalSecrets", "by_key", "token");
    if (row) return row.secret;
    await ctx.db.insert("portalSecrets", { key: "token", secret: candidate, createdAt: Date.now() });
    return candidate;
  },
});

export const open = internalMutation({
  args: vProof,
  handler: async (ctx, { clientKey, ...proof }) => {
    const r = await verifyCustomer(ctx, clientKey, proof);
    if (!r.ok) return r;
    return { ok: true as const, orderId: r.order._id as string, view: await portalView(ctx, r.order, Date.now()) };
  },
});

export const view = internalQuery({
  args: { orderId: v.string(), now: v.number() },
  handler: async (ctx, { orderId, now }) => {
    const order = await provenOrder(ctx, orderId);
    return order ? portalView(ctx, order, now) : null;
  },
});

export const cancelWaiting = internalMutation({
  args: { orderId: v.string(), lines: v.array(v.object({ lineId: v.string(), quantity: v.number() })) },
  handler: async (ctx, { orderId, lines }) => {
    const order = await provenOrder(ctx, orderId);
    if (!order) return { ok: false as const, reason: "not_found" as const };
    return answered(() => cancelBackordered(ctx, order, lines));
  },
});

export const wait = internalMutation({
  args: { orderId: v.string() },
  handler: async (ctx, { orderId }) => {
    const order = await provenOrder(ctx, orderId);
    if (!order) return { ok: false as const, reason: "not_found" as const };
    return answered(() => keepWaiting(ctx, order));
  },
});

export const requestReturn = internalMutation({
  args: {
    orderId: v.string(),
    lines: v.array(v.object({ lineId: v.string(), quantity: v.number(), reason: vReturnReason })),
    note: v.optional(v.string()),
    now: v.number(),
  },
  handler: async (ctx, { orderId, lines, note, now }) => {
    const order = await provenOrder(ctx, orderId);
    if (!order) return { ok: false as const, reason: "not_found" as const };
    return answered(() => startReturn(ctx, order, { lines, note }, now));
  },
});

const CORS = corsHeaders("Content-Type, Authorization");
const { json, refusal } = customerAnswers(CORS);
const NOT_FOUND = NOT_FOUND_ANSWER;

const EXPIRED = { ok: false, error: "session", message: "Your session has ended. Look your order up again." };

type ActionCtx = Parameters<Parameters<typeof httpAction>[0]>[0];

async function tokenSecret(ctx: ActionCtx): Promise<string> {
  const env = portalSecretFromEnv();
  if (env) return env;
  const stored = await ctx.runQuery(internal.portal.secret, {});
  if (stored) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return ctx.runMutation(internal.portal.keepSecret, {
    candidate: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""),
  });
}

async function readBody(req: Request) {
  return ((await req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
}

/** The order a request's token proves, or null (missing, forged, expired). */
async function sessionOf(ctx: ActionCtx, req: Request, body: Record<string, unknown>) {
  const bearer = req.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  const token = typeof body.token === "string" ? body.token : bearer;
  return verifyPortalToken(await tokenSecret(ctx), token, Date.now());
}

export const portalPreflight = httpAction(async () => new Response(null, { status: 204, headers: CORS }));

/** POST /portal/session { orderNumber, email | postalCode } → { token, expiresAt, order }. */
export const portalSession = httpAction(async (ctx, req) => {
  const body = await readBody(req);
  const str = (k: string) =>
    typeof body[k] === "string" ? (body[k] as string).slice(0, STRING_LIMITS.email) : undefined;
  const proof = {
    orderNumber: str("orderNumber") ?? "",
    email: str("email") || undefined,
    postalCode: str("postalCode") || undefined,
  };
  if (!proof.orderNumber || !(proof.email || proof.postalCode)) return json(404, NOT_FOUND);
  const r = await ctx.runMutation(internal.portal.open, { clientKey: clientKey(req), ...proof });
  if (!r.ok) return refusal(r);
  const expiresAt = Date.now() + PORTAL_TOKEN_TTL_MS;
  const token = await signPortalToken(await tokenSecret(ctx), { orderId: r.orderId, expiresAt });
  return json(200, { ok: true, token, expiresAt, order: r.view });
});

/** POST /portal/view { token } → the order as the portal shows it. */
export const portalView_ = httpAction(async (ctx, req) => {
  const body = await readBody(req);
  const s = await sessionOf(ctx, req, body);
  if (!s) return json(401, EXPIRED);
  const order = await ctx.runQuery(internal.portal.view, { orderId: s.orderId, now: Date.now() });
  return order ? json(200, { ok: true, order }) : json(404, NOT_FOUND);
});

/** POST /portal/cancel { token, lines: [{ lineId, quantity }] } → backordered units cancelled (and refunded). */
export const portalCancel = httpAction(async (ctx, req) => {
  const body = await readBody(req);
  const s = await sessionOf(ctx, req, body);
  if (!s) return json(401, EXPIRED);
  const raw = Array.isArray(body.lines) ? (body.lines as unknown[]).slice(0, 201) : [];
  const lines = raw.flatMap((l) => {
    const { lineId, quantity } = (l ?? {}) as Record<string, unknown>;
    return typeof lineId === "string" &&
      lineId.length <= STRING_LIMITS.code &&
      typeof quantity === "number" &&
      Number.isFinite(quantity)
      ? [{ lineId, quantity }]
      : [];
  });
  if (lines.length === 0 || lines.length !== raw.length || lines.length > MAX_ORDER_LINES)
    return json(400, { ok: false, error: "invalid", message: "Choose the waiting items to cancel." });
  const r = await ctx.runMutation(internal.portal.cancelWaiting, { orderId: s.orderId, lines });
  return r.ok ? json(200, { ok: true, refundedMinor: r.result.refundedMinor }) : refusal(r);
});

/** POST /portal/wait { token } → the customer keeps waiting for backordered items (recorded). */
export const portalWait = httpAction(async (ctx, req) => {
  const body = await readBody(req);
  const s = await sessionOf(ctx, req, body);
  if (!s) return json(401, EXPIRED);
  const r = await ctx.runMutation(internal.portal.wait, { orderId: s.orderId });
  return r.ok ? json(200, { ok: true }) : refusal(r);
});

/** POST /portal/return { token, lines: [{ lineId, quantity, reason }], note } → an RMA request (maybe auto-approved). */
export const portalReturn = httpAction(async (ctx, req) => {
  const body = await readBody(req);
  const s = await sessionOf(ctx, req, body);
  if (!s) return json(401, EXPIRED);
  const parsed = parseReturnBody(body);
  if (!parsed) return json(400, { ok: false, error: "invalid", message: RETURN_BODY_PROBLEM });
  const r = await ctx.runMutation(internal.portal.requestReturn, {
    orderId: s.orderId as Id<"orders">,
    lines: parsed.lines,
    note: parsed.note,
    now: Date.now(),
  });
  return r.ok ? json(200, { ok: true, ...r.result }) : refusal(r);
});
