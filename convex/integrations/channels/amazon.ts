/**
 * Amazon Selling Partner API over fetch.
 *
 * Orders: the Orders API **v2026-01-01** by default (`searchOrders` by lastUpdatedAfter with
 * paginationToken pages, items inline; `includedData=BUYER,RECIPIENT,…`). Under v2026-01-01 the
 * buyer and the ship-to (PII) come without a Restricted Data Token, but only to an app that holds
 * the restricted roles: Direct-to-Consumer Delivery (Restricted) for the address, Tax Remittance or
 * Tax Invoicing for the buyer. A page of unshipped merchant orders that all arrive without an
 * address fails the pull with a message naming the role, instead of importing orders that would
 * fail the address check one by one. The deprecated v0 model (`getOrders` + `getOrderItems`) is kept
 * for accounts not yet moved (`ordersApi: "v0"`); there the PII needs a Restricted Data Token
 * (Tokens API 2021-03-01, dataElements buyerInfo + shippingAddress), which is asked for and used for
 * getOrders only.
 *
 * Orders fulfilled by Amazon, pending (no address yet) and already shipped are not orders for us.
 * A buyer's cancellation request (orderItems[].cancellation.cancellationRequest.requester = BUYER)
 * becomes `cancelRequested`. Currencies are passed through as sent: the import decides.
 *
 * Shipments: confirmShipment (Orders v0, current) per package. Acknowledgements: a
 * POST_ORDER_ACKNOWLEDGEMENT_DATA feed (Feeds 2021-06-30); an order counts as acknowledged only when
 * the feed's processing report says so (`checkAcknowledgements`), not when the feed is accepted.
 *
 * PII: nothing here logs or puts buyer names, e-mails, phones or addresses in error messages; only
 * order ids. Rate limits follow the documented usage plans; a 429 waits 1 / x-amzn-RateLimit-Limit s.
 */
import { decimalToMinor, stableNumber, type NormalizedOrder } from "../../lib/channels/order";
import { request, requestJson } from "./http";
import { TokenBucket } from "./rateLimit";
import {
  ChannelError,
  type AckResult,
  type AdapterDeps,
  type ChannelAdapter,
  type FeeReport,
  type PullPage,
  type ShipmentConfirmation,
} from "./types";
import { DAY } from "../../lib/clock";

export const AMAZON_ORDERS_API = "2026-01-01";
export const AMAZON_FEEDS_API = "2021-06-30";

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
  /** "2026-01-01" (default) or the deprecated "v0". */
  ordersApi?: "2026-01-01" | "v0";
};

// ---- Orders v2026-01-01 ------------------------------------------------------------------------
type Money26 = { amount?: string; currencyCode?: string };
export type Amazon26Order = {
  orderId: string;
  createdTime: string;
  lastUpdatedTime: string;
  buyer?: { buyerName?: string; buyerEmail?: string; buyerCompanyName?: string };
  recipient?: {
    deliveryAddress?: {
      name?: string;
      companyName?: string;
      addressLine1?: string;
      addressLine2?: string;
      addressLine3?: string;
      city?: string;
      stateOrRegion?: string;
      postalCode?: string;
      countryCode?: string;
      phone?: string;
    };
  };
  proceeds?: { grandTotal?: Money26 };
  fulfillment?: { fulfillmentStatus?: string; fulfilledBy?: string; shipByWindow?: { latestDateTime?: string } };
  orderItems?: {
    orderItemId: string;
    quantityOrdered: number;
    product?: { asin?: string; title?: string; sellerSku?: string; price?: { unitPrice?: Money26 } };
    cancellation?: { cancellationRequest?: { requester?: string; cancelReason?: string } };
    fulfillment?: { quantityFulfilled?: number; quantityUnfulfilled?: number };
    /** The item's proceeds by type (ITEM, SHIPPING, TAX …): SHIPPING is what the buyer paid to ship it. */
    proceeds?: { breakdowns?: { type?: string; subtotal?: Money26 }[] };
  }[];
};
const INCLUDED = ["BUYER", "RECIPIENT", "PROCEEDS", "CANCELLATION", "FULFILLMENT"];

