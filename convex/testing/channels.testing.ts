/** Channel test helpers (not a Convex module: two dots). */
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { NormalizedOrder } from "../lib/channels/order";
import type { ProductInput } from "../model/catalog/tables";
import { channelByCode as channelOfCode } from "../model/channels/views";
import { seedStock, usAddress, type TestBackend } from "./setup.testing";
export { csvRow } from "./csv.testing";

let n = 0;
export function channelOrder(over: Partial<NormalizedOrder> & { lines: NormalizedOrder["lines"] }): NormalizedOrder {
  n += 1;
  return {
    externalId: `EXT-${n}`,
    placedAt: Date.now() - 60_000,
    updatedAt: Date.now() - 60_000,
    cancelled: false,
    customer: { name: "Pat Doe", email: "pat@example.com" },
    shipTo: usAddress,
    currency: "USD",
    ...over,
  };
}

export type TestChannelKind = "amazon" | "shopify" | "sandbox" | "csv";

export async function connect(t: TestBackend, code: string, kind: TestChannelKind, settings = {}) {
  const admin = t.withIdentity({ tokenIdentifier: "test|admin", subject: "admin", issuer: "test" });
  return admin.mutation(api.channels.connect, { code, kind, name: code, settings });
}

/**
 * The store each kind's tests connect: its code is the one the tests' stubbed environment
 * variables name (`CHANNEL_AMAZON_US_…`, `CHANNEL_SHOPIFY_MAIN_…`).
 */
export const TEST_STORES: Record<TestChannelKind, { code: string; settings: Record<string, string> }> = {
  amazon: { code: "amazon-us", settings: { marketplaceId: "ATVPDKIKX0DER" } },
  shopify: { code: "shopify-main", settings: { shopDomain: "demo.myshopify.com" } },
  sandbox: { code: "sandbox", settings: {} },
  csv: { code: "csv", settings: {} },
};

/** Connects the test store of `kind` (under another code when given). */
export const connectStore = (t: TestBackend, kind: TestChannelKind, code = TEST_STORES[kind].code) =>
  connect(t, code, kind, TEST_STORES[kind].settings);

export const skuOf = (t: TestBackend, productId: Id<"products">) =>
  t.run(async (ctx) => (await ctx.db.get("products", productId))!.sku);

/**
 * Where most channel scenarios start: products with stock (`seedStock`) and the test store of
 * `kind` connected. `sku` is the first product's.
 */
export async function stockedChannel(
  t: TestBackend,
  kind: TestChannelKind,
  { code = TEST_STORES[kind].code, stock = [10], products = [] as Partial<ProductInput>[] } = {},
) {
  const { productIds, warehouseId } = await seedStock(t, stock, products);
  const sku = await skuOf(t, productIds[0]);
  const channelId = await connectStore(t, kind, code);
  return { productIds, warehouseId, sku, code, channelId };
}

/** One pulled page committed as the pull worker commits it. */
export const importPage = (t: TestBackend, channelId: Id<"channels">, orders: NormalizedOrder[], cursor = "c") =>
  t.mutation(internal.channelSync.commitPulled, { channelId, orders, cursor, done: true });

/** The orders a channel created, by its code. */
export const ordersOf = (t: TestBackend, channel: string) =>
  t.run((ctx) =>
    ctx.db
      .query("orders")
      .withIndex("by_channel", (q) => q.eq("channel", channel))
      .collect(),
  );

/** The channel of a code, as the import finds it. */
export const channelByCode = (t: TestBackend, code: string) => t.run((ctx) => channelOfCode(ctx, code));
