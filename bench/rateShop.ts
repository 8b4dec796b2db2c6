/**
 * Rate shopping wall time through the real path of the rate-shop action: providers from the
 * registry (configured by environment, as in Convex), the real EasyPost/Shippo SDKs and the
 * ShipStation fetch client, `shopRates` with a time limit each, against three vendor-shaped servers
 * on 127.0.0.1.
 *  - rate_shop_ms: the three answer after 300, 600 and 900 ms. Asked at once, the shop takes about
 *    the slowest (target ≤ 1,000 ms), not the 1,800 ms sum. Median of RUNS after one warm-up.
 *  - rate_shop_one_hung_ms: EasyPost never answers, the others after 300 and 600 ms: the shop
 *    returns with their quotes at the per-provider time limit (target ≤ limit + 100 ms).
 * Runnable alone: `node --import tsx bench/rateShop.ts`.
 */
import { pathToFileURL } from "node:url";
import { configuredProviders } from "../convex/integrations/carriers/registry";
import { shopRates } from "../convex/integrations/carriers/rateShop";
import { easyPostFake } from "../convex/integrations/carriers/fakeEasyPost.testing";
import { shippoFake } from "../convex/integrations/carriers/fakeShippo.testing";
import { shipStationFake } from "../convex/integrations/carriers/fakeShipStation.testing";
import { rateRequest } from "../convex/integrations/carriers/fixtures.testing";

const RUNS = 5;
const TIME_LIMIT_MS = 1500;

export const targets = {
  rate_shop_ms: { max: 1000 },
  rate_shop_one_hung_ms: { max: TIME_LIMIT_MS + 100 },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchRateShop(): Promise<Record<string, number>> {
  const ep = easyPostFake();
  const sh = shippoFake();
  const ss = shipStationFake();
  await Promise.all([ep.vendor.start(), sh.vendor.start(), ss.vendor.start()]);
  try {
    const providers = configuredProviders({
      EASYPOST_API_KEY: "EZTK_test", EASYPOST_BASE_URL: ep.baseUrl(),
      SHIPPO_API_KEY: "shippo_test_key", SHIPPO_BASE_URL: sh.vendor.url,
      SHIPSTATION_API_KEY: "ss_test_key", SHIPSTATION_CARRIER_IDS: "se-100,se-200", SHIPSTATION_BASE_URL: ss.vendor.url,
    });
    const req = rateRequest(2);
    const shop = async () => {
      const t0 = performance.now();
      const out = await shopRates(providers, req, { timeoutMs: TIME_LIMIT_MS });
      return { ms: performance.now() - t0, out };
    };
    await shop(); // warm-up: first use of each SDK

    [ep.vendor.delayMs, sh.vendor.delayMs, ss.vendor.delayMs] = [300, 600, 900];
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { ms, out } = await shop();
      if (out.some((o) => o.status !== "ok")) throw new Error(`a provider failed: ${JSON.stringify(out.map((o) => [o.provider, o.status, o.error]))}`);
      all.push(ms);
    }

    ep.vendor.hangAll = true;
    [sh.vendor.delayMs, ss.vendor.delayMs] = [300, 600];
    const hung: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { ms, out } = await shop();
      if (out[0].status !== "timeout" || out[1].status !== "ok" || out[2].status !== "ok") throw new Error(`unexpected outcomes: ${JSON.stringify(out.map((o) => [o.provider, o.status]))}`);
      hung.push(ms);
    }
    return {
      rate_shop_ms: Math.round(median(all)),
      rate_shop_sequential_sum_ms: 300 + 600 + 900,
      rate_shop_one_hung_ms: Math.round(median(hung)),
      rate_shop_time_limit_ms: TIME_LIMIT_MS,
    };
  } finally {
    await Promise.all([ep.vendor.stop(), sh.vendor.stop(), ss.vendor.stop()]);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await benchRateShop());
}
