import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import { errorOf, expectInvariants, setupTest } from "./testing/setup.testing";
import { setupPacked } from "./testing/packed.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;

// Real timers: the actions run under real time limits (a fake clock would fire the limit while a
// label PDF is being drawn); everything here is scheduled with runAfter(0).
const settle = (b: Backend) => b.t.finishAllScheduledFunctions(() => {});

const levels = (b: Backend) =>
  b.t.run(async (ctx) => (await ctx.db.query("inventoryLevels").collect()).map((l) => [l.onHand, l.reserved]));

describe("rate shopping", () => {
  test("every quote is kept on the shipment with the rule that chose and why", async () => {
    const { b, shipmentId } = await setupPacked([1200]);
    const ruleId = await b.admin.mutation(api.shippingRules.add, {
      name: "California fast",
      conditions: { states: ["ca"] },
      action: { kind: "fastest" },
      constraints: {},
    });
    await b.floor.mutation(api.shipping.shopRates, { shipmentId });
    await settle(b);
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    const { request, quotes } = view.quoteLog[0];
    expect(request).toMatchObject({
      status: "done",
      ruleId,
      ruleName: "California fast",
      outcomes: [{ provider: "table", status: "ok", quoteCount: 5 }],
    });
    expect(quotes.map((q) => `${q.carrier} ${q.service}`)).toContain("UPS Next Day Air");
    expect(quotes.every((q) => q.provider === "table" && q.currency === "USD" && q.requestId === request._id)).toBe(
      true,
    );
    const chosen = quotes.find((q) => q.selected)!;
    expect(chosen).toMatchObject({
      carrier: "UPS",
      service: "Next Day Air",
      deliveryDays: 1,
      _id: request.selectedQuoteId,
    });
    expect(request.reason).toMatch(/^Rule "California fast" \(fastest\) chose UPS Next Day Air via table/);
    expect(view.postage).toMatchObject({ selectedQuoteId: chosen._id, ruleId, labels: 0 });
    // A second shop of the same shipment keeps the first log and moves no extra hit.
    await b.floor.mutation(api.shipping.shopRates, { shipmentId });
    await settle(b);
    const again = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(again.quoteLog).toHaveLength(2);
    const rules = await b.floor.query(api.shippingRules.list, {});
    expect(rules.rules.map((r) => [r.name, r.hits])).toEqual([
      ["California fast", 1],
      ["Default: cheapest", 0],
    ]);
  });

  test("a quote preview works before packing (estimated parcel) but buying waits for packing", async () => {
    const { b, shipmentId } = await setupPacked([], { pack: false });
    const s = (await b.t.run((ctx) => ctx.db.get("shipments", shipmentId)))!;
    // Buying at once and buying later are refused in the same words.
    const notPacked = {
      code: "INVALID_TRANSITION",
      message: `Shipment ${s.number} is ${s.status}; labels are bought once it is packed.`,
    };
    expect(await errorOf(b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true }))).toEqual(notPacked);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId });
    await settle(b);
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(view.quoteLog[0].request).toMatchObject({ status: "done", packageIds: [] });
    expect(view.quoteLog[0].request.reason).toMatch(/^No rule matched; the built-in default chose the cheapest/);
    expect(await errorOf(b.floor.mutation(api.shipping.buyLabels, { shipmentId }))).toEqual(notPacked);
  });
});

