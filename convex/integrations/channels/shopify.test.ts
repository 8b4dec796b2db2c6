/**
 * The Shopify adapter over real HTTP against a local Admin-GraphQL-shaped server, and webhook
 * signatures checked against Node's own HMAC.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { shopifyAdapter, normalizeShopifyRestOrder, verifyShopifyHmac } from "./shopify";
import { ORDER_FULFILLMENT_COST, ORDER_LINES_COST, ordersQueryCost } from "./shopifyQueries";
import { gqlLine, gqlOrder, pickupAt, startShopifyFake, type ShopifyFake } from "./shopifyServer.testing";

let fake: ShopifyFake;
beforeAll(async () => {
  fake = await startShopifyFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.log.length = 0;
  fake.fulfillments.length = 0;
  fake.throttle.times = 0;
  fake.bucket = { maximumAvailable: 2000, currentlyAvailable: 2000 };
  fake.clock = { now: () => Date.now() };
  fake.costs.length = 0;
  fake.surcharge = 0;
  fake.bulk = undefined;
  fake.transactions = {};
  fake.orders = [
    gqlOrder("5001", "2025-01-14T10:00:00Z"),
    gqlOrder("5002", "2025-01-14T11:00:00Z", "KIT", { cancelledAt: "2025-01-14T11:00:00Z" }),
    gqlOrder("5003", "2025-01-14T12:00:00Z"),
  ];
});

function clock() {
  let t = Date.parse("2025-01-15T12:00:00Z");
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps };
}
const cfg = () => ({ graphqlUrl: fake.url, accessToken: "shpat_test", pageSize: 2 });

describe("orders", () => {
  test("pages through the orders connection by cursor and normalises each order", async () => {
    const a = shopifyAdapter(cfg(), clock());
    const p1 = await a.pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p1.done).toBe(false);
    const p2 = await a.pullPage(p1.cursor);
    expect(p2.done).toBe(true);
    expect([...p1.orders, ...p2.orders].map((o) => [o.externalId, o.cancelled])).toEqual([
      ["5001", false],
      ["5002", true],
      ["5003", false],
    ]);
    expect(JSON.parse(p2.cursor)).toEqual({ after: "2025-01-14T12:00:00Z" });
    expect(fake.log.map((l) => l.variables.query)).toEqual([
      "updated_at:>='2025-01-14T00:00:00Z'",
      "updated_at:>='2025-01-14T00:00:00Z'",
    ]);
    expect(fake.log[1].variables.after).toBe(JSON.parse(p1.cursor).page);
    expect(p1.orders[0]).toMatchObject({
      customer: { name: "Jon Snow", email: "jon@example.com" },
      shipTo: {
        line1: "150 Elgin St",
        line2: "Suite 800",
        city: "Ottawa",
        region: "ON",
        postalCode: "K2P 1L4",
        country: "CA",
      },
      currency: "CAD",
      paymentStatus: "paid",
      lines: [
        { externalLineId: "gid://shopify/LineItem/50011", listingSku: "WIDGET-1", quantity: 3, unitPriceMinor: 1250 },
      ],
    });
  });

  test("THROTTLED waits for the points the query needs at the restore rate, then retries", async () => {
    const c = clock();
    Object.assign(fake.throttle, { times: 1, currentlyAvailable: 10, requestedQueryCost: 252, restoreRate: 50 });
    const p = await shopifyAdapter(cfg(), c).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p.orders).toHaveLength(2);
    // (252 − 10) points / 50 per second = 4.84 s.
    expect(c.sleeps).toEqual([4840]);
  });

  test("a bad token is a permanent failure with Shopify's message; GraphQL errors are not retried", async () => {
    await expect(shopifyAdapter({ ...cfg(), accessToken: "wrong" }, clock()).pullPage(undefined)).rejects.toMatchObject(
      { retryable: false, status: 401, message: expect.stringContaining("Invalid API key") },
    );
  });

  test("a page size above what the cost rules allow is cut to it: no query is refused for its size", async () => {
    const p = await shopifyAdapter({ ...cfg(), pageSize: 500 }, clock()).pullPage(
      JSON.stringify({ after: "2025-01-14T00:00:00Z" }),
    );
    expect(p.orders).toHaveLength(3);
    expect(fake.log[0].variables).toMatchObject({ first: 11, lines: 20 });
    expect(fake.costs.every((c) => c <= 1000)).toBe(true);
    // The old query (50 orders × 100 lines) by the same rules, with today's order fields: 50 × (5 + 22 + 2 + 100 × 3) + 2
    // (5: the order, its customer, address and shipping total; 22: the five fulfillment orders read for click & collect).
    expect(ordersQueryCost(50, 100)).toBe(16452);
    expect(ORDER_FULFILLMENT_COST).toBeLessThanOrEqual(1000);
  });

  test("the next page is sized to the points throttleStatus says are left, waiting at the restore rate for one order's worth", async () => {
    const c = clock();
    fake.clock = { now: c.now };
    fake.bucket.currentlyAvailable = 1000;
    fake.orders = Array.from({ length: 20 }, (_, i) =>
      gqlOrder(String(6000 + i), `2025-01-14T10:${String(i).padStart(2, "0")}:00Z`),
    );
    const a = shopifyAdapter({ ...cfg(), pageSize: undefined }, c);
    const p1 = await a.pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p1.orders).toHaveLength(11);
    await a.pullPage(p1.cursor);
    // 1000 − 981 = 19 left; one order costs 91: wait (91 − 19) / 50 s.
    expect(fake.log[1].variables.first).toBe(1);
    expect(c.sleeps).toEqual([1440]);
  });

  test("MAX_COST_EXCEEDED halves the page and asks again; it is not a final failure", async () => {
    fake.surcharge = 600;
    const p = await shopifyAdapter({ ...cfg(), pageSize: undefined }, clock()).pullPage(
      JSON.stringify({ after: "2025-01-14T00:00:00Z" }),
    );
    expect(fake.log.map((l) => l.variables.first)).toEqual([11, 5, 2]);
    expect(p.orders).toHaveLength(2);
    expect(p.done).toBe(false);
  });

  test("click & collect: a PICK_UP fulfillment order names the location; shipped orders have none; split carts are mixed", async () => {
    fake.orders = [
      pickupAt(gqlOrder("7001", "2025-01-14T10:00:00Z"), { id: "55501", name: "Ottawa Rideau store" }),
      gqlOrder("7002", "2025-01-14T11:00:00Z"),
      gqlOrder("7003", "2025-01-14T12:00:00Z", "WIDGET-1", {
        fulfillmentOrders: {
          nodes: [
            ...pickupAt(gqlOrder("7003", ""), { id: "55501", name: "Ottawa Rideau store" }).fulfillmentOrders!.nodes,
            {
              id: "gid://shopify/FulfillmentOrder/70032",
              status: "OPEN",
              deliveryMethod: { methodType: "SHIPPING" },
              assignedLocation: { name: "Main warehouse", location: { legacyResourceId: "24826418" } },
            },
          ],
        },
      }),
      // A pickup fulfillment order that was cancelled (the buyer changed to shipping) does not count.
      gqlOrder("7004", "2025-01-14T13:00:00Z", "WIDGET-1", {
        fulfillmentOrders: {
          nodes: [
            {
              ...pickupAt(gqlOrder("7004", ""), { id: "55501", name: "Ottawa Rideau store" }).fulfillmentOrders!
                .nodes[0],
              status: "CANCELLED",
            },
          ],
        },
      }),
    ];
    const p = await shopifyAdapter({ ...cfg(), pageSize: 10 }, clock()).pullPage(
      JSON.stringify({ after: "2025-01-14T00:00:00Z" }),
    );
    expect(p.orders.map((o) => [o.externalId, o.pickupLocation])).toEqual([
      ["7001", { id: "55501", name: "Ottawa Rideau store" }],
      ["7002", undefined],
      ["7003", { id: "55501", name: "Ottawa Rideau store", mixed: true }],
      ["7004", undefined],
    ]);
    // The document asked for the delivery method and the assigned location of each fulfillment order.
    expect(fake.costs.every((c) => c <= 1000)).toBe(true);
  });

  test("click & collect through a bulk backfill: fulfillment orders arrive as JSONL children of their order", async () => {
    fake.orders = [pickupAt(gqlOrder("7101", "2025-01-01T10:00:00Z"), { id: "55501", name: "Ottawa Rideau store" })];
    const c = clock();
    const a = shopifyAdapter({ ...cfg(), firstWindowDays: 30 }, c);
    let page = await a.pullPage(undefined);
    for (let i = 0; i < 3 && page.orders.length === 0; i++) page = await a.pullPage(page.cursor);
    expect(page.orders.map((o) => [o.externalId, o.pickupLocation, o.lines.length])).toEqual([
      ["7101", { id: "55501", name: "Ottawa Rideau store" }, 1],
    ]);
  });

  test("quantities are the current ones: removed or refunded units are not imported, a line with none left is dropped", async () => {
    const o = gqlOrder("5101", "2025-01-14T13:00:00Z");
    o.lineItems.nodes = [
      gqlLine("1", { sku: "A", quantity: 3, currentQuantity: 1, amount: "5.00" }),
      gqlLine("2", { sku: "B", quantity: 2, currentQuantity: 0, amount: "5.00" }),
    ];
    fake.orders = [o];
    const p = await shopifyAdapter(cfg(), clock()).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p.orders[0].lines.map((l) => [l.listingSku, l.quantity])).toEqual([["A", 1]]);
  });

  test("an order with more lines than a page holds is completed with its own line pages", async () => {
    const o = gqlOrder("5201", "2025-01-14T13:00:00Z");
    o.lineItems.nodes = Array.from({ length: 25 }, (_, i) =>
      gqlLine(`9${i}`, { sku: `S${i}`, title: "x", quantity: 1, currentQuantity: 1, amount: "1.00" }),
    );
    fake.orders = [o];
    const p = await shopifyAdapter(cfg(), clock()).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p.orders[0].lines).toHaveLength(25);
    expect(fake.log.map((l) => l.op)).toEqual(["Orders", "OrderLines"]);
  });

  test("an order's further line pages wait for their points too, instead of being throttled", async () => {
    const c = clock();
    fake.clock = { now: c.now };
    fake.bucket.currentlyAvailable = 300;
    const o = gqlOrder("5202", "2025-01-14T13:00:00Z");
    o.lineItems.nodes = Array.from({ length: 25 }, (_, i) =>
      gqlLine(`8${i}`, { sku: `S${i}`, title: "x", quantity: 1, currentQuantity: 1, amount: "1.00" }),
    );
    fake.orders = [o];
    const p = await shopifyAdapter(cfg(), c).pullPage(JSON.stringify({ after: "2025-01-14T00:00:00Z" }));
    expect(p.orders[0].lines).toHaveLength(25);
    // One line page, asked once: the adapter waited for the points the page costs, and was not refused.
    expect(fake.log.map((l) => l.op)).toEqual(["Orders", "OrderLines"]);
    const left = 300 - fake.costs[0];
    expect(c.sleeps).toEqual([Math.ceil(((ORDER_LINES_COST - left) / 50) * 1000)]);
  });

  test("a long first window is a backfill: a bulk operation, read when Shopify says it is complete", async () => {
    const a = shopifyAdapter({ ...cfg(), firstWindowDays: 90 }, clock());
    const started = await a.pullPage(undefined);
    expect(started).toMatchObject({ orders: [], done: true });
    expect(JSON.parse(started.cursor).bulk).toBe("gid://shopify/BulkOperation/1");
    const running = await a.pullPage(started.cursor);
    expect(running.orders).toEqual([]);
    expect(running.cursor).toBe(started.cursor);
    const done = await a.pullPage(running.cursor);
    expect(done.orders.map((o) => o.externalId)).toEqual(["5001", "5002", "5003"]);
    expect(done.orders[0].lines).toEqual([
      {
        externalLineId: "gid://shopify/LineItem/50011",
        listingSku: "WIDGET-1",
        title: "Widget",
        quantity: 3,
        unitPriceMinor: 1250,
      },
    ]);
    expect(JSON.parse(done.cursor)).toEqual({ after: "2025-01-14T12:00:00Z" });
  });
});

describe("fulfillment", () => {
  const conf = {
    externalOrderId: "5001",
    packageKey: "s1:p1",
    carrier: "Canada Post",
    trackingNumber: "CP123",
    items: [{ externalLineId: "gid://shopify/LineItem/50011", quantity: 2 }],
    shippedAt: 0,
  };

  test("creates a fulfillment for the package's line items with tracking; a retry does not fulfil twice", async () => {
    const a = shopifyAdapter(cfg(), clock());
    const r = await a.confirmShipment(conf);
    expect(r.remoteRef).toBe("gid://shopify/Fulfillment/1");
    expect(fake.log.find((l) => l.op === "FulfillmentCreate")?.variables).toEqual({
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: "gid://shopify/FulfillmentOrder/5001",
            fulfillmentOrderLineItems: [{ id: "gid://shopify/FulfillmentOrderLineItem/50010", quantity: 2 }],
          },
        ],
        trackingInfo: { company: "Canada Post", number: "CP123" },
        notifyCustomer: true,
      },
    });
    expect(await a.confirmShipment(conf)).toEqual(r);
    expect(fake.fulfillments).toHaveLength(1);
  });

  test("a correction updates the tracking of the fulfillment already sent", async () => {
    const a = shopifyAdapter(cfg(), clock());
    const first = await a.confirmShipment(conf);
    await a.confirmShipment({
      ...conf,
      trackingNumber: "CP456",
      replaces: { trackingNumber: "CP123", remoteRef: first.remoteRef },
    });
    expect(fake.fulfillments).toEqual([{ id: first.remoteRef, orderId: "5001", tracking: ["CP456"] }]);
  });

  test("acknowledgement tags the order", async () => {
    expect(await shopifyAdapter(cfg(), clock()).acknowledge(["5001"])).toEqual([{ externalOrderId: "5001", ok: true }]);
    expect(fake.log.at(-1)).toMatchObject({
      op: "TagsAdd",
      variables: { id: "gid://shopify/Order/5001", tags: ["oms-acknowledged"] },
    });
  });
});

describe("webhooks", () => {
  test("the signature matches Node's HMAC-SHA256 of the raw body, and nothing else", async () => {
    const body = JSON.stringify({ id: 1, note: "héllo ✓" });
    const header = createHmac("sha256", "s3cret").update(body, "utf8").digest("base64");
    expect(await verifyShopifyHmac(body, header, "s3cret")).toBe(true);
    expect(await verifyShopifyHmac(body + " ", header, "s3cret")).toBe(false);
    expect(await verifyShopifyHmac(body, header, "other")).toBe(false);
    expect(await verifyShopifyHmac(body, null, "s3cret")).toBe(false);
    expect(await verifyShopifyHmac(body, header, undefined)).toBe(false);
  });

  test("the REST order payload normalises to the same ids as a pull", () => {
    const o = normalizeShopifyRestOrder({
      id: 5001,
      created_at: "2025-01-10T15:00:00Z",
      updated_at: "2025-01-14T10:00:00Z",
      currency: "CAD",
      email: "jon@example.com",
      shipping_address: {
        name: "Jon Snow",
        address1: "150 Elgin St",
        city: "Ottawa",
        province_code: "ON",
        zip: "K2P 1L4",
        country_code: "CA",
      },
      line_items: [
        {
          id: 50011,
          admin_graphql_api_id: "gid://shopify/LineItem/50011",
          sku: "WIDGET-1",
          title: "Widget",
          quantity: 3,
          price: "12.50",
        },
      ],
    });
    expect(o).toMatchObject({
      externalId: "5001",
      lines: [{ externalLineId: "gid://shopify/LineItem/50011", unitPriceMinor: 1250 }],
    });
  });
});

describe("shipping charged and fees (issue 20)", () => {
  test("the order's totalShippingPriceSet is its shipping charged; none (or 0.00) is none", async () => {
    fake.orders[0] = gqlOrder("5001", "2025-01-14T10:00:00Z", "WIDGET-1", {
      totalShippingPriceSet: { shopMoney: { amount: "7.95", currencyCode: "CAD" } },
    });
    fake.orders[2] = gqlOrder("5003", "2025-01-14T12:00:00Z", "WIDGET-1", {
      totalShippingPriceSet: { shopMoney: { amount: "0.00", currencyCode: "CAD" } },
    });
    const p = await shopifyAdapter({ ...cfg(), pageSize: 10 }, clock()).pullPage(
      JSON.stringify({ after: "2025-01-14T00:00:00Z" }),
    );
    expect(p.orders.map((o) => o.shippingChargedMinor)).toEqual([795, undefined, undefined]);
  });

  test("fees of Shopify Payments transactions are reported by type; another gateway's are not; no payment yet is pending", async () => {
    const money = (amount: string) => ({ amount, currencyCode: "CAD" });
    fake.transactions = {
      "5001": [
        { kind: "AUTHORIZATION", status: "SUCCESS", gateway: "shopify_payments", fees: [] },
        {
          kind: "CAPTURE",
          status: "SUCCESS",
          gateway: "shopify_payments",
          fees: [
            { type: "payment_processing", amount: money("1.39") },
            { type: "payment_processing", amount: money("0.30") },
            { type: "currency_conversion", amount: money("0.50") },
          ],
        },
      ],
      "5002": [{ kind: "SALE", status: "SUCCESS", gateway: "paypal", fees: [] }],
      "5003": [{ kind: "SALE", status: "FAILURE", gateway: "shopify_payments", fees: [] }],
    };
    const a = shopifyAdapter(cfg(), clock());
    const q = (id: string) => ({ externalOrderId: id, currency: "CAD", totalMinor: 3750, shippingChargedMinor: 0 });
    expect(await a.orderFees!(q("5001"))).toEqual({
      status: "reported",
      fees: [
        { type: "payment_processing", amountMinor: 169 },
        { type: "currency_conversion", amountMinor: 50 },
      ],
    });
    expect(await a.orderFees!(q("5002"))).toMatchObject({
      status: "not_reported",
      why: expect.stringContaining("paypal"),
    });
    expect(await a.orderFees!(q("5003"))).toMatchObject({ status: "pending" });
    expect(fake.log.map((l) => [l.op, l.variables.id])).toEqual([
      ["OrderFees", "gid://shopify/Order/5001"],
      ["OrderFees", "gid://shopify/Order/5002"],
      ["OrderFees", "gid://shopify/Order/5003"],
    ]);
    await expect(a.orderFees!(q("9999"))).rejects.toMatchObject({ retryable: false, status: 404 });
  });

  test("a Shopify Payments capture without fees is a reported zero, not 'not reported'", async () => {
    fake.transactions = { "5001": [{ kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", fees: null }] };
    const r = await shopifyAdapter(cfg(), clock()).orderFees!({
      externalOrderId: "5001",
      currency: "CAD",
      totalMinor: 1,
      shippingChargedMinor: 0,
    });
    expect(r).toEqual({ status: "reported", fees: [] });
  });

  test("the webhook body's total_shipping_price_set is read the same way", () => {
    const body = {
      id: 77,
      created_at: "2025-01-10T15:00:00Z",
      updated_at: "2025-01-10T15:00:00Z",
      currency: "USD",
      line_items: [{ id: 1, title: "Widget", quantity: 1, price: "10.00", sku: "W" }],
      total_shipping_price_set: { shop_money: { amount: "12.99", currency_code: "USD" } },
    };
    expect(normalizeShopifyRestOrder(body)?.shippingChargedMinor).toBe(1299);
    expect(
      normalizeShopifyRestOrder({ ...body, total_shipping_price_set: { shop_money: { amount: "0.00" } } })
        ?.shippingChargedMinor,
    ).toBeUndefined();
  });
});
