/**
 * Channels through the real functions: idempotent imports over overlapping windows, unmapped
 * listings waiting in the inbox and released by a mapping, the Shopify webhook (signature, replay),
 * pull failures that keep the cursor, and the sandbox pull driven by the scheduler.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  AfterBackend,
  errorOf,
  expectInvariants,
  linesOf,
  seedStock,
  setupTest,
  type TestBackend,
} from "./testing/setup.testing";
import { shopifyHmac } from "./integrations/channels/shopifyWebhook";
import {
  channelOrder,
  connect,
  connectStore,
  csvRow,
  importPage,
  ordersOf,
  stockedChannel,
} from "./testing/channels.testing";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** A fresh backend with a stocked channel of `kind` (`stockedChannel`). */
async function setupChannel(...args: AfterBackend<typeof stockedChannel>) {
  const b = await setupTest();
  return { ...b, ...(await stockedChannel(b.t, ...args)) };
}

describe("import idempotency", () => {
  test("overlapping windows pulled three times create each order once", async () => {
    const { t, sku, channelId } = await setupChannel("amazon", { stock: [50] });
    const line = { externalLineId: "L1", listingSku: sku, quantity: 1, unitPriceMinor: 1500 };
    const [a, b, c] = [
      channelOrder({ lines: [line] }),
      channelOrder({ lines: [line] }),
      channelOrder({ lines: [line] }),
    ];
    expect(await importPage(t, channelId, [a, b])).toMatchObject({ created: 2 });
    expect(await importPage(t, channelId, [b, c])).toMatchObject({ created: 1, duplicate: 1 });
    expect(await importPage(t, channelId, [a, b, c])).toMatchObject({ created: 0, duplicate: 3 });
    const orders = await ordersOf(t, "amazon-us");
    expect(orders.map((o) => o.externalId).sort()).toEqual([a.externalId, b.externalId, c.externalId].sort());
    expect(orders.every((o) => o.kind === "channel" && o.status === "allocated")).toBe(true);
    await expectInvariants(t);
  });

  test("an order the channel cancelled before import never becomes an order", async () => {
    const { t, sku, channelId } = await setupChannel("shopify", { stock: [5] });
    const o = channelOrder({
      cancelled: true,
      lines: [{ externalLineId: "L", listingSku: sku, quantity: 1, unitPriceMinor: 100 }],
    });
    expect(await importPage(t, channelId, [o])).toMatchObject({ cancelled: 1 });
    expect(await ordersOf(t, "shopify-main")).toHaveLength(0);
  });

  test("a later pull saying the buyer cancelled cancels the imported order and frees its stock", async () => {
    const { t, sku, channelId } = await setupChannel("shopify", { stock: [5] });
    const o = channelOrder({ lines: [{ externalLineId: "L", listingSku: sku, quantity: 2, unitPriceMinor: 100 }] });
    await importPage(t, channelId, [o]);
    expect(await importPage(t, channelId, [{ ...o, cancelled: true, updatedAt: o.updatedAt + 1000 }])).toMatchObject({
      cancelled: 1,
    });
    expect((await ordersOf(t, "shopify-main"))[0].status).toBe("cancelled");
    const level = await t.run((ctx) => ctx.db.query("inventoryLevels").first());
    expect(level?.reserved).toBe(0);
    // Pulled again: nothing more happens.
    expect(await importPage(t, channelId, [{ ...o, cancelled: true, updatedAt: o.updatedAt + 1000 }])).toMatchObject({
      duplicate: 1,
    });
    await expectInvariants(t);
  });

  test("an order createOrder refuses (priced in another currency) is kept as failed with the reason, nothing else written", async () => {
    const { t, sku, channelId } = await setupChannel("amazon", { stock: [5] });
    const o = channelOrder({
      currency: "CAD",
      lines: [{ externalLineId: "L", listingSku: sku, quantity: 1, unitPriceMinor: 100 }],
    });
    expect(await importPage(t, channelId, [o])).toMatchObject({ failed: 1 });
    const row = await t.run((ctx) => ctx.db.query("channelOrders").first());
    expect(row).toMatchObject({ status: "failed" });
    expect(row?.error).toMatch(/priced in USD/);
    expect(await ordersOf(t, "amazon-us")).toHaveLength(0);
  });
});