describe("labels", () => {
  test("multi-package: one label per package with a stored PDF, the shipment ships once, spend and postage add up", async () => {
    const { b, shipmentId, orderId, packageIds } = await setupPacked([1200, 800]);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(view.labels.map((l) => [l.status, l.attempts])).toEqual([
      ["purchased", 1],
      ["purchased", 1],
    ]);
    expect(new Set(view.labels.map((l) => l.packageId))).toEqual(new Set(packageIds));
    expect(view.labels.every((l) => l.fileUrl && l.trackingNumber?.startsWith("TRUSP") && l.masterTrackingNumber)).toBe(
      true,
    );
    const total = view.labels.reduce((s, l) => s + l.costMinor!, 0);
    expect(total).toBe(view.quoteLog[0].quotes.find((q) => q.selected)!.amountMinor);
    expect(view.shipment.status).toBe("shipped");
    expect(view.postage).toMatchObject({ costMinor: total, labels: 2, currency: "USD" });
    expect((await b.floor.query(api.orders.get, { id: orderId })).order.status).toBe("shipped");
    expect(await levels(b)).toEqual([
      [8, 0],
      [9, 0],
    ]);
    const spend = await b.supervisor.query(api.shipping.carrierSpend, { fromDay: "2000-01-01", toDay: "2999-12-31" });
    expect(spend.map((r) => [r.carrier, r.service, r.amountMinor, r.labels])).toEqual([
      ["USPS", "Ground Advantage", total, 2],
    ]);
    await expectInvariants(b.t);
  });

  test("purchase is idempotent: retried actions and a second buy request never buy again", async () => {
    const { b, shipmentId } = await setupPacked([1200]);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const [label] = (await b.floor.query(api.shipping.forShipment, { shipmentId })).labels;
    for (let i = 0; i < 3; i++)
      await b.t.action(internal.shippingActions.buyLabels, { purchaseKey: label.purchaseKey });
    expect((await errorOf(b.floor.mutation(api.shipping.buyLabels, { shipmentId }))).code).toBe("CONFLICT");
    const after = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(after.labels.map((l) => [l._id, l.status, l.attempts])).toEqual([[label._id, "purchased", 1]]);
    expect(after.postage?.costMinor).toBe(label.costMinor);
    await expectInvariants(b.t);
  });

  test("void then relabel: the void refunds postage, stock stays out, the new label supersedes the old", async () => {
    const { b, shipmentId } = await setupPacked([1200, 900]);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const first = (await b.floor.query(api.shipping.forShipment, { shipmentId })).labels;
    const victim = first.find((l) => l.packageId === first[0].packageId)!;
    expect((await errorOf(b.floor.mutation(api.shipping.voidLabel, { labelId: victim._id }))).code).toBe("FORBIDDEN");
    await b.supervisor.mutation(api.shipping.voidLabel, { labelId: victim._id });
    await settle(b);
    let view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(view.labels.find((l) => l._id === victim._id)!.status).toBe("voided");
    expect(view.postage).toMatchObject({
      labels: 1,
      costMinor: first.reduce((s, l) => s + l.costMinor!, 0) - victim.costMinor!,
    });
    expect(view.shipment.status).toBe("shipped");
    expect(await levels(b)).toEqual([
      [8, 0],
      [9, 0],
    ]);
    expect((await errorOf(b.floor.mutation(api.shipping.reprintLabel, { labelId: victim._id }))).code).toBe(
      "INVALID_TRANSITION",
    );

    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(view.quoteLog[0].request.packageIds).toEqual([victim.packageId]);
    const fresh = view.labels.filter((l) => l.packageId === victim.packageId && l.status === "purchased");
    expect(fresh).toHaveLength(1);
    expect(fresh[0].trackingNumber).not.toBe(victim.trackingNumber);
    expect(fresh[0].idempotencyKey).toBe(`${victim.packageId}:2`);
    expect(view.postage?.labels).toBe(2);
    expect(await levels(b)).toEqual([
      [8, 0],
      [9, 0],
    ]);
    const url = await b.floor.mutation(api.shipping.reprintLabel, { labelId: fresh[0]._id });
    expect(url).toBe(fresh[0].fileUrl);
    const spend = await b.supervisor.query(api.shipping.carrierSpend, { fromDay: "2000-01-01", toDay: "2999-12-31" });
    expect(spend.reduce((s, r) => s + r.amountMinor, 0)).toBe(view.postage?.costMinor);
    expect(spend.reduce((s, r) => s + r.voids, 0)).toBe(1);
    await expectInvariants(b.t);
  });
});

describe("tracking push-back", () => {
  test("a channel order's labels queue tracking for the channel; a relabel supersedes the voided tracking", async () => {
    const { b, shipmentId, orderId } = await setupPacked([1200, 900]);
    await b.t.run(async (ctx) => {
      await ctx.db.insert("channels", {
        code: "sandbox-1",
        kind: "sandbox",
        name: "Sandbox",
        settings: {},
        enabled: true,
        status: "idle",
        consecutiveFailures: 0,
        nextPullAt: 0,
        ackDeadlineHours: 24,
        importedCount: 0,
        createdAt: 0,
      });
      await ctx.db.patch("orders", orderId, { channel: "sandbox-1", externalId: "EXT-1" });
    });
    const tracking = () =>
      b.t.run(async (ctx) =>
        (await ctx.db.query("outbox").collect()).filter((r) => r.kind === "tracking" && r.shipmentId === shipmentId),
      );
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const labels = (await b.floor.query(api.shipping.forShipment, { shipmentId })).labels;
    const first = await tracking();
    expect(first.map((r) => r.trackingNumber).sort()).toEqual(labels.map((l) => l.trackingNumber).sort());
    expect(first.every((r) => r.externalOrderId === "EXT-1" && r.channel === "sandbox-1")).toBe(true);

    const victim = labels[0];
    await b.supervisor.mutation(api.shipping.voidLabel, { labelId: victim._id });
    await settle(b);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const fresh = (await b.floor.query(api.shipping.forShipment, { shipmentId })).labels.find(
      (l) => l.packageId === victim.packageId && l.status === "purchased",
    )!;
    const rows = await tracking();
    const old = rows.find((r) => r.trackingNumber === victim.trackingNumber)!;
    const replacement = rows.find((r) => r.trackingNumber === fresh.trackingNumber)!;
    expect(replacement.packageKey).toBe(victim.packageId);
    // The old tracking either never went out (superseded) or is corrected by the new row.
    expect(old.status === "superseded" || replacement.supersedes === old._id).toBe(true);
    expect(rows).toHaveLength(3);
    await expectInvariants(b.t);
  });
});
