import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { internal } from "./_generated/api";
import { setupStocked, setupTest, type TestBackend, usAddress } from "./testing/setup.testing";
import { createOrder, type OrderDraft } from "./model/orders/create";
import type { Id } from "./_generated/dataModel";

const scheduledNames = (t: TestBackend) =>
  t.run(async (ctx) =>
    (await ctx.db.system.query("_scheduled_functions").collect())
      .filter((s) => s.state.kind === "pending")
      .map((s) => s.name),
  );

describe("no idle cost", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("the safety net on an idle deployment schedules nothing (no Node action started)", async () => {
    const { t } = await setupTest();
    expect(await t.mutation(internal.scheduling.safetyNet, {})).toEqual({
      pulls: 0,
      outbox: false,
      notifications: false,
      tracking: false,
      carrierPolls: false,
      presenceExpired: 0,
      rateLimitsExpired: 0,
    });
    expect(await scheduledNames(t)).toEqual([]);
  });

  test("queuing a customer message schedules the sender once, in the same mutation", async () => {
    const { t, productIds } = await setupStocked([5]);
    await t.run((ctx) =>
      createOrder(ctx, undefined, {
        kind: "phone",
        channel: "manual",
        customer: { name: "Pat", email: "pat@example.com", phone: "+15555550100" },
        shipTo: usAddress,
        currency: "USD",
        lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 1000 }],
      } as OrderDraft),
    );
    const names = await scheduledNames(t);
    expect(names.filter((n) => n.includes("notify/worker:drain")).length).toBe(1);
  });

  test("a message due whose wake-up was lost is picked up by the safety net, and only then", async () => {
    const { t } = await setupTest();
    const orderId: Id<"orders"> = await t.run(async (ctx) => {
      return ctx.db.insert("orders", {
        number: "SO-9",
        kind: "phone",
        channel: "manual",
        customer: { name: "A", email: "a@example.com" },
        shipTo: usAddress,
        currency: "USD",
        totalMinor: 0,
        status: "ready",
        priority: 0,
        placedAt: 0,
      });
    });
    await t.run((ctx) =>
      ctx.db.insert("notifications", {
        event: "order_confirmed",
        channel: "email",
        orderId,
        orderNumber: "SO-9",
        idempotencyKey: "k",
        to: "a@example.com",
        subject: "s",
        body: "b",
        templateVersion: 1,
        status: "queued",
        attempts: 0,
        nextAttemptAt: Date.now() + 60_000,
        createdAt: 0,
      }),
    );
    expect((await t.mutation(internal.scheduling.safetyNet, {})).notifications).toBe(false);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await t.mutation(internal.scheduling.safetyNet, {})).notifications).toBe(true);
    expect((await scheduledNames(t)).filter((n) => n.includes("notify/worker:drain"))).toHaveLength(1);
  });
});
