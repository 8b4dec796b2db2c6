/**
 * Amazon buyer data is erased 30 days after delivery (delivery assumed within 14 days of the label),
 * from the order, its channel inbox row, its holds' address suggestions and its fraud fingerprint;
 * an order not done yet is looked at again later; other channels' orders are never touched.
 */
import { describe, expect, test } from "vitest";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { setupTest, type TestBackend } from "./testing/setup.testing";
import { channelOrder, importPage, stockedChannel } from "./testing/channels.testing";
import { PII_RETENTION_MS, REDACTED, scheduleAmazonPiiErasure, TRANSIT_ALLOWANCE_MS } from "./model/channels/pii";
import { DAY } from "./lib/clock";

async function importedOrder(t: TestBackend, code: string, kind: "amazon" | "shopify") {
  const { sku, channelId } = await stockedChannel(t, kind, { code, stock: [20] });
  const o = channelOrder({
    lines: [{ externalLineId: "L1", listingSku: sku, quantity: 1, unitPriceMinor: 1500 }],
    customer: { name: "Jane Buyer", email: "jane@marketplace.amazon.com", phone: "+1 206 555 0100" },
  });
  await importPage(t, channelId, [o]);
  const order = await t.run((ctx) =>
    ctx.db
      .query("orders")
      .withIndex("by_channel_and_externalId", (q) => q.eq("channel", code).eq("externalId", o.externalId))
      .unique(),
  );
  await t.run(async (ctx) => {
    await ctx.db.patch("orders", order!._id, { status: "shipped" });
    await ctx.db.insert("orderFingerprints", {
      email: "jane@marketplace.amazon.com",
      addressKey: "k",
      orderId: order!._id,
      at: Date.now(),
    });
    await ctx.db.insert("orderEvents", {
      orderId: order!._id,
      kind: "note",
      reason: "Shipping address corrected",
      details: ["Was: Jane Buyer, 410 Terry Ave N", "Now: Jane Buyer, 410 Terry Ave North"],
      at: Date.now(),
      actorName: "system",
    });
  });
  return { orderId: order!._id as Id<"orders">, externalId: o.externalId };
}

const erase = (t: TestBackend, orderId: Id<"orders">, lastShippedAt: number) =>
  t.mutation(internal.channelSync.eraseAmazonPii, { orderId, lastShippedAt });

