/**
 * The built-in sandbox channel: a live inflow for the offline demo. Each pull generates a few
 * realistic orders (names, US/CA/GB addresses with valid postal codes, lines from active products)
 * from a seeded PRNG keyed by the cursor, so pulling the same cursor twice yields the same orders
 * (same external ids) and the import stays idempotent. Acknowledging and confirming always succeed.
 *
 * The orders are made in the vendors' own shapes — a Shopify GraphQL order node or an Amazon Orders
 * v2026-01-01 order, alternately — and read by the real adapters' parsers (normalizeShopifyOrder,
 * normalizeAmazon26Order), so the demo runs the same parsing paths as a real channel: current
 * quantities after a refunded unit, Amazon's unit prices and ship-by windows.
 */
import { stableNumber, type NormalizedOrder } from "../../lib/channels/order";
import type { Currency } from "../../lib/money";
import { prng } from "../../lib/prng";
import { normalizeAmazon26Order, type Amazon26Order } from "./amazon";
import { normalizeShopifyOrder } from "./shopify";
import type { GqlOrder } from "./shopifyQueries";
import type { AdapterDeps, ChannelAdapter, FeeQuery, FeeReport } from "./types";
import { DAY } from "../../lib/clock";

export type SandboxProduct = { sku: string; name: string; priceMinor: number; currency: Currency };
export type SandboxConfig = { catalog: SandboxProduct[]; ordersPerPull?: number };

const FIRST = [
  "Olivia",
  "Liam",
  "Amelia",
  "Noah",
  "Isla",
  "Oliver",
  "Ava",
  "Elijah",
  "Sophie",
  "Lucas",
  "Mia",
  "Ethan",
  "Chloe",
  "Mateo",
  "Grace",
  "Arjun",
  "Zoe",
  "Kenji",
  "Fatima",
  "Jonas",
];
const LAST = [
  "Smith",
  "Nguyen",
  "Garcia",
  "Brown",
  "Patel",
  "Martin",
  "Wilson",
  "Kim",
  "Taylor",
  "Roy",
  "Murphy",
  "Cohen",
  "Lopez",
  "Walker",
  "Singh",
  "Campbell",
  "Tremblay",
  "Evans",
  "Khan",
  "Ito",
];
const STREETS = [
  "Maple Ave",
  "Oak St",
  "High St",
  "Church Rd",
  "Elm St",
  "King St",
  "Queen St",
  "Park Lane",
  "Cedar Dr",
  "Station Rd",
  "Victoria Rd",
  "Pine St",
];
const PLACES = [
  { country: "US", city: "New York", region: "NY", postalCode: "10001" },
  { country: "US", city: "San Francisco", region: "CA", postalCode: "94105" },
  { country: "US", city: "Chicago", region: "IL", postalCode: "60601" },
  { country: "US", city: "Seattle", region: "WA", postalCode: "98101" },
  { country: "US", city: "Austin", region: "TX", postalCode: "78701" },
  { country: "US", city: "Miami", region: "FL", postalCode: "33131" },
  { country: "US", city: "Boston", region: "MA", postalCode: "02108" },
  { country: "US", city: "Denver", region: "CO", postalCode: "80202" },
  { country: "US", city: "Atlanta", region: "GA", postalCode: "30303" },
  { country: "US", city: "Columbus", region: "OH", postalCode: "43215" },
  { country: "CA", city: "Toronto", region: "ON", postalCode: "M5V 2T6" },
  { country: "CA", city: "Vancouver", region: "BC", postalCode: "V6B 1A1" },
  { country: "CA", city: "Montréal", region: "QC", postalCode: "H2Y 1C6" },
  { country: "CA", city: "Calgary", region: "AB", postalCode: "T2P 1J9" },
  { country: "GB", city: "London", region: undefined, postalCode: "SW1A 1AA" },
  { country: "GB", city: "Manchester", region: undefined, postalCode: "M1 1AE" },
  { country: "GB", city: "Edinburgh", region: undefined, postalCode: "EH1 1YZ" },
  { country: "GB", city: "Leeds", region: undefined, postalCode: "LS1 4AP" },
];

