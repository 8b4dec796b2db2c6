/**
 * Asking every configured provider at once, each under its own time limit: a provider that hangs
 * or fails costs the others nothing (the whole shop takes about as long as the slowest provider
 * that answers within the limit), and its failure is reported, never thrown. The rate-shop action
 * and the benchmark both go through `shopRates`.
 */
import { CARRIER_ERROR_TITLES, CarrierError, type CarrierProvider, type ProviderRate, type RateRequest } from "./types";

export type ShopOutcome = {
  provider: string;
  status: "ok" | "error" | "timeout";
  ms: number;
  rates: ProviderRate[];
  error?: string;
};

/** Rejects after `ms` with a timeout CarrierError; the timer never outlives the race. */
export async function withTimeLimit<T>(provider: string, ms: number, work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CarrierError(provider, "timeout", `no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One line for the quote log and the UI: which kind of failure in words (address, parameter,
 * account, rate limit, unavailable …), its code in brackets, then the vendor's own words.
 */
export function describeFailure(e: unknown): string {
  if (e instanceof CarrierError) return `${CARRIER_ERROR_TITLES[e.kind]} [${e.kind}]: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

export async function shopRates(
  providers: readonly CarrierProvider[],
  req: RateRequest,
  opts: { timeoutMs: number; now?: () => number },
): Promise<ShopOutcome[]> {
  const now = opts.now ?? (() => performance.now());
  return Promise.all(
    providers.map(async (p): Promise<ShopOutcome> => {
      const started = now();
      try {
        const rates = await withTimeLimit(p.name, opts.timeoutMs, () => p.getRates(req));
        return { provider: p.name, status: "ok", ms: Math.round(now() - started), rates };
      } catch (e) {
        const timeout = e instanceof CarrierError && e.kind === "timeout";
        return {
          provider: p.name,
          status: timeout ? "timeout" : "error",
          ms: Math.round(now() - started),
          rates: [],
          error: describeFailure(e),
        };
      }
    }),
  );
}

/** A shop's outcomes as the rate-shop save takes them: each provider's figures, and every quote with the provider that gave it. */
export function quoteLog(outcomes: ShopOutcome[]) {
  return {
    outcomes: outcomes.map(({ rates, ...o }) => ({ ...o, quoteCount: rates.length })),
    quotes: outcomes.flatMap((o) =>
      o.rates.map((r) => ({
        provider: o.provider,
        carrier: r.carrier,
        service: r.service,
        amountMinor: r.amountMinor,
        currency: r.currency,
        deliveryDays: r.deliveryDays,
        ref: r.ref,
      })),
    ),
  };
}
