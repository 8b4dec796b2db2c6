/**
 * What the channel tests that run the whole pipeline share: the vendor fakes, started once per test
 * file, and the environment that points a channel at them (the names lib/channels/env.ts lists).
 */
import { afterAll, beforeAll, vi } from "vitest";
import { startAmazonFake, type AmazonFake } from "./amazonServer.testing";
import { startShopifyFake, type ShopifyFake } from "./shopifyServer.testing";

/** The Amazon and Shopify fakes, started before the file's tests and closed after them (read them inside tests). */
export function useChannelFakes() {
  const fakes = {} as { amazon: AmazonFake; shopify: ShopifyFake };
  beforeAll(async () => {
    [fakes.amazon, fakes.shopify] = await Promise.all([startAmazonFake(), startShopifyFake()]);
  });
  afterAll(async () => {
    await Promise.all([fakes.amazon.close(), fakes.shopify.close()]);
  });
  return fakes;
}

/** The US store's credentials (channel amazon-us), all pointing at the local SP-API and LWA server. */
export function stubAmazonEnv(amazon: AmazonFake) {
  vi.stubEnv("CHANNEL_AMAZON_US_LWA_CLIENT_ID", "amzn1.application-oa2-client.x");
  vi.stubEnv("CHANNEL_AMAZON_US_LWA_CLIENT_SECRET", "secret");
  vi.stubEnv("CHANNEL_AMAZON_US_REFRESH_TOKEN", "Atzr|refresh");
  vi.stubEnv("CHANNEL_AMAZON_US_SELLER_ID", "A2SELLER");
  vi.stubEnv("CHANNEL_AMAZON_US_SP_API_URL", amazon.url);
  vi.stubEnv("CHANNEL_AMAZON_US_LWA_URL", `${amazon.url}/auth/o2/token`);
}

/** The main shop's credentials (channel shopify-main; webhook secret "hush"), pointing at the local Admin GraphQL server. */
export function stubShopifyEnv(shopify: ShopifyFake) {
  vi.stubEnv("CHANNEL_SHOPIFY_MAIN_ACCESS_TOKEN", "shpat_test");
  vi.stubEnv("CHANNEL_SHOPIFY_MAIN_WEBHOOK_SECRET", "hush");
  vi.stubEnv("CHANNEL_SHOPIFY_MAIN_GRAPHQL_URL", shopify.url);
}
