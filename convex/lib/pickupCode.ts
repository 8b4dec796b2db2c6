/**
 * Pickup codes: "PU-" and 8 characters from an alphabet without look-alikes (0/O, 1/I/L, U), about
 * 6.5 × 10¹¹ codes. People type them in any case with or without the prefix, spaces or dashes;
 * scanners send the QR's text. Pure.
 */
import { normalizeScan } from "./barcode";

export const PICKUP_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PICKUP_CODE_LENGTH = 8;

/** A fresh code from `random` bytes (crypto.getRandomValues). Rejection sampling keeps it uniform. */
export function makePickupCode(randomBytes: (n: number) => Uint8Array): string {
  const n = PICKUP_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = "";
  while (out.length < PICKUP_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b < limit && out.length < PICKUP_CODE_LENGTH) out += PICKUP_CODE_ALPHABET[b % n];
    }
  }
  return `PU-${out}`;
}

/** "pu 7kq4-xm2d" → "PU-7KQ4XM2D"; anything that cannot be a code → null. */
export function normalizePickupCode(raw: string): string | null {
  const t = normalizeScan(raw)
    .toUpperCase()
    .replace(/[\s-]+/g, "");
  const body = t.startsWith("PU") && t.length === PICKUP_CODE_LENGTH + 2 ? t.slice(2) : t;
  if (body.length !== PICKUP_CODE_LENGTH) return null;
  for (const c of body) if (!PICKUP_CODE_ALPHABET.includes(c)) return null;
  return `PU-${body}`;
}
