/**
 * How fast a batch may call each carrier provider, from the providers' own documentation:
 *  - EasyPost: buying and rating are under a load-based limiter; the fixed limit it documents is
 *    5 requests per second (index endpoints). We keep every EasyPost call under 5 per second.
 *  - Shippo: 500 POST requests per minute per endpoint in live mode (50 in test mode).
 *  - ShipStation API (ShipEngine): 200 requests per minute per account (20 in the sandbox).
 *  - The built-in table rates: no vendor; limited only so one batch does not take the runtime.
 * Every call a batch makes takes a slot of its provider first (`callSpacingMs`, the
 * `carrierPacing` row), and no more than `concurrent` items are in flight at once across all
 * batches. A 429 that slips through is retried with a
 * backoff (run.ts). Which providers are configured is read from the same environment variables
 * as integrations/carriers/registry.ts (that module is Node-only; this one runs in mutations).
 */

export type ProviderLimit = { perSecond: number; concurrent: number };

export const PROVIDER_LIMITS = {
  easypost: { perSecond: 5, concurrent: 5 },
  shippo: { perSecond: 500 / 60, concurrent: 8 },
  shipstation: { perSecond: 200 / 60, concurrent: 3 },
  table: { perSecond: 100, concurrent: 10 },
} as const satisfies Record<string, ProviderLimit>;
export type ProviderName = keyof typeof PROVIDER_LIMITS;

/**
 * Time between two calls to one provider: every call (a rate request, a purchase, the lookup a
 * retried purchase makes first) takes a slot this far after the previous one, so no second holds
 * more calls than the provider allows, with a quarter spare for a call that leaves late (a busy runtime, the network).
 * (EasyPost: 250 ms; Shippo: 150 ms; ShipStation: 375 ms; table rates: 13 ms.)
 */
export function callSpacingMs(provider: ProviderName): number {
  return Math.ceil((1000 / PROVIDER_LIMITS[provider].perSecond) * 1.25);
}

/** Attempts at one step (quote or buy) before the item fails with the last reason. */
export const MAX_STEP_ATTEMPTS = 5;

import { deploymentEnv } from "../../env";

type Env = Record<string, string | undefined>;

/** The providers a rate shop asks, as the registry decides them. */
export function configuredProviderNames(env: Env = deploymentEnv()): ProviderName[] {
  const vendors: ProviderName[] = [];
  if (env.EASYPOST_API_KEY) vendors.push("easypost");
  if (env.SHIPPO_API_KEY) vendors.push("shippo");
  if (env.SHIPSTATION_API_KEY) vendors.push("shipstation");
  return vendors.length === 0 || env.SHIPPING_TABLE_RATES === "always" ? [...vendors, "table"] : vendors;
}

/**
 * The strictest limit of the given providers: what a batch item (which asks all of them) must keep.
 * BATCH_MAX_CONCURRENT lowers the in-flight cap further (an account shared with other systems).
 */
export function limitOf(providers: readonly ProviderName[], env: Env = deploymentEnv()): { concurrent: number } {
  const list = providers.length ? providers : (["table"] as const);
  const cap = Number(env.BATCH_MAX_CONCURRENT);
  const concurrent = Math.min(
    ...list.map((p) => PROVIDER_LIMITS[p].concurrent),
    Number.isInteger(cap) && cap > 0 ? cap : Infinity,
  );
  return { concurrent };
}

/** Delay before retry `attempt` (1-based) of a step: the shipping retry base (SHIPPING_RETRY_BASE_MS, 5 s), doubling, at most 10 min. */
export function batchRetryDelayMs(attempt: number, env: Env = deploymentEnv()): number {
  const n = Number(env.SHIPPING_RETRY_BASE_MS);
  const base = env.SHIPPING_RETRY_BASE_MS !== undefined && Number.isFinite(n) && n >= 0 ? n : 5_000;
  return Math.min(base * 2 ** Math.max(0, attempt - 1), 10 * 60_000);
}

/** The carrier error kind in a failure line made by describeFailure ("… [rate_limited]: …"). */
export function kindInMessage(message: string | undefined): string | undefined {
  return message ? /\[([a-z_]+)\]/.exec(message)?.[1] : undefined;
}

/** Kinds a later try can fix by itself: too many calls, the vendor down, no answer in time. */
export const RETRYABLE_KINDS: ReadonlySet<string> = new Set(["rate_limited", "unavailable", "timeout"]);