describe("Amazon PII retention", () => {
  test("a shipped Amazon order's buyer data is erased once 30 days after delivery have passed; city and country stay", async () => {
    const { t } = await setupTest();
    const { orderId, externalId } = await importedOrder(t, "amazon-us", "amazon");
    expect((await t.run((ctx) => ctx.db.get("orders", orderId)))!.searchText).toMatch(/jane/);
    const shipmentTexts = () =>
      t.run(async (ctx) =>
        (
          await ctx.db
            .query("shipments")
            .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
            .collect()
        ).map((s) => s.searchText ?? ""),
      );
    const before = await shipmentTexts();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((text) => /jane/.test(text))).toBe(true);
    await erase(t, orderId, Date.now() - TRANSIT_ALLOWANCE_MS - PII_RETENTION_MS - DAY);
    await t.finishAllScheduledFunctions(() => {}); // the trail's pages
    // The shipments list searched the buyer's name and e-mail too: gone from there as well.
    expect((await shipmentTexts()).some((text) => /jane|buyer/.test(text))).toBe(false);
    const order = (await t.run((ctx) => ctx.db.get("orders", orderId)))!;
    expect(order.customer).toEqual({ name: REDACTED, email: `${externalId}@marketplace.amazon.invalid` });
    expect(order.shipTo).toMatchObject({
      name: REDACTED,
      line1: REDACTED,
      postalCode: "",
      city: "San Francisco",
      region: "CA",
      country: "US",
    });
    expect(order.shipTo.phone).toBeUndefined();
    expect(order.searchText).not.toMatch(/jane/);
    const row = await t.run((ctx) =>
      ctx.db
        .query("channelOrders")
        .withIndex("by_channel_and_externalId", (q) => q.eq("channel", "amazon-us").eq("externalId", externalId))
        .unique(),
    );
    expect(JSON.stringify(row!.payload)).not.toMatch(/Jane|jane@|555 0100/);
    expect(
      await t.run((ctx) =>
        ctx.db
          .query("orderFingerprints")
          .withIndex("by_email_and_at", (q) => q.eq("email", "jane@marketplace.amazon.com"))
          .collect(),
      ),
    ).toEqual([]);
    const trail = await t.run((ctx) =>
      ctx.db
        .query("orderEvents")
        .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
        .collect(),
    );
    expect(JSON.stringify(trail)).not.toMatch(/Terry|Jane/);
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.some((a) => a.action === "pii_erased" && !/Jane/.test(a.summary))).toBe(true);
  });

  test("an order with hundreds of holds and trail rows is erased in full, a page per transaction", async () => {
    const { t } = await setupTest();
    const { orderId } = await importedOrder(t, "amazon-us", "amazon");
    const street = {
      name: "Jane Buyer",
      line1: "410 Terry Ave N",
      city: "Seattle",
      postalCode: "98109",
      country: "US",
    };
    await t.run(async (ctx) => {
      for (let i = 0; i < 600; i++)
        await ctx.db.insert("orderEvents", {
          orderId,
          kind: "note",
          reason: "Shipping address corrected",
          details: [`Was: Jane Buyer, ${i} Terry Ave N`],
          at: Date.now(),
          actorName: "system",
        });
      for (let i = 0; i < 250; i++)
        await ctx.db.insert("orderHolds", {
          orderId,
          type: "address",
          scope: "order",
          blocking: false,
          status: "resolved",
          reason: "Address could not be verified",
          suggestion: street,
          createdAt: Date.now(),
        });
    });
    await erase(t, orderId, Date.now() - TRANSIT_ALLOWANCE_MS - PII_RETENTION_MS - DAY);
    await t.finishAllScheduledFunctions(() => {});
    const left = await t.run(async (ctx) => ({
      events: (
        await ctx.db
          .query("orderEvents")
          .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
          .collect()
      ).filter((e) => JSON.stringify(e.details ?? []).includes("Terry")).length,
      holds: (
        await ctx.db
          .query("orderHolds")
          .withIndex("by_orderId_and_status", (q) => q.eq("orderId", orderId))
          .collect()
      ).filter((h) => h.suggestion).length,
    }));
    expect(left).toEqual({ events: 0, holds: 0 });
  });

  test("too early, or not done yet: nothing is erased and the job looks again later", async () => {
    const { t } = await setupTest();
    const { orderId } = await importedOrder(t, "amazon-us", "amazon");
    await erase(t, orderId, Date.now() - 10 * DAY);
    expect((await t.run((ctx) => ctx.db.get("orders", orderId)))!.customer.name).toBe("Jane Buyer");
    await t.run((ctx) => ctx.db.patch("orders", orderId, { status: "picking" }));
    await erase(t, orderId, Date.now() - 90 * DAY);
    expect((await t.run((ctx) => ctx.db.get("orders", orderId)))!.customer.name).toBe("Jane Buyer");
    const scheduled = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(scheduled.filter((s) => s.name.includes("eraseAmazonPii"))).toHaveLength(2);
  });

  test("the first look is scheduled within a 32-bit millisecond timer (setTimeout would fire a longer one at once)", async () => {
    const { t } = await setupTest();
    const { orderId } = await importedOrder(t, "amazon-us", "amazon");
    const now = Date.now();
    await t.run((ctx) => scheduleAmazonPiiErasure(ctx, orderId, now));
    const scheduled = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    const look = scheduled.filter((s) => s.name.includes("eraseAmazonPii"));
    expect(look).toHaveLength(1);
    expect(look[0].scheduledTime - now).toBeLessThan(2 ** 31);
    expect(look[0].scheduledTime - now).toBeGreaterThan(14 * DAY);
  });

  test("another channel's order is never touched", async () => {
    const { t } = await setupTest();
    const { orderId } = await importedOrder(t, "shopify-main", "shopify");
    await erase(t, orderId, Date.now() - 120 * DAY);
    expect((await t.run((ctx) => ctx.db.get("orders", orderId)))!.customer.name).toBe("Jane Buyer");
  });
});
