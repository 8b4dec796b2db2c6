/**
 * A local stand-in for Amazon's endpoints on 127.0.0.1, answering in the documented shapes (the
 * v2026-01-01 orders in the shape of the model's sandbox examples, see contracts/amazon): Login with
 * Amazon token exchange, Orders v2026-01-01 searchOrders (paginationToken pages, items inline, buyer
 * and recipient only with includedData BUYER/RECIPIENT and only when `piiRole` is on), Orders v0
 * (getOrders with NextToken pages — buyer and address only with a Restricted Data Token —,
 * getOrderItems, confirmShipment → 204), the Tokens API (createRestrictedDataToken), Feeds
 * 2021-06-30 (createFeedDocument, the pre-signed upload, createFeed, getFeed, getFeedDocument with a
 * processing report), errors as `{ errors: [{ code, message }] }` and throttling as 429 with
 * x-amzn-RateLimit-Limit. One order store (v0-shaped) serves both models.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AmazonFinancialEvents, AmazonOrder, AmazonOrderItem } from "./amazon";
import { exchange } from "../contracts/replay.testing";

/** An order as the v2026-01-01 model's own sandbox example has it (every field), to fill in. */
const ORDER_26_TEMPLATE = () =>
  structuredClone(
    (
      exchange("amazon", "orders_2026-01-01.json", "searchOrders:200:2").response as {
        orders: Record<string, unknown>[];
      }
    ).orders[0],
  );

export type AmazonFake = {
  url: string;
  orders: AmazonOrder[];
  items: Record<string, AmazonOrderItem[]>;
  pageSize: number;
  /** Requests answered so far: method, path with query, body. */
  log: { method: string; path: string; body: string; token?: string }[];
  /** Next responses to force, by path prefix: a status (and headers) instead of the real answer. */
  forced: {
    prefix: string;
    status: number;
    headers?: Record<string, string>;
    body?: unknown;
    times: number;
    /** Let this many matching requests through first. */ skip?: number;
  }[];
  tokenCalls: number;
  /** The app holds the restricted roles (v2026-01-01 PII without a token). */
  piiRole: boolean;
  /** Buyer cancellation requests by order id (v2026 cancellation.cancellationRequest; v0 IsBuyerRequestedCancel). */
  cancelRequests: Record<string, string>;
  /** Fulfilled by Amazon (FBA): not ours to ship. */
  fba: Set<string>;
  /** Acknowledgement feeds: status and the MessageIDs the processing report rejects. */
  feeds: Map<string, { status: string; rejected: number[]; messages: number }>;
  rdtCalls: { path: string; dataElements: string[] }[];
  /** Finances v0 events per order id, one entry per page (issue 20). */
  financialEvents: Record<string, AmazonFinancialEvents[]>;
  close: () => Promise<void>;
};

const STATUS_26: Record<string, string> = {
  Pending: "PENDING",
  PendingAvailability: "PENDING_AVAILABILITY",
  Unshipped: "UNSHIPPED",
  PartiallyShipped: "PARTIALLY_SHIPPED",
  Shipped: "SHIPPED",
  Canceled: "CANCELLED",
  Unfulfillable: "UNFULFILLABLE",
};