/** Merchant-fulfilled orders we can ship: not Amazon's, not pending an address, not shipped already. */
export function amazon26Wanted(o: Amazon26Order) {
  const s = o.fulfillment?.fulfillmentStatus;
  if (o.fulfillment?.fulfilledBy === "AMAZON") return false;
  return s === "UNSHIPPED" || s === "CANCELLED";
}

/** A v2026-01-01 order in the internal model. */
export function normalizeAmazon26Order(o: Amazon26Order): NormalizedOrder {
  const a = o.recipient?.deliveryAddress ?? {};
  const items = o.orderItems ?? [];
  const currency =
    o.proceeds?.grandTotal?.currencyCode ??
    items.find((i) => i.product?.price?.unitPrice?.currencyCode)?.product?.price?.unitPrice?.currencyCode ??
    "";
  const request = items.map((i) => i.cancellation?.cancellationRequest).find((r) => r?.requester === "BUYER");
  return {
    externalId: o.orderId,
    placedAt: Date.parse(o.createdTime),
    updatedAt: Date.parse(o.lastUpdatedTime),
    cancelled: o.fulfillment?.fulfillmentStatus === "CANCELLED",
    customer: {
      name: o.buyer?.buyerName || a.name || "Amazon customer",
      email: o.buyer?.buyerEmail || `${o.orderId}@marketplace.amazon.invalid`,
      phone: a.phone || undefined,
    },
    shipTo: {
      name: a.name ?? "",
      company: a.companyName || o.buyer?.buyerCompanyName || undefined,
      line1: a.addressLine1 ?? "",
      line2: [a.addressLine2, a.addressLine3].filter(Boolean).join(", ") || undefined,
      city: a.city ?? "",
      region: a.stateOrRegion || undefined,
      postalCode: a.postalCode ?? "",
      country: a.countryCode ?? "",
      phone: a.phone || undefined,
    },
    currency,
    lines: items
      .filter((i) => i.quantityOrdered > 0)
      .map((i) => ({
        externalLineId: i.orderItemId,
        listingSku: i.product?.sellerSku ?? i.product?.asin ?? i.orderItemId,
        title: i.product?.title,
        quantity: i.quantityOrdered,
        // unitPrice is the price of one unit.
        unitPriceMinor: decimalToMinor(i.product?.price?.unitPrice?.amount ?? "0") ?? 0,
      })),
    shipBy: o.fulfillment?.shipByWindow?.latestDateTime
      ? Date.parse(o.fulfillment.shipByWindow.latestDateTime)
      : undefined,
    // Amazon releases an order for shipping (UNSHIPPED) only once it is paid.
    paymentStatus: "paid",
    cancelRequested: request ? { reason: request.cancelReason || undefined } : undefined,
    ...amazonShipping(
      items.flatMap((i) => (i.proceeds?.breakdowns ?? []).filter((b) => b.type === "SHIPPING").map((b) => b.subtotal)),
    ),
  };
}

/** `{ shippingChargedMinor }`: Σ the items' shipping amounts (issue 20); nothing when none or zero. */
function amazonShipping(amounts: ({ amount?: string; Amount?: string } | undefined)[]): {
  shippingChargedMinor?: number;
} {
  let minor = 0;
  for (const a of amounts) minor += decimalToMinor(a?.amount ?? a?.Amount ?? "0") ?? 0;
  return minor > 0 ? { shippingChargedMinor: minor } : {};
}

// ---- Finances v0 (fees, issue 20) ---------------------------------------------------------------
type FinMoney = { CurrencyCode?: string; CurrencyAmount?: number };
type FeeComponent = { FeeType?: string; FeeAmount?: FinMoney };
type FinShipmentEvent = {
  AmazonOrderId?: string;
  OrderFeeList?: FeeComponent[];
  ShipmentFeeList?: FeeComponent[];
  OrderFeeAdjustmentList?: FeeComponent[];
  ShipmentFeeAdjustmentList?: FeeComponent[];
  ShipmentItemList?: { ItemFeeList?: FeeComponent[] }[];
  ShipmentItemAdjustmentList?: { ItemFeeAdjustmentList?: FeeComponent[] }[];
};
export type AmazonFinancialEvents = { ShipmentEventList?: FinShipmentEvent[]; RefundEventList?: FinShipmentEvent[] };

