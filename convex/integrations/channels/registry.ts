/**
 * Which adapter serves a channel, configured from Convex environment variables (names in
 * lib/channels/env.ts). A channel missing a required variable fails its pull with a message that
 * names the variable; nothing is read from the browser.
 */
import {
  DEFAULT_LWA_URL,
  DEFAULT_SP_API_URL,
  envPrefix,
  missingEnv,
  SHOPIFY_API_VERSION,
  type ChannelKindName,
} from "../../lib/channels/env";
import { amazonAdapter } from "./amazon";
import { sandboxAdapter, type SandboxProduct } from "./sandbox";
import { shopifyAdapter } from "./shopify";
import { ChannelError, type AdapterDeps, type ChannelAdapter } from "./types";

export type ChannelInfo = {
  code: string;
  kind: ChannelKindName;
  settings: { marketplaceId?: string; shopDomain?: string; ordersPerPull?: number };
};

export function adapterFor(
  ch: ChannelInfo,
  extras: { catalog?: SandboxProduct[] } = {},
  deps: AdapterDeps = {},
  env: Record<string, string | undefined> = process.env,
): ChannelAdapter {
  const missing = missingEnv(ch, env);
  if (missing.length > 0)
    throw new ChannelError(`Set ${missing.join(", ")} in the Convex environment to connect ${ch.code}.`, false);
  const p = envPrefix(ch.code);
  switch (ch.kind) {
    case "amazon":
      if (!ch.settings.marketplaceId) throw new ChannelError(`Channel ${ch.code} needs a marketplace id.`, false);
      return amazonAdapter(
        {
          apiUrl: env[`${p}SP_API_URL`] ?? DEFAULT_SP_API_URL,
          lwaUrl: env[`${p}LWA_URL`] ?? DEFAULT_LWA_URL,
          clientId: env[`${p}LWA_CLIENT_ID`]!,
          clientSecret: env[`${p}LWA_CLIENT_SECRET`]!,
          refreshToken: env[`${p}REFRESH_TOKEN`]!,
          sellerId: env[`${p}SELLER_ID`],
          ordersApi: env[`${p}ORDERS_API`] === "v0" ? "v0" : "2026-01-01",
          marketplaceId: ch.settings.marketplaceId,
        },
        deps,
      );
    case "shopify": {
      const url =
        env[`${p}GRAPHQL_URL`] ??
        (ch.settings.shopDomain
          ? `https://${ch.settings.shopDomain}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`
          : undefined);
      if (!url) throw new ChannelError(`Channel ${ch.code} needs a shop domain.`, false);
      return shopifyAdapter({ graphqlUrl: url, accessToken: env[`${p}ACCESS_TOKEN`]! }, deps);
    }
    case "sandbox":
      return sandboxAdapter({ catalog: extras.catalog ?? [], ordersPerPull: ch.settings.ordersPerPull }, deps);
    case "csv":
      // CSV orders arrive through the import page; there is nothing to pull or push.
      return {
        pullPage: async (cursor) => ({ orders: [], cursor: cursor ?? "", done: true }),
        acknowledge: async (ids) => ids.map((externalOrderId) => ({ externalOrderId, ok: true })),
        confirmShipment: async () => ({}),
      };
  }
}
