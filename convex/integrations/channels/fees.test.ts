/**
 * Issue 20 — channel fees end to end: the real Convex functions (convex-test) pulling orders through
 * the real Amazon and Shopify adapters against the local vendor-shaped servers, a fee row made at
 * import, the fee check action asking the channel (Finances v0 / order transactions) and recording
 * reported, not reported, or not yet (asked again on the channel's schedule, until it gives up).
 * Shipping charged arrives with the same pulls.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../_generated/api";
import type { Id } from "../../_generated/dataModel";
import { expectInvariants, seedStock, setupTest, type TestBackend } from "../../testing/setup.testing";
import { amazonOrder } from "./amazonServer.testing";
import { gqlOrder } from "./shopifyServer.testing";
import { stubAmazonEnv, stubShopifyEnv, useChannelFakes } from "./fakes.testing";
import { FEE_CHECK_PLANS } from "../../model/finance/fees";
import { sandboxFees } from "./sandbox";
import { ordersOf } from "../../testing/channels.testing";

const fakes = useChannelFakes();
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

const feeRows = (t: TestBackend) => t.run((ctx) => ctx.db.query("channelFees").collect());
const check = (t: TestBackend, feeId: Id<"channelFees">) =>
  t.action(internal.integrations.channels.fees.check, { feeId });

async function pull(t: TestBackend, code: string, kind: "amazon" | "shopify", settings: Record<string, string>) {
  const admin = t.withIdentity({ tokenIdentifier: "test|admin", subject: "admin", issuer: "test" });
  const channelId = await admin.mutation(api.channels.connect, { code, kind, name: code, settings });
  await t.run((ctx) =>
    ctx.db.patch("channels", channelId, { cursor: JSON.stringify({ after: "2025-01-14T00:00:00Z" }) }),
  );
  await t.action(internal.integrations.channels.worker.pullChannel, { channelId });
}

describe("Amazon", () => {
  test("shipping charged from the pull; fees pending until Finances has the shipment event, then reported; silence gives up", async () => {
    stubAmazonEnv(fakes.amazon);
    const { t } = await setupTest();
    const { productIds } = await seedStock(t, [100]);
    const sku = await t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
    fakes.amazon.pageSize = 10;
    fakes.amazon.orders = [
      amazonOrder("111-0000001-0000001", "2025-01-14T10:00:00Z"),
      amazonOrder("111-0000002-0000002", "2025-01-14T11:00:00Z"),
    ];
    fakes.amazon.items = Object.fromEntries(
      fakes.amazon.orders.map((o) => [
        o.AmazonOrderId,
        [
          {
            OrderItemId: `${o.AmazonOrderId}-1`,
            SellerSKU: sku,
            ASIN: "B0",
            QuantityOrdered: 2,
            ItemPrice: { CurrencyCode: "USD", Amount: "39.98" },
            ShippingPrice: { CurrencyCode: "USD", Amount: "5.98" },
          },
        ],
      ]),
    );
    await pull(t, "amazon-us", "amazon", { marketplaceId: "ATVPDKIKX0DER" });
    const orders = await ordersOf(t, "amazon-us");
    expect(orders.map((o) => [o.externalId, o.totalMinor, o.shippingChargedMinor])).toEqual([
      ["111-0000001-0000001", 3998, 598],
      ["111-0000002-0000002", 3998, 598],
    ]);
    let rows = await feeRows(t);
    expect(rows.map((r) => [r.externalId, r.status, r.checks])).toEqual([
      ["111-0000001-0000001", "checking", 0],
      ["111-0000002-0000002", "checking", 0],
    ]);
    // The first check is 6 hours after import (Amazon posts fees with the shipment).
    expect(rows[0].nextCheckAt! - rows[0].updatedAt).toBe(FEE_CHECK_PLANS.amazon!.firstMs);

    // Nothing posted yet: asked again in 12 hours.
    await check(t, rows[0]._id);
    rows = await feeRows(t);
    expect(rows[0]).toMatchObject({ status: "checking", checks: 1, note: expect.stringMatching(/no shipment event/) });
    // A second run of the same, already answered check records nothing.
    expect(
      await t.mutation(internal.channelFees.record, {
        feeId: rows[0]._id,
        checks: 0,
        outcome: { status: "reported", fees: [{ type: "Commission", amountMinor: 1 }] },
      }),
    ).toBeNull();

    fakes.amazon.financialEvents["111-0000001-0000001"] = [
      {
        ShipmentEventList: [
          {
            ShipmentItemList: [
              {
                ItemFeeList: [
                  { FeeType: "Commission", FeeAmount: { CurrencyCode: "USD", CurrencyAmount: -6.89 } },
                  { FeeType: "FixedClosingFee", FeeAmount: { CurrencyCode: "USD", CurrencyAmount: -1.8 } },
                ],
              },
            ],
          },
        ],
      },
    ];
    await check(t, rows[0]._id);
    // The other order never gets a shipment event: after its last check it is "not reported".
    for (let i = 0; i < FEE_CHECK_PLANS.amazon!.maxChecks; i++) await check(t, rows[1]._id);
    rows = await feeRows(t);
    expect(rows[0]).toMatchObject({
      status: "reported",
      feesMinor: 869,
      fees: [
        { type: "Commission", amountMinor: 689 },
        { type: "FixedClosingFee", amountMinor: 180 },
      ],
    });
    expect(rows[1]).toMatchObject({
      status: "not_reported",
      checks: FEE_CHECK_PLANS.amazon!.maxChecks,
      note: expect.stringMatching(/Gave up after 15 checks/),
    });
    expect(fakes.amazon.log.filter((l) => l.path.startsWith("/finances/v0/orders/")).length).toBe(
      2 + FEE_CHECK_PLANS.amazon!.maxChecks,
    );
    await expectInvariants(t);
  });
});

describe("Shopify", () => {
  test("Shopify Payments fees reported, another gateway's not reported; a vendor answer we cannot keep is not stored as fees", async () => {
    stubShopifyEnv(fakes.shopify);
    const { t } = await setupTest();
    const { productIds } = await seedStock(t, [100], [{ currency: "CAD" }]);
    const sku = await t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
    const shipping = { totalShippingPriceSet: { shopMoney: { amount: "9.00", currencyCode: "CAD" } } };
    fakes.shopify.orders = [
      gqlOrder("7001", "2025-01-14T10:00:00Z", sku, shipping),
      gqlOrder("7002", "2025-01-14T11:00:00Z", sku),
      gqlOrder("7003", "2025-01-14T12:00:00Z", sku),
    ];
    const fee = (amount: string) => ({ type: "payment_processing", amount: { amount, currencyCode: "CAD" } });
    fakes.shopify.transactions = {
      "7001": [{ kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", fees: [fee("1.66")] }],
      "7002": [{ kind: "SALE", status: "SUCCESS", gateway: "manual", fees: [] }],
      // Parses, but beyond one amount's bound (lib/bounds MAX_MONEY_MINOR).
      "7003": [{ kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", fees: [fee("9999999999.99")] }],
    };
    await pull(t, "shopify-main", "shopify", { shopDomain: "demo.myshopify.com" });
    expect((await ordersOf(t, "shopify-main")).map((o) => [o.externalId, o.shippingChargedMinor])).toEqual([
      ["7001", 900],
      ["7002", undefined],
      ["7003", undefined],
    ]);
    // Shopify is asked at import (fees come with the captured payment): the scheduled checks run now.
    await t.finishAllScheduledFunctions(() => {});
    const rows = await feeRows(t);
    expect(rows.map((r) => [r.externalId, r.status, r.feesMinor ?? null])).toEqual([
      ["7001", "reported", 166],
      ["7002", "not_reported", null],
      ["7003", "not_reported", null],
    ]);
    expect(rows[1].note).toMatch(/manual/);
    expect(rows[2].note).toMatch(/not an amount we can keep/);
    expect(fakes.shopify.log.filter((l) => l.op === "OrderFees").map((l) => l.variables.id)).toEqual([
      "gid://shopify/Order/7001",
      "gid://shopify/Order/7002",
      "gid://shopify/Order/7003",
    ]);
  });
});

describe("sandbox and CSV", () => {
  test("the sandbox's orders carry shipping and fees through the scheduler; CSV orders get no fee row", async () => {
    vi.useFakeTimers();
    const { t } = await setupTest();
    await seedStock(t, [100, 100, 100]);
    const admin = t.withIdentity({ tokenIdentifier: "test|admin", subject: "admin", issuer: "test" });
    await admin.mutation(api.channels.connect, {
      code: "sandbox",
      kind: "sandbox",
      name: "Sandbox",
      settings: { ordersPerPull: 4 },
    });
    await admin.mutation(api.channels.connect, { code: "csv", kind: "csv", name: "CSV", settings: {} });
    await t.mutation(internal.channelSync.dispatchPulls, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const orders = await ordersOf(t, "sandbox");
    expect(orders.length).toBeGreaterThan(0);
    const rows = await feeRows(t);
    expect(rows).toHaveLength(orders.length);
    for (const o of orders) {
      const row = rows.find((r) => r.orderId === o._id)!;
      const want = sandboxFees({
        externalOrderId: o.externalId!,
        currency: o.currency,
        totalMinor: o.totalMinor,
        shippingChargedMinor: o.shippingChargedMinor ?? 0,
      });
      expect(row.status).toBe(want.status);
      if (want.status === "reported") expect(row.feesMinor).toBe(want.fees.reduce((s, f) => s + f.amountMinor, 0));
      // Amazon-shaped sandbox orders (odd ids) always charge shipping.
      if (Number(o.externalId!.slice(4)) % 2 === 1) expect(o.shippingChargedMinor).toBeGreaterThan(0);
    }
    await expectInvariants(t);
  });
});
