/**
 * The customer tracking page's lookups (no sign-in). Nothing about an order is revealed unless the
 * order number and the customer's email or shipping postal code both match; "no such order" and
 * "wrong email" give the same answer after the same reads. Every call first takes a token from two
 * buckets — per client address and per order number — so neither guessing emails for one order
 * nor sweeping order numbers from one address gets far.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { takeToken, type BucketConfig } from "../../lib/rateLimit";
import { normalizeScan } from "../../lib/barcode";
import { STATUS_LABELS } from "../../lib/orderStatus";
import { orderLinesOf, shipmentsOfOrder, orderByNumber } from "../orders/lines";
import { trackedLabels } from "../shipping/context";
import { rowBy } from "../rows";

export const LIMITS: Record<"ip" | "unknownClient" | "order", BucketConfig> = {
  ip: { capacity: 20, refillPerMinute: 10 },
  /** Requests without a client address (the host forwards none) share this one, sized for many customers. */
  unknownClient: { capacity: 300, refillPerMinute: 120 },
  order: { capacity: 5, refillPerMinute: 2 },
};

/** Bucket rows idle this long are full again: deleting them changes no answer (see expireRateLimits). */
export const RATE_LIMIT_IDLE_MS = 60 * 60_000;

/** Deletes bucket rows not touched for RATE_LIMIT_IDLE_MS, a bounded batch per call. */
export async function expireRateLimits(ctx: MutationCtx, now: number, limit = 200) {
  const old = await ctx.db
    .query("rateLimits")
    .withIndex("by_updatedAt", (q) => q.lt("updatedAt", now - RATE_LIMIT_IDLE_MS))
    .take(limit);
  for (const row of old) await ctx.db.delete("rateLimits", row._id);
  return old.length;
}

export type Proof = { orderNumber: string; email?: string; postalCode?: string };
export type Verified =
  | { ok: true; order: Doc<"orders"> }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number }
  | { ok: false; reason: "not_found" };

async function take(ctx: MutationCtx, key: string, cfg: BucketConfig, now: number) {
  const row = await rowBy(ctx, "rateLimits", "by_key", key);
  const r = takeToken(row ? { tokens: row.tokens, updatedAt: row.updatedAt } : null, now, cfg);
  if (row) await ctx.db.patch("rateLimits", row._id, r.state);
  else await ctx.db.insert("rateLimits", { key, ...r.state });
  return r;
}

const fold = (s: string) => s.trim().toLowerCase();
const compactPostal = (s: string) => s.replace(/[\s-]+/g, "").toUpperCase();

/** Compares without stopping at the first differing character. */
function sameText(a: string, b: string) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export function normalizeOrderNumber(raw: string) {
  const t = normalizeScan(raw).toUpperCase().slice(0, 40);
  return /^\d+$/.test(t) ? `SO-${t}` : t;
}

/** Rate limits, then checks the proof. Both failure kinds read the same rows. */
export async function verifyCustomer(ctx: MutationCtx, clientKey: string, proof: Proof): Promise<Verified> {
  const now = Date.now();
  const number = normalizeOrderNumber(proof.orderNumber);
  const client = clientKey.trim().slice(0, 100);
  const byIp = client
    ? await take(ctx, `ip:${client}`, LIMITS.ip, now)
    : await take(ctx, "ip:(none)", LIMITS.unknownClient, now);
  const byOrder = await take(ctx, `order:${number}`, LIMITS.order, now);
  if (!byIp.ok || !byOrder.ok)
    return { ok: false, reason: "rate_limited", retryAfterMs: Math.max(byIp.retryAfterMs, byOrder.retryAfterMs) };
  const order = number ? await orderByNumber(ctx, number) : null;
  const email = proof.email ? fold(proof.email) : "";
  const postal = proof.postalCode ? compactPostal(proof.postalCode) : "";
  const emailOk = email.length > 0 && sameText(email, fold(order?.customer.email ?? "\u0000"));
  const postalOk = postal.length >= 3 && sameText(postal, compactPostal(order?.shipTo.postalCode ?? "\u0000"));
  if (!order || !(emailOk || postalOk)) return { ok: false, reason: "not_found" };
  return { ok: true, order };
}

/** What the customer sees: status, each shipment with its packages' tracking, and returnable lines. */
export async function trackingView(ctx: MutationCtx, order: Doc<"orders">) {
  const shipments = await shipmentsOfOrder(ctx, order._id);
  const lines = await orderLinesOf(ctx, order._id);
  const out = [];
  for (const s of shipments) {
    if (s.status === "cancelled") continue;
    const labels = await trackedLabels(ctx, s._id);
    out.push({
      number: s.number,
      status:
        s.status === "shipped"
          ? "Shipped"
          : s.status === "packed"
            ? "Packed"
            : s.status === "picking" || s.status === "picked"
              ? "Being picked"
              : "Preparing",
      shippedAt: s.shippedAt ?? null,
      items: s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      packages: labels.map((l) => ({ carrier: l.carrier, service: l.service, trackingNumber: l.trackingNumber })),
    });
  }
  return {
    orderNumber: order.number,
    status: STATUS_LABELS[order.status],
    placedAt: order.placedAt,
    shipments: out,
    lines: lines.map((l) => ({
      lineId: l._id as string,
      name: l.name,
      sku: l.sku,
      quantity: l.quantity - l.cancelled,
      shipped: l.shipped,
      returnable: Math.max(0, l.shipped - l.returned),
    })),
  };
}
