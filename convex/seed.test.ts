import { convexTest } from "convex-test";
import { expect, test } from "vitest";
import schema from "./schema";
import { internal } from "./_generated/api";
import { modules, expectInvariants } from "./testing/setup.testing";

test(
  "the demo reads as a working day: placed over the last day, few late, realistic text, every source channel listed",
  { timeout: 120_000 },
  async () => {
    const t = convexTest(schema, modules);
    const before = Date.now();
    const r = await t.action(internal.seed.demo, { size: "demo", appUrl: "http://127.0.0.1:5999" });
    expect(r.seeded).toBe(true);
    const orders = await t.run((ctx) => ctx.db.query("orders").take(1000));
    const now = Date.now();
    const channelOrders = orders.filter((o) => !o.number.startsWith("RMA"));
    // Placed within the last ~day, relative to when the seed ran.
    for (const o of channelOrders) {
      expect(o.placedAt ?? o._creationTime).toBeLessThanOrEqual(now);
      expect(o.placedAt ?? o._creationTime).toBeGreaterThan(before - 27 * 3600_000);
    }
    const open = channelOrders.filter((o) => o.status !== "cancelled" && o.shipBy !== undefined);
    const late = open.filter((o) => (o.shipBy as number) < now);
    const dueWithin2Days = open.filter(
      (o) => (o.shipBy as number) >= now && (o.shipBy as number) < now + 48 * 3600_000,
    );
    // A handful late, most due today or tomorrow, none days late.
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / open.length).toBeLessThan(0.15);
    expect(dueWithin2Days.length / open.length).toBeGreaterThan(0.5);
    for (const o of late) expect(now - (o.shipBy as number)).toBeLessThan(24 * 3600_000);
    // No test strings: no markup or placeholder names anywhere a user reads.
    for (const o of orders) {
      const text = JSON.stringify([o.customer, o.shipTo, o.notes]);
      expect(text).not.toMatch(/[<>]|Demo customer|test/i);
    }
    // Every channel an order came from (other than keyed-in orders) is on the Channels page.
    const channels = new Set((await t.run((ctx) => ctx.db.query("channels").take(100))).map((c) => c.code));
    for (const o of orders)
      if (o.channel !== "manual" && o.channel !== undefined) expect(channels).toContain(o.channel);
    // Customer messages link to the app's real address.
    const settings = await t.run((ctx) => ctx.db.query("notificationSettings").take(10));
    expect(settings.map((s) => s.trackingPageUrl)).toEqual(["http://127.0.0.1:5999/track"]);
    // Click & collect in every state (issue 20): to pick, ready (one reminded), collected, back to stock, and one short.
    const pickups = await t.run((ctx) => ctx.db.query("pickups").take(100));
    expect(pickups.map((p) => p.status).sort()).toEqual([
      "collected",
      "expired",
      "preparing",
      "preparing",
      "ready",
      "ready",
    ]);
    expect(pickups.filter((p) => p.remindedAt !== undefined)).toHaveLength(1);
    const short = await t.run((ctx) =>
      ctx.db
        .query("orderHolds")
        .withIndex("by_status_and_type_and_createdAt", (q) => q.eq("status", "open").eq("type", "pickup_short"))
        .take(10),
    );
    expect(short).toHaveLength(1);
    await expectInvariants(t);
  },
);

test("the tracking link follows the app to a new port, but never replaces an address an admin set", async () => {
  const t = convexTest(schema, modules);
  await t.mutation(internal.seed.syncAppUrl, { appUrl: "http://127.0.0.1:5173" });
  await t.mutation(internal.seed.syncAppUrl, { appUrl: "http://127.0.0.1:6000/" });
  let rows = await t.run((ctx) => ctx.db.query("notificationSettings").take(10));
  expect(rows.map((r) => r.trackingPageUrl)).toEqual(["http://127.0.0.1:6000/track"]);
  await t.run(async (ctx) =>
    ctx.db.patch("notificationSettings", rows[0]._id, { trackingPageUrl: "https://shop.example.com/track" }),
  );
  await t.mutation(internal.seed.syncAppUrl, { appUrl: "http://127.0.0.1:7000" });
  rows = await t.run((ctx) => ctx.db.query("notificationSettings").take(10));
  expect(rows.map((r) => r.trackingPageUrl)).toEqual(["https://shop.example.com/track"]);
});

test("seed:demo refuses a scale that is not a whole number from 1 to 1000", async () => {
  const t = convexTest(schema, modules);
  await expect(t.action(internal.seed.demo, { size: "small", scale: 0 })).rejects.toThrow(/scale/);
  await expect(t.action(internal.seed.demo, { size: "small", scale: 1.5 })).rejects.toThrow(/scale/);
});

test("seed:syncAppUrl refuses an address that is not http(s)", async () => {
  const t = convexTest(schema, modules);
  await expect(t.mutation(internal.seed.syncAppUrl, { appUrl: "javascript:alert(1)" })).rejects.toThrow(/appUrl/);
});
