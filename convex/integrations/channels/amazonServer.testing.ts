/**
 * A local stand-in for Amazon's endpoints on 127.0.0.1, answering in the documented shapes:
 * Login with Amazon token exchange, Orders v0 (getOrders with NextToken pages, getOrderItems,
 * confirmShipment → 204), Feeds 2021-06-30 (createFeedDocument, the pre-signed upload, createFeed),
 * errors as `{ errors: [{ code, message }] }` and throttling as 429 with x-amzn-RateLimit-Limit.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AmazonOrder, AmazonOrderItem } from "./amazon";

export type AmazonFake = {
  url: string;
  orders: AmazonOrder[];
  items: Record<string, AmazonOrderItem[]>;
  pageSize: number;
  /** Requests answered so far: method, path with query, body. */
  log: { method: string; path: string; body: string; token?: string }[];
  /** Next responses to force, by path prefix: a status (and headers) instead of the real answer. */
  forced: { prefix: string; status: number; headers?: Record<string, string>; body?: unknown; times: number; /** Let this many matching requests through first. */ skip?: number }[];
  tokenCalls: number;
  close: () => Promise<void>;
};

async function bodyOf(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startAmazonFake(): Promise<AmazonFake> {
  const fake = { orders: [], items: {}, pageSize: 2, log: [], forced: [], tokenCalls: 0 } as unknown as AmazonFake;
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
      return send(force.status, force.body ?? { errors: [{ code: force.status === 429 ? "QuotaExceeded" : "InternalFailure", message: force.status === 429 ? "You exceeded your quota for the requested resource." : "We encountered an internal error." }] }, force.headers);
    }
    if (url.pathname === "/auth/o2/token") {
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== "Atzr|refresh" || form.get("client_secret") !== "secret") {
        return send(400, { error: "invalid_grant", error_description: "The request has an invalid grant parameter : refresh_token" });
      }
      fake.tokenCalls += 1;
      return send(200, { access_token: `Atza|token-${fake.tokenCalls}`, token_type: "bearer", expires_in: 3600, refresh_token: "Atzr|refresh" });
    }
    if (url.pathname.startsWith("/upload/")) return send(200);
    if (!token?.startsWith("Atza|")) return send(403, { errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "" }] });
    if (url.pathname === "/orders/v0/orders" && req.method === "GET") {
      if (!url.searchParams.get("MarketplaceIds")) return send(400, { errors: [{ code: "InvalidInput", message: "Missing required 'marketplaceIds'." }] });
      const next = url.searchParams.get("NextToken");
      const after = url.searchParams.get("LastUpdatedAfter");
      if (!next && !after) return send(400, { errors: [{ code: "InvalidInput", message: "Either CreatedAfter or LastUpdatedAfter must be specified." }] });
      const [tokenWindow, tokenStart] = next ? Buffer.from(next, "base64").toString().split("|") : [after!, "0"];
      const start = Number(tokenStart);
      const window = tokenWindow;
      const matching = fake.orders.filter((o) => o.LastUpdateDate >= window).sort((a, b) => a.LastUpdateDate.localeCompare(b.LastUpdateDate));
      const page = matching.slice(start, start + fake.pageSize);
      const more = start + fake.pageSize < matching.length;
      return send(200, {
        payload: {
          Orders: page,
          NextToken: more ? Buffer.from(`${window}|${start + fake.pageSize}`).toString("base64") : undefined,
          LastUpdatedBefore: "2025-01-20T00:00:00Z",
        },
      }, { "x-amzn-RateLimit-Limit": "0.0167" });
    }
    const items = /^\/orders\/v0\/orders\/([^/]+)\/orderItems$/.exec(url.pathname);
    if (items) {
      const list = fake.items[decodeURIComponent(items[1])];
      if (!list) return send(404, { errors: [{ code: "InvalidInput", message: "Invalid AmazonOrderId" }] });
      return send(200, { payload: { AmazonOrderId: items[1], OrderItems: list } }, { "x-amzn-RateLimit-Limit": "0.5" });
    }
    if (/^\/orders\/v0\/orders\/[^/]+\/shipmentConfirmation$/.test(url.pathname) && req.method === "POST") {
      const b = JSON.parse(body) as { marketplaceId?: string; packageDetail?: { trackingNumber?: string } };
      if (!b.marketplaceId || !b.packageDetail?.trackingNumber) return send(400, { errors: [{ code: "InvalidInput", message: "packageDetail.trackingNumber is required" }] });
      res.writeHead(204, { "x-amzn-RateLimit-Limit": "2.0" });
      return res.end();
    }
    if (url.pathname === "/feeds/2021-06-30/documents" && req.method === "POST") {
      return send(201, { feedDocumentId: "amzn1.tortuga.4.na.doc1", url: `${fake.url}/upload/doc1` });
    }
    if (url.pathname === "/feeds/2021-06-30/feeds" && req.method === "POST") return send(202, { feedId: "23492394" });
    send(404, { errors: [{ code: "NotFound", message: `No route ${url.pathname}` }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
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
    ShippingAddress: { Name: "Jane Buyer", AddressLine1: "410 Terry Ave N", City: "Seattle", StateOrRegion: "WA", PostalCode: "98109-5210", CountryCode: "US", Phone: "+1 206-555-0100" },
    ...over,
  };
}
