/**
 * Deployment settings read from Convex environment variables, in one place (the lint rule against
 * `process.env` is off only here, in auth.config.ts and in the Node-only integrations). Functions
 * that must know which carrier providers are configured (batches, running in mutations) read them
 * through `deploymentEnv`.
 */

/** The carrier and batch settings: which providers have keys, retry base, in-flight cap. */
export function deploymentEnv(): Record<string, string | undefined> {
  const e = process.env;
  return {
    EASYPOST_API_KEY: e.EASYPOST_API_KEY,
    SHIPPO_API_KEY: e.SHIPPO_API_KEY,
    SHIPSTATION_API_KEY: e.SHIPSTATION_API_KEY,
    SHIPPING_TABLE_RATES: e.SHIPPING_TABLE_RATES,
    SHIPPING_RETRY_BASE_MS: e.SHIPPING_RETRY_BASE_MS,
    BATCH_MAX_CONCURRENT: e.BATCH_MAX_CONCURRENT,
  };
}

/** Every variable: for settings whose names are made from a code (a channel's `CHANNEL_<CODE>_…`). */
export function allEnv(): Record<string, string | undefined> {
  return process.env;
}
