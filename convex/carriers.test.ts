/**
 * Issue 20 — tracking milestones and the Carriers board, through the real code paths: signed
 * webhooks posted to the HTTP routes, the ingestion, the carrierShipments trigger and the board
 * query; the rebuild compared with the live figures after random event workloads.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { easyPostSignature, shippoSignature } from "./lib/tracking/vendors";
import { seeded } from "./model/tracking/simulator";
import { expectInvariants, linesOf, setupTest } from "./testing/setup.testing";
import { packedShipment } from "./testing/shipping.testing";
import { DAY } from "./lib/clock";
import { setupPacked } from "./testing/packed.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;
const settle = (b: Backend) => b.t.finishAllScheduledFunctions(() => {});
const nowBucket = () => Date.now();

afterEach(() => {
  vi.unstubAllEnvs();
});

async function labelled(b: Backend, weights = [1200]) {
  const { shipmentId, orderId } = await packedShipment(b, weights);
  await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
  await settle(b);
  const { labels } = await b.floor.query(api.shipping.forShipment, { shipmentId });
  const live = labels.filter((l) => l.status === "purchased");
  expect(live.length).toBe(weights.length);
  return { shipmentId, orderId, labels: live };
}

const epEvent = (
  id: string,
  trackingCode: string,
  details: { status: string; datetime: string; message?: string }[],
) => ({
  object: "Event",
  id,
  description: "tracker.updated",
  mode: "test",
  result: {
    object: "Tracker",
    id: `trk_${trackingCode}`,
    tracking_code: trackingCode,
    status: details.at(-1)?.status ?? "pre_transit",
    public_url: `https://track.easypost.com/${trackingCode}`,
    tracking_details: details.map((d) => ({
      object: "TrackingDetail",
      message: d.message ?? d.status,
      status: d.status,
      datetime: d.datetime,
      tracking_location: {
        object: "TrackingLocation",
        city: "SAN FRANCISCO",
        state: "CA",
        country: "US",
        zip: "94103",
      },
    })),
  },
});

async function postEasyPost(b: Backend, body: unknown, secret = "ep-secret", signature?: string) {
  const raw = JSON.stringify(body);
  return b.t.fetch("/webhooks/easypost/tracking", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Hmac-Signature": signature ?? (await easyPostSignature(raw, secret)),
    },
    body: raw,
  });
}

const events = (b: Backend, shipmentId: Id<"shipments">) => b.floor.query(api.carrierBoard.milestones, { shipmentId });
const board = (b: Backend) => b.supervisor.query(api.carrierBoard.board, { nowBucket: nowBucket(), weeks: 4 });

describe("tracking webhooks", () => {
  test("EasyPost: a valid signature stores the milestones, a wrong or missing one is refused, a replay adds nothing", async () => {
    vi.stubEnv("EASYPOST_WEBHOOK_SECRET", "ep-secret");
    const b = await setupTest();
    const { shipmentId, labels } = await labelled(b);
    const tn = labels[0].trackingNumber!;
    const t0 = labels[0].purchasedAt!;
    const body = epEvent("evt_1", tn, [
      { status: "pre_transit", datetime: new Date(t0 + 3_600_000).toISOString() },
      { status: "in_transit", datetime: new Date(t0 + 5 * 3_600_000).toISOString(), message: "Accepted at origin" },
      { status: "out_for_delivery", datetime: new Date(t0 + 30 * 3_600_000).toISOString() },
      { status: "delivered", datetime: new Date(t0 + 34 * 3_600_000).toISOString(), message: "Delivered, front door" },
    ]);
    // Wrong secret, tampered body, no header: 401 and nothing written.
    expect((await postEasyPost(b, body, "other-secret")).status).toBe(401);
    const raw = JSON.stringify(body);
    const tampered = await b.t.fetch("/webhooks/easypost/tracking", {
      method: "POST",
      headers: { "X-Hmac-Signature": await easyPostSignature(raw, "ep-secret") },
      body: raw.replace("Delivered", "Lost"),
    });
    expect(tampered.status).toBe(401);
    expect((await b.t.fetch("/webhooks/easypost/tracking", { method: "POST", body: raw })).status).toBe(401);
    expect(await events(b, shipmentId)).toEqual([]);

    const ok = await postEasyPost(b, body);
    expect(ok.status).toBe(200);
    expect((await ok.json()).result).toEqual({ inserted: 4, duplicates: 0, unknown: 0 });
    const ms = await events(b, shipmentId);
    expect(ms.map((m) => m.kind)).toEqual(["first_scan", "in_transit", "out_for_delivery", "delivered"]);
    expect(ms[0]).toMatchObject({
      at: t0 + 5 * 3_600_000,
      location: "SAN FRANCISCO, CA, US",
      trackingUrl: `https://track.easypost.com/${tn}`,
    });
    // The same delivery again (EasyPost retries), and a replay under a new event id: nothing new.
    expect((await (await postEasyPost(b, body)).json()).result).toEqual({ inserted: 0, duplicates: 4, unknown: 0 });
    expect((await (await postEasyPost(b, { ...body, id: "evt_2" })).json()).result).toEqual({
      inserted: 0,
      duplicates: 4,
      unknown: 0,
    });
    expect((await events(b, shipmentId)).length).toBe(4);
    const [row] = (await board(b)).rows;
    expect(row).toMatchObject({ shipments: 1, delivered: 1, medianDays: 2, p90Days: 2 });
    await expectInvariants(b.t);
  });

  test("EasyPost: with no secret configured every delivery is refused", async () => {
    const b = await setupTest();
    const { labels } = await labelled(b);
    const body = epEvent("evt_9", labels[0].trackingNumber!, [
      { status: "delivered", datetime: new Date().toISOString() },
    ]);
    expect((await postEasyPost(b, body, "any-secret")).status).toBe(401);
  });

  test("Shippo: HMAC over timestamp.body within five minutes; a stale or forged signature is refused; unknown tracking numbers are counted, not stored", async () => {
    vi.stubEnv("SHIPPO_WEBHOOK_SECRET", "sh-secret");
    const b = await setupTest();
    const { shipmentId, labels } = await labelled(b);
    const tn = labels[0].trackingNumber!;
    const at = (h: number) => new Date(labels[0].purchasedAt! + h * 3_600_000).toISOString();
    const body = {
      event: "track_updated",
      test: true,
      data: {
        carrier: "usps",
        tracking_number: tn,
        tracking_status: {
          object_id: "s3",
          status: "DELIVERED",
          status_details: "Delivered",
          status_date: at(70),
          location: { city: "Berkeley", state: "CA", zip: "94705", country: "US" },
        },
        tracking_history: [
          {
            object_id: "s1",
            status: "TRANSIT",
            status_details: "Accepted at USPS origin facility",
            status_date: at(4),
            location: null,
          },
          {
            object_id: "s2",
            status: "TRANSIT",
            substatus: { code: "out_for_delivery", text: "Out for delivery" },
            status_details: "Out for delivery",
            status_date: at(66),
            location: null,
          },
          {
            object_id: "s3",
            status: "DELIVERED",
            status_details: "Delivered",
            status_date: at(70),
            location: { city: "Berkeley", state: "CA", zip: "94705", country: "US" },
          },
        ],
      },
    };
    const raw = JSON.stringify(body);
    const post = (sig: string, text = raw) =>
      b.t.fetch("/webhooks/shippo/tracking", { method: "POST", headers: { "Shippo-Auth-Signature": sig }, body: text });
    const nowS = Math.floor(Date.now() / 1000);
    expect((await post(await shippoSignature(raw, "sh-secret", nowS - 301))).status).toBe(401);
    expect((await post(await shippoSignature(raw, "wrong", nowS))).status).toBe(401);
    expect((await post(`t=${nowS},v1=${"0".repeat(64)}`)).status).toBe(401);
    const ok = await post(await shippoSignature(raw, "sh-secret", nowS));
    expect((await ok.json()).result).toEqual({ inserted: 4, duplicates: 0, unknown: 0 });
    expect((await events(b, shipmentId)).map((m) => m.kind)).toEqual([
      "first_scan",
      "in_transit",
      "out_for_delivery",
      "delivered",
    ]);
    const renumber = (x: { object_id: string }) => ({ ...x, object_id: `other-${x.object_id}` });
    const stranger = JSON.stringify({
      ...body,
      data: {
        ...body.data,
        tracking_number: "9400NOTOURS",
        tracking_status: renumber(body.data.tracking_status),
        tracking_history: body.data.tracking_history.map(renumber),
      },
    });
    expect((await (await post(await shippoSignature(stranger, "sh-secret", nowS), stranger)).json()).result).toEqual({
      inserted: 0,
      duplicates: 0,
      unknown: 4,
    });
    const [row] = (await board(b)).rows;
    expect(row).toMatchObject({ shipments: 1, delivered: 1, medianDays: 3 });
  });
});

describe("carrier board", () => {
  test("a carrier exception raises a non-blocking flag once; a late shipment is flagged by the stuck scan and cleared by its delivery", async () => {
    vi.stubEnv("EASYPOST_WEBHOOK_SECRET", "ep-secret");
    const b = await setupTest();
    const { shipmentId, orderId, labels } = await labelled(b);
    const tn = labels[0].trackingNumber!;
    const t0 = labels[0].purchasedAt!;
    const openFlags = () =>
      b.t.run(async (ctx) =>
        (
          await ctx.db
            .query("orderHolds")
            .withIndex("by_status_and_type_and_createdAt", (q) => q.eq("status", "open").eq("type", "stuck"))
            .collect()
        ).filter((h) => h.orderId === orderId),
      );
    const ex = epEvent("evt_x", tn, [
      { status: "failure", datetime: new Date(t0 + DAY).toISOString(), message: "Address not found" },
    ]);
    await postEasyPost(b, ex);
    await postEasyPost(b, {
      ...ex,
      id: "evt_x2",
      result: {
        ...ex.result,
        tracking_details: [
          ...ex.result.tracking_details,
          { ...ex.result.tracking_details[0], datetime: new Date(t0 + DAY + 1000).toISOString() },
        ],
      },
    });
    const flags = await openFlags();
    expect(flags.map((f) => [f.blocking, f.key])).toEqual([[false, `carrier-exception:${labels[0]._id}`]]);
    // Make it overdue: the promise of the chosen quote plus the grace has passed.
    await b.t.run(async (ctx) => {
      const row = (await ctx.db
        .query("carrierShipments")
        .withIndex("by_shipmentId", (q) => q.eq("shipmentId", shipmentId))
        .unique())!;
      await ctx.db.patch("carrierShipments", row._id, { dueAt: Date.now() - 1 });
    });
    const scan = async () => {
      await b.t.mutation(internal.holds.scanStuck, {});
      await settle(b);
    };
    await scan();
    await scan();
    expect((await openFlags()).filter((f) => f.key?.startsWith("late:")).map((f) => f.reason)).toEqual([
      expect.stringMatching(/^Late delivery: .+ \(promised \d+ days?\)$/),
    ]);
    await postEasyPost(
      b,
      epEvent("evt_d", tn, [{ status: "delivered", datetime: new Date(t0 + 5 * DAY).toISOString() }]),
    );
    await scan();
    expect((await openFlags()).filter((f) => f.key?.startsWith("late:"))).toEqual([]);
    const [row] = (await board(b)).rows;
    expect(row).toMatchObject({ exceptions: 1, delivered: 1, medianDays: 5 });
    await expectInvariants(b.t);
  });

  test("figures: on-time against the promise, cost per shipment and per kg, savings, damage, CO₂e; a void takes the shipment out", async () => {
    vi.stubEnv("EASYPOST_WEBHOOK_SECRET", "ep-secret");
    const b = await setupTest();
    const a = await labelled(b, [1500]);
    const c = await labelled(b, [2500]);
    const rows = await b.t.run(async (ctx) =>
      Promise.all(
        [a, c].map(
          async (x) =>
            (await ctx.db
              .query("carrierShipments")
              .withIndex("by_shipmentId", (q) => q.eq("shipmentId", x.shipmentId))
              .unique())!,
        ),
      ),
    );
    const [ra, rc] = rows;
    expect(ra.promisedDays).toBeGreaterThan(0);
    // a: delivered on its promise; c: two days late.
    await postEasyPost(
      b,
      epEvent("evt_a", a.labels[0].trackingNumber!, [
        {
          status: "delivered",
          datetime: new Date(ra.purchasedAt + (ra.promisedDays! - 1) * DAY + 3_600_000).toISOString(),
        },
      ]),
    );
    await postEasyPost(
      b,
      epEvent("evt_c", c.labels[0].trackingNumber!, [
        {
          status: "delivered",
          datetime: new Date(rc.purchasedAt + (rc.promisedDays! + 1) * DAY + 3_600_000).toISOString(),
        },
      ]),
    );
    // Each fixture ships from its own warehouse: two lanes of the same carrier service.
    expect([rc.carrier, rc.service]).toEqual([ra.carrier, ra.service]);
    expect(rc.lane).not.toBe(ra.lane);
    // A unit of a's order comes back damaged in transit.
    const line = (await linesOf(b.t, a.orderId))[0];
    await b.supervisor.mutation(api.returns.issue, {
      rma: {
        orderId: a.orderId,
        lines: [{ orderLineId: line._id, quantity: 1, reason: "damaged_in_transit" }],
        expectedDisposition: "damaged",
      },
    });
    const view = await board(b);
    const rowOf = (lane: string) => view.rows.find((r) => r.lane === lane)!;
    for (const [r, onTime, days, damaged] of [
      [ra, 1, ra.promisedDays!, 1],
      [rc, 0, rc.promisedDays! + 2, 0],
    ] as const) {
      expect(rowOf(r.lane)).toMatchObject({
        shipments: 1,
        delivered: 1,
        onTimeRate: onTime,
        medianDays: days,
        p90Days: days,
        damageRate: damaged,
        costPerShipmentMinor: r.costMinor,
        costPerKgMinor: Math.round((r.costMinor * 1000) / r.weightGrams),
        savingsMinor: r.dearestMinor - r.costMinor,
        co2ePerShipmentGrams: r.co2eGrams,
      });
      expect(r.co2eGrams).toBeGreaterThan(0);
      expect(r.dearestMinor).toBeGreaterThan(r.costMinor);
    }
    expect(view.trend.at(-1)).toMatchObject({
      shipments: 2,
      onTimeRate: 0.5,
      medianDays: ra.promisedDays,
      p90Days: rc.promisedDays! + 2,
    });
    // A void takes c off the board.
    await b.supervisor.mutation(api.shipping.voidLabel, { labelId: c.labels[0]._id });
    await settle(b);
    expect((await board(b)).rows.reduce((s, r) => s + r.shipments, 0)).toBe(1);
    await expectInvariants(b.t);
  });

  test("rebuild equals live after random event workloads (duplicates, exceptions, voids, late and early deliveries)", async () => {
    vi.stubEnv("EASYPOST_WEBHOOK_SECRET", "ep-secret");
    const b = await setupTest();
    const rnd = seeded("workload-1");
    const shipments = [];
    for (let i = 0; i < 6; i++)
      shipments.push(await labelled(b, rnd() < 0.3 ? [900, 1300] : [1100 + Math.floor(rnd() * 4000)]));
    const statuses = ["in_transit", "out_for_delivery", "delivered", "failure", "pre_transit"];
    for (let step = 0; step < 40; step++) {
      const s = shipments[Math.floor(rnd() * shipments.length)];
      const l = s.labels[Math.floor(rnd() * s.labels.length)];
      const when = new Date(l.purchasedAt! + Math.floor(rnd() * 9 * DAY)).toISOString();
      const r = rnd();
      if (r < 0.05 && step > 20) {
        await b.supervisor.mutation(api.shipping.voidLabel, { labelId: l._id }).catch(() => undefined);
        await settle(b);
        continue;
      }
      const evt = epEvent(`evt_${Math.floor(rnd() * 30)}`, l.trackingNumber!, [
        { status: statuses[Math.floor(rnd() * statuses.length)], datetime: when },
      ]);
      await postEasyPost(b, evt);
      if (rnd() < 0.2) await postEasyPost(b, evt); // a retried delivery
    }
    const live = await board(b);
    expect(live.rows.length).toBeGreaterThan(0);
    // Drop the derived rows and counters, rebuild both from the sources.
    await b.t.run(async (ctx) => {
      for (const r of await ctx.db.query("carrierShipments").collect()) await ctx.db.delete("carrierShipments", r._id);
      for (const c of await ctx.db
        .query("boardCounters")
        .withIndex("by_board_and_bucket_and_shard", (q) => q.eq("board", "carriers"))
        .collect())
        await ctx.db.delete("boardCounters", c._id);
    });
    expect((await board(b)).rows).toEqual([]);
    let cursor: string | null = null;
    do cursor = await b.t.mutation(internal.carrierBoard.rebuildRows, { cursor });
    while (cursor !== null);
    expect(await board(b)).toEqual(live);
    // And the full board rebuild (counters from the rows) agrees too.
    await b.t.mutation(internal.boards.rebuildAggregates, {});
    await settle(b);
    expect(await board(b)).toEqual(live);
    await expectInvariants(b.t);
  });

  test("the board refuses a window outside 1–12 weeks and is for supervisors", async () => {
    const b = await setupTest();
    await expect(b.supervisor.query(api.carrierBoard.board, { nowBucket: nowBucket(), weeks: 13 })).rejects.toThrow(
      /1 to 12 weeks/,
    );
    await expect(b.floor.query(api.carrierBoard.board, { nowBucket: nowBucket(), weeks: 4 })).rejects.toThrow(
      /supervisor/,
    );
  });
});

describe("table-rate tracking simulator", () => {
  test("a bought table-rate label gets its milestones at their times and the board moves", async () => {
    vi.useFakeTimers();
    try {
      const { b, shipmentId } = await setupPacked([1200]);
      await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
      // The purchase chain runs now; the simulated milestones are days ahead.
      await b.t.finishAllScheduledFunctions(() => vi.advanceTimersByTime(1000));
      expect(await events(b, shipmentId)).toEqual([]);
      await b.t.finishAllScheduledFunctions(vi.runAllTimers);
      const ms = await events(b, shipmentId);
      expect(ms[0].kind).toBe("first_scan");
      expect(ms.at(-1)!.kind).toBe("delivered");
      const row = (await b.supervisor.query(api.carrierBoard.board, { nowBucket: Date.now(), weeks: 4 })).rows[0];
      expect(row).toMatchObject({ shipments: 1, delivered: 1 });
      expect(row.medianDays).toBeGreaterThanOrEqual(1);
      await expectInvariants(b.t);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("emissions in the rate shop", () => {
  test("every quote carries its CO₂e; a lowest-emissions rule chooses by it and explains the choice; bad bounds are refused by field", async () => {
    const { b, shipmentId } = await setupPacked([1000]);
    const ruleId = await b.admin.mutation(api.shippingRules.add, {
      name: "Greener",
      conditions: {},
      action: { kind: "lowest_emissions", withinPct: 1000, maxDays: 60 },
      constraints: {},
    });
    await b.floor.mutation(api.shipping.shopRates, { shipmentId });
    await settle(b);
    const [shop] = (await b.floor.query(api.shipping.forShipment, { shipmentId })).quoteLog;
    expect(shop.quotes.length).toBeGreaterThan(1);
    expect(shop.quotes.every((q) => typeof q.co2eGrams === "number" && q.co2eGrams > 0)).toBe(true);
    const cleanest = Math.min(...shop.quotes.map((q) => q.co2eGrams!));
    expect(shop.quotes.find((q) => q.selected)!.co2eGrams).toBe(cleanest);
    expect(shop.request.reason).toContain(
      'Rule "Greener" (lowest emissions within +1000 % of the cheapest, at most 60 days) chose',
    );
    const rule = (await b.admin.query(api.shippingRules.list, {})).rules.find((r) => r._id === ruleId)!;
    const refusal = (action: { kind: "lowest_emissions"; withinPct: number; maxDays: number }) =>
      b.admin.mutation(api.shippingRules.setAction, { ruleId, expectedVersion: rule.version, action }).then(
        () => undefined,
        (e: { data?: { fields?: Record<string, string> } }) => e.data?.fields,
      );
    const both = {
      "action.withinPct": "The price margin is a whole percentage from 0 to 1000.",
      "action.maxDays": "Days must be a whole number from 1 to 60.",
    };
    expect(await refusal({ kind: "lowest_emissions", withinPct: 1.5, maxDays: 0 })).toEqual(both);
    expect(await refusal({ kind: "lowest_emissions", withinPct: 1001, maxDays: 61 })).toEqual(both);
    expect((await b.admin.query(api.shippingRules.list, {})).rules.find((r) => r._id === ruleId)!.version).toBe(
      rule.version,
    );
  });
});

describe("relabel", () => {
  test("a relabelled package starts a new journey: the voided label's scans neither block nor count for the new one", async () => {
    vi.stubEnv("EASYPOST_WEBHOOK_SECRET", "ep-secret");
    const b = await setupTest();
    const { shipmentId, labels } = await labelled(b);
    const old = labels[0];
    await postEasyPost(
      b,
      epEvent("evt_old", old.trackingNumber!, [
        { status: "in_transit", datetime: new Date(old.purchasedAt! + 3_600_000).toISOString() },
        { status: "delivered", datetime: new Date(old.purchasedAt! + 9 * DAY).toISOString() },
      ]),
    );
    await b.supervisor.mutation(api.shipping.voidLabel, { labelId: old._id });
    await settle(b);
    await b.supervisor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const fresh = (await b.floor.query(api.shipping.forShipment, { shipmentId })).labels.find(
      (l) => l.status === "purchased",
    )!;
    expect(fresh._id).not.toBe(old._id);
    expect(fresh.packageId).toBe(old.packageId);
    // The new label is in transit: the old label's delivery does not count for it.
    expect((await board(b)).rows).toMatchObject([{ shipments: 1, delivered: 0 }]);
    const r = await (
      await postEasyPost(
        b,
        epEvent("evt_new", fresh.trackingNumber!, [
          { status: "in_transit", datetime: new Date(fresh.purchasedAt! + 3_600_000).toISOString() },
          { status: "delivered", datetime: new Date(fresh.purchasedAt! + 30 * 3_600_000).toISOString() },
        ]),
      )
    ).json();
    expect(r.result).toEqual({ inserted: 3, duplicates: 0, unknown: 0 });
    expect((await board(b)).rows).toMatchObject([{ shipments: 1, delivered: 1, medianDays: 2 }]);
    await expectInvariants(b.t);
  });
});