/** A stored (v0-shaped) order as searchOrders v2026-01-01 returns it. */
function order26(fake: AmazonFake, o: AmazonOrder, included: string[]) {
  const a = o.ShippingAddress;
  const items = fake.items[o.AmazonOrderId] ?? [];
  const cancel = fake.cancelRequests[o.AmazonOrderId];
  return {
    ...ORDER_26_TEMPLATE(),
    orderAliases: [],
    tax: undefined,
    payment: undefined,
    orderId: o.AmazonOrderId,
    createdTime: o.PurchaseDate,
    lastUpdatedTime: o.LastUpdateDate,
    programs: [],
    salesChannel: { channelName: "AMAZON", marketplaceId: "ATVPDKIKX0DER", marketplaceName: "Amazon.com" },
    buyer:
      included.includes("BUYER") && fake.piiRole && o.BuyerInfo
        ? { buyerName: o.BuyerInfo.BuyerName, buyerEmail: o.BuyerInfo.BuyerEmail }
        : undefined,
    recipient:
      included.includes("RECIPIENT") && fake.piiRole && a
        ? {
            deliveryAddress: {
              name: a.Name,
              addressLine1: a.AddressLine1,
              addressLine2: a.AddressLine2,
              city: a.City,
              stateOrRegion: a.StateOrRegion,
              postalCode: a.PostalCode,
              countryCode: a.CountryCode,
              phone: a.Phone,
              addressType: "RESIDENTIAL",
            },
          }
        : a && included.includes("RECIPIENT")
          ? { deliveryAddress: { city: a.City, stateOrRegion: a.StateOrRegion, countryCode: a.CountryCode } }
          : undefined,
    proceeds: o.OrderTotal
      ? { grandTotal: { amount: o.OrderTotal.Amount, currencyCode: o.OrderTotal.CurrencyCode } }
      : undefined,
    fulfillment: {
      fulfillmentStatus: STATUS_26[o.OrderStatus] ?? o.OrderStatus,
      fulfilledBy: fake.fba.has(o.AmazonOrderId) ? "AMAZON" : "MERCHANT",
      fulfillmentServiceLevel: "STANDARD",
      shipByWindow: o.LatestShipDate ? { latestDateTime: o.LatestShipDate } : undefined,
    },
    orderItems: items.map((i) => {
      const cents = Math.round(Number(i.ItemPrice?.Amount ?? "0") * 100);
      return {
        orderItemId: i.OrderItemId,
        quantityOrdered: i.QuantityOrdered,
        product: {
          asin: i.ASIN,
          title: i.Title,
          sellerSku: i.SellerSKU,
          condition: { conditionType: "NEW" },
          price: {
            unitPrice: {
              amount: (Math.round(cents / Math.max(1, i.QuantityOrdered)) / 100).toFixed(2),
              currencyCode: i.ItemPrice?.CurrencyCode,
            },
          },
        },
        cancellation: cancel ? { cancellationRequest: { requester: "BUYER", cancelReason: cancel } } : undefined,
        fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: i.QuantityOrdered },
        proceeds: {
          proceedsTotal: i.ItemPrice && { amount: i.ItemPrice.Amount, currencyCode: i.ItemPrice.CurrencyCode },
          breakdowns: [
            ...(i.ItemPrice
              ? [{ type: "ITEM", subtotal: { amount: i.ItemPrice.Amount, currencyCode: i.ItemPrice.CurrencyCode } }]
              : []),
            ...(i.ShippingPrice
              ? [
                  {
                    type: "SHIPPING",
                    subtotal: { amount: i.ShippingPrice.Amount, currencyCode: i.ShippingPrice.CurrencyCode },
                  },
                ]
              : []),
          ],
        },
      };
    }),
  };
}