/**
 * Fees from an order's financial events: every fee component of its shipment events (item fees
 * such as Commission and FBAPerUnitFulfillmentFee, shipment and order fees) and the fee
 * adjustments of its refund events (Amazon gives part of the commission back). Amazon writes
 * charges as negative amounts; we keep fees as positive costs, per fee type. No shipment event
 * yet: pending.
 */
export function amazonFees(pages: AmazonFinancialEvents[]): FeeReport {
  const shipments = pages.flatMap((p) => p.ShipmentEventList ?? []);
  if (shipments.length === 0)
    return { status: "pending", why: "Amazon has posted no shipment event for this order yet." };
  const byType = new Map<string, number>();
  let unreadable: string | undefined;
  const add = (list: FeeComponent[] | undefined) => {
    for (const f of list ?? []) {
      const minor = decimalToMinor(f.FeeAmount?.CurrencyAmount ?? 0);
      const type = f.FeeType || "Fee";
      if (minor === null) unreadable = type;
      else byType.set(type, (byType.get(type) ?? 0) - minor);
    }
  };
  for (const e of [...shipments, ...pages.flatMap((p) => p.RefundEventList ?? [])]) {
    add(e.OrderFeeList);
    add(e.ShipmentFeeList);
    add(e.OrderFeeAdjustmentList);
    add(e.ShipmentFeeAdjustmentList);
    for (const i of e.ShipmentItemList ?? []) add(i.ItemFeeList);
    for (const i of e.ShipmentItemAdjustmentList ?? []) add(i.ItemFeeAdjustmentList);
  }
  // An amount we cannot read exactly is never counted as 0.
  if (unreadable) return { status: "not_reported", why: `Amazon reported a fee we cannot read (${unreadable}).` };
  return { status: "reported", fees: [...byType].map(([type, amountMinor]) => ({ type, amountMinor })) };
}

// ---- Orders v0 (deprecated) ---------------------------------------------------------------------
type Money = { CurrencyCode?: string; Amount?: string };
export type AmazonOrder = {
  AmazonOrderId: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: string;
  FulfillmentChannel?: string;
  OrderTotal?: Money;
  LatestShipDate?: string;
  IsBuyerRequestedCancel?: boolean;
  BuyerInfo?: { BuyerEmail?: string; BuyerName?: string };
  ShippingAddress?: {
    Name?: string;
    AddressLine1?: string;
    AddressLine2?: string;
    AddressLine3?: string;
    City?: string;
    StateOrRegion?: string;
    PostalCode?: string;
    CountryCode?: string;
    Phone?: string;
  };
};
export type AmazonOrderItem = {
  OrderItemId: string;
  SellerSKU?: string;
  ASIN: string;
  Title?: string;
  QuantityOrdered: number;
  ItemPrice?: Money;
  /** Shipping the buyer paid for all units of the item. */
  ShippingPrice?: Money;
  BuyerRequestedCancel?: { IsBuyerRequestedCancel?: string | boolean; BuyerCancelReason?: string };
};
type Cursor = { after: string; next?: string; seen?: string };

/** 429 → wait one request's worth of the limit the response states (requests per second). */
export function amazonThrottleWait(res: Response) {
  const rate = Number(res.headers.get("x-amzn-ratelimit-limit"));
  return rate > 0 ? Math.ceil(1000 / rate) : undefined;
}

const CARRIERS: Record<string, string> = {
  ups: "UPS",
  usps: "USPS",
  fedex: "FedEx",
  dhl: "DHL",
  "canada post": "Canada Post",
  canadapost: "Canada Post",
  "royal mail": "Royal Mail",
  royalmail: "Royal Mail",
};