describe("SKU mapping", () => {
  test("orders with an unmapped listing wait; mapping it as a 6-pack releases every waiting order", async () => {
    const { t, admin, supervisor, productIds, channelId } = await setupChannel("amazon", { stock: [100] });
    const pack = {
      externalLineId: "L1",
      listingSku: "WIDGET-6PK",
      title: "Widget six pack",
      quantity: 2,
      unitPriceMinor: 1000,
    };
    const o1 = channelOrder({ lines: [pack] });
    const o2 = channelOrder({ lines: [{ ...pack, quantity: 1 }] });
    expect(await importPage(t, channelId, [o1, o2])).toMatchObject({ waiting: 2 });
    expect(await ordersOf(t, "amazon-us")).toHaveLength(0);
    const unmapped = await supervisor.query(api.channels.unmappedListings, {});
    expect(unmapped).toMatchObject([
      { listingSku: "WIDGET-6PK", waitingOrders: 2, mapped: false, title: "Widget six pack" },
    ]);
    const waiting = await supervisor.query(api.channels.inbox, {
      status: "waiting_mapping",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(waiting.page).toHaveLength(2);
    // A re-pull of the same window while waiting adds nothing.
    expect(await importPage(t, channelId, [o1])).toMatchObject({ waiting: 1 });
    expect(await t.run((ctx) => ctx.db.query("channelOrderWaits").collect())).toHaveLength(2);

    const r = await admin.mutation(api.channels.saveMapping, {
      channel: "amazon-us",
      listingSku: "WIDGET-6PK",
      components: [{ productId: productIds[0], quantity: 6 }],
    });
    expect(r).toMatchObject({ released: 2, more: false });
    const orders = await ordersOf(t, "amazon-us");
    expect(orders).toHaveLength(2);
    const lines = await t.run((ctx) => ctx.db.query("orderLines").collect());
    const units = (o: (typeof orders)[number]) =>
      lines.filter((l) => l.orderId === o._id).reduce((s, l) => s + l.quantity, 0);
    expect(orders.map(units).sort((a, b) => a - b)).toEqual([6, 12]);
    // 2 packs at $10.00 = $20.00 over 12 units (8 at 1.67, 4 at 1.66): exact, no cent lost.
    expect(orders.map((o) => o.totalMinor).sort((a, b) => a - b)).toEqual([1000, 2000]);
    expect(await supervisor.query(api.channels.unmappedListings, {})).toEqual([]);
    expect(
      (
        await supervisor.query(api.channels.inbox, {
          status: "waiting_mapping",
          paginationOpts: { numItems: 10, cursor: null },
        })
      ).page,
    ).toEqual([]);
    await expectInvariants(t);
  });

  test("a bundle maps one listing to several products, prices split without losing a cent", async () => {
    const { t, admin, productIds, channelId } = await setupChannel("shopify", {
      stock: [10, 10],
      products: [{ priceMinor: 1000 }, { priceMinor: 500 }],
    });
    await admin.mutation(api.channels.saveMapping, {
      channel: "shopify-main",
      listingSku: "KIT",
      components: [
        { productId: productIds[0], quantity: 1 },
        { productId: productIds[1], quantity: 2 },
      ],
    });
    await importPage(t, channelId, [
      channelOrder({ lines: [{ externalLineId: "L", listingSku: "KIT", quantity: 3, unitPriceMinor: 1999 }] }),
    ]);
    const [order] = await ordersOf(t, "shopify-main");
    expect(order.totalMinor).toBe(3 * 1999);
    const lines = await linesOf(t, order._id);
    const units = (id: Id<"products">) => lines.filter((l) => l.productId === id).reduce((s, l) => s + l.quantity, 0);
    expect([units(productIds[0]), units(productIds[1])]).toEqual([3, 6]);
    await expectInvariants(t);
  });

  test("a mapping with a bad quantity or unknown channel is refused naming the field", async () => {
    const { admin, productIds } = await setupChannel("csv", { stock: [1] });
    const e = await errorOf(
      admin.mutation(api.channels.saveMapping, {
        channel: "nope",
        listingSku: "X",
        components: [{ productId: productIds[0], quantity: 0 }],
      }),
    );
    expect(e.code).toBe("INVALID_INPUT");
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(["channel", "components.0.quantity"]);
  });
});

describe("Shopify webhook", () => {
  const restOrder = (sku: string) => ({
    id: 820982911946154500,
    name: "#1001",
    created_at: "2025-01-10T10:00:00-05:00",
    updated_at: "2025-01-10T10:00:00-05:00",
    email: "jon@example.com",
    currency: "USD",
    customer: { first_name: "Jon", last_name: "Snow", email: "jon@example.com" },
    shipping_address: {
      name: "Jon Snow",
      address1: "123 Amoebobacterieae St",
      city: "Ottawa",
      province_code: "ON",
      zip: "K2P 0V6",
      country_code: "CA",
    },
    line_items: [
      {
        id: 866550311766439000,
        admin_graphql_api_id: "gid://shopify/LineItem/866550311766439000",
        sku,
        title: "Widget",
        quantity: 2,
        price: "19.99",
      },
    ],
  });

  async function post(
    t: TestBackend,
    body: string,
    signature: string,
    webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  ) {
    return t.fetch("/webhooks/shopify/shopify-main", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-hmac-sha256": signature,
        "x-shopify-webhook-id": webhookId,
        "x-shopify-topic": "orders/create",
        "x-shopify-shop-domain": "demo.myshopify.com",
      },
      body,
    });
  }

  test("the same delivery replayed five times makes one order", async () => {
    vi.stubEnv("CHANNEL_SHOPIFY_MAIN_WEBHOOK_SECRET", "hush");
    const { t, sku } = await setupChannel("shopify");
    const body = JSON.stringify(restOrder(sku));
    const sig = await shopifyHmac(body, "hush");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await (await post(t, body, sig)).json());
    expect(results.map((r) => r.result)).toEqual(["created", "replayed", "replayed", "replayed", "replayed"]);
    // A redelivery under a new webhook id is still the same order.
    expect((await (await post(t, body, sig, "another-id")).json()).result).toBe("duplicate");
    const orders = await ordersOf(t, "shopify-main");
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      externalId: "820982911946154500",
      totalMinor: 3998,
      shipTo: { postalCode: "K2P 0V6", country: "CA" },
    });
    await expectInvariants(t);
  });

  test("a bad signature is refused with 401 and writes nothing", async () => {
    vi.stubEnv("CHANNEL_SHOPIFY_MAIN_WEBHOOK_SECRET", "hush");
    const { t, sku } = await setupChannel("shopify");
    const body = JSON.stringify(restOrder(sku));
    const forged = await shopifyHmac(body, "not-the-secret");
    expect((await post(t, body, forged)).status).toBe(401);
    expect((await post(t, body.replace("19.99", "0.01"), await shopifyHmac(body, "hush"))).status).toBe(401);
    expect((await post(t, body, "")).status).toBe(401);
    const written = await t.run(async (ctx) => ({
      events: await ctx.db.query("webhookEvents").collect(),
      inbox: await ctx.db.query("channelOrders").collect(),
      orders: await ctx.db.query("orders").collect(),
    }));
    expect(written).toEqual({ events: [], inbox: [], orders: [] });
  });
});

