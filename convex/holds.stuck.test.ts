/** Stuck work: the scheduled scan with fake timers (a page per run, each scheduling the next). */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { createOrder } from "./model/orders/create";
import { STUCK_BATCH } from "./model/holds/stuck";
import { setupStocked, type TestBackend, usAddress } from "./testing/setup.testing";
import { HOUR } from "./lib/clock";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function newOrder(t: TestBackend, productId: Id<"products">, i = 0) {
  return t.run((ctx) =>
    createOrder(ctx, undefined, {
      kind: "channel",
      channel: "shop",
      customer: { name: "S", email: `s${i}@example.com` },
      shipTo: usAddress,
      currency: "USD",
      lines: [{ productId, quantity: 1, unitPriceMinor: 100 }],
    }),
  );
}

async function runScan(t: TestBackend) {
  await t.mutation(internal.holds.scanStuck, {});
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

const stuckFlags = (t: TestBackend) =>
  t.run((ctx) =>
    ctx.db
      .query("orderHolds")
      .withIndex("by_status_and_type_and_createdAt", (q) => q.eq("status", "open").eq("type", "stuck"))
      .collect(),
  );

describe("stuck work", () => {
  test("an order awaiting fulfilment past the threshold is flagged once, without blocking; it clears when it moves", async () => {
    const { productIds, ...b } = await setupStocked([10]);
    const { orderId } = await newOrder(b.t, productIds[0]);
    vi.advanceTimersByTime(23 * HOUR);
    await runScan(b.t);
    expect(await stuckFlags(b.t)).toEqual([]);
    vi.advanceTimersByTime(2 * HOUR);
    await runScan(b.t);
    await runScan(b.t);
    const flags = await stuckFlags(b.t);
    expect(flags.map((f) => [f.orderId, f.blocking, f.reason])).toEqual([
      [orderId, false, "Allocated for 25 h without moving"],
    ]);
    const order = await b.t.run(async (ctx) => (await ctx.db.get("orders", orderId))!);
    expect(order.status).toBe("allocated");
    const queue = await b.supervisor.query(api.holds.queue, {
      type: "stuck",
      paginationOpts: { numItems: 5, cursor: null },
    });
    expect(queue.page).toHaveLength(1);
    // It moves (re-allocated): the next scan clears the flag.
    vi.advanceTimersByTime(1000);
    await b.supervisor.mutation(api.allocation.reallocate, { orderId, strategy: "single_warehouse" });
    await runScan(b.t);
    expect(await stuckFlags(b.t)).toEqual([]);
  });

  test("the threshold is a setting; held and backordered orders are not 'awaiting fulfilment'", async () => {
    const { productIds, ...b } = await setupStocked([1, 0]);
    const s = await b.admin.query(api.holds.settings, {});
    await b.admin.mutation(api.holds.saveSettings, {
      settings: { ...s, stuck: { ...s.stuck, awaitingFulfilmentHours: 2 } },
    });
    const ready = await newOrder(b.t, productIds[0], 1);
    await newOrder(b.t, productIds[1], 2); // backordered
    vi.advanceTimersByTime(3 * HOUR);
    await runScan(b.t);
    expect((await stuckFlags(b.t)).map((f) => f.orderId)).toEqual([ready.orderId]);
  });

  test("the scan pages through more orders than one batch, each page its own run", async () => {
    const { productIds, ...b } = await setupStocked([STUCK_BATCH + 20]);
    for (let i = 0; i < STUCK_BATCH + 5; i++) await newOrder(b.t, productIds[0], i);
    vi.advanceTimersByTime(30 * HOUR);
    const first = await b.t.mutation(internal.holds.scanStuck, { phase: "allocated" });
    expect(first.flagged).toBe(STUCK_BATCH);
    await b.t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await stuckFlags(b.t)).toHaveLength(STUCK_BATCH + 5);
  });

  test("a channel acknowledgement due within the warning window is flagged, and cleared once sent", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await newOrder(b.t, productIds[0]);
    const now = Date.now();
    const [soon, later] = await b.t.run(async (ctx) => {
      const row = {
        kind: "ack" as const,
        channel: "shop",
        externalOrderId: "E1",
        orderId,
        status: "pending" as const,
        attempts: 3,
        nextAttemptAt: now,
        createdAt: now,
        lastError: "HTTP 503",
      };
      return [
        await ctx.db.insert("outbox", { ...row, idempotencyKey: "ack:shop:E1", dueAt: now + 3 * HOUR }),
        await ctx.db.insert("outbox", {
          ...row,
          idempotencyKey: "ack:shop:E2",
          externalOrderId: "E2",
          dueAt: now + 10 * HOUR,
        }),
      ];
    });
    await runScan(b.t);
    const flags = await stuckFlags(b.t);
    expect(flags.map((f) => [f.key, f.reason, f.detail])).toEqual([
      [`ack:${soon}`, "shop acknowledgement due in 180 min", "Attempts 3; last error: HTTP 503."],
    ]);
    void later;
    await b.t.run((ctx) => ctx.db.patch("outbox", soon, { status: "sent", sentAt: Date.now() }));
    await runScan(b.t);
    expect(await stuckFlags(b.t)).toEqual([]);
  });
});