/** Amazon's v0 order + items in the internal model. */
export function normalizeAmazonOrder(o: AmazonOrder, items: AmazonOrderItem[]): NormalizedOrder {
  const a = o.ShippingAddress ?? {};
  const currency =
    o.OrderTotal?.CurrencyCode ?? items.find((i) => i.ItemPrice?.CurrencyCode)?.ItemPrice?.CurrencyCode ?? "";
  const asked = items.find((i) => String(i.BuyerRequestedCancel?.IsBuyerRequestedCancel) === "true");
  return {
    externalId: o.AmazonOrderId,
    placedAt: Date.parse(o.PurchaseDate),
    updatedAt: Date.parse(o.LastUpdateDate),
    cancelled: o.OrderStatus === "Canceled",
    customer: {
      name: o.BuyerInfo?.BuyerName ?? a.Name ?? "Amazon customer",
      email: o.BuyerInfo?.BuyerEmail ?? `${o.AmazonOrderId}@marketplace.amazon.invalid`,
      phone: a.Phone,
    },
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
    paymentStatus: "paid",
    cancelRequested:
      o.IsBuyerRequestedCancel || asked
        ? { reason: asked?.BuyerRequestedCancel?.BuyerCancelReason || undefined }
        : undefined,
    ...amazonShipping(items.map((i) => i.ShippingPrice)),
  };
}

/** A page whose every unshipped merchant order lacks a street address: the app cannot see PII. */
function missingPii(orders: NormalizedOrder[]) {
  const open = orders.filter((o) => !o.cancelled);
  return open.length > 0 && open.every((o) => !o.shipTo.line1 || !o.shipTo.postalCode);
}
const PII_MESSAGE =
  "Amazon sent these orders without a ship-to address. The SP-API app needs the Direct-to-Consumer Delivery (Restricted) role (and Tax Remittance or Tax Invoicing for the buyer's name and e-mail), and the seller must re-authorise it.";

/** Processing report of an acknowledgement feed: MessageIDs that failed, with Amazon's words. */
export function parseProcessingReport(xml: string): {
  processed: number;
  successful: number;
  errors: Map<number, string>;
} {
  const num = (tag: string) => Number(new RegExp(`<${tag}>\\s*(\\d+)\\s*</${tag}>`).exec(xml)?.[1] ?? NaN);
  const errors = new Map<number, string>();
  for (const m of xml.matchAll(/<Result>([\s\S]*?)<\/Result>/g)) {
    const body = m[1];
    if (!/<ResultCode>\s*Error\s*<\/ResultCode>/.test(body)) continue;
    const id = Number(/<MessageID>\s*(\d+)\s*<\/MessageID>/.exec(body)?.[1]);
    const why = /<ResultDescription>([\s\S]*?)<\/ResultDescription>/.exec(body)?.[1]?.trim() ?? "rejected";
    if (Number.isFinite(id)) errors.set(id, why);
  }
  return { processed: num("MessagesProcessed"), successful: num("MessagesSuccessful"), errors };
}

