/**
 * The Amazon adapter over real HTTP against a local SP-API-shaped server (amazonServer.testing.ts),
 * on a virtual clock so rate-limit waits are measured, not slept.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { amazonAdapter, normalizeAmazonOrder, type AmazonConfig, type AmazonOrderItem } from "./amazon";
import { readRecording } from "../contracts/replay.testing";
import { amazonOrder, startAmazonFake, type AmazonFake } from "./amazonServer.testing";
import { ChannelError } from "./types";

let fake: AmazonFake;
beforeAll(async () => {
  fake = await startAmazonFake();
});
afterAll(() => fake.close());

/** A virtual clock: sleeping moves time forward and is recorded. */
function clock(start = Date.parse("2025-01-15T12:00:00Z")) {
  let t = start;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps };
}

/** One 429 on `path` with the given rate limit, then a page of one order: what the adapter slept. */
async function sleepsAfter429(cfg: AmazonConfig, path: string, limit: string) {
  const c = clock();
  fake.forced.push({ prefix: path, status: 429, headers: { "x-amzn-RateLimit-Limit": limit }, times: 1 });
  const page = await amazonAdapter(cfg, c).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
  expect(page.orders).toHaveLength(1);
  return c.sleeps;
}

const config = (over: Partial<AmazonConfig> = {}): AmazonConfig => ({
  apiUrl: fake.url,
  lwaUrl: `${fake.url}/auth/o2/token`,
  clientId: "amzn1.application-oa2-client.x",
  clientSecret: "secret",
  refreshToken: "Atzr|refresh",
  marketplaceId: "ATVPDKIKX0DER",
  sellerId: "A2SELLER",
  ...over,
});
const configV0 = () => config({ ordersApi: "v0" });

const item = (id: string, sku: string, qty: number, amount: string) => ({
  OrderItemId: id,
  SellerSKU: sku,
  ASIN: "B00TEST",
  Title: `Item ${sku}`,
  QuantityOrdered: qty,
  ItemPrice: { CurrencyCode: "USD", Amount: amount },
});

beforeEach(() => {
  fake.log.length = 0;
  fake.forced.length = 0;
  fake.pageSize = 2;
  fake.piiRole = true;
  fake.cancelRequests = {};
  fake.fba.clear();
  fake.rdtCalls.length = 0;
  fake.financialEvents = {};
  fake.orders = [
    amazonOrder("111-0000001-0000001", "2025-01-14T10:00:00Z"),
    amazonOrder("111-0000002-0000002", "2025-01-14T11:00:00Z", { OrderStatus: "Pending", ShippingAddress: undefined }),
    amazonOrder("111-0000003-0000003", "2025-01-14T12:00:00Z", { OrderStatus: "Canceled" }),
    amazonOrder("111-0000004-0000004", "2025-01-14T13:00:00Z"),
  ];
  fake.items = Object.fromEntries(
    fake.orders.map((o, i) => [o.AmazonOrderId, [item(`OI-${i}`, "WIDGET-1", 2, "39.98")]]),
  );
});

