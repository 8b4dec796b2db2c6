import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { TRANSITIONS, ORDER_STATUSES, type OrderStatus } from "./lib/orderStatus";
import { transitionOrder } from "./model/orders/transition";
import { releaseHold } from "./model/orders/lifecycle";
import { SYSTEM } from "./model/audit/record";
import {
  customerOrder,
  errorOf,
  expectInvariants,
  PAT,
  setupStocked,
  type TestBackend,
  usAddress,
} from "./testing/setup.testing";

/** Pat's phone order: 1, 2, … units of each product at 12.50. */
const orderInput = (productIds: Id<"products">[], over: Record<string, unknown> = {}) => ({
  ...customerOrder(PAT, productIds, { quantity: (i) => i + 1, unitPriceMinor: 1250 }),
  ...over,
});

async function countRows(t: TestBackend) {
  return t.run(async (ctx) => ({
    orders: (await ctx.db.query("orders").collect()).length,
    lines: (await ctx.db.query("orderLines").collect()).length,
    events: (await ctx.db.query("orderEvents").collect()).length,
    counters: (await ctx.db.query("counters").collect()).length,
  }));
}

describe("manual orders", () => {
  test("a phone order gets a number, exact totals, lines, and pending → ready → allocated on its trail", async () => {
    const { t, supervisor, floor, productIds } = await setupStocked([10, 10]);
    const { orderId, number } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    expect(number).toBe("SO-100001");
    const second = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    expect(second.number).toBe("SO-100002");
    const { order, lines } = await floor.query(api.orders.get, { id: orderId });
    expect(order.status).toBe("allocated");
    expect(order.totalMinor).toBe(1250 * 1 + 1250 * 2);
    expect(lines.map((l) => [l.quantity, l.unallocated, l.allocated])).toEqual([
      [1, 0, 1],
      [2, 0, 2],
    ]);
    const events = await floor.query(api.orders.events, { orderId, paginationOpts: { numItems: 10, cursor: null } });
    expect(events.page.map((e) => [e.kind, e.from ?? null, e.to ?? null, e.actorName])).toEqual([
      ["status", "ready", "allocated", "Test supervisor"],
      ["status", "pending", "ready", "Test supervisor"],
      ["created", null, "pending", "Test supervisor"],
    ]);
    expect((await floor.query(api.orders.findByNumber, { number: "100001" }))?._id).toBe(orderId);
    await expectInvariants(t);
  });

  test.each([
    [
      "malformed US postal code",
      { shipTo: { ...usAddress, postalCode: "1234" } },
      "shipTo.postalCode",
      /not a valid United States postal code/,
    ],
    [
      "malformed CA postal code",
      { shipTo: { ...usAddress, country: "CA", region: "ON", postalCode: "12345" } },
      "shipTo.postalCode",
      /Canada/,
    ],
    [
      "malformed GB postcode",
      { shipTo: { ...usAddress, country: "GB", region: undefined, postalCode: "ABC" } },
      "shipTo.postalCode",
      /United Kingdom/,
    ],
    [
      "malformed DE postal code",
      { shipTo: { ...usAddress, country: "DE", region: undefined, postalCode: "1011" } },
      "shipTo.postalCode",
      /Germany/,
    ],
    [
      "malformed NL postal code",
      { shipTo: { ...usAddress, country: "NL", region: undefined, postalCode: "0123 AB" } },
      "shipTo.postalCode",
      /Netherlands/,
    ],
    [
      "malformed FR postal code",
      { shipTo: { ...usAddress, country: "FR", region: undefined, postalCode: "99000" } },
      "shipTo.postalCode",
      /France/,
    ],
    ["missing street", { shipTo: { ...usAddress, line1: " " } }, "shipTo.line1", /required/],
    ["missing US state", { shipTo: { ...usAddress, region: "" } }, "shipTo.region", /State/],
    ["bad email", { customer: { name: "Pat", email: "pat@" } }, "customer.email", /not an email/],
    ["no lines", { lines: [] }, "lines", /at least one line/],
    ["replacement without original", { kind: "replacement" }, "originalOrderId", /original order/],
  ])("%s is refused naming the field and writes nothing", async (_name, over, field, message) => {
    const { t, supervisor, productIds } = await setupStocked([5]);
    const before = await countRows(t);
    const err = await errorOf(supervisor.mutation(api.orders.createManual, { order: orderInput(productIds, over) }));
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.fields?.[field]).toMatch(message);
    expect(await countRows(t)).toEqual(before);
  });

  test("valid postcodes of each checked country are accepted", async () => {
    const { supervisor, productIds } = await setupStocked([5]);
    const cases = [
      { country: "CA", region: "ON", postalCode: "k1a0b1" },
      { country: "GB", postalCode: "SW1A 1AA" },
      { country: "DE", postalCode: "10115" },
      { country: "NL", postalCode: "1012AB" },
      { country: "FR", postalCode: "75008" },
      { country: "US", region: "NY", postalCode: "10001-1234" },
    ];
    for (const c of cases) {
      const { orderId } = await supervisor.mutation(api.orders.createManual, {
        order: orderInput(productIds, { shipTo: { ...usAddress, region: undefined, ...c } }),
      });
      const { order } = await supervisor.query(api.orders.get, { id: orderId });
      expect(order.shipTo.postalCode).toBe({ CA: "K1A 0B1", NL: "1012 AB" }[c.country] ?? c.postalCode);
    }
  });

  test("non-positive or fractional quantity, unknown product and mixed currency are refused", async () => {
    const { t, supervisor, productIds } = await setupStocked([5, 5], [{}, { currency: "EUR" }]);
    const ghost = await t.run(async (ctx) => {
      const id = await ctx.db.insert("products", {
        sku: "GHOST",
        name: "g",
        nameLower: "g",
        barcodes: [],
        weightGrams: 1,
        lengthMm: 1,
        widthMm: 1,
        heightMm: 1,
        priceMinor: 1,
        costMinor: 1,
        currency: "USD",
        active: true,
      });
      await ctx.db.delete("products", id);
      return id;
    });
    const before = await countRows(t);
    const err = await errorOf(
      supervisor.mutation(api.orders.createManual, {
        order: orderInput([], {
          lines: [
            { productId: productIds[0], quantity: 0, unitPriceMinor: 100 },
            { productId: productIds[0], quantity: 1.5, unitPriceMinor: 100 },
            { productId: ghost, quantity: 1, unitPriceMinor: 100 },
            { productId: productIds[1], quantity: 1, unitPriceMinor: 100 },
          ],
        }),
      }),
    );
    expect(err.fields).toMatchObject({
      "lines.0.quantity": expect.stringMatching(/above zero/),
      "lines.1.quantity": expect.stringMatching(/whole number/),
      "lines.2.productId": "Unknown product.",
      "lines.3.productId": expect.stringMatching(/priced in EUR.*one currency/),
    });
    expect(await countRows(t)).toEqual(before);
  });

  test("a replacement references its original order", async () => {
    const { supervisor, productIds } = await setupStocked([5]);
    const original = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    const repl = await supervisor.mutation(api.orders.createManual, {
      order: orderInput(productIds, {
        kind: "replacement",
        originalOrderId: original.orderId,
        lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 0 }],
      }),
    });
    const got = await supervisor.query(api.orders.get, { id: repl.orderId });
    expect(got.originalNumber).toBe(original.number);
    expect(got.order.totalMinor).toBe(0);
  });

  test("floor staff may read orders but not create them", async () => {
    const { floor, productIds } = await setupStocked([5]);
    expect((await errorOf(floor.mutation(api.orders.createManual, { order: orderInput(productIds) }))).code).toBe(
      "FORBIDDEN",
    );
  });
});

