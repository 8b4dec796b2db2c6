/**
 * Which Convex environment variables a channel reads. Secrets never reach the browser: the admin
 * page shows these names so an operator sets them with `npx convex env set`. Pure.
 */
export type ChannelKindName = "amazon" | "shopify" | "csv" | "sandbox";

/** "shopify-main" → "CHANNEL_SHOPIFY_MAIN_". */
export function envPrefix(code: string) {
  return `CHANNEL_${code.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_`;
}

export type EnvVar = { name: string; secret: boolean; required: boolean; description: string };

export function channelEnv(kind: ChannelKindName, code: string): EnvVar[] {
  const p = envPrefix(code);
  switch (kind) {
    case "amazon":
      return [
        {
          name: `${p}LWA_CLIENT_ID`,
          secret: false,
          required: true,
          description: "Login with Amazon client id of your SP-API app",
        },
        { name: `${p}LWA_CLIENT_SECRET`, secret: true, required: true, description: "Login with Amazon client secret" },
        {
          name: `${p}REFRESH_TOKEN`,
          secret: true,
          required: true,
          description: "Refresh token from authorising the seller",
        },
        {
          name: `${p}SELLER_ID`,
          secret: false,
          required: true,
          description: "Merchant token, for acknowledgement feeds",
        },
        {
          name: `${p}SP_API_URL`,
          secret: false,
          required: false,
          description: "Regional endpoint (default https://sellingpartnerapi-na.amazon.com)",
        },
        {
          name: `${p}LWA_URL`,
          secret: false,
          required: false,
          description: "Token endpoint (default https://api.amazon.com/auth/o2/token)",
        },
        {
          name: `${p}ORDERS_API`,
          secret: false,
          required: false,
          description:
            "Orders API model: 2026-01-01 (default; PII through the app's restricted roles) or v0 (deprecated; PII through Restricted Data Tokens)",
        },
      ];
    case "shopify":
      return [
        {
          name: `${p}ACCESS_TOKEN`,
          secret: true,
          required: true,
          description:
            "Admin API access token (scopes read_orders, write_orders, read_merchant_managed_fulfillment_orders, write_merchant_managed_fulfillment_orders; read_all_orders for backfills older than 60 days)",
        },
        {
          name: `${p}WEBHOOK_SECRET`,
          secret: true,
          required: true,
          description: "App secret that signs webhooks (HMAC-SHA256)",
        },
        {
          name: `${p}GRAPHQL_URL`,
          secret: false,
          required: false,
          description: `Default https://<shop domain>/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
        },
      ];
    case "csv":
    case "sandbox":
      return [];
  }
}

export const DEFAULT_SP_API_URL = "https://sellingpartnerapi-na.amazon.com";
export const DEFAULT_LWA_URL = "https://api.amazon.com/auth/o2/token";
/** The Admin GraphQL version the Shopify adapter speaks (each version is supported for a year). */
export const SHOPIFY_API_VERSION = "2026-10";