async function bodyOf(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Each Orders API's names for the search parameters. */
const SEARCH_PARAMS = {
  v2026: {
    marketplaceIds: "marketplaceIds",
    token: "paginationToken",
    after: "lastUpdatedAfter",
    created: "createdAfter",
  },
  v0: { marketplaceIds: "MarketplaceIds", token: "NextToken", after: "LastUpdatedAfter", created: "CreatedAfter" },
};

/**
 * The orders search of both Orders APIs, under each version's parameter names: a 400 without a
 * marketplace or a start (a page token or the updated-after time), else the window's page.
 */
function ordersWindow(
  fake: AmazonFake,
  url: URL,
  p: { marketplaceIds: string; token: string; after: string; created: string },
): { error: { code: string; message: string } } | ReturnType<typeof windowPage> {
  if (!url.searchParams.get(p.marketplaceIds))
    return { error: { code: "InvalidInput", message: "Missing required 'marketplaceIds'." } };
  const next = url.searchParams.get(p.token);
  const after = url.searchParams.get(p.after);
  if (!next && !after)
    return { error: { code: "InvalidInput", message: `Either ${p.created} or ${p.after} must be specified.` } };
  return windowPage(fake, next, after!);
}

/**
 * One page of the orders updated since the window's start, oldest first, `fake.pageSize` a page;
 * the token (both API versions page the same way here) carries the window and the next offset.
 */
function windowPage(fake: AmazonFake, token: string | null, after: string) {
  const [window, offset] = token ? Buffer.from(token, "base64").toString().split("|") : [after, "0"];
  const start = Number(offset);
  const matching = fake.orders
    .filter((o) => o.LastUpdateDate >= window)
    .sort((a, b) => a.LastUpdateDate.localeCompare(b.LastUpdateDate));
  const end = start + fake.pageSize;
  return {
    page: matching.slice(start, end),
    nextToken: end < matching.length ? Buffer.from(`${window}|${end}`).toString("base64") : undefined,
  };
}

export async function startAmazonFake(): Promise<AmazonFake> {
  const fake = {
    orders: [],
    items: {},
    pageSize: 2,
    log: [],
    forced: [],
    tokenCalls: 0,
    piiRole: true,
    cancelRequests: {},
    fba: new Set(),
    feeds: new Map(),
    rdtCalls: [],
    financialEvents: {},
  } as unknown as AmazonFake;
  const server: Server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const token = req.headers["x-amz-access-token"] as string | undefined;
    fake.log.push({ method: req.method ?? "GET", path: url.pathname + url.search, body, token });
    const send = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", "x-amzn-RequestId": "req-1", ...headers });
      res.end(data === undefined ? undefined : JSON.stringify(data));
    };
    const force = fake.forced.find((f) => url.pathname.startsWith(f.prefix) && f.times > 0);
    if (force?.skip) force.skip -= 1;
    else if (force) {
      force.times -= 1;
      return send(
        force.status,
        force.body ?? {
          errors: [
            {
              code: force.status === 429 ? "QuotaExceeded" : "InternalFailure",
              message:
                force.status === 429
                  ? "You exceeded your quota for the requested resource."
                  : "We encountered an internal error.",
            },
          ],
        },
        force.headers,
      );
    }
    if (url.pathname === "/auth/o2/token") {
      const form = new URLSearchParams(body);
      if (
        form.get("grant_type") !== "refresh_token" ||
        form.get("refresh_token") !== "Atzr|refresh" ||
        form.get("client_secret") !== "secret"
      ) {
        return send(400, {
          error: "invalid_grant",
          error_description: "The request has an invalid grant parameter : refresh_token",
        });
      }
      fake.tokenCalls += 1;
      return send(200, {
        access_token: `Atza|token-${fake.tokenCalls}`,
        token_type: "bearer",
        expires_in: 3600,
        refresh_token: "Atzr|refresh",
      });
    }
    if (url.pathname.startsWith("/upload/")) return send(200);
    if (url.pathname.startsWith("/reports/")) {
      const f = fake.feeds.get(url.pathname.split("/")[2]);
      const results = (f?.rejected ?? [])
        .map(
          (id) =>
            `<Result><MessageID>${id}</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>25</ResultMessageCode><ResultDescription>We are unable to process the XML feed because one or more items are invalid.</ResultDescription></Result>`,
        )
        .join("");
      res.writeHead(200, { "content-type": "text/xml" });
      return res.end(
        `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.02</DocumentVersion></Header><MessageType>ProcessingReport</MessageType><Message><MessageID>1</MessageID><ProcessingReport><DocumentTransactionID>1</DocumentTransactionID><StatusCode>Complete</StatusCode><ProcessingSummary><MessagesProcessed>${f?.messages ?? 0}</MessagesProcessed><MessagesSuccessful>${(f?.messages ?? 0) - (f?.rejected.length ?? 0)}</MessagesSuccessful><MessagesWithError>${f?.rejected.length ?? 0}</MessagesWithError><MessagesWithWarning>0</MessagesWithWarning></ProcessingSummary>${results}</ProcessingReport></Message></AmazonEnvelope>`,
      );
    }
    const rdt = token?.startsWith("Atz.sprdt|");
    if (!token?.startsWith("Atza|") && !rdt)
      return send(403, {
        errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "" }],
      });
    if (url.pathname === "/tokens/2021-03-01/restrictedDataToken" && req.method === "POST") {
      const b = JSON.parse(body) as { restrictedResources: { path: string; dataElements?: string[] }[] };
      for (const r of b.restrictedResources) fake.rdtCalls.push({ path: r.path, dataElements: r.dataElements ?? [] });
      return send(200, { restrictedDataToken: `Atz.sprdt|rdt-${fake.rdtCalls.length}`, expiresIn: 3600 });
    }
    // Finances v0 listFinancialEventsByOrderId (issue 20): the order's events, one page per entry, NextToken between.
    const fin = /^\/finances\/v0\/orders\/([^/]+)\/financialEvents$/.exec(url.pathname);
    if (fin && req.method === "GET") {
      const pages = fake.financialEvents[decodeURIComponent(fin[1])] ?? [{}];
      const at = Number(url.searchParams.get("NextToken") ?? "0");
      const next = at + 1 < pages.length ? String(at + 1) : undefined;
      return send(
        200,
        { payload: { FinancialEvents: pages[at] ?? {}, NextToken: next } },
        { "x-amzn-RateLimit-Limit": "0.5" },
      );
    }
    if (url.pathname === "/orders/2026-01-01/orders" && req.method === "GET") {
      const w = ordersWindow(fake, url, SEARCH_PARAMS.v2026);
      if ("error" in w) return send(400, { errors: [w.error] });
      const { page, nextToken } = w;
      const included = (url.searchParams.get("includedData") ?? "").split(",");
      return send(
        200,
        {
          orders: page.map((o) => order26(fake, o, included)),
          pagination: nextToken ? { nextToken } : undefined,
          lastUpdatedBefore: "2025-01-20T00:00:00Z",
        },
        { "x-amzn-RateLimit-Limit": "0.0056" },
      );
    }
    if (url.pathname === "/orders/v0/orders" && req.method === "GET") {
      const w = ordersWindow(fake, url, SEARCH_PARAMS.v0);
      if ("error" in w) return send(400, { errors: [w.error] });
      const { page, nextToken } = w;
      return send(
        200,
        {
          payload: {
            // Buyer and address are restricted data: only a Restricted Data Token releases them.
            Orders: page.map((o) => ({
              ...o,
              IsBuyerRequestedCancel: fake.cancelRequests[o.AmazonOrderId] ? true : undefined,
              ...(rdt
                ? {}
                : {
                    BuyerInfo: undefined,
                    ShippingAddress: o.ShippingAddress
                      ? {
                          City: o.ShippingAddress.City,
                          StateOrRegion: o.ShippingAddress.StateOrRegion,
                          CountryCode: o.ShippingAddress.CountryCode,
                        }
                      : undefined,
                  }),
            })),
            NextToken: nextToken,
            LastUpdatedBefore: "2025-01-20T00:00:00Z",
          },
        },
        { "x-amzn-RateLimit-Limit": "0.0167" },
      );
    }
    const items = /^\/orders\/v0\/orders\/([^/]+)\/orderItems$/.exec(url.pathname);
    if (items) {
      const list = fake.items[decodeURIComponent(items[1])];
      if (!list) return send(404, { errors: [{ code: "InvalidInput", message: "Invalid AmazonOrderId" }] });
      return send(200, { payload: { AmazonOrderId: items[1], OrderItems: list } }, { "x-amzn-RateLimit-Limit": "0.5" });
    }
    if (/^\/orders\/v0\/orders\/[^/]+\/shipmentConfirmation$/.test(url.pathname) && req.method === "POST") {
      const b = JSON.parse(body) as { marketplaceId?: string; packageDetail?: { trackingNumber?: string } };
      if (!b.marketplaceId || !b.packageDetail?.trackingNumber)
        return send(400, { errors: [{ code: "InvalidInput", message: "packageDetail.trackingNumber is required" }] });
      res.writeHead(204, { "x-amzn-RateLimit-Limit": "2.0" });
      return res.end();
    }
    if (url.pathname === "/feeds/2021-06-30/documents" && req.method === "POST") {
      return send(201, { feedDocumentId: "amzn1.tortuga.4.na.doc1", url: `${fake.url}/upload/doc1` });
    }
    if (url.pathname === "/feeds/2021-06-30/feeds" && req.method === "POST") {
      const feedId = String(23492394 + fake.feeds.size);
      const upload = fake.log.filter((l) => l.path.startsWith("/upload/")).at(-1)?.body ?? "";
      fake.feeds.set(feedId, { status: "IN_QUEUE", rejected: [], messages: (upload.match(/<Message>/g) ?? []).length });
      return send(202, { feedId });
    }
    const feed = /^\/feeds\/2021-06-30\/feeds\/([^/]+)$/.exec(url.pathname);
    if (feed && req.method === "GET") {
      const f = fake.feeds.get(feed[1]);
      if (!f) return send(400, { errors: [{ code: "InvalidInput", message: "Invalid input" }] });
      return send(200, {
        feedId: feed[1],
        feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA",
        createdTime: "2025-01-15T12:00:00Z",
        processingStatus: f.status,
        resultFeedDocumentId: f.status === "DONE" ? `report-${feed[1]}` : undefined,
      });
    }
    const doc = /^\/feeds\/2021-06-30\/documents\/report-([^/]+)$/.exec(url.pathname);
    if (doc && req.method === "GET")
      return send(200, { feedDocumentId: `report-${doc[1]}`, url: `${fake.url}/reports/${doc[1]}` });
    send(404, { errors: [{ code: "NotFound", message: `No route ${url.pathname}` }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** An Amazon order in the getOrders shape. */
export function amazonOrder(id: string, updated: string, over: Partial<AmazonOrder> = {}): AmazonOrder {
  return {
    AmazonOrderId: id,
    PurchaseDate: "2025-01-10T08:00:00Z",
    LastUpdateDate: updated,
    OrderStatus: "Unshipped",
    OrderTotal: { CurrencyCode: "USD", Amount: "39.98" },
    LatestShipDate: "2025-01-12T07:59:59Z",
    BuyerInfo: { BuyerEmail: "abc123@marketplace.amazon.com", BuyerName: "Jane Buyer" },
    ShippingAddress: {
      Name: "Jane Buyer",
      AddressLine1: "410 Terry Ave N",
      City: "Seattle",
      StateOrRegion: "WA",
      PostalCode: "98109-5210",
      CountryCode: "US",
      Phone: "+1 206-555-0100",
    },
    ...over,
  };
}
