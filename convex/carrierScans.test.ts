/** Carrier scans after a label: the tracking poll, and the stuck flag for labels never scanned. */
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { firstScanAt } from "./model/shipping/tracking";
import { expectInvariants, setupTest } from "./testing/setup.testing";
import { packedShipment } from "./testing/shipping.testing";
import { HOUR } from "./lib/clock";

type Backend = Awaited<ReturnType<typeof setupTest>>;
// Real timers, as in shipping.test.ts: scheduled work is settled with runAfter(0) chains.
const settle = (b: Backend) => b.t.finishAllScheduledFunctions(() => {});

async function labelledShipment(b: Backend) {
  const { shipmentId, orderId } = await packedShipment(b, [1200]);
  await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
  await settle(b);
  const [label] = (await b.floor.query(api.shipping.forShipment, { shipmentId })).labels;
  expect(label.status).toBe("purchased");
  return { shipmentId, orderId, labelId: label._id, trackingNumber: label.trackingNumber! };
}

const ageLabel = (b: Backend, labelId: Id<"shippingLabels">, hours: number) =>
  b.t.run((ctx) => ctx.db.patch("shippingLabels", labelId, { purchasedAt: Date.now() - hours * HOUR }));
const label = (b: Backend, labelId: Id<"shippingLabels">) =>
  b.t.run(async (ctx) => (await ctx.db.get("shippingLabels", labelId))!);
const scanFlags = (b: Backend) =>
  b.t.run(async (ctx) =>
    (
      await ctx.db
        .query("orderHolds")
        .withIndex("by_status_and_type_and_createdAt", (q) => q.eq("status", "open").eq("type", "stuck"))
        .collect()
    ).filter((h) => h.key?.startsWith("scan:")),
  );
async function runStuckScan(b: Backend) {
  await b.t.mutation(internal.holds.scanStuck, {});
  await settle(b);
}

describe("carrier scans", () => {
  test("the poll asks the carrier about labels waiting for a first scan and records the answer", async () => {
    const b = await setupTest();
    const { labelId } = await labelledShipment(b);
    // Bought just now: not asked yet.
    expect(await b.t.action(internal.shippingActions.pollTracking, {})).toEqual({ asked: 0, scanned: 0 });
    await ageLabel(b, labelId, 2);
    expect(await b.t.action(internal.shippingActions.pollTracking, {})).toEqual({ asked: 1, scanned: 0 });
    const l = await label(b, labelId);
    expect([l.trackingStatus, l.firstScanAt, typeof l.trackedAt]).toEqual(["pre_transit", undefined, "number"]);
    await expectInvariants(b.t);
  });

  test("a label with no carrier scan past the threshold is flagged without blocking; a scan clears it", async () => {
    const b = await setupTest();
    const { labelId, orderId, trackingNumber } = await labelledShipment(b);
    await ageLabel(b, labelId, 47);
    await runStuckScan(b);
    expect(await scanFlags(b)).toEqual([]);
    await ageLabel(b, labelId, 49);
    await runStuckScan(b);
    await runStuckScan(b);
    const flags = await scanFlags(b);
    expect(flags.map((f) => [f.orderId, f.blocking, f.reason])).toEqual([
      [orderId, false, `No carrier scan 49 h after label ${trackingNumber}`],
    ]);
    const scannedAt = "2026-01-02T10:00:00Z";
    await b.t.mutation(internal.shippingInternal.recordTracking, {
      labelId,
      update: {
        status: "in_transit",
        events: [
          { at: "2026-01-02T12:00:00Z", status: "in_transit" },
          { at: scannedAt, status: "in_transit" },
          { at: "2026-01-01T09:00:00Z", status: "pre_transit" },
        ],
      },
    });
    expect((await label(b, labelId)).firstScanAt).toBe(Date.parse(scannedAt));
    await runStuckScan(b);
    expect(await scanFlags(b)).toEqual([]);
    // Scanned labels are no longer asked about.
    expect(await b.t.action(internal.shippingActions.pollTracking, {})).toEqual({ asked: 0, scanned: 0 });
  });

  test("the first scan is the earliest scanned event, or now when only the status says so", () => {
    expect(firstScanAt({ status: "pre_transit", events: [] }, 5)).toBeUndefined();
    expect(firstScanAt({ status: "delivered", events: [] }, 5)).toBe(5);
    expect(
      firstScanAt(
        {
          status: "in_transit",
          events: [
            { at: "not a date", status: "in_transit" },
            { at: "1970-01-01T00:00:01Z", status: "in_transit" },
          ],
        },
        5,
      ),
    ).toBe(1000);
  });
});
