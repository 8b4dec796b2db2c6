/**
 * Amazon Selling Partner API (Orders v0) over fetch: Login with Amazon refresh-token exchange,
 * getOrders by LastUpdatedAfter with NextToken pages, getOrderItems per order, confirmShipment per
 * package, and acknowledgements as a POST_ORDER_ACKNOWLEDGEMENT_DATA feed (Feeds 2021-06-30).
 * Rate limits follow the documented buckets (getOrders 0.0167/s burst 20, getOrderItems 0.5/s
 * burst 30, confirmShipment 2/s burst 10); a 429 waits 1 / x-amzn-RateLimit-Limit seconds.
 */
import { decimalToMinor, isCurrency, stableNumber, type NormalizedOrder } from "../../lib/channels/order";
import { request, requestJson } from "./http";
import { TokenBucket } from "./rateLimit";
import { ChannelError, type AckResult, type AdapterDeps, type ChannelAdapter, type PullPage, type ShipmentConfirmation } from "./types";

export type AmazonConfig = {
  apiUrl: string;
  lwaUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  marketplaceId: string;
  sellerId?: string;
  /** First pull: orders updated in the last this many days. */
  firstWindowDays?: number;
};

type Money = { CurrencyCode?: string; Amount?: string };
export type AmazonOrder = {
  AmazonOrderId: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: string;
  OrderTotal?: Money;
  LatestShipDate?: string;
  BuyerInfo?: { BuyerEmail?: string; BuyerName?: string };
  ShippingAddress?: { Name?: string; AddressLine1?: string; AddressLine2?: string; AddressLine3?: string; City?: string; StateOrRegion?: string; PostalCode?: string; CountryCode?: string; Phone?: string };
};
export type AmazonOrderItem = { OrderItemId: string; SellerSKU?: string; ASIN: string; Title?: string; QuantityOrdered: number; ItemPrice?: Money };
type Cursor = { after: string; next?: string; seen?: string };

/** 429 → wait one request's worth of the limit the response states (requests per second). */
export function amazonThrottleWait(res: Response) {
  const rate = Number(res.headers.get("x-amzn-ratelimit-limit"));
  return rate > 0 ? Math.ceil(1000 / rate) : undefined;
}

const CARRIERS: Record<string, string> = { ups: "UPS", usps: "USPS", fedex: "FedEx", dhl: "DHL", "canada post": "Canada Post", canadapost: "Canada Post", "royal mail": "Royal Mail", royalmail: "Royal Mail" };

/** Amazon's order + items in the internal model; Pending orders (no address yet) are not orders for us. */
export function normalizeAmazonOrder(o: AmazonOrder, items: AmazonOrderItem[]): NormalizedOrder {
  const a = o.ShippingAddress ?? {};
  const currency = o.OrderTotal?.CurrencyCode ?? items.find((i) => i.ItemPrice?.CurrencyCode)?.ItemPrice?.CurrencyCode ?? "USD";
  if (!isCurrency(currency)) throw new ChannelError(`Order ${o.AmazonOrderId} is in ${currency}, which we do not sell in.`, false);
  return {
    externalId: o.AmazonOrderId,
    placedAt: Date.parse(o.PurchaseDate),
    updatedAt: Date.parse(o.LastUpdateDate),
    cancelled: o.OrderStatus === "Canceled",
    customer: { name: o.BuyerInfo?.BuyerName ?? a.Name ?? "Amazon customer", email: o.BuyerInfo?.BuyerEmail ?? `${o.AmazonOrderId}@marketplace.amazon.invalid`, phone: a.Phone },
    shipTo: {
      name: a.Name ?? "",
      line1: a.AddressLine1 ?? "",
      line2: [a.AddressLine2, a.AddressLine3].filter(Boolean).join(", ") || undefined,
      city: a.City ?? "",
      region: a.StateOrRegion,
      postalCode: a.PostalCode ?? "",
      country: a.CountryCode ?? "",
      phone: a.Phone,
    },
    currency,
    lines: items
      .filter((i) => i.QuantityOrdered > 0)
      .map((i) => ({
        externalLineId: i.OrderItemId,
        listingSku: i.SellerSKU ?? i.ASIN,
        title: i.Title,
        quantity: i.QuantityOrdered,
        // ItemPrice is the price of all units of the item.
        unitPriceMinor: Math.round((decimalToMinor(i.ItemPrice?.Amount ?? "0") ?? 0) / i.QuantityOrdered),
      })),
    shipBy: o.LatestShipDate ? Date.parse(o.LatestShipDate) : undefined,
    // Amazon releases an order for shipping (Unshipped) only once it is paid.
    paymentStatus: "paid",
  };
}

