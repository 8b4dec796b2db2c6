import { internal } from "./_generated/api";
/** The customer tracking page's HTTP actions: proof required, same answer for every miss, rate limited. */
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Id } from "./_generated/dataModel";
import { createOrder } from "./model/orders/create";
import { shipShipment } from "./model/fulfillment/ship";
import { seedStock, setupTest, type TestBackend } from "./testing/setup.testing";
import { markFirstShipmentPacked } from "./testing/shipping.testing";

const shipTo = {
  name: "Jo Q",
  line1: "1 Queen St",
  city: "Toronto",
  region: "ON",
  postalCode: "M5H 2N2",
  country: "CA",
};

async function shippedOrder(t: TestBackend) {
  const { productIds } = await seedStock(t, [5], [{ currency: "CAD" }]);
  return t.run(async (ctx) => {
    const { orderId, number } = await createOrder(ctx, undefined, {
      kind: "channel",
      channel: "shop",
      customer: { name: "Jo Q", email: "Jo@Example.com" },
      shipTo,
      currency: "CAD",
      lines: [{ productId: productIds[0], quantity: 2, unitPriceMinor: 500 }],
    });
    const shipment = await markFirstShipmentPacked(ctx, orderId);
    await shipShipment(ctx, undefined, shipment._id);
    return { orderId, number, lineId: shipment.lines[0].orderLineId as Id<"orderLines"> };
  });
}

const post = (t: TestBackend, path: string, body: unknown, ip = "203.0.113.7") =>
  t.fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: JSON.stringify(body),
  });

afterEach(() => {
  vi.useRealTimers();
});

describe("tracking page", () => {
  test("order number + email (any case) or postal code (any spacing) shows shipments and tracking", async () => {
    const { t } = await setupTest();
    const { number } = await shippedOrder(t);
    const byEmail = await post(t, "/track", { orderNumber: number.toLowerCase(), email: " jo@example.COM " });
    expect(byEmail.status).toBe(200);
    const body = (await byEmail.json()) as {
      order: { orderNumber: string; status: string; shipments: { status: string }[] };
    };
    expect(body.order).toMatchObject({ orderNumber: number, status: "Shipped", shipments: [{ status: "Shipped" }] });
    expect((await post(t, "/track", { orderNumber: number.replace("SO-", ""), postalCode: "m5h2n2" })).status).toBe(
      200,
    );
    expect(byEmail.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("no such order, wrong email, wrong postal code and a missing proof all get the same answer", async () => {
    const { t } = await setupTest();
    const { number } = await shippedOrder(t);
    const answers = [];
    for (const body of [
      { orderNumber: "SO-999999", email: "jo@example.com" },
      { orderNumber: number, email: "someone@else.com" },
      { orderNumber: number, postalCode: "M5H 2N3" },
      { orderNumber: number },
      { orderNumber: number, postalCode: "M" },
    ]) {
      const res = await post(t, "/track", body, `198.51.100.${answers.length}`);
      answers.push({ status: res.status, body: await res.text() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].status).toBe(404);
    expect(answers[0].body).not.toMatch(/Jo|Shipped|Toronto/);
  });

  test("guessing emails for one order is cut off per order number, whatever the client address", async () => {
    vi.useFakeTimers();
    const { t } = await setupTest();
    const { number } = await shippedOrder(t);
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await post(t, "/track", { orderNumber: number, email: `guess${i}@x.com` }, `192.0.2.${i}`)).status,
      );
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    const limited = await post(t, "/track", { orderNumber: number, email: "jo@example.com" }, "192.0.2.99");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even the right answer waits; after the refill it gets through.
    vi.advanceTimersByTime(31_000);
    expect((await post(t, "/track", { orderNumber: number, email: "jo@example.com" }, "192.0.2.99")).status).toBe(200);
  });

  test("sweeping order numbers from one address is cut off per client", async () => {
    const { t } = await setupTest();
    const statuses = [];
    for (let i = 0; i < 22; i++)
      statuses.push(
        (await post(t, "/track", { orderNumber: `SO-${100100 + i}`, email: "a@b.co" }, "198.51.100.50")).status,
      );
    expect(statuses.filter((s) => s === 404)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  test("without a client-address header, customers share one larger bucket, not a per-address one of 20", async () => {
    const { t } = await setupTest();
    const noAddress = (i: number) =>
      t.fetch("/track", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ orderNumber: `SO-${200100 + i}`, email: "a@b.co" }),
      });
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await noAddress(i)).status);
    expect(statuses.every((s) => s === 404)).toBe(true);
    const keys = await t.run(async (ctx) =>
      (await ctx.db.query("rateLimits").collect()).map((r) => r.key).filter((k) => k.startsWith("ip:")),
    );
    expect(keys).toEqual(["ip:(none)"]);
  });

  test("bucket rows idle for an hour are deleted by the safety net; recent ones stay", async () => {
    vi.useFakeTimers();
    const { t } = await setupTest();
    await post(t, "/track", { orderNumber: "SO-300100", email: "a@b.co" }, "198.51.100.7");
    vi.advanceTimersByTime(30 * 60_000);
    await post(t, "/track", { orderNumber: "SO-300101", email: "a@b.co" }, "198.51.100.8");
    vi.advanceTimersByTime(31 * 60_000);
    expect((await t.mutation(internal.scheduling.safetyNet, {})).rateLimitsExpired).toBe(2);
    const left = await t.run(async (ctx) => (await ctx.db.query("rateLimits").collect()).map((r) => r.key).sort());
    expect(left).toEqual(["ip:198.51.100.8", "order:SO-300101"]);
  });

  test("a customer starts a return for shipped items; it waits for approval; foreign lines and missing proof are refused", async () => {
    const { t } = await setupTest();
    const { number, orderId, lineId } = await shippedOrder(t);
    const ok = await post(t, "/track/return", {
      orderNumber: number,
      email: "jo@example.com",
      lines: [{ lineId, quantity: 1, reason: "size_or_fit" }],
      note: "Too small <b>",
    });
    expect(ok.status).toBe(200);
    const { rmaNumber } = (await ok.json()) as { rmaNumber: string };
    const rma = await t.run((ctx) =>
      ctx.db
        .query("rmas")
        .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
        .first(),
    );
    expect(rma).toMatchObject({ number: rmaNumber, status: "requested", origin: "customer" });
    // The same rule as the portal's: the customer is the actor, and the return window applies.
    expect(rma?.createdByName).toBe("Customer (Jo Q)");
    vi.useFakeTimers({ now: Date.now() + 31 * 86_400_000, toFake: ["Date"] });
    const late = await post(t, "/track/return", {
      orderNumber: number,
      email: "jo@example.com",
      lines: [{ lineId, quantity: 1, reason: "size_or_fit" }],
    });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { message: string }).message).toMatch(/30-day return window .* closed/);
    vi.useRealTimers();
    const tooMany = await post(t, "/track/return", {
      orderNumber: number,
      email: "jo@example.com",
      lines: [{ lineId, quantity: 5, reason: "defective" }],
    });
    expect(tooMany.status).toBe(400);
    const foreign = await post(t, "/track/return", {
      orderNumber: number,
      email: "jo@example.com",
      lines: [{ lineId: "k57abc", quantity: 1, reason: "defective" }],
    });
    expect(foreign.status).toBe(400);
    expect(
      (
        await post(t, "/track/return", {
          orderNumber: number,
          email: "x@y.z",
          lines: [{ lineId, quantity: 1, reason: "defective" }],
        })
      ).status,
    ).toBe(404);
  });
});
