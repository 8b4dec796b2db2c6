/**
 * The pull worker end to end: the real Convex functions (convex-test) driving the real Amazon and
 * Shopify adapters against local vendor-shaped servers. Pages commit with their cursor; a failure
 * mid-window keeps the last committed cursor and the next pull resumes there; re-pulling an
 * overlapping window adds nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../_generated/api";
import { seedStock, setupTest, type TestBackend } from "../../testing/setup.testing";
import { amazonOrder, startAmazonFake, type AmazonFake } from "./amazonServer.testing";
import { gqlOrder, startShopifyFake, type ShopifyFake } from "./shopifyServer.testing";

let amazon: AmazonFake;
let shopify: ShopifyFake;
beforeAll(async () => {
  [amazon, shopify] = await Promise.all([startAmazonFake(), startShopifyFake()]);
});
afterAll(async () => {
  await Promise.all([amazon.close(), shopify.close()]);
});
afterEach(() => vi.unstubAllEnvs());

const channel = (t: TestBackend, code: string) =>
  t.run((ctx) =>
    ctx.db
      .query("channels")
      .withIndex("by_code", (q) => q.eq("code", code))
      .unique(),
  );
const orders = (t: TestBackend, code: string) =>
  t.run((ctx) =>
    ctx.db
      .query("orders")
      .withIndex("by_channel", (q) => q.eq("channel", code))
      .collect(),
  );

describe("Amazon pulls", () => {
  test("a failure on page 2 keeps page 1's cursor; the next pull resumes and a re-pull adds nothing", async () => {
    vi.stubEnv("CHANNEL_AMAZON_US_LWA_CLIENT_ID", "amzn1.application-oa2-client.x");
    vi.stubEnv("CHANNEL_AMAZON_US_LWA_CLIENT_SECRET", "secret");
    vi.stubEnv("CHANNEL_AMAZON_US_REFRESH_TOKEN", "Atzr|refresh");
    vi.stubEnv("CHANNEL_AMAZON_US_SELLER_ID", "A2SELLER");
    vi.stubEnv("CHANNEL_AMAZON_US_SP_API_URL", amazon.url);
    vi.stubEnv("CHANNEL_AMAZON_US_LWA_URL", `${amazon.url}/auth/o2/token`);
    const { t, admin } = await setupTest();
    const { productIds } = await seedStock(t, [100]);
    const sku = await t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
    amazon.pageSize = 2;
    amazon.orders = ["10", "11", "12", "13", "14"].map((m) =>
      amazonOrder(`111-00000${m}-0000000`, `2025-01-14T10:${m}:00Z`),
    );
    amazon.items = Object.fromEntries(
      amazon.orders.map((o) => [
        o.AmazonOrderId,
        [
          {
            OrderItemId: `${o.AmazonOrderId}-1`,
            SellerSKU: sku,
            ASIN: "B0",
            QuantityOrdered: 1,
            ItemPrice: { CurrencyCode: "USD", Amount: "19.99" },
          },
        ],
      ]),
    );
    const channelId = await admin.mutation(api.channels.connect, {
      code: "amazon-us",
      kind: "amazon",
      name: "Amazon US",
      settings: { marketplaceId: "ATVPDKIKX0DER" },
    });
    await t.run((ctx) =>
      ctx.db.patch("channels", channelId, { cursor: JSON.stringify({ after: "2025-01-14T00:00:00Z" }) }),
    );

    // Page 1 commits (searchOrders v2026-01-01 carries the items), then the search for page 2 is refused.
    amazon.forced.push({
      prefix: "/orders/2026-01-01/orders",
      status: 400,
      body: { errors: [{ code: "InvalidInput", message: "Invalid NextToken" }] },
      times: 1,
      skip: 1,
    });
    await t.action(internal.integrations.channels.worker.pullChannel, { channelId });
    let ch = await channel(t, "amazon-us");
    expect(ch).toMatchObject({ status: "error", consecutiveFailures: 1 });
    expect(ch?.lastError).toContain("Invalid NextToken");
    expect(JSON.parse(ch!.cursor!)).toMatchObject({ after: "2025-01-14T00:00:00Z", next: expect.any(String) });
    expect((await orders(t, "amazon-us")).map((o) => o.externalId)).toEqual([
      "111-0000010-0000000",
      "111-0000011-0000000",
    ]);

    await t.action(internal.integrations.channels.worker.pullChannel, { channelId });
    ch = await channel(t, "amazon-us");
    expect(ch).toMatchObject({
      status: "ok",
      consecutiveFailures: 0,
      cursor: JSON.stringify({ after: "2025-01-14T10:14:00Z" }),
    });
    expect(await orders(t, "amazon-us")).toHaveLength(5);

    // The whole window again (an overlap), three times: still five orders.
    for (let i = 0; i < 3; i++) {
      await t.run((ctx) =>
        ctx.db.patch("channels", channelId, { cursor: JSON.stringify({ after: "2025-01-14T00:00:00Z" }) }),
      );
      await t.action(internal.integrations.channels.worker.pullChannel, { channelId });
    }
    expect(await orders(t, "amazon-us")).toHaveLength(5);
  });
});

describe("Amazon orders the platform cannot take as sent", () => {
  test("a JPY order fails on its own inbox row and the cursor moves; a buyer's cancel request holds the order; the ack waits for the processing report", async () => {
    vi.stubEnv("CHANNEL_AMAZON_US_LWA_CLIENT_ID", "amzn1.application-oa2-client.x");
    vi.stubEnv("CHANNEL_AMAZON_US_LWA_CLIENT_SECRET", "secret");
    vi.stubEnv("CHANNEL_AMAZON_US_REFRESH_TOKEN", "Atzr|refresh");
    vi.stubEnv("CHANNEL_AMAZON_US_SELLER_ID", "A2SELLER");
    vi.stubEnv("CHANNEL_AMAZON_US_SP_API_URL", amazon.url);
    vi.stubEnv("CHANNEL_AMAZON_US_LWA_URL", `${amazon.url}/auth/o2/token`);
    const { t, admin } = await setupTest();
    const { productIds } = await seedStock(t, [100]);
    const sku = await t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
    amazon.pageSize = 10;
    amazon.forced.length = 0;
    amazon.orders = [
      amazonOrder("111-0000020-0000000", "2025-01-14T10:20:00Z", {
        OrderTotal: { CurrencyCode: "JPY", Amount: "5980" },
      }),
      amazonOrder("111-0000021-0000000", "2025-01-14T10:21:00Z"),
      amazonOrder("111-0000022-0000000", "2025-01-14T10:22:00Z"),
    ];
    amazon.items = Object.fromEntries(
      amazon.orders.map((o) => [
        o.AmazonOrderId,
        [
          {
            OrderItemId: `${o.AmazonOrderId}-1`,
            SellerSKU: sku,
            ASIN: "B0",
            QuantityOrdered: 1,
            ItemPrice: { CurrencyCode: o.OrderTotal!.CurrencyCode, Amount: "19.99" },
          },
        ],
      ]),
    );
    amazon.cancelRequests = { "111-0000022-0000000": "No longer needed" };
    const channelId = await admin.mutation(api.channels.connect, {
      code: "amazon-us",
      kind: "amazon",
      name: "Amazon US",
      settings: { marketplaceId: "ATVPDKIKX0DER" },
    });
    await t.run((ctx) =>
      ctx.db.patch("channels", channelId, { cursor: JSON.stringify({ after: "2025-01-14T00:00:00Z" }) }),
    );
    await t.action(internal.integrations.channels.worker.pullChannel, { channelId });

    expect(await channel(t, "amazon-us")).toMatchObject({
      status: "ok",
      cursor: JSON.stringify({ after: "2025-01-14T10:22:00Z" }),
    });
    expect((await orders(t, "amazon-us")).map((o) => o.externalId).sort()).toEqual([
      "111-0000021-0000000",
      "111-0000022-0000000",
    ]);
    const failed = await admin.query(api.channels.inbox, {
      status: "failed",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(failed.page.map((r) => [r.externalId, r.error])).toEqual([
      ["111-0000020-0000000", expect.stringContaining("in JPY")],
    ]);
    const held = (await orders(t, "amazon-us")).find((o) => o.externalId === "111-0000022-0000000")!;
    expect(held.status).toBe("on_hold");
    const queue = await admin.query(api.holds.queue, {
      type: "cancel_request",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(queue.page.map((h) => [h.orderId, h.reason])).toEqual([
      [held._id, expect.stringContaining("No longer needed")],
    ]);

    // Acknowledgements: sent as one feed, pending until the processing report; then sent.
    await t.action(internal.integrations.channels.worker.drainOutbox, {});
    const acks = () =>
      t.run((ctx) =>
        ctx.db
          .query("outbox")
          .withIndex("by_kind_and_status_and_dueAt", (q) => q.eq("kind", "ack"))
          .collect(),
      );
    expect((await acks()).map((a) => [a.status, a.remoteRef?.startsWith("feed:")])).toEqual([
      ["pending", true],
      ["pending", true],
      ["pending", true],
    ]);
    const feedId = (await acks())[0].remoteRef!.split(":")[1];
    amazon.feeds.set(feedId, { status: "DONE", rejected: [], messages: 3 });
    await t.run(async (ctx) => {
      for (const a of await ctx.db
        .query("outbox")
        .withIndex("by_kind_and_status_and_dueAt", (q) => q.eq("kind", "ack"))
        .collect())
        await ctx.db.patch("outbox", a._id, { nextAttemptAt: 0 });
    });
    await t.action(internal.integrations.channels.worker.drainOutbox, {});
    expect((await acks()).map((a) => a.status)).toEqual(["sent", "sent", "sent"]);
  });
});

describe("Shopify pulls", () => {
  test("imports every page; an unknown SKU waits for mapping", async () => {
    vi.stubEnv("CHANNEL_SHOPIFY_MAIN_ACCESS_TOKEN", "shpat_test");
    vi.stubEnv("CHANNEL_SHOPIFY_MAIN_WEBHOOK_SECRET", "hush");
    vi.stubEnv("CHANNEL_SHOPIFY_MAIN_GRAPHQL_URL", shopify.url);
    const { t, admin } = await setupTest();
    const { productIds } = await seedStock(t, [100], [{ currency: "CAD" }]);
    const sku = await t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
    shopify.orders = [
      gqlOrder("7001", "2025-01-14T10:00:00Z", sku),
      gqlOrder("7002", "2025-01-14T11:00:00Z", "UNKNOWN-SKU"),
      gqlOrder("7003", "2025-01-14T12:00:00Z", sku),
    ];
    const channelId = await admin.mutation(api.channels.connect, {
      code: "shopify-main",
      kind: "shopify",
      name: "Shop",
      settings: { shopDomain: "demo.myshopify.com" },
    });
    await t.run((ctx) =>
      ctx.db.patch("channels", channelId, { cursor: JSON.stringify({ after: "2025-01-14T00:00:00Z" }) }),
    );
    await t.action(internal.integrations.channels.worker.pullChannel, { channelId });
    expect((await orders(t, "shopify-main")).map((o) => o.externalId).sort()).toEqual(["7001", "7003"]);
    const waiting = await t.run((ctx) =>
      ctx.db
        .query("channelOrders")
        .withIndex("by_status_and_receivedAt", (q) => q.eq("status", "waiting_mapping"))
        .collect(),
    );
    expect(waiting.map((w) => [w.externalId, w.unmappedSkus])).toEqual([["7002", ["UNKNOWN-SKU"]]]);
    expect(await channel(t, "shopify-main")).toMatchObject({
      status: "ok",
      cursor: JSON.stringify({ after: "2025-01-14T12:00:00Z" }),
    });
  });
});