export function amazonAdapter(cfg: AmazonConfig, deps: AdapterDeps = {}): ChannelAdapter {
  const now = () => deps.now?.() ?? Date.now();
  const buckets = { orders: new TokenBucket(0.0167, 20, deps), items: new TokenBucket(0.5, 30, deps), confirm: new TokenBucket(2, 10, deps), feeds: new TokenBucket(0.0083, 15, deps) };
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken() {
    if (token && token.expiresAt > now() + 60_000) return token.value;
    const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: cfg.refreshToken, client_id: cfg.clientId, client_secret: cfg.clientSecret });
    const r = await requestJson<{ access_token: string; expires_in: number }>(cfg.lwaUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" }, body: body.toString() }, deps);
    token = { value: r.access_token, expiresAt: now() + r.expires_in * 1000 };
    return token.value;
  }

  async function call<T>(bucket: TokenBucket, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    await bucket.take();
    const headers: Record<string, string> = { "x-amz-access-token": await accessToken(), accept: "application/json" };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    return requestJson<T>(`${cfg.apiUrl}${path}`, {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      throttleWaitMs: (res) => {
        bucket.drain();
        return amazonThrottleWait(res);
      },
    }, deps);
  }

  async function itemsOf(orderId: string) {
    const items: AmazonOrderItem[] = [];
    let next: string | undefined;
    do {
      const q = next ? `?NextToken=${encodeURIComponent(next)}` : "";
      const r = await call<{ payload: { OrderItems: AmazonOrderItem[]; NextToken?: string } }>(buckets.items, `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems${q}`);
      items.push(...r.payload.OrderItems);
      next = r.payload.NextToken || undefined;
    } while (next);
    return items;
  }

  return {
    async pullPage(raw): Promise<PullPage> {
      const cur: Cursor = raw ? (JSON.parse(raw) as Cursor) : { after: new Date(now() - (cfg.firstWindowDays ?? 3) * 86_400_000).toISOString() };
      const q = new URLSearchParams({ MarketplaceIds: cfg.marketplaceId });
      if (cur.next) q.set("NextToken", cur.next);
      else {
        q.set("LastUpdatedAfter", cur.after);
        q.set("MaxResultsPerPage", "100");
      }
      const r = await call<{ payload: { Orders: AmazonOrder[]; NextToken?: string; LastUpdatedBefore?: string } }>(buckets.orders, `/orders/v0/orders?${q}`);
      const orders: NormalizedOrder[] = [];
      let seen = cur.seen;
      for (const o of r.payload.Orders) {
        if (!seen || o.LastUpdateDate > seen) seen = o.LastUpdateDate;
        if (o.OrderStatus === "Pending" || o.OrderStatus === "PendingAvailability") continue;
        orders.push(normalizeAmazonOrder(o, await itemsOf(o.AmazonOrderId)));
      }
      if (r.payload.NextToken) return { orders, cursor: JSON.stringify({ after: cur.after, next: r.payload.NextToken, seen }), done: false };
      return { orders, cursor: JSON.stringify({ after: seen ?? r.payload.LastUpdatedBefore ?? cur.after }), done: true };
    },

    async acknowledge(ids): Promise<AckResult[]> {
      if (ids.length === 0) return [];
      const contentType = "text/xml; charset=UTF-8";
      const doc = await call<{ feedDocumentId: string; url: string }>(buckets.feeds, "/feeds/2021-06-30/documents", { method: "POST", body: { contentType } });
      const messages = ids.map((id, i) => `<Message><MessageID>${i + 1}</MessageID><OrderAcknowledgement><AmazonOrderID>${id}</AmazonOrderID><StatusCode>Success</StatusCode></OrderAcknowledgement></Message>`);
      const xml = `<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd"><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${cfg.sellerId ?? ""}</MerchantIdentifier></Header><MessageType>OrderAcknowledgement</MessageType>${messages.join("")}</AmazonEnvelope>`;
      await request(doc.url, { method: "PUT", headers: { "content-type": contentType }, body: xml }, deps);
      await call<{ feedId: string }>(buckets.feeds, "/feeds/2021-06-30/feeds", { method: "POST", body: { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [cfg.marketplaceId], inputFeedDocumentId: doc.feedDocumentId } });
      return ids.map((externalOrderId) => ({ externalOrderId, ok: true }));
    },

    async confirmShipment(c: ShipmentConfirmation) {
      // Amazon edits a confirmed package when the same packageReferenceId is sent again.
      const packageReferenceId = c.replaces?.remoteRef ?? String(stableNumber(c.packageKey));
      const carrierCode = CARRIERS[c.carrier.trim().toLowerCase()] ?? "Other";
      const items = c.items.length > 0 ? c.items : (await itemsOf(c.externalOrderId)).map((i) => ({ externalLineId: i.OrderItemId, quantity: i.QuantityOrdered }));
      await call<void>(buckets.confirm, `/orders/v0/orders/${encodeURIComponent(c.externalOrderId)}/shipmentConfirmation`, {
        method: "POST",
        body: {
          marketplaceId: cfg.marketplaceId,
          packageDetail: {
            packageReferenceId,
            carrierCode,
            carrierName: carrierCode === "Other" ? c.carrier : undefined,
            shippingMethod: c.service,
            trackingNumber: c.trackingNumber,
            shipDate: new Date(c.shippedAt).toISOString(),
            orderItems: items.map((i) => ({ orderItemId: i.externalLineId, quantity: i.quantity })),
          },
        },
      });
      return { remoteRef: packageReferenceId };
    },
  };
}