describe("pull scheduling", () => {
  test("a failed pull keeps the cursor, shows on the channel and backs off", async () => {
    vi.useFakeTimers();
    const { t, admin } = await setupTest();
    const channelId = await connectStore(t, "amazon");
    await t.run((ctx) => ctx.db.patch("channels", channelId, { cursor: "kept" }));
    await admin.mutation(api.channels.pullNow, { channelId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    let ch = await t.run((ctx) => ctx.db.get("channels", channelId));
    expect(ch).toMatchObject({ cursor: "kept", status: "error", consecutiveFailures: 1 });
    expect(ch?.lastError).toMatch(/CHANNEL_AMAZON_US_LWA_CLIENT_ID/);
    const firstDelay = ch!.nextPullAt - Date.now();
    await admin.mutation(api.channels.pullNow, { channelId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    ch = await t.run((ctx) => ctx.db.get("channels", channelId));
    expect(ch).toMatchObject({ cursor: "kept", consecutiveFailures: 2 });
    expect(ch!.nextPullAt - Date.now()).toBeGreaterThan(firstDelay);
  });

  test("the sandbox pulls on the cron's dispatch, and a re-pull of the same cursor adds nothing", async () => {
    vi.useFakeTimers();
    const { t, supervisor } = await setupTest();
    await seedStock(t, [100, 100, 100]);
    const channelId = await connect(t, "sandbox", "sandbox", { ordersPerPull: 3 });
    await t.mutation(internal.channelSync.dispatchPulls, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const first = await ordersOf(t, "sandbox");
    const waiting = await t.run((ctx) => ctx.db.query("channelOrders").collect());
    expect(waiting.length).toBeGreaterThan(0);
    const ch = await t.run((ctx) => ctx.db.get("channels", channelId));
    expect(ch).toMatchObject({ status: "ok", consecutiveFailures: 0, cursor: String(waiting.length) });
    // Not due again yet: the dispatch starts nothing.
    expect(await t.mutation(internal.channelSync.dispatchPulls, {})).toBe(0);
    // Rewind the cursor: the same window again creates no duplicate.
    await t.run((ctx) => ctx.db.patch("channels", channelId, { cursor: undefined, nextPullAt: 0 }));
    await t.mutation(internal.channelSync.dispatchPulls, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await ordersOf(t, "sandbox")).toHaveLength(first.length);
    const list = await supervisor.query(api.channels.list, {});
    expect(list.find((c) => c.code === "sandbox")).toMatchObject({ missingEnv: [] });
    await expectInvariants(t);
  });
});

describe("CSV import", () => {
  test("a file with an error imports nothing; excluding the row imports the rest, once", async () => {
    const { t, supervisor, sku } = await setupChannel("csv", { stock: [20] });
    const rows = [
      csvRow({ sku }),
      csvRow({ sku, quantity: "1" }),
      csvRow({ order_id: "W-2", sku: "NOPE" }),
      csvRow({ order_id: "W-3", sku, ship_postal_code: "ABC" }),
    ];
    const preview = await supervisor.query(api.channels.previewCsv, { rows, excludedRows: [] });
    expect(preview.rowErrors.map((r) => [r.row, Object.keys(r.errors)])).toEqual([
      [4, ["sku"]],
      [5, ["ship_postal_code"]],
    ]);
    expect(preview.orders).toMatchObject([
      { externalId: "W-1", rows: [2, 3], units: 3, totalMinor: 5997, exists: false },
    ]);
    const e = await errorOf(supervisor.mutation(api.channels.importCsv, { rows, excludedRows: [] }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(Object.keys(e.fields ?? {})).toEqual(["rows.4.sku", "rows.5.ship_postal_code"]);
    expect(await t.run((ctx) => ctx.db.query("channelOrders").collect())).toEqual([]);

    expect(await supervisor.mutation(api.channels.importCsv, { rows, excludedRows: [4, 5] })).toEqual({
      created: 1,
      skipped: 0,
    });
    expect(await supervisor.mutation(api.channels.importCsv, { rows, excludedRows: [4, 5] })).toEqual({
      created: 0,
      skipped: 1,
    });
    const orders = await ordersOf(t, "csv");
    expect(orders).toMatchObject([{ externalId: "W-1", totalMinor: 5997, kind: "channel" }]);
    await expectInvariants(t);
  });
});
