/**
 * A Shopify order in the internal model, from either shape Shopify sends it in: the GraphQL node of
 * a pull (shopify.ts) and the REST body of an orders/create webhook (shopifyWebhook.ts). Each reads
 * its own field names into `ShopifyOrderFacts`; the mapping is this one, so a webhook and a later
 * pull of the same order import the same thing (same externalId, line ids, quantities, address).
 */
import { decimalToMinor, type NormalizedOrder } from "../../lib/channels/order";
import type { GqlOrder } from "./shopifyQueries";

/** What both shapes say about an order, in their shared terms. */
export type ShopifyOrderFacts = {
  /** The numeric order id (GraphQL legacyResourceId, REST id). */
  id: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string | null;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  currency: string;
  financialStatus?: string | null;
  customer?: { firstName?: string | null; lastName?: string | null; email?: string | null } | null;
  /** The shipping address in the GraphQL names, the country as `countryCode`. */
  address: Omit<NonNullable<GqlOrder["shippingAddress"]>, "countryCodeV2"> & { countryCode?: string | null };
  /** Lines with what is left to ship (`currentQuantity`: removed and refunded units are not). */
  lines: { gid: string; sku?: string | null; title: string; quantity: number; unitPrice: string }[];
  /** Σ shipping lines (issue 20). */
  shippingAmount?: string | null;
};

/** Shopify's financial status (GraphQL enum or REST string) in our terms. */
export function shopifyPayment(status: string | null | undefined): NormalizedOrder["paymentStatus"] {
  const s = (status ?? "").toUpperCase();
  if (s === "PENDING" || s === "AUTHORIZED" || s === "PARTIALLY_PAID") return "pending";
  if (s === "VOIDED" || s === "EXPIRED") return "failed";
  return s ? "paid" : undefined;
}

/** `{ shippingChargedMinor }` from Shopify's shipping total, or nothing when it is absent or zero. */
export function shippingCharged(amount: string | null | undefined): { shippingChargedMinor?: number } {
  const minor = amount == null ? null : decimalToMinor(amount);
  return minor ? { shippingChargedMinor: minor } : {};
}

/** The order in the internal model; a line with nothing left to ship is not imported. */
export function normalizeShopifyFacts(o: ShopifyOrderFacts): NormalizedOrder {
  const a = o.address;
  const name = a.name ?? [o.customer?.firstName, o.customer?.lastName].filter(Boolean).join(" ");
  return {
    externalId: o.id,
    placedAt: Date.parse(o.createdAt),
    updatedAt: Date.parse(o.updatedAt),
    cancelled: Boolean(o.cancelledAt),
    customer: {
      name: name || "Shopify customer",
      email: o.email ?? o.customer?.email ?? `${o.id}@shopify.invalid`,
      phone: o.phone ?? undefined,
    },
    shipTo: {
      name,
      company: a.company ?? undefined,
      line1: a.address1 ?? "",
      line2: a.address2 || undefined,
      city: a.city ?? "",
      region: a.provinceCode ?? undefined,
      postalCode: a.zip ?? "",
      country: a.countryCode ?? "",
      phone: a.phone ?? undefined,
    },
    currency: o.currency,
    lines: o.lines
      .filter((l) => l.quantity > 0)
      .map((l) => ({
        externalLineId: l.gid,
        listingSku: l.sku || l.gid,
        title: l.title,
        quantity: l.quantity,
        unitPriceMinor: decimalToMinor(l.unitPrice) ?? 0,
      })),
    paymentStatus: shopifyPayment(o.financialStatus),
    notes: o.note ?? undefined,
    ...shippingCharged(o.shippingAmount),
  };
}