describe("Orders v0 (deprecated): getOrders with a Restricted Data Token", () => {
  test("exchanges the refresh token once, follows NextToken pages, normalises orders and skips Pending", async () => {
    const c = clock();
    const a = amazonAdapter(configV0(), c);
    const p1 = await a.pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p1.done).toBe(false);
    expect(p1.orders.map((o) => o.externalId)).toEqual(["111-0000001-0000001"]);
    const p2 = await a.pullPage(p1.cursor);
    expect(p2.done).toBe(true);
    expect(p2.orders.map((o) => [o.externalId, o.cancelled])).toEqual([
      ["111-0000003-0000003", true],
      ["111-0000004-0000004", false],
    ]);
    expect(JSON.parse(p2.cursor)).toEqual({ after: "2025-01-14T13:00:00Z" });
    expect(fake.tokenCalls).toBeGreaterThanOrEqual(1);
    expect(fake.log.filter((l) => l.path === "/auth/o2/token")).toHaveLength(1);
    // getOrders carries a Restricted Data Token for buyer and address; getOrderItems the access token.
    expect(fake.rdtCalls[0]).toEqual({ path: "/orders/v0/orders", dataElements: ["buyerInfo", "shippingAddress"] });
    expect(
      fake.log.filter((l) => l.path.startsWith("/orders/v0/orders?")).every((l) => l.token?.startsWith("Atz.sprdt|")),
    ).toBe(true);
    expect(
      fake.log.filter((l) => l.path.includes("/orderItems")).every((l) => l.token === `Atza|token-${fake.tokenCalls}`),
    ).toBe(true);
    expect(fake.log.find((l) => l.path.includes("LastUpdatedAfter"))?.path).toContain("MarketplaceIds=ATVPDKIKX0DER");
    expect(p1.orders[0]).toMatchObject({
      placedAt: Date.parse("2025-01-10T08:00:00Z"),
      customer: { name: "Jane Buyer", email: "abc123@marketplace.amazon.com" },
      shipTo: { line1: "410 Terry Ave N", city: "Seattle", region: "WA", postalCode: "98109-5210", country: "US" },
      currency: "USD",
      // ItemPrice is for both units: 39.98 / 2 = 19.99 each, exactly.
      lines: [{ externalLineId: "OI-0", listingSku: "WIDGET-1", quantity: 2, unitPriceMinor: 1999 }],
      shipBy: Date.parse("2025-01-12T07:59:59Z"),
    });
  });

  test("a 429 waits what x-amzn-RateLimit-Limit allows, then succeeds", async () => {
    // 1 / 0.0167 requests per second ≈ 59.9 s before the retry.
    expect(await sleepsAfter429(configV0(), "/orders/v0/orders", "0.0167")).toEqual([59881]);
  });

  test("getOrders keeps to 1 request a minute after a burst of 20", async () => {
    const c = clock();
    fake.pageSize = 1;
    fake.orders = Array.from({ length: 22 }, (_, i) =>
      amazonOrder(`111-${String(i).padStart(7, "0")}-0000000`, `2025-01-14T10:${String(i).padStart(2, "0")}:00Z`, {
        OrderStatus: "Canceled",
      }),
    );
    fake.items = Object.fromEntries(fake.orders.map((o) => [o.AmazonOrderId, [item("OI", "WIDGET-1", 1, "10.00")]]));
    const a = amazonAdapter(configV0(), c);
    let cursor = JSON.stringify({ after: "2025-01-14T00:00:00Z" });
    const at: number[] = [];
    for (let i = 0; i < 22; i++) {
      const p = await a.pullPage(cursor);
      at.push(c.now());
      cursor = p.cursor;
    }
    const start = Date.parse("2025-01-15T12:00:00Z");
    expect(at.slice(0, 20).every((t) => t === start)).toBe(true);
    expect(at[20] - at[19]).toBeGreaterThanOrEqual(59_000);
    expect(at[21] - at[20]).toBeGreaterThanOrEqual(59_000);
  });

  test("a failure mid-window throws and the previous page's cursor resumes where it stopped", async () => {
    const c = clock();
    const a = amazonAdapter(configV0(), c);
    const p1 = await a.pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    fake.forced.push({
      prefix: "/orders/v0/orders",
      status: 400,
      body: { errors: [{ code: "InvalidInput", message: "Invalid NextToken" }] },
      times: 1,
    });
    const err = await a.pullPage(p1.cursor).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({
      retryable: false,
      status: 400,
      message: expect.stringContaining("InvalidInput: Invalid NextToken"),
    });
    const p2 = await a.pullPage(p1.cursor);
    expect(p2.orders.map((o) => o.externalId)).toEqual(["111-0000003-0000003", "111-0000004-0000004"]);
  });

  test("server errors are retried with exponential backoff; a refused token is not", async () => {
    const c = clock();
    fake.forced.push({ prefix: "/orders/v0/orders", status: 503, times: 2 });
    await amazonAdapter(configV0(), c).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(c.sleeps).toEqual([1000, 2000]);
    const bad = amazonAdapter({ ...configV0(), refreshToken: "Atzr|revoked" }, clock());
    await expect(bad.pullPage(undefined)).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining("invalid_grant"),
    });
  });
});