/** Listings the sandbox sells as 2-packs: unmapped until someone maps them, to show the hold flow. */
export const packListing = (sku: string) => `${sku}-2PK`;

/** The orders of sandbox cursor position `n` (ids SBX-<n+1>…), placed at `at`. */
export function sandboxOrders(n: number, cfg: SandboxConfig, at: number): NormalizedOrder[] {
  const rnd = prng(stableNumber(`sandbox:${n}`));
  const products = cfg.catalog;
  if (products.length === 0) return [];
  const count = rnd.int(1, Math.max(1, cfg.ordersPerPull ?? 2));
  const orders: NormalizedOrder[] = [];
  for (let i = 1; i <= count; i++) {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const place = rnd.pick(PLACES);
    const currency = products[0].currency;
    const pool = products.filter((p) => p.currency === currency);
    const lines: NormalizedOrder["lines"] = [];
    const used = new Set<string>();
    for (let l = 0, n2 = rnd.int(1, 3); l < n2; l++) {
      const p = rnd.pick(pool);
      const pack = pool.indexOf(p) < 3 && rnd.next() < 0.08;
      const sku = pack ? packListing(p.sku) : p.sku;
      if (used.has(sku)) continue;
      used.add(sku);
      lines.push({
        externalLineId: `SBX-${n + i}-${l + 1}`,
        listingSku: sku,
        title: pack ? `${p.name} (2-pack)` : p.name,
        quantity: rnd.int(1, 3),
        unitPriceMinor: pack ? p.priceMinor * 2 - 100 : p.priceMinor,
      });
    }
    const name = `${first} ${last}`;
    const id = `SBX-${n + i}`;
    const email = `${first}.${last}${n + i}@example.com`.toLowerCase();
    const line1 = `${rnd.int(1, 999)} ${rnd.pick(STREETS)}`;
    const shipBy = at + rnd.int(1, 3) * DAY;
    const money = (minor: number) => (minor / 100).toFixed(2);
    const iso = (t: number) => new Date(t).toISOString();
    if ((n + i) % 2 === 0) {
      // As Shopify sends it; now and then a unit was refunded before we pulled (currentQuantity).
      const node: GqlOrder = {
        id: `gid://shopify/Order/${id}`,
        legacyResourceId: id,
        name: `#${n + i}`,
        createdAt: iso(at),
        updatedAt: iso(at),
        cancelledAt: null,
        email,
        phone: null,
        note: null,
        currencyCode: currency,
        displayFinancialStatus: "PAID",
        customer: { firstName: first, lastName: last, email },
        shippingAddress: {
          name,
          company: null,
          address1: line1,
          address2: null,
          city: place.city,
          provinceCode: place.region ?? null,
          zip: place.postalCode,
          countryCodeV2: place.country,
          phone: null,
        },
        lineItems: {
          nodes: lines.map((l) => ({
            id: l.externalLineId,
            sku: l.listingSku,
            title: l.title ?? l.listingSku,
            quantity: l.quantity + (rnd.next() < 0.1 ? 1 : 0),
            currentQuantity: l.quantity,
            originalUnitPriceSet: { shopMoney: { amount: money(l.unitPriceMinor), currencyCode: currency } },
          })),
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      };
      const subtotal = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
      node.totalShippingPriceSet = {
        shopMoney: { amount: money(sandboxShopifyShipping(id, subtotal)), currencyCode: currency },
      };
      orders.push({ ...normalizeShopifyOrder(node), shipBy });
    } else {
      // As Amazon's searchOrders sends it (merchant-fulfilled, unshipped, buyer and recipient included).
      const order: Amazon26Order = {
        orderId: id,
        createdTime: iso(at),
        lastUpdatedTime: iso(at),
        buyer: { buyerName: name, buyerEmail: email },
        recipient: {
          deliveryAddress: {
            name,
            addressLine1: line1,
            city: place.city,
            stateOrRegion: place.region,
            postalCode: place.postalCode,
            countryCode: place.country,
          },
        },
        proceeds: {
          grandTotal: {
            amount: money(lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0)),
            currencyCode: currency,
          },
        },
        fulfillment: {
          fulfillmentStatus: "UNSHIPPED",
          fulfilledBy: "MERCHANT",
          shipByWindow: { latestDateTime: iso(shipBy) },
        },
        orderItems: lines.map((l) => ({
          orderItemId: l.externalLineId,
          quantityOrdered: l.quantity,
          product: {
            sellerSku: l.listingSku,
            title: l.title,
            price: { unitPrice: { amount: money(l.unitPriceMinor), currencyCode: currency } },
          },
          proceeds: {
            breakdowns: [
              { type: "ITEM", subtotal: { amount: money(l.unitPriceMinor * l.quantity), currencyCode: currency } },
              {
                type: "SHIPPING",
                subtotal: { amount: money(sandboxAmazonShipping(l.quantity)), currencyCode: currency },
              },
            ],
          },
        })),
      };
      orders.push(normalizeAmazon26Order(order));
    }
  }
  return orders;
}

