/**
 * Which Convex environment variables a channel reads. Secrets never reach the browser: the admin
 * page shows these names so an operator sets them with `npx convex env set`. Pure.
 */
/** The channels a workspace connects, in the order the connect form offers them. */
export const CHANNEL_KINDS = ["shopify", "amazon", "sandbox", "csv"] as const;
export type ChannelKindName = (typeof CHANNEL_KINDS)[number];

/** "shopify-main" → "CHANNEL_SHOPIFY_MAIN_". */
export function envPrefix(code: string) {
  return `CHANNEL_${code.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_`;
}

export type EnvVar = { name: string; secret: boolean; required: boolean; description: string };

export const DEFAULT_SP_API_URL = "https://sellingpartnerapi-na.amazon.com";
export const DEFAULT_LWA_URL = "https://api.amazon.com/auth/o2/token";
/** The Admin GraphQL version the Shopify adapter speaks (each version is supported for a year). */
export const SHOPIFY_API_VERSION = "2026-10";

/** How a variable is set: a secret (always required), a required setting, or an optional one. */
type EnvRole = "secret" | "required" | "optional";

/** Each kind's variables, in the order the admin page lists them: name after the prefix → role, description. */
const CHANNEL_ENV: Record<ChannelKindName, Record<string, [EnvRole, string]>> = {
  amazon: {
    LWA_CLIENT_ID: ["required", "Login with Amazon client id of your SP-API app"],
    LWA_CLIENT_SECRET: ["secret", "Login with Amazon client secret"],
    REFRESH_TOKEN: ["secret", "Refresh token from authorising the seller"],
    SELLER_ID: ["required", "Merchant token, for acknowledgement feeds"],
    SP_API_URL: ["optional", `Regional endpoint (default ${DEFAULT_SP_API_URL})`],
    LWA_URL: ["optional", `Token endpoint (default ${DEFAULT_LWA_URL})`],
    ORDERS_API: [
      "optional",
      "Orders API model: 2026-01-01 (default; PII through the app's restricted roles) or v0 (deprecated; PII through Restricted Data Tokens)",
    ],
  },
  shopify: {
    ACCESS_TOKEN: [
      "secret",
      "Admin API access token (scopes read_orders, write_orders, read_merchant_managed_fulfillment_orders, write_merchant_managed_fulfillment_orders; read_all_orders for backfills older than 60 days)",
    ],
    WEBHOOK_SECRET: ["secret", "App secret that signs webhooks (HMAC-SHA256)"],
    GRAPHQL_URL: ["optional", `Default https://<shop domain>/admin/api/${SHOPIFY_API_VERSION}/graphql.json`],
  },
  csv: {},
  sandbox: {},
};

export function channelEnv(kind: ChannelKindName, code: string): EnvVar[] {
  const p = envPrefix(code);
  return Object.entries(CHANNEL_ENV[kind]).map(([name, [role, description]]) => ({
    name: `${p}${name}`,
    secret: role === "secret",
    required: role !== "optional",
    description,
  }));
}

/**
 * The variables a channel still needs (required ones not set), so the admin page can say what to
 * set and a pull can refuse in words. Pure (the caller passes the environment): the channels page
 * reads it without loading the adapters.
 */
export function missingEnv(ch: { code: string; kind: ChannelKindName }, env: Record<string, string | undefined>) {
  return channelEnv(ch.kind, ch.code)
    .filter((v) => v.required && !env[v.name])
    .map((v) => v.name);
}
