"use node";
/**
 * Which providers are configured, from Convex environment variables (never from the client):
 *   EASYPOST_API_KEY [EASYPOST_BASE_URL]
 *   SHIPPO_API_KEY [SHIPPO_BASE_URL]
 *   SHIPSTATION_API_KEY + SHIPSTATION_CARRIER_IDS (comma-separated) [SHIPSTATION_BASE_URL]
 *   SHIPPING_TABLE_RATES=always  also quote the built-in table rates beside the vendors
 *   SHIPPING_PROVIDER_TIMEOUT_MS  the time limit of each provider in a rate shop (default 8000)
 * With no vendor key the built-in table-rate provider is the one provider.
 */
import { EasyPostProvider } from "./easypost";
import { ShippoProvider } from "./shippo";
import { ShipStationProvider } from "./shipstation";
import { TableRateProvider } from "./tableRate";
import { CarrierError, type CarrierProvider } from "./types";

type Env = Record<string, string | undefined>;

function make(name: string, env: Env): CarrierProvider | undefined {
  switch (name) {
    case "easypost":
      return env.EASYPOST_API_KEY ? new EasyPostProvider(env.EASYPOST_API_KEY, env.EASYPOST_BASE_URL) : undefined;
    case "shippo":
      return env.SHIPPO_API_KEY ? new ShippoProvider(env.SHIPPO_API_KEY, env.SHIPPO_BASE_URL) : undefined;
    case "shipstation":
      return env.SHIPSTATION_API_KEY
        ? new ShipStationProvider(
            env.SHIPSTATION_API_KEY,
            (env.SHIPSTATION_CARRIER_IDS ?? "")
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
            env.SHIPSTATION_BASE_URL,
          )
        : undefined;
    case "table":
      return new TableRateProvider();
    default:
      return undefined;
  }
}

/** The providers a rate shop asks, in a fixed order. */
export function configuredProviders(env: Env = process.env): CarrierProvider[] {
  const vendors = (["easypost", "shippo", "shipstation"] as const)
    .map((n) => make(n, env))
    .filter((p): p is CarrierProvider => p !== undefined);
  return vendors.length === 0 || env.SHIPPING_TABLE_RATES === "always"
    ? [...vendors, new TableRateProvider()]
    : vendors;
}

/** The configured provider of that name; a typed carrier failure ("auth") once it is no longer configured. */
export function providerOrThrow(name: string, env: Env = process.env): CarrierProvider {
  const provider = make(name, env);
  if (!provider) throw new CarrierError(name, "auth", "this provider is no longer configured");
  return provider;
}

export function providerTimeoutMs(env: Env = process.env): number {
  const n = Number(env.SHIPPING_PROVIDER_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 8000;
}

/** Time limit of one label purchase call (SHIPPING_BUY_TIMEOUT_MS, default 30 s). */
export function buyTimeoutMs(env: Env = process.env): number {
  const n = Number(env.SHIPPING_BUY_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 30_000;
}

/** First retry delay of a failed purchase, doubling per attempt (SHIPPING_RETRY_BASE_MS, default 5 s). */
export function retryDelayMs(attempt: number, env: Env = process.env): number {
  const n = Number(env.SHIPPING_RETRY_BASE_MS);
  const base = Number.isFinite(n) && n >= 0 && env.SHIPPING_RETRY_BASE_MS !== undefined ? n : 5_000;
  return Math.min(base * 2 ** Math.max(0, attempt - 1), 10 * 60_000);
}
