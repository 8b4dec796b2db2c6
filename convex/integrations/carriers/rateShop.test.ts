import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shopRates } from "./rateShop";
import { EasyPostProvider } from "./easypost";
import { ShippoProvider } from "./shippo";
import { ShipStationProvider } from "./shipstation";
import { easyPostFake } from "./fakeEasyPost.testing";
import { shippoFake } from "./fakeShippo.testing";
import { shipStationFake } from "./fakeShipStation.testing";
import { rateRequest } from "./fixtures.testing";
import { configuredProviders, providerTimeoutMs } from "./registry";

const ep = easyPostFake();
const sh = shippoFake();
const ss = shipStationFake();
beforeAll(async () => {
  await Promise.all([ep.vendor.start(), sh.vendor.start(), ss.vendor.start()]);
});
afterAll(() => Promise.all([ep.vendor.stop(), sh.vendor.stop(), ss.vendor.stop()]));

const providers = () => [
  new EasyPostProvider("EZTK_test", ep.baseUrl()),
  new ShippoProvider("shippo_test_key", sh.vendor.url),
  new ShipStationProvider("ss_test_key", ["se-100", "se-200"], ss.vendor.url),
];

describe("rate shopping across providers", () => {
  test("all at once: 300, 600 and 900 ms answers take about 900 ms, not 1,800", async () => {
    await shopRates(providers(), rateRequest(1), { timeoutMs: 3000 }); // warm the SDKs up
    [ep.vendor.delayMs, sh.vendor.delayMs, ss.vendor.delayMs] = [300, 600, 900];
    const t0 = performance.now();
    const out = await shopRates(providers(), rateRequest(1), { timeoutMs: 3000 });
    const ms = performance.now() - t0;
    expect(out.map((o) => [o.provider, o.status, o.rates.length])).toEqual([
      ["easypost", "ok", 3],
      ["shippo", "ok", 3],
      ["shipstation", "ok", 3],
    ]);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(1200); // the benchmark holds the ≤ 1,000 ms target; a shared CI core gets slack here
    expect(out[0].ms).toBeLessThan(out[2].ms);
  });

  test("a hung provider and a failing one do not hold up the others; both are reported", async () => {
    [ep.vendor.delayMs, sh.vendor.delayMs, ss.vendor.delayMs] = [0, 100, 0];
    ep.vendor.hangAll = true;
    ss.vendor.fault({
      match: /^POST \/v2\/rates$/,
      times: 1,
      kind: "status",
      status: 500,
      body: {
        request_id: "x",
        errors: [
          { error_source: "shipstation", error_type: "system", error_code: "unspecified", message: "Internal error" },
        ],
      },
    });
    const t0 = performance.now();
    const out = await shopRates(providers(), rateRequest(1), { timeoutMs: 500 });
    const ms = performance.now() - t0;
    ep.vendor.hangAll = false;
    expect(out.map((o) => o.status)).toEqual(["timeout", "ok", "error"]);
    expect(out[2].error).toBe(
      "Carrier unavailable (will retry) [unavailable]: shipstation: 500 unspecified Internal error",
    );
    expect(ms).toBeLessThan(600);
  });

  test("registry: table rates when no vendor key, vendors when keys are set, table beside them on request", () => {
    expect(configuredProviders({}).map((p) => p.name)).toEqual(["table"]);
    expect(configuredProviders({ EASYPOST_API_KEY: "k", SHIPSTATION_API_KEY: "s" }).map((p) => p.name)).toEqual([
      "easypost",
      "shipstation",
    ]);
    expect(configuredProviders({ SHIPPO_API_KEY: "k", SHIPPING_TABLE_RATES: "always" }).map((p) => p.name)).toEqual([
      "shippo",
      "table",
    ]);
    expect(providerTimeoutMs({})).toBe(8000);
    expect(providerTimeoutMs({ SHIPPING_PROVIDER_TIMEOUT_MS: "1500" })).toBe(1500);
  });
});
