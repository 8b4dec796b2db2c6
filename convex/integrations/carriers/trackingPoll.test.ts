/**
 * Issue 20 — tracking polls for a provider without webhooks here (ShipStation v2), through the
 * whole Convex path against the ShipStation-shaped server on 127.0.0.1: a label bought through the
 * adapter, its shipment due for a poll, the safety net starting the poll, the answer ingested once,
 * the next poll time (the stored cursor) moved on; a failing provider is asked again an hour later.
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "../../_generated/api";
import type { Id } from "../../_generated/dataModel";
import { expectInvariants, setupTest } from "../../testing/setup.testing";
import { packedShipment } from "../../testing/shipping.testing";
import { shipStationFake } from "./fakeShipStation.testing";
import { serveFake } from "./serveFake.testing";

const ss = shipStationFake("ss_poll_key");
serveFake(ss, {
  env: (url) => ({
    SHIPSTATION_API_KEY: "ss_poll_key",
    SHIPSTATION_BASE_URL: url,
    SHIPSTATION_CARRIER_IDS: "se-100,se-200",
    SHIPPING_PROVIDER_TIMEOUT_MS: "2000",
    SHIPPING_BUY_TIMEOUT_MS: "2000",
  }),
});

type Backend = Awaited<ReturnType<typeof setupTest>>;
const settle = (b: Backend) => b.t.finishAllScheduledFunctions(() => {});
const HOUR = 3_600_000;
const rowOf = (b: Backend, shipmentId: Id<"shipments">) =>
  b.t.run(
    async (ctx) =>
      (await ctx.db
        .query("carrierShipments")
        .withIndex("by_shipmentId", (q) => q.eq("shipmentId", shipmentId))
        .unique())!,
  );
const makeDue = (b: Backend, shipmentId: Id<"shipments">) =>
  b.t.run(async (ctx) => {
    const r = (await ctx.db
      .query("carrierShipments")
      .withIndex("by_shipmentId", (q) => q.eq("shipmentId", shipmentId))
      .unique())!;
    await ctx.db.patch("carrierShipments", r._id, { pollAt: Date.now() - 1 });
  });

describe("tracking polls (ShipStation)", () => {
  test("a due shipment is polled by the safety net, its milestones stored once, its next poll moved on", async () => {
    const b = await setupTest();
    const { shipmentId } = await packedShipment(b, [1200]);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const label = (await b.floor.query(api.shipping.forShipment, { shipmentId })).labels.find(
      (l) => l.status === "purchased",
    )!;
    expect(label.provider).toBe("shipstation");
    const row = await rowOf(b, shipmentId);
    expect(row.pollAt).toBe(label.purchasedAt! + 30 * 60_000);
    // Not due yet: the safety net starts nothing.
    expect((await b.t.mutation(internal.scheduling.safetyNet, {})).carrierPolls).toBe(false);
    await makeDue(b, shipmentId);
    expect((await b.t.mutation(internal.scheduling.safetyNet, {})).carrierPolls).toBe(true);
    await settle(b);
    const ms = await b.floor.query(api.carrierBoard.milestones, { shipmentId });
    expect(ms.map((m) => [m.kind, m.at, m.description])).toEqual([
      ["first_scan", Date.parse("2025-01-02T10:00:00Z"), "First carrier scan: Departed facility"],
      ["in_transit", Date.parse("2025-01-02T10:00:00Z"), "Departed facility"],
    ]);
    const after = await rowOf(b, shipmentId);
    expect(after.firstScanAt).toBe(Date.parse("2025-01-02T10:00:00Z"));
    expect(after.pollAt! - Date.now()).toBeGreaterThan(3.9 * HOUR);
    // Asked again: the same answer adds nothing.
    await makeDue(b, shipmentId);
    expect(await b.t.action(internal.carrierPolls.pollDue, {})).toEqual({ shipments: 1, inserted: 0, failed: 0 });
    // The provider fails: asked again in an hour, nothing written.
    await makeDue(b, shipmentId);
    ss.vendor.fault({
      match: /\/track$/,
      times: 1,
      kind: "status",
      status: 500,
      body: {
        errors: [{ error_source: "shipstation", error_type: "system", error_code: "unspecified", message: "oops" }],
      },
    });
    expect(await b.t.action(internal.carrierPolls.pollDue, {})).toEqual({ shipments: 1, inserted: 0, failed: 1 });
    const failed = await rowOf(b, shipmentId);
    expect(failed.pollAt! - Date.now()).toBeGreaterThan(0.9 * HOUR);
    expect(failed.pollAt! - Date.now()).toBeLessThan(1.1 * HOUR);
    await expectInvariants(b.t);
  });
});
