/**
 * Batch buying through EasyPost's own SDK against the EasyPost-shaped server on 127.0.0.1:
 * a 429 then success, 500s until the tries run out (failed with the reason in words), and a batch
 * against the server enforcing EasyPost's documented 5 requests per second — the batch keeps under
 * it, and when the server is stricter than documented, its 429s are retried and each label is
 * still bought once.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../_generated/api";
import type { Id } from "../../_generated/dataModel";
import { expectInvariants, setupTest } from "../../testing/setup.testing";
import { packedShipment } from "../../testing/shipping.testing";
import { itemsOf, waitForBatch } from "../../testing/batches.testing";
import { easyPostFake } from "./fakeEasyPost.testing";
import { serveFake } from "./serveFake.testing";

const ep = easyPostFake("EZTK_batch");
const RATE_LIMITED = {
  error: { code: "RATE_LIMITED", message: "You have exceeded the rate limit for this endpoint.", errors: [] },
};
serveFake(ep, {
  env: () => ({
    EASYPOST_API_KEY: "EZTK_batch",
    EASYPOST_BASE_URL: ep.baseUrl(),
    SHIPPING_RETRY_BASE_MS: "20",
    SHIPPING_PROVIDER_TIMEOUT_MS: "3000",
    SHIPPING_BUY_TIMEOUT_MS: "3000",
  }),
});

const buys = () => ep.vendor.count("POST", /^\/v2\/shipments\/[^/]+\/buy$/);

async function batchOf(b: Awaited<ReturnType<typeof setupTest>>, n: number) {
  const shipmentIds: Id<"shipments">[] = [];
  for (let i = 0; i < n; i++) shipmentIds.push((await packedShipment(b, [900 + i])).shipmentId);
  const { batchId, added } = await b.supervisor.mutation(api.batches.create, { shipmentIds });
  expect(added).toBe(n);
  return batchId;
}

describe("batches through EasyPost", () => {
  test("429 on a purchase, then success: one label, one charge", async () => {
    const b = await setupTest();
    const batchId = await batchOf(b, 1);
    const charges = ep.stats.charges;
    ep.vendor.fault({
      match: /^POST \/v2\/shipments\/[^/]+\/buy$/,
      times: 1,
      kind: "status",
      status: 429,
      body: RATE_LIMITED,
    });
    await b.supervisor.mutation(api.batches.buy, { batchId });
    const batch = await waitForBatch(b, batchId);
    expect(batch.counts).toMatchObject({ bought: 1, failed: 0 });
    const [item] = await itemsOf(b, batchId);
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId: item.shipmentId });
    expect(view.labels.map((l) => [l.status, l.attempts, l.provider])).toEqual([["purchased", 2, "easypost"]]);
    expect(ep.stats.charges).toBe(charges + 1);
    await expectInvariants(b.t);
  });

  test("500 on every purchase try: failed with the reason in words after the last try, nothing charged, the package free", async () => {
    const b = await setupTest();
    const batchId = await batchOf(b, 1);
    const charges = ep.stats.charges;
    const before = buys();
    ep.vendor.fault({
      match: /^POST \/v2\/shipments\/[^/]+\/buy$/,
      times: 50,
      kind: "status",
      status: 500,
      body: { error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong", errors: [] } },
    });
    // A lookup after a failed try finds nothing bought (the 500 bought nothing).
    await b.supervisor.mutation(api.batches.buy, { batchId });
    const batch = await waitForBatch(b, batchId);
    expect(batch.counts).toMatchObject({ bought: 0, failed: 1 });
    const [item] = await itemsOf(b, batchId);
    expect(item.reason).toMatch(/^Gave up after 5 tries: Carrier unavailable \(will retry\) \[unavailable\]/);
    expect(buys() - before).toBe(5);
    expect(ep.stats.charges).toBe(charges);
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId: item.shipmentId });
    expect(view.labels.map((l) => [l.status, l.attempts])).toEqual([["failed", 5]]);
    // Retried once EasyPost is back: bought.
    ep.vendor.faults.length = 0;
    await b.supervisor.mutation(api.batches.retry, { batchId });
    expect((await waitForBatch(b, batchId)).counts).toMatchObject({ bought: 1, failed: 0 });
    expect(ep.stats.charges).toBe(charges + 1);
    await expectInvariants(b.t);
  });

  test("at EasyPost's documented 5 requests/second the batch draws no 429; at a stricter 2/s the 429s are retried and each label is bought once", async () => {
    const b = await setupTest();
    await new Promise((r) => setTimeout(r, 1100)); // the earlier tests' calls out of the server's window
    ep.vendor.rateLimit = { perSecond: 5, body: RATE_LIMITED };
    const first = await batchOf(b, 6);
    const limitedBefore = ep.vendor.limited;
    const charges = ep.stats.charges;
    await b.supervisor.mutation(api.batches.buy, { batchId: first });
    expect((await waitForBatch(b, first, 30_000)).counts).toMatchObject({ bought: 6, failed: 0 });
    const paths = ep.vendor.requests.slice(-20).map((r) => `${r.method} ${r.path.replace(/shp_\w+/, ":id")}`);
    expect(ep.vendor.limited - limitedBefore, paths.join(", ")).toBe(0);
    expect(ep.stats.charges).toBe(charges + 6);

    ep.vendor.rateLimit = { perSecond: 2, body: RATE_LIMITED };
    process.env.SHIPPING_RETRY_BASE_MS = "400"; // backoff 0.4, 0.8, 1.6, 3.2 s: room for the stricter server
    const second = await batchOf(b, 6);
    await b.supervisor.mutation(api.batches.buy, { batchId: second });
    let counts = (await waitForBatch(b, second, 60_000)).counts;
    // A shipment whose five tries all met a 429 failed with that reason; "Retry failed" buys it.
    for (let round = 0; counts.failed > 0 && round < 3; round++) {
      for (const item of (await itemsOf(b, second)).filter((i) => i.status === "failed"))
        expect(item.reason).toMatch(/\[rate_limited\]/);
      await b.supervisor.mutation(api.batches.retry, { batchId: second });
      counts = (await waitForBatch(b, second, 60_000)).counts;
    }
    expect(counts).toMatchObject({ bought: 6, failed: 0 });
    expect(ep.vendor.limited).toBeGreaterThan(limitedBefore);
    expect(ep.stats.charges).toBe(charges + 12);
    for (const item of await itemsOf(b, second)) {
      const view = await b.floor.query(api.shipping.forShipment, { shipmentId: item.shipmentId });
      expect(view.labels.filter((l) => l.status === "purchased")).toHaveLength(1);
    }
    process.env.SHIPPING_RETRY_BASE_MS = "20";
    await expectInvariants(b.t);
  }, 120_000);
});