describe("lifecycle", () => {
  test("hold and release return the order where it was, each step audited", async () => {
    const { t, supervisor, productIds } = await setupStocked([5]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    await supervisor.mutation(api.orders.hold, { orderId, reason: "Customer asked to wait" });
    let { order } = await supervisor.query(api.orders.get, { id: orderId });
    expect([order.status, order.heldFrom, order.holdReason]).toEqual([
      "on_hold",
      "allocated",
      "Customer asked to wait",
    ]);
    expect((await errorOf(supervisor.mutation(api.orders.hold, { orderId, reason: "again" }))).code).toBe(
      "INVALID_TRANSITION",
    );
    await supervisor.mutation(api.orders.release, { orderId });
    ({ order } = await supervisor.query(api.orders.get, { id: orderId }));
    expect([order.status, order.heldFrom]).toEqual(["allocated", undefined]);
    expect((await errorOf(supervisor.mutation(api.orders.release, { orderId }))).code).toBe("INVALID_TRANSITION");
    const trail = await supervisor.query(api.orders.events, {
      orderId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(trail.page.map((e) => `${e.from}>${e.to}:${e.reason}`).slice(0, 2)).toEqual([
      "on_hold>allocated:Hold released",
      "allocated>on_hold:Customer asked to wait",
    ]);
    // The reservation stayed through the hold.
    expect((await t.run((ctx) => ctx.db.query("inventoryLevels").collect()))[0].reserved).toBe(1);
    await expectInvariants(t);
  });

  test("an order not on hold is refused in one sentence by the release verb and by the pipeline's release step", async () => {
    const { t, supervisor, productIds } = await setupStocked([5]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    const { order } = await supervisor.query(api.orders.get, { id: orderId });
    const notHeld = { code: "INVALID_TRANSITION", message: `Order ${order.number} is not on hold.` };
    expect(await errorOf(supervisor.mutation(api.orders.release, { orderId }))).toEqual(notHeld);
    expect(await errorOf(t.run((ctx) => releaseHold(ctx, SYSTEM, orderId)))).toEqual(notHeld);
  });

  test("a hold needs a reason", async () => {
    const { supervisor, productIds } = await setupStocked([5]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    const err = await errorOf(supervisor.mutation(api.orders.hold, { orderId, reason: " " }));
    expect(err.fields?.reason).toBeDefined();
  });

  test("cancelling part of a line keeps the arithmetic exact; cancelling the rest cancels the order", async () => {
    const { t, supervisor, productIds } = await setupStocked([5, 5]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    const { lines } = await supervisor.query(api.orders.get, { id: orderId });
    await supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [{ lineId: lines[1]._id, quantity: 1 }],
      reason: "Customer changed mind",
    });
    let got = await supervisor.query(api.orders.get, { id: orderId });
    expect(got.lines[1]).toMatchObject({ quantity: 2, allocated: 1, cancelled: 1 });
    expect(got.order.status).toBe("allocated");
    await expectInvariants(t);
    const over = await errorOf(
      supervisor.mutation(api.orders.cancelOrderLines, {
        orderId,
        lines: [{ lineId: lines[1]._id, quantity: 2 }],
        reason: "too many",
      }),
    );
    expect(over).toEqual({
      code: "INVALID_INPUT",
      message: `Only 1 of ${lines[1].sku} can still be cancelled.`,
      fields: { [`lines.${lines[1]._id}`]: "At most 1." },
    });
    await supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [
        { lineId: lines[0]._id, quantity: 1 },
        { lineId: lines[1]._id, quantity: 1 },
      ],
      reason: "All gone",
    });
    got = await supervisor.query(api.orders.get, { id: orderId });
    expect(got.order.status).toBe("cancelled");
    await expectInvariants(t);
  });

  test("cancel releases reservations of allocated, unpicked units", async () => {
    const { t, supervisor, productIds } = await setupStocked([5]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: orderInput(productIds, { lines: [{ productId: productIds[0], quantity: 3, unitPriceMinor: 100 }] }),
    });
    expect((await t.run(async (ctx) => (await ctx.db.query("inventoryLevels").collect())[0])).reserved).toBe(3);
    await supervisor.mutation(api.orders.cancel, { orderId, reason: "Fraud suspected" });
    const level = await t.run(async (ctx) => (await ctx.db.query("inventoryLevels").collect())[0]);
    expect([level.onHand, level.reserved]).toEqual([5, 0]);
    const { order, lines } = await supervisor.query(api.orders.get, { id: orderId });
    expect(order.status).toBe("cancelled");
    expect(lines[0]).toMatchObject({ allocated: 0, cancelled: 3 });
    const [shipment] = await t.run((ctx) => ctx.db.query("shipments").collect());
    expect([shipment.status, shipment.lines]).toEqual(["cancelled", []]);
    await expectInvariants(t);
  });

  test("a cancelled order cannot be held, released or cancelled again", async () => {
    const { supervisor, productIds } = await setupStocked([5]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    await supervisor.mutation(api.orders.cancel, { orderId, reason: "Duplicate order" });
    for (const call of [
      supervisor.mutation(api.orders.hold, { orderId, reason: "why not" }),
      supervisor.mutation(api.orders.release, { orderId }),
      supervisor.mutation(api.orders.cancel, { orderId, reason: "again!" }),
    ]) {
      expect((await errorOf(call)).code).toBe("INVALID_TRANSITION");
    }
  });
});

describe("transition table", () => {
  // One check per pair: every transition not in the table is refused and leaves no trace.
  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));
  test("transitionOrder allows exactly the table's transitions", async () => {
    const { t, supervisor, productIds } = await setupStocked([5]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    for (const [from, to] of pairs) {
      const outcome = await t.run(async (ctx) => {
        await ctx.db.patch("orders", orderId, { status: from });
        const before = (await ctx.db.query("orderEvents").collect()).length;
        try {
          await transitionOrder(ctx, undefined, orderId, { to, reason: "test" });
          const after = (await ctx.db.query("orderEvents").collect()).length;
          return { ok: true, wrote: after - before };
        } catch (e) {
          return { ok: false, code: (e as { data?: { code?: string } }).data?.code };
        }
      });
      if (TRANSITIONS[from].includes(to)) expect(outcome, `${from} → ${to}`).toEqual({ ok: true, wrote: 1 });
      else expect(outcome, `${from} → ${to}`).toEqual({ ok: false, code: "INVALID_TRANSITION" });
    }
  });
});