describe("Orders v2026-01-01: searchOrders", () => {
  test("pages by paginationToken with includedData; items inline; unit prices exact; FBA, pending and shipped orders are not ours", async () => {
    fake.orders.push(
      amazonOrder("111-0000005-0000005", "2025-01-14T14:00:00Z", { OrderStatus: "Shipped" }),
      amazonOrder("111-0000006-0000006", "2025-01-14T15:00:00Z"),
    );
    fake.items["111-0000005-0000005"] = [item("OI-5", "WIDGET-1", 1, "10.00")];
    fake.items["111-0000006-0000006"] = [item("OI-6", "WIDGET-1", 1, "10.00")];
    fake.fba.add("111-0000006-0000006");
    const c = clock();
    const a = amazonAdapter(config(), c);
    const seen: string[] = [];
    let cursor: string | undefined = JSON.stringify({ after: "2025-01-14T00:00:00Z" });
    for (let i = 0; i < 5; i++) {
      const p = await a.pullPage(cursor);
      seen.push(...p.orders.map((o) => o.externalId));
      cursor = p.cursor;
      if (p.done) break;
    }
    expect(seen).toEqual(["111-0000001-0000001", "111-0000003-0000003", "111-0000004-0000004"]);
    const first = fake.log.find((l) => l.path.startsWith("/orders/2026-01-01/orders?"))!;
    const q = new URL(first.path, "http://x").searchParams;
    expect(q.get("includedData")).toBe("BUYER,RECIPIENT,PROCEEDS,CANCELLATION,FULFILLMENT");
    expect(q.get("fulfilledBy")).toBe("MERCHANT");
    expect(fake.log.some((l) => l.path.includes("/orders/v0/"))).toBe(false);
    expect(fake.rdtCalls).toHaveLength(0);
    expect(JSON.parse(cursor!)).toEqual({ after: "2025-01-14T15:00:00Z" });
    const p = await amazonAdapter(config(), clock()).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p.orders[0]).toMatchObject({
      customer: { name: "Jane Buyer", email: "abc123@marketplace.amazon.com" },
      shipTo: {
        name: "Jane Buyer",
        line1: "410 Terry Ave N",
        city: "Seattle",
        region: "WA",
        postalCode: "98109-5210",
        country: "US",
      },
      currency: "USD",
      lines: [{ externalLineId: "OI-0", listingSku: "WIDGET-1", quantity: 2, unitPriceMinor: 1999 }],
      shipBy: Date.parse("2025-01-12T07:59:59Z"),
    });
  });

  test("without the restricted role Amazon sends no ship-to: the pull fails naming the role, and the cursor does not move", async () => {
    fake.piiRole = false;
    const err = await amazonAdapter(config(), clock())
      .pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({
      retryable: false,
      message: expect.stringContaining("Direct-to-Consumer Delivery (Restricted)"),
    });
    // No PII in the message: only what the operator must do.
    expect((err as Error).message).not.toMatch(/Seattle|Jane|Terry/);
  });

  test("a buyer's cancellation request and a currency we do not sell in are passed on, not dropped or thrown", async () => {
    fake.cancelRequests["111-0000001-0000001"] = "Ordered by mistake";
    fake.orders[0].OrderTotal = { CurrencyCode: "JPY", Amount: "5980" };
    const p = await amazonAdapter(config(), clock()).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p.orders[0]).toMatchObject({
      externalId: "111-0000001-0000001",
      currency: "JPY",
      cancelRequested: { reason: "Ordered by mistake" },
    });
  });

  test("a 429 waits what x-amzn-RateLimit-Limit allows (searchOrders: 0.0056/s)", async () => {
    expect(await sleepsAfter429(config(), "/orders/2026-01-01/orders", "0.0056")).toEqual([178572]);
  });
});