export function amazonAdapter(cfg: AmazonConfig, deps: AdapterDeps = {}): ChannelAdapter {
  const now = () => deps.now?.() ?? Date.now();
  const v0 = cfg.ordersApi === "v0";
  const buckets = {
    orders: new TokenBucket(v0 ? 0.0167 : 0.0056, 20, deps),
    items: new TokenBucket(0.5, 30, deps),
    confirm: new TokenBucket(2, 10, deps),
    feeds: new TokenBucket(0.0083, 15, deps),
    feedReads: new TokenBucket(2, 15, deps),
    // Finances v0 listFinancialEventsByOrderId: 0.5 requests/s, burst 30.
    finances: new TokenBucket(0.5, 30, deps),
    tokens: new TokenBucket(1, 10, deps),
  };
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken() {
    if (token && token.expiresAt > now() + 60_000) return token.value;
    const body = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: cfg.refreshToken,
      client_id: cfg.clientId,
      client_secret: cfg.clientSecret,
    });
    const r = await requestJson<{ access_token: string; expires_in: number }>(
      cfg.lwaUrl,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
        body: body.toString(),
      },
      deps,
    );
    token = { value: r.access_token, expiresAt: now() + r.expires_in * 1000 };
    return token.value;
  }

  async function call<T>(
    bucket: TokenBucket,
    path: string,
    init: { method?: string; body?: unknown; rdt?: string } = {},
  ): Promise<T> {
    await bucket.take();
    const headers: Record<string, string> = {
      "x-amz-access-token": init.rdt ?? (await accessToken()),
      accept: "application/json",
    };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    return requestJson<T>(
      `${cfg.apiUrl}${path}`,
      {
        method: init.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        throttleWaitMs: (res) => {
          bucket.drain();
          return amazonThrottleWait(res);
        },
      },
      deps,
    );
  }

  let rdt: { value: string; expiresAt: number } | undefined;
  /** A Restricted Data Token for v0 getOrders' buyer and address, kept for its lifetime (an hour). */
  async function restrictedToken(path: string) {
    if (rdt && rdt.expiresAt > now() + 60_000) return rdt.value;
    const r = await call<{ restrictedDataToken: string; expiresIn: number }>(
      buckets.tokens,
      "/tokens/2021-03-01/restrictedDataToken",
      {
        method: "POST",
        body: { restrictedResources: [{ method: "GET", path, dataElements: ["buyerInfo", "shippingAddress"] }] },
      },
    );
    rdt = { value: r.restrictedDataToken, expiresAt: now() + r.expiresIn * 1000 };
    return rdt.value;
  }

  async function itemsOf(orderId: string) {
    const items: AmazonOrderItem[] = [];
    let next: string | undefined;
    do {
      const q = next ? `?NextToken=${encodeURIComponent(next)}` : "";
      const r = await call<{ payload: { OrderItems: AmazonOrderItem[]; NextToken?: string } }>(
        buckets.items,
        `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems${q}`,
      );
      items.push(...r.payload.OrderItems);
      next = r.payload.NextToken || undefined;
    } while (next);
    return items;
  }

  async function pull26(cur: Cursor): Promise<PullPage> {
    const q = new URLSearchParams({
      lastUpdatedAfter: cur.after,
      marketplaceIds: cfg.marketplaceId,
      fulfilledBy: "MERCHANT",
      includedData: INCLUDED.join(","),
      maxResultsPerPage: "100",
    });
    if (cur.next) q.set("paginationToken", cur.next);
    const r = await call<{
      orders?: Amazon26Order[];
      pagination?: { nextToken?: string };
      lastUpdatedBefore?: string;
      createdBefore?: string;
    }>(buckets.orders, `/orders/${AMAZON_ORDERS_API}/orders?${q}`);
    const orders: NormalizedOrder[] = [];
    let seen = cur.seen;
    for (const o of r.orders ?? []) {
      if (!seen || o.lastUpdatedTime > seen) seen = o.lastUpdatedTime;
      if (amazon26Wanted(o)) orders.push(normalizeAmazon26Order(o));
    }
    if (missingPii(orders)) throw new ChannelError(PII_MESSAGE, false);
    const next = r.pagination?.nextToken;
    if (next) return { orders, cursor: JSON.stringify({ after: cur.after, next, seen }), done: false };
    return { orders, cursor: JSON.stringify({ after: seen ?? cur.after }), done: true };
  }

  async function pullV0(cur: Cursor): Promise<PullPage> {
    const q = new URLSearchParams({ MarketplaceIds: cfg.marketplaceId });
    if (cur.next) q.set("NextToken", cur.next);
    else {
      q.set("LastUpdatedAfter", cur.after);
      q.set("MaxResultsPerPage", "100");
    }
    const rdt = await restrictedToken("/orders/v0/orders");
    const r = await call<{ payload: { Orders: AmazonOrder[]; NextToken?: string; LastUpdatedBefore?: string } }>(
      buckets.orders,
      `/orders/v0/orders?${q}`,
      { rdt },
    );
    const wanted = r.payload.Orders.filter(
      (o) =>
        (o.OrderStatus === "Unshipped" || o.OrderStatus === "PartiallyShipped" || o.OrderStatus === "Canceled") &&
        o.FulfillmentChannel !== "AFN",
    );
    // Checked before any item is read: a token that did not release the addresses fails the pull.
    const open = wanted.filter((o) => o.OrderStatus !== "Canceled");
    if (open.length > 0 && open.every((o) => !o.ShippingAddress?.AddressLine1))
      throw new ChannelError(PII_MESSAGE, false);
    const orders: NormalizedOrder[] = [];
    let seen = cur.seen;
    for (const o of r.payload.Orders) if (!seen || o.LastUpdateDate > seen) seen = o.LastUpdateDate;
    for (const o of wanted) orders.push(normalizeAmazonOrder(o, await itemsOf(o.AmazonOrderId)));
    if (r.payload.NextToken)
      return { orders, cursor: JSON.stringify({ after: cur.after, next: r.payload.NextToken, seen }), done: false };
    return { orders, cursor: JSON.stringify({ after: seen ?? r.payload.LastUpdatedBefore ?? cur.after }), done: true };
  }

  return {
    async pullPage(raw): Promise<PullPage> {
      const cur: Cursor = raw
        ? (JSON.parse(raw) as Cursor)
        : { after: new Date(now() - (cfg.firstWindowDays ?? 3) * DAY).toISOString() };
      return v0 ? pullV0(cur) : pull26(cur);
    },

    /** Sends one acknowledgement feed; each order is pending until the feed's processing report says. */
    async acknowledge(ids): Promise<AckResult[]> {
      if (ids.length === 0) return [];
      const contentType = "text/xml; charset=UTF-8";
      const doc = await call<{ feedDocumentId: string; url: string }>(
        buckets.feeds,
        `/feeds/${AMAZON_FEEDS_API}/documents`,
        { method: "POST", body: { contentType } },
      );
      const messages = ids.map(
        (id, i) =>
          `<Message><MessageID>${i + 1}</MessageID><OrderAcknowledgement><AmazonOrderID>${id}</AmazonOrderID><StatusCode>Success</StatusCode></OrderAcknowledgement></Message>`,
      );
      const xml = `<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd"><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${cfg.sellerId ?? ""}</MerchantIdentifier></Header><MessageType>OrderAcknowledgement</MessageType>${messages.join("")}</AmazonEnvelope>`;
      await request(doc.url, { method: "PUT", headers: { "content-type": contentType }, body: xml }, deps);
      const feed = await call<{ feedId: string }>(buckets.feeds, `/feeds/${AMAZON_FEEDS_API}/feeds`, {
        method: "POST",
        body: {
          feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA",
          marketplaceIds: [cfg.marketplaceId],
          inputFeedDocumentId: doc.feedDocumentId,
        },
      });
      return ids.map((externalOrderId, i) => ({
        externalOrderId,
        ok: true,
        pending: { ref: `feed:${feed.feedId}:${i + 1}`, checkInMs: 120_000 },
      }));
    },

    /** Reads the feeds behind pending acknowledgements (refs `feed:<feedId>:<messageId>`): done, failed, or still pending. */
    async checkAcknowledgements(pending): Promise<AckResult[]> {
      const byFeed = new Map<string, { externalOrderId: string; messageId: number }[]>();
      for (const p of pending) {
        const [, feedId, messageId] = p.ref.split(":");
        byFeed.set(feedId, [
          ...(byFeed.get(feedId) ?? []),
          { externalOrderId: p.externalOrderId, messageId: Number(messageId) },
        ]);
      }
      const out: AckResult[] = [];
      for (const [feedId, rows] of byFeed) {
        const feed = await call<{ processingStatus: string; resultFeedDocumentId?: string }>(
          buckets.feedReads,
          `/feeds/${AMAZON_FEEDS_API}/feeds/${encodeURIComponent(feedId)}`,
        );
        if (feed.processingStatus === "IN_QUEUE" || feed.processingStatus === "IN_PROGRESS") {
          for (const r of rows)
            out.push({
              externalOrderId: r.externalOrderId,
              ok: true,
              pending: { ref: `feed:${feedId}:${r.messageId}`, checkInMs: 120_000 },
            });
          continue;
        }
        if (feed.processingStatus !== "DONE" || !feed.resultFeedDocumentId) {
          for (const r of rows)
            out.push({
              externalOrderId: r.externalOrderId,
              ok: false,
              error: `Amazon did not process acknowledgement feed ${feedId} (${feed.processingStatus}); it is sent again.`,
            });
          continue;
        }
        const doc = await call<{ url: string; compressionAlgorithm?: string }>(
          buckets.feedReads,
          `/feeds/${AMAZON_FEEDS_API}/documents/${encodeURIComponent(feed.resultFeedDocumentId)}`,
        );
        const res = await request(doc.url, {}, deps);
        const text =
          doc.compressionAlgorithm === "GZIP" && res.body
            ? await new Response(res.body.pipeThrough(new DecompressionStream("gzip"))).text()
            : await res.text();
        const report = parseProcessingReport(text);
        for (const r of rows) {
          const why = report.errors.get(r.messageId);
          out.push(
            why
              ? { externalOrderId: r.externalOrderId, ok: false, error: `Amazon rejected the acknowledgement: ${why}` }
              : { externalOrderId: r.externalOrderId, ok: true },
          );
        }
      }
      return out;
    },

    async confirmShipment(c: ShipmentConfirmation) {
      // Amazon edits a confirmed package when the same packageReferenceId is sent again.
      const packageReferenceId = c.replaces?.remoteRef ?? String(stableNumber(c.packageKey));
      const carrierCode = CARRIERS[c.carrier.trim().toLowerCase()] ?? "Other";
      const items = c.items.length > 0 ? c.items : await allItems(c.externalOrderId);
      await call<void>(
        buckets.confirm,
        `/orders/v0/orders/${encodeURIComponent(c.externalOrderId)}/shipmentConfirmation`,
        {
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
        },
      );
      return { remoteRef: packageReferenceId };
    },

    /**
     * The fees Amazon charged on one order (issue 20): Finances v0 listFinancialEventsByOrderId,
     * every page. Amazon posts them with the shipment's ShipmentEvent (up to 48 hours after the
     * confirmation): none yet is `pending`.
     */
    async orderFees(q): Promise<FeeReport> {
      const events: AmazonFinancialEvents[] = [];
      let next: string | undefined;
      for (let page = 0; page < 10; page++) {
        const qs = new URLSearchParams({ MaxResultsPerPage: "100" });
        if (next) qs.set("NextToken", next);
        const r = await call<{ payload?: { FinancialEvents?: AmazonFinancialEvents; NextToken?: string } }>(
          buckets.finances,
          `/finances/v0/orders/${encodeURIComponent(q.externalOrderId)}/financialEvents?${qs}`,
        );
        if (r.payload?.FinancialEvents) events.push(r.payload.FinancialEvents);
        next = r.payload?.NextToken || undefined;
        if (!next) break;
      }
      return amazonFees(events);
    },
  };

  /** Every line of an order, for a confirmation of the whole order. */
  async function allItems(orderId: string) {
    if (v0)
      return (await itemsOf(orderId)).map((i) => ({ externalLineId: i.OrderItemId, quantity: i.QuantityOrdered }));
    const r = await call<{ order?: Amazon26Order } & Amazon26Order>(
      buckets.items,
      `/orders/${AMAZON_ORDERS_API}/orders/${encodeURIComponent(orderId)}?includedData=FULFILLMENT`,
    );
    const o = r.order ?? r;
    return (o.orderItems ?? []).map((i) => ({ externalLineId: i.orderItemId, quantity: i.quantityOrdered }));
  }
}
