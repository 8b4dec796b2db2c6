/**
 * The pull worker end to end: the real Convex functions (convex-test) driving the real Amazon and
 * Shopify adapters against local vendor-shaped servers. Pages commit with their cursor; a failure
 * mid-window keeps the last committed cursor and the next pull resumes there; re-pulling an
 * overlapping window adds nothing.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../_generated/api";
import type { Id } from "../../_generated/dataModel";
import { setupTest, type TestBackend } from "../../testing/setup.testing";
import { channelByCode, ordersOf, stockedChannel } from "../../testing/channels.testing";
import { amazonOrder } from "./amazonServer.testing";
import type { AmazonOrder } from "./amazon";
import { gqlOrder } from "./shopifyServer.testing";
import { stubAmazonEnv, stubShopifyEnv, useChannelFakes } from "./fakes.testing";

const fakes = useChannelFakes();
afterEach(() => vi.unstubAllEnvs());

const pull = (t: TestBackend, channelId: Id<"channels">) =>
  t.action(internal.integrations.channels.worker.pullChannel, { channelId });

/** Where a pull window starts (a stored cursor), so every order the fake holds is inside it. */
const startWindowAt = (t: TestBackend, channelId: Id<"channels">, after = "2025-01-14T00:00:00Z") =>
  t.run((ctx) => ctx.db.patch("channels", channelId, { cursor: JSON.stringify({ after }) }));