describe("confirmShipment and acknowledgement", () => {
  test("confirms one package with its items; a correction reuses the package reference", async () => {
    const a = amazonAdapter(config(), clock());
    const c = {
      externalOrderId: "111-0000001-0000001",
      packageKey: "ship1:pkg1",
      carrier: "UPS",
      service: "Ground",
      trackingNumber: "1Z999",
      items: [{ externalLineId: "OI-0", quantity: 1 }],
      shippedAt: Date.parse("2025-01-15T15:00:00Z"),
    };
    const first = await a.confirmShipment(c);
    const again = await a.confirmShipment({
      ...c,
      trackingNumber: "1Z1000",
      replaces: { trackingNumber: "1Z999", remoteRef: first.remoteRef },
    });
    const bodies = fake.log.filter((l) => l.path.endsWith("/shipmentConfirmation")).map((l) => JSON.parse(l.body));
    expect(bodies[0]).toEqual({
      marketplaceId: "ATVPDKIKX0DER",
      packageDetail: {
        packageReferenceId: first.remoteRef,
        carrierCode: "UPS",
        shippingMethod: "Ground",
        trackingNumber: "1Z999",
        shipDate: "2025-01-15T15:00:00.000Z",
        orderItems: [{ orderItemId: "OI-0", quantity: 1 }],
      },
    });
    expect(/^\d+$/.test(first.remoteRef!)).toBe(true);
    expect(again.remoteRef).toBe(first.remoteRef);
    expect(bodies[1].packageDetail).toMatchObject({ packageReferenceId: first.remoteRef, trackingNumber: "1Z1000" });
  });

  test("acknowledges orders as one POST_ORDER_ACKNOWLEDGEMENT_DATA feed; each stays pending on the feed", async () => {
    const r = await amazonAdapter(config(), clock()).acknowledge(["111-0000001-0000001", "111-0000004-0000004"]);
    expect(r.map((x) => x.pending?.ref)).toEqual([
      expect.stringMatching(/^feed:\d+:1$/),
      expect.stringMatching(/^feed:\d+:2$/),
    ]);
    const upload = fake.log.find((l) => l.path === "/upload/doc1")!;
    expect(upload.method).toBe("PUT");
    expect(upload.body).toContain("<MessageType>OrderAcknowledgement</MessageType>");
    expect(upload.body.match(/<AmazonOrderID>/g)).toHaveLength(2);
    const feed = JSON.parse(fake.log.find((l) => l.path === "/feeds/2021-06-30/feeds")!.body);
    expect(feed).toEqual({
      feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA",
      marketplaceIds: ["ATVPDKIKX0DER"],
      inputFeedDocumentId: "amzn1.tortuga.4.na.doc1",
    });
  });

  test("an acknowledgement counts only when the feed's processing report says so; a rejected message is an error", async () => {
    const a = amazonAdapter(config(), clock());
    const sent = await a.acknowledge(["111-0000001-0000001", "111-0000004-0000004"]);
    const pending = sent.map((x) => ({ externalOrderId: x.externalOrderId, ref: x.pending!.ref }));
    const feedId = pending[0].ref.split(":")[1];
    expect((await a.checkAcknowledgements!(pending)).every((x) => x.pending)).toBe(true);
    fake.feeds.set(feedId, { status: "DONE", rejected: [2], messages: 2 });
    const done = await a.checkAcknowledgements!(pending);
    expect(done).toEqual([
      { externalOrderId: "111-0000001-0000001", ok: true },
      { externalOrderId: "111-0000004-0000004", ok: false, error: expect.stringContaining("unable to process") },
    ]);
    fake.feeds.set(feedId, { status: "FATAL", rejected: [], messages: 2 });
    expect((await a.checkAcknowledgements!(pending)).map((x) => x.ok)).toEqual([false, false]);
  });
});

