/**
 * The answers of the customer endpoints (tracking lookup and returns in `tracking.ts`, the portal in
 * `portal.ts`): JSON never cached, CORS for the app's origin (no credentials), and one way to
 * answer a refusal. Pure: Web `Request`/`Response` only.
 */

/** What a customer request can be refused for; nothing was written. */
export type Refusal =
  | { ok: false; reason: "rate_limited"; retryAfterMs: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; message: string };

export const NOT_FOUND_ANSWER = {
  ok: false,
  error: "not_found",
  message: "We could not find an order with those details. Check the order number and the email or postal code.",
};

/** CORS headers allowing `allowHeaders` from any origin; the answers carry no credentials. */
export const corsHeaders = (allowHeaders: string) => ({
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": allowHeaders,
  "Access-Control-Max-Age": "86400",
});

/** The JSON answer and the refusal answer of endpoints with these CORS headers. */
export function customerAnswers(cors: Record<string, string>) {
  const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...cors, ...extra },
    });
  const refusal = (r: Refusal) => {
    if (r.reason === "rate_limited") {
      const s = Math.ceil(r.retryAfterMs / 1000);
      return json(
        429,
        { ok: false, error: "rate_limited", message: `Too many attempts. Try again in ${s} s.` },
        { "Retry-After": String(s) },
      );
    }
    if (r.reason === "invalid") return json(400, { ok: false, error: "invalid", message: r.message });
    return json(404, NOT_FOUND_ANSWER);
  };
  return { json, refusal };
}

/**
 * The client's address as the platform's proxy reports it, or "" when the host sets none of these
 * headers: such requests share one larger bucket (LIMITS.unknownClient) instead of a per-address
 * one every customer would share. The per-order bucket holds either way, even if spoofed.
 */
export function clientKey(req: Request) {
  const fwd = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return fwd || req.headers.get("x-real-ip")?.trim() || req.headers.get("cf-connecting-ip")?.trim() || "";
}
