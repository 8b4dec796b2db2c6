/**
 * The internal order model every channel adapter normalises to, and the small exact conversions
 * adapters share (vendor decimal strings → integer minor units). Pure: no Convex imports.
 */
import type { AddressInput } from "../address";

/** One line as the channel sold it: a listing SKU, not yet a catalog product. */
export type NormalizedLine = {
  externalLineId: string;
  listingSku: string;
  title?: string;
  quantity: number;
  unitPriceMinor: number;
};

/** A channel order in our terms (mirrors vNormalizedOrder in model/channels/tables.ts). */
export type NormalizedOrder = {
  externalId: string;
  placedAt: number;
  updatedAt: number;
  cancelled: boolean;
  customer: { name: string; email: string; phone?: string };
  shipTo: AddressInput;
  /** As the channel sent it: an order in a currency we do not sell in fails its import, not the pull. */
  currency: string;
  lines: NormalizedLine[];
  shipBy?: number;
  /** 0 normal, 1 high, 2 urgent. */
  priority?: number;
  /** What the channel says about payment; absent = the channel only sends paid orders. */
  paymentStatus?: "paid" | "pending" | "failed" | "not_required";
  notes?: string;
  /** The buyer asked the channel to cancel: the order is held for a supervisor to cancel or release. */
  cancelRequested?: { reason?: string };
  /** Click & collect: the code of our store the buyer collects from (CSV `pickup_store`). */
  pickupStoreCode?: string;
  /** What the buyer paid for shipping, minor units of `currency` (issue 20); absent = none charged. */
  shippingChargedMinor?: number;
  /**
   * Click & collect chosen on the channel (Shopify's PICK_UP fulfillment orders): the channel's
   * location id and name, mapped to our store per channel (channelLocations); `mixed` when part of
   * the order is shipped or collected elsewhere.
   */
  pickupLocation?: { id: string; name?: string; mixed?: boolean };
};

/**
 * "19.99" → 1999 exactly (no float arithmetic); more than two decimals round half up.
 * Returns null for anything that is not a plain decimal amount.
 */
export function decimalToMinor(amount: string | number): number | null {
  const s = typeof amount === "number" ? amount.toFixed(4) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = (m[3] ?? "").padEnd(3, "0");
  let minor = Number(m[2]) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] ? -minor : minor;
}

/** Strips optional fields that are empty strings, so they validate as absent. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out = { ...o };
  for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === null || out[k] === "") delete out[k];
  return out;
}

/** A stable positive 32-bit number for a string (FNV-1a), e.g. Amazon's numeric package reference. */
export function stableNumber(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h === 0 ? 1 : h;
}