describe("shipping charged and fees (issue 20)", () => {
  test("v0: the model's documented getOrderItems example's ShippingPrice is the order's shipping charged", () => {
    // The documented 200 example (its sandbox static example has no ShippingPrice): one item with
    // ShippingPrice 1.26, one without.
    const model = readRecording("amazon", "ordersV0.json") as {
      paths: Record<string, { get: { responses: Record<string, { examples: Record<string, unknown> }> } }>;
    };
    const items = (
      model.paths["/orders/v0/orders/{orderId}/orderItems"].get.responses["200"].examples["application/json"] as {
        payload: { OrderItems: AmazonOrderItem[] };
      }
    ).payload.OrderItems;
    expect(items.map((i) => i.ShippingPrice?.Amount)).toEqual(["1.26", undefined]);
    const o = normalizeAmazonOrder(amazonOrder("903-1671087-0812628", "2025-01-14T10:00:00Z"), items);
    expect(o.shippingChargedMinor).toBe(126);
    expect(normalizeAmazonOrder(amazonOrder("1", "2025-01-14T10:00:00Z"), []).shippingChargedMinor).toBeUndefined();
  });

  test("v2026-01-01: Σ the items' SHIPPING proceeds, over the wire", async () => {
    fake.items["111-0000001-0000001"] = [
      { ...item("OI-a", "WIDGET-1", 2, "39.98"), ShippingPrice: { CurrencyCode: "USD", Amount: "4.99" } },
      { ...item("OI-b", "GADGET-1", 1, "10.00"), ShippingPrice: { CurrencyCode: "USD", Amount: "0.99" } },
    ];
    fake.pageSize = 10;
    const p = await amazonAdapter(config(), clock()).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    const o = p.orders.find((x) => x.externalId === "111-0000001-0000001")!;
    expect(o.shippingChargedMinor).toBe(598);
    expect(p.orders.find((x) => x.externalId === "111-0000004-0000004")!.shippingChargedMinor).toBeUndefined();
  });

  test("fees from Finances v0 over every page: item, shipment and order fees, less the refund's fee adjustments", async () => {
    const usd = (n: number) => ({ CurrencyCode: "USD", CurrencyAmount: n });
    fake.financialEvents["111-0000001-0000001"] = [
      {
        ShipmentEventList: [
          {
            AmazonOrderId: "111-0000001-0000001",
            ShipmentFeeList: [{ FeeType: "FixedClosingFee", FeeAmount: usd(-1.8) }],
            ShipmentItemList: [
              {
                ItemFeeList: [
                  { FeeType: "Commission", FeeAmount: usd(-6) },
                  { FeeType: "FBAPerUnitFulfillmentFee", FeeAmount: usd(-3.22) },
                ],
              },
            ],
          },
        ],
      },
      {
        ShipmentEventList: [{ ShipmentItemList: [{ ItemFeeList: [{ FeeType: "Commission", FeeAmount: usd(-1.5) }] }] }],
        RefundEventList: [
          {
            ShipmentItemAdjustmentList: [{ ItemFeeAdjustmentList: [{ FeeType: "Commission", FeeAmount: usd(1.2) }] }],
          },
        ],
      },
    ];
    const a = amazonAdapter(config(), clock());
    const q = { externalOrderId: "111-0000001-0000001", currency: "USD", totalMinor: 3998, shippingChargedMinor: 0 };
    const r = await a.orderFees!(q);
    expect(r).toEqual({
      status: "reported",
      fees: [
        { type: "FixedClosingFee", amountMinor: 180 },
        { type: "Commission", amountMinor: 630 },
        { type: "FBAPerUnitFulfillmentFee", amountMinor: 322 },
      ],
    });
    const calls = fake.log.filter((l) => l.path.startsWith("/finances/v0/orders/111-0000001-0000001/financialEvents"));
    expect(calls.map((c) => new URL(c.path, "http://x").searchParams.get("NextToken"))).toEqual([null, "1"]);
    // No shipment event yet (Amazon posts fees with the shipment): not known yet, asked again later.
    expect(await a.orderFees!({ ...q, externalOrderId: "111-0000004-0000004" })).toMatchObject({ status: "pending" });
  });

  test("a throttled Finances call waits for the stated rate and asks again", async () => {
    fake.financialEvents["111-0000001-0000001"] = [
      { ShipmentEventList: [{ OrderFeeList: [{ FeeType: "Commission", FeeAmount: { CurrencyAmount: -2 } }] }] },
    ];
    fake.forced.push({ prefix: "/finances/", status: 429, headers: { "x-amzn-RateLimit-Limit": "0.5" }, times: 1 });
    const c = clock();
    const r = await amazonAdapter(config(), c).orderFees!({
      externalOrderId: "111-0000001-0000001",
      currency: "USD",
      totalMinor: 1,
      shippingChargedMinor: 0,
    });
    expect(r).toEqual({ status: "reported", fees: [{ type: "Commission", amountMinor: 200 }] });
    expect(c.sleeps).toContain(2000);
  });
});
