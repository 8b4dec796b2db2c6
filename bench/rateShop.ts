/**
 * Rate shopping wall time through the real path of the rate-shop action: providers from the
 * registry (configured by environment, as in Convex), the real EasyPost/Shippo SDKs and the
 * ShipStation fetch client, `shopRates` with a time limit each, against three vendor-shaped servers
 * on 127.0.0.1.
 *  - rate_shop_ms: the three answer after 300, 600 and 900 ms. Asked at once, the shop takes about
 *    the slowest (target ≤ 1,000 ms), not the 1,800 ms sum. Median of RUNS after one warm-up.
 *  - rate_shop_one_hung_ms: EasyPost never answers, the others after 300 and 600 ms: the shop
 *    returns with their quotes at the per-provider time limit (target ≤ limit + 100 ms).
 *  - rate_shop_convex_ms: the same three servers, through Convex in the offline runtime: the
 *    shopRates mutation records the intent and schedules the action, which asks the providers and
 *    saves every quote and the rule's choice in one mutation; measured from the mutation call until
 *    the request reads as done. Median of RUNS.
 * Runnable alone: `node --import tsx bench/rateShop.ts`.
 */
import { pathToFileURL } from "node:url";
import { configuredProviders } from "../convex/integrations/carriers/registry";
import { shopRates } from "../convex/integrations/carriers/rateShop";
import { easyPostFake } from "../convex/integrations/carriers/fakeEasyPost.testing";
import { shippoFake } from "../convex/integrations/carriers/fakeShippo.testing";
import { shipStationFake } from "../convex/integrations/carriers/fakeShipStation.testing";
import { rateRequest } from "../convex/integrations/carriers/fixtures.testing";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import type { MutationCtx } from "../convex/_generated/server";
import { startRuntime } from "../dev/runtime";
import { demoToken, identityForRole } from "../src/auth/demo";

const RUNS = 5;
const TIME_LIMIT_MS = 1500;

export const targets = {
  rate_shop_ms: { max: 1000 },
  rate_shop_one_hung_ms: { max: TIME_LIMIT_MS + 100 },
  rate_shop_convex_ms: { max: 1000 },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchRateShop(): Promise<Record<string, number>> {
  const ep = easyPostFake();
  const sh = shippoFake();
  const ss = shipStationFake();
  await Promise.all([ep.vendor.start(), sh.vendor.start(), ss.vendor.start()]);
  try {
    const providers = configuredProviders({
      EASYPOST_API_KEY: "EZTK_test",
      EASYPOST_BASE_URL: ep.baseUrl(),
      SHIPPO_API_KEY: "shippo_test_key",
      SHIPPO_BASE_URL: sh.vendor.url,
      SHIPSTATION_API_KEY: "ss_test_key",
      SHIPSTATION_CARRIER_IDS: "se-100,se-200",
      SHIPSTATION_BASE_URL: ss.vendor.url,
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
      if (out.some((o) => o.status !== "ok"))
        throw new Error(`a provider failed: ${JSON.stringify(out.map((o) => [o.provider, o.status, o.error]))}`);
      all.push(ms);
    }

    ep.vendor.hangAll = true;
    [sh.vendor.delayMs, ss.vendor.delayMs] = [300, 600];
    const hung: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { ms, out } = await shop();
      if (out[0].status !== "timeout" || out[1].status !== "ok" || out[2].status !== "ok")
        throw new Error(`unexpected outcomes: ${JSON.stringify(out.map((o) => [o.provider, o.status]))}`);
      hung.push(ms);
    }
    ep.vendor.hangAll = false;
    [ep.vendor.delayMs, sh.vendor.delayMs, ss.vendor.delayMs] = [300, 600, 900];
    const convex = await throughConvex({
      EASYPOST_API_KEY: "EZTK_test",
      EASYPOST_BASE_URL: ep.baseUrl(),
      SHIPPO_API_KEY: "shippo_test_key",
      SHIPPO_BASE_URL: sh.vendor.url,
      SHIPSTATION_API_KEY: "ss_test_key",
      SHIPSTATION_CARRIER_IDS: "se-100,se-200",
      SHIPSTATION_BASE_URL: ss.vendor.url,
      SHIPPING_PROVIDER_TIMEOUT_MS: String(TIME_LIMIT_MS),
    });
    return {
      rate_shop_ms: Math.round(median(all)),
      rate_shop_convex_ms: Math.round(median(convex)),
      rate_shop_sequential_sum_ms: 300 + 600 + 900,
      rate_shop_one_hung_ms: Math.round(median(hung)),
      rate_shop_time_limit_ms: TIME_LIMIT_MS,
    };
  } finally {
    await Promise.all([ep.vendor.stop(), sh.vendor.stop(), ss.vendor.stop()]);
  }
}

/** Rate shops of one packed two-package shipment through the offline runtime's Convex functions. */
async function throughConvex(env: Record<string, string>): Promise<number[]> {
  const saved = { ...process.env };
  Object.assign(process.env, env, { OFFLINE_QUIET: "1" });
  const runtime = await startRuntime({ port: 0, httpActionsPort: null, seed: "small", crons: false });
  try {
    const backend = runtime.engine.backend;
    const shipmentId = await backend.within(() =>
      backend.t.run(async (generic) => {
        const ctx = generic as unknown as MutationCtx;
        const s = (await ctx.db.query("shipments").take(500)).find((x) => x.source === "stock" && x.status === "open")!;
        await ctx.db.patch("shipments", s._id, { status: "packed" });
        for (const index of [1, 2])
          await ctx.db.insert("packages", {
            shipmentId: s._id,
            index,
            weightGrams: 1200,
            lengthMm: 300,
            widthMm: 200,
            heightMm: 150,
            items: [],
          });
        return s._id as Id<"shipments">;
      }),
    );
    const client = new ConvexHttpClient(runtime.url);
    client.setAuth(demoToken(identityForRole("supervisor")!));
    const shopOnce = async () => {
      const t0 = performance.now();
      const requestId = await client.mutation(api.shipping.shopRates, { shipmentId });
      for (;;) {
        const view = await client.query(api.shipping.forShipment, { shipmentId });
        const r = view.quoteLog.find((e) => e.request._id === requestId)?.request;
        if (r && r.status !== "pending") {
          if (r.outcomes.some((o) => o.status !== "ok"))
            throw new Error(`a provider failed: ${JSON.stringify(r.outcomes)}`);
          return performance.now() - t0;
        }
        await new Promise((ok) => setTimeout(ok, 5));
      }
    };
    await shopOnce(); // warm-up: loads the modules
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) out.push(await shopOnce());
    return out;
  } finally {
    await runtime.stop();
    process.env = saved;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await benchRateShop());
}
