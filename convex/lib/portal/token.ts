/**
 * Portal session tokens: after the customer proves an order (number + email or postal code) the
 * HTTP action hands back `<payload>.<signature>`, where the payload names the order and an expiry
 * and the signature is HMAC-SHA256 over it with the deployment's secret (Web Crypto, available in
 * the Convex runtime, Node and browsers). Every later portal call must bring a token whose
 * signature verifies and whose expiry has not passed; the order id alone opens nothing.
 */
export const PORTAL_TOKEN_TTL_MS = 30 * 60_000;

export type PortalClaims = { orderId: string; expiresAt: number };

const enc = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function hmac(secret: string, data: string) {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(data)));
}

/** Compares without stopping at the first differing byte. */
function sameBytes(a: Uint8Array, b: Uint8Array) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function signPortalToken(secret: string, claims: PortalClaims): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify({ o: claims.orderId, x: claims.expiresAt })));
  return `${payload}.${b64url(await hmac(secret, payload))}`;
}

/** The claims of a token signed with `secret` and not expired at `now`, else null (never throws). */
export async function verifyPortalToken(secret: string, token: unknown, now: number): Promise<PortalClaims | null> {
  if (typeof token !== "string" || token.length > 1000) return null;
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const given = fromB64url(sig);
  if (!given || !sameBytes(given, await hmac(secret, payload))) return null;
  const raw = fromB64url(payload);
  if (!raw) return null;
  try {
    const body = JSON.parse(new TextDecoder().decode(raw)) as { o?: unknown; x?: unknown };
    if (typeof body.o !== "string" || typeof body.x !== "number" || !(body.x > now)) return null;
    return { orderId: body.o, expiresAt: body.x };
  } catch {
    return null;
  }
}
