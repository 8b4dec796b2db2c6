/**
 * Shopify webhooks: HMAC-SHA256 of the raw body with the app's secret, base64, in
 * X-Shopify-Hmac-Sha256 — checked in constant time before anything is parsed — and the REST
 * order payload of orders/create in the internal model (mapped by shopifyOrder.ts, as a pull is).
 */
import type { NormalizedOrder } from "../../lib/channels/order";
import { normalizeShopifyFacts } from "./shopifyOrder";
import { hmacSha256, safeEqual, toBase64 } from "../../lib/hmac";

/** HMAC-SHA256(secret, body) as base64, the way Shopify signs a delivery. */
export async function shopifyHmac(rawBody: string, secret: string) {
  return toBase64(await hmacSha256(secret, rawBody));
}

/** True when the header is the body's signature under the secret (constant-time compare). */
export async function verifyShopifyHmac(rawBody: string, header: string | null, secret: string | undefined) {
  if (!header || !secret) return false;
  return safeEqual(await shopifyHmac(rawBody, secret), header);
}

export type RestOrder = {
  id: number;
  name?: string;
  created_at: string;
  updated_at: string;
  cancelled_at?: string | null;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  currency: string;
  financial_status?: string | null;
  customer?: { first_name?: string | null; last_name?: string | null; email?: string | null } | null;
  shipping_address?: {
    name?: string;
    company?: string | null;
    address1?: string;
    address2?: string | null;
    city?: string;
    province_code?: string | null;
    zip?: string;
    country_code?: string;
    phone?: string | null;
  } | null;
  line_items: {
    id: number;
    admin_graphql_api_id?: string;
    sku?: string | null;
    title: string;
    quantity: number;
    current_quantity?: number | null;
    price: string;
  }[];
  /** Σ shipping lines (issue 20). */
  total_shipping_price_set?: { shop_money?: { amount?: string; currency_code?: string } } | null;
};

/**
 * The orders/create webhook body in the internal model, or null when it is not an order at all.
 * Quantities are `current_quantity` (removed and refunded units are not shipped); the currency is
 * passed through as sent (the import refuses one we do not sell in, on its own row).
 */
export function normalizeShopifyRestOrder(o: RestOrder): NormalizedOrder | null {
  if (!o || typeof o.id !== "number" || !Array.isArray(o.line_items) || typeof o.currency !== "string") return null;
  const a = o.shipping_address ?? {};
  return normalizeShopifyFacts({
    id: String(o.id),
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    cancelledAt: o.cancelled_at,
    email: o.email,
    phone: o.phone,
    note: o.note,
    currency: o.currency,
    financialStatus: o.financial_status,
    customer: o.customer && {
      firstName: o.customer.first_name,
      lastName: o.customer.last_name,
      email: o.customer.email,
    },
    address: { ...a, provinceCode: a.province_code, countryCode: a.country_code },
    lines: o.line_items.map((l) => ({
      gid: l.admin_graphql_api_id ?? `gid://shopify/LineItem/${l.id}`,
      sku: l.sku,
      title: l.title,
      quantity: typeof l.current_quantity === "number" ? l.current_quantity : l.quantity,
      unitPrice: l.price,
    })),
    shippingAmount: o.total_shipping_price_set?.shop_money?.amount,
  });
}

/**
 * Click & collect in a webhook body: Shopify's REST order names no pickup location (that lives on
 * its fulfillment orders, which a webhook does not carry), only a shipping line whose source, code,
 * title or delivery category says pickup. Such an order is left to the pull, which reads the
 * fulfillment orders' location (shopify.ts `shopifyPickup`) — imported from here it would ship.
 */
export function restOrderWantsPickup(o: {
  shipping_lines?:
    { code?: string | null; title?: string | null; source?: string | null; delivery_category?: string | null }[] | null;
}) {
  return (o.shipping_lines ?? []).some((l) =>
    [l.code, l.title, l.source, l.delivery_category].some((x) => typeof x === "string" && /pick[\s_-]?up/i.test(x)),
  );
}