/**
 * Shipping the sandbox's Shopify-shaped orders charge (issue 20), as a small web shop prices it:
 * free from 75.00, else standard 5.99 or (one order in four) express 12.99. From the order id, not
 * the order stream's random numbers, so the orders themselves are as before.
 */
export function sandboxShopifyShipping(id: string, subtotalMinor: number) {
  if (subtotalMinor >= 7500) return 0;
  return stableNumber(`ship:${id}`) % 4 === 0 ? 1299 : 599;
}

/** Amazon-shaped orders: a seller's per-item shipping, 3.99 for the first unit and 0.99 for each further one. */
export const sandboxAmazonShipping = (quantity: number) => 399 + 99 * (quantity - 1);

/**
 * The sandbox's fees (issue 20), shaped like the real channels': Shopify-shaped orders (even ids)
 * paid through Shopify Payments pay 2.9 % + 0.30 of what the buyer paid; one in five is paid
 * through another gateway, whose fees Shopify does not report. Amazon-shaped orders (odd ids) pay a
 * 15 % referral fee (Amazon's "Commission") on items and shipping, at least 0.30.
 */
export function sandboxFees(q: FeeQuery): FeeReport {
  const n = Number(/^SBX-(\d+)$/.exec(q.externalOrderId)?.[1]);
  if (!Number.isSafeInteger(n)) return { status: "not_reported", why: "Not a sandbox order." };
  const paid = q.totalMinor + q.shippingChargedMinor;
  if (n % 2 === 0) {
    if (stableNumber(`gateway:${q.externalOrderId}`) % 5 === 0)
      return { status: "not_reported", why: "Paid through a gateway other than Shopify Payments." };
    return { status: "reported", fees: [{ type: "Shopify Payments", amountMinor: Math.round(paid * 0.029) + 30 }] };
  }
  return { status: "reported", fees: [{ type: "Commission", amountMinor: Math.max(30, Math.round(paid * 0.15)) }] };
}

export function sandboxAdapter(cfg: SandboxConfig, deps: AdapterDeps = {}): ChannelAdapter {
  const now = () => deps.now?.() ?? Date.now();
  return {
    async pullPage(cursor) {
      const n = Number(cursor ?? "0") || 0;
      const orders = sandboxOrders(n, cfg, now());
      return { orders, cursor: String(n + orders.length), done: true };
    },
    async acknowledge(ids) {
      return ids.map((externalOrderId) => ({ externalOrderId, ok: true }));
    },
    async confirmShipment(c) {
      return { remoteRef: c.replaces?.remoteRef ?? `SBX-F-${stableNumber(c.packageKey)}` };
    },
    async orderFees(q) {
      return sandboxFees(q);
    },
  };
}
