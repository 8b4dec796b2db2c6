/**
 * HMAC-SHA256 through Web Crypto (so it runs in the Convex runtime of HTTP actions as well as in
 * Node), the computation every signed webhook we accept is checked with; each vendor only encodes
 * the digest its own way (hex for EasyPost and Shippo, base64 for Shopify).
 */

const utf8 = new TextEncoder();

/** HMAC-SHA256 of `message` keyed with `key`, both UTF-8. */
export async function hmacSha256(key: string, message: string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey("raw", utf8.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, utf8.encode(message)));
}

export const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

export function toBase64(bytes: Uint8Array) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Constant-time string equality (length leaks, content does not). */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