/** The fake's orders, each with one item of `sku` at 19.99 in the order's currency. */
function amazonOrdersOf(orders: AmazonOrder[], sku: string) {
  fakes.amazon.orders = orders;
  fakes.amazon.items = Object.fromEntries(
    orders.map((o) => [
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
}

/** A backend with stock, the Amazon US store connected through the API and its window started. */
async function amazonStore() {
  stubAmazonEnv(fakes.amazon);
  const { t, admin } = await setupTest();
  const { sku, channelId } = await stockedChannel(t, "amazon", { stock: [100] });
  await startWindowAt(t, channelId);
  return { t, admin, sku, channelId };
}

describe("Amazon pulls", () => {
  test("a failure on page 2 keeps page 1's cursor; the next pull resumes and a re-pull adds nothing", async () => {
    const { t, sku, channelId } = await amazonStore();
    fakes.amazon.pageSize = 2;
    amazonOrdersOf(
      ["10", "11", "12", "13", "14"].map((m) => amazonOrder(`111-00000${m}-0000000`, `2025-01-14T10:${m}:00Z`)),
      sku,
    );

    // Page 1 commits (searchOrders v2026-01-01 carries the items), then the search for page 2 is refused.
    fakes.amazon.forced.push({
      prefix: "/orders/2026-01-01/orders",
      status: 400,
      body: { errors: [{ code: "InvalidInput", message: "Invalid NextToken" }] },
      times: 1,
      skip: 1,
    });
    await pull(t, channelId);
    let ch = await channelByCode(t, "amazon-us");
    expect(ch).toMatchObject({ status: "error", consecutiveFailures: 1 });
    expect(ch?.lastError).toContain("Invalid NextToken");
    expect(JSON.parse(ch!.cursor!)).toMatchObject({ after: "2025-01-14T00:00:00Z", next: expect.any(String) });
    expect((await ordersOf(t, "amazon-us")).map((o) => o.externalId)).toEqual([
      "111-0000010-0000000",
      "111-0000011-0000000",
    ]);

    await pull(t, channelId);
    ch = await channelByCode(t, "amazon-us");
    expect(ch).toMatchObject({
      status: "ok",
      consecutiveFailures: 0,
      cursor: JSON.stringify({ after: "2025-01-14T10:14:00Z" }),
    });
    expect(await ordersOf(t, "amazon-us")).toHaveLength(5);

    // The whole window again (an overlap), three times: still five orders.
    for (let i = 0; i < 3; i++) {
      await startWindowAt(t, channelId);
      await pull(t, channelId);
    }
    expect(await ordersOf(t, "amazon-us")).toHaveLength(5);
  });
});

describe("Amazon orders the platform cannot take as sent", () => {
  test("a JPY order fails on its own inbox row and the cursor moves; a buyer's cancel request holds the order; the ack waits for the processing report", async () => {
    const { t, admin, sku, channelId } = await amazonStore();
    fakes.amazon.pageSize = 10;
    fakes.amazon.forced.length = 0;
    amazonOrdersOf(
      [
        amazonOrder("111-0000020-0000000", "2025-01-14T10:20:00Z", {
          OrderTotal: { CurrencyCode: "JPY", Amount: "5980" },
        }),
        amazonOrder("111-0000021-0000000", "2025-01-14T10:21:00Z"),
        amazonOrder("111-0000022-0000000", "2025-01-14T10:22:00Z"),
      ],
      sku,
    );
    fakes.amazon.cancelRequests = { "111-0000022-0000000": "No longer needed" };
    await pull(t, channelId);

    expect(await channelByCode(t, "amazon-us")).toMatchObject({
      status: "ok",
      cursor: JSON.stringify({ after: "2025-01-14T10:22:00Z" }),
    });
    expect((await ordersOf(t, "amazon-us")).map((o) => o.externalId).sort()).toEqual([
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
    const held = (await ordersOf(t, "amazon-us")).find((o) => o.externalId === "111-0000022-0000000")!;
    expect(held.status).toBe("on_hold");
    const queue = await admin.query(api.holds.queue, {
      type: "cancel_request",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(queue.page.map((h) => [h.orderId, h.reason])).toEqual([
      [held._id, expect.stringContaining("No longer needed")],
    ]);

    // Acknowledgements: sent as one feed, pending until the processing report; then sent. The
    // import also scheduled a drain, which convex-test runs on its own clock: whichever drain claims
    // the acknowledgements, wait for it before reading them.
    await t.action(internal.integrations.channels.worker.drainOutbox, {});
    await t.finishInProgressScheduledFunctions();
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
    fakes.amazon.feeds.set(feedId, { status: "DONE", rejected: [], messages: 3 });
    await t.run(async (ctx) => {
      for (const a of await ctx.db
        .query("outbox")
        .withIndex("by_kind_and_status_and_dueAt", (q) => q.eq("kind", "ack"))
        .collect())
        await ctx.db.patch("outbox", a._id, { nextAttemptAt: 0 });
    });
    await t.action(internal.integrations.channels.worker.drainOutbox, {});
    await t.finishInProgressScheduledFunctions();
    expect((await acks()).map((a) => a.status)).toEqual(["sent", "sent", "sent"]);
  });
});

describe("Shopify pulls", () => {
  test("imports every page; an unknown SKU waits for mapping", async () => {
    stubShopifyEnv(fakes.shopify);
    const { t } = await setupTest();
    const { sku, channelId } = await stockedChannel(t, "shopify", { stock: [100], products: [{ currency: "CAD" }] });
    fakes.shopify.orders = [
      gqlOrder("7001", "2025-01-14T10:00:00Z", sku),
      gqlOrder("7002", "2025-01-14T11:00:00Z", "UNKNOWN-SKU"),
      gqlOrder("7003", "2025-01-14T12:00:00Z", sku),
    ];
    await startWindowAt(t, channelId);
    await pull(t, channelId);
    expect((await ordersOf(t, "shopify-main")).map((o) => o.externalId).sort()).toEqual(["7001", "7003"]);
    const waiting = await t.run((ctx) =>
      ctx.db
        .query("channelOrders")
        .withIndex("by_status_and_receivedAt", (q) => q.eq("status", "waiting_mapping"))
        .collect(),
    );
    expect(waiting.map((w) => [w.externalId, w.unmappedSkus])).toEqual([["7002", ["UNKNOWN-SKU"]]]);
    expect(await channelByCode(t, "shopify-main")).toMatchObject({
      status: "ok",
      cursor: JSON.stringify({ after: "2025-01-14T12:00:00Z" }),
    });
  });
});
