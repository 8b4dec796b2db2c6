/**
 * Issue 20 — what the finance export is made of, at its sources: the shipping an order charged
 * (manual form, CSV) and the refund every desk cancel of a paid order or line records through the
 * one path (model/orders/refunds.ts), on the order's trail.
 */
import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { MAX_MONEY_MINOR, MAX_TOTAL_MINOR } from "./lib/bounds";
import {
  customerOrder,
  errorOf,
  expectCode,
  expectInvariants,
  linesOf,
  PAT,
  rowsOf,
  sameLineTwice,
  setupStocked,
  type TestBackend,
} from "./testing/setup.testing";
import { connect, csvRow } from "./testing/channels.testing";
import { orderPage } from "./model/finance/exports";
import { MAX_CANCEL_REFUNDS } from "./model/orders/refunds";

/** Pat's phone order: 2, 3, … units of each product at 12.50. */
const orderInput = (productIds: Id<"products">[], over: Record<string, unknown> = {}) => ({
  ...customerOrder(PAT, productIds, { quantity: (i) => i + 2, unitPriceMinor: 1250 }),
  ...over,
});

const refundsOf = (t: TestBackend, orderId: Id<"orders">) => rowsOf(t, "cancellationRefunds", orderId);
const trailOf = (t: TestBackend, orderId: Id<"orders">) => rowsOf(t, "orderEvents", orderId);

describe("shipping charged", () => {
  test("a manual order keeps its shipping charge beside the lines' total; none given is none", async () => {
    const { t, supervisor, productIds } = await setupStocked([20]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: orderInput(productIds, { shippingChargedMinor: 599 }),
    });
    const plain = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    const [a, b] = await t.run(async (ctx) => [
      await ctx.db.get("orders", orderId),
      await ctx.db.get("orders", plain.orderId),
    ]);
    expect(a).toMatchObject({ totalMinor: 2500, shippingChargedMinor: 599 });
    expect(b!.totalMinor).toBe(2500);
    expect(b!.shippingChargedMinor).toBeUndefined();
    const page = await supervisor.query(api.orders.get, { id: orderId });
    expect(page?.order.shippingChargedMinor).toBe(599);
    await expectInvariants(t);
  });

  test("a negative, fractional or oversized charge is refused naming the field, and nothing is written", async () => {
    const { t, supervisor, productIds } = await setupStocked([20]);
    for (const bad of [-1, 1.5, MAX_MONEY_MINOR + 1, Number.NaN]) {
      const e = await errorOf(
        supervisor.mutation(api.orders.createManual, { order: orderInput(productIds, { shippingChargedMinor: bad }) }),
      );
      expect(e.code).toBe("INVALID_INPUT");
      expect(JSON.stringify(e.fields ?? e.message)).toMatch(/shippingChargedMinor|Shipping charged|minor units|number/);
    }
    // Lines at the total's bound: the charge on top would pass it.
    const huge = orderInput(productIds, { shippingChargedMinor: MAX_MONEY_MINOR });
    huge.lines = [{ productId: productIds[0], quantity: 10_000, unitPriceMinor: MAX_TOTAL_MINOR / 10_000 }];
    const e = await errorOf(supervisor.mutation(api.orders.createManual, { order: huge }));
    expect(e.fields?.shippingChargedMinor).toMatch(/too large/);
    expect(await t.run((ctx) => ctx.db.query("orders").collect())).toEqual([]);
  });

  test("the CSV column shipping_charged: once per order, a bad amount is a row error, rows must agree", async () => {
    const { t, supervisor, productIds } = await setupStocked([50]);
    const sku = await t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
    await connect(t, "csv", "csv");
    const row = (over: Record<string, string>) => csvRow({ sku, quantity: "1", ...over });
    const bad = await supervisor.query(api.channels.previewCsv, {
      rows: [
        row({ shipping_charged: "4.999" }),
        row({ order_id: "W-2", shipping_charged: "4.99" }),
        row({ order_id: "W-2", shipping_charged: "5.99" }),
      ],
      excludedRows: [],
    });
    expect(bad.rowErrors.map((r) => [r.row, Object.keys(r.errors)])).toEqual([
      [2, ["shipping_charged"]],
      [4, ["shipping_charged"]],
    ]);
    expect(
      await supervisor.mutation(api.channels.importCsv, {
        rows: [row({ shipping_charged: "$4.99" }), row({ shipping_charged: "$4.99", quantity: "2" })],
        excludedRows: [],
      }),
    ).toEqual({ created: 1, skipped: 0 });
    const [order] = await t.run((ctx) => ctx.db.query("orders").collect());
    expect(order).toMatchObject({ totalMinor: 5997, shippingChargedMinor: 499 });
    await expectInvariants(t);
  });
});

describe("refunds on the desk's cancels (one path)", () => {
  test("cancelling a paid order refunds every unit and the shipping, due, on the trail", async () => {
    const { t, supervisor, productIds } = await setupStocked([20, 20]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: orderInput(productIds, { shippingChargedMinor: 799 }),
    });
    await supervisor.mutation(api.orders.cancel, { orderId, reason: "Customer changed their mind" });
    const refunds = await refundsOf(t, orderId);
    // 2 × 12.50 + 3 × 12.50 + 7.99 shipping.
    expect(refunds).toMatchObject([
      {
        amountMinor: 2500 + 3750 + 799,
        shippingMinor: 799,
        status: "due",
        reason: "Customer changed their mind",
        byName: "Test supervisor",
        lines: [
          { quantity: 2, amountMinor: 2500 },
          { quantity: 3, amountMinor: 3750 },
        ],
      },
    ]);
    const trail = await trailOf(t, orderId);
    expect(trail.find((e) => e.reason?.startsWith("Refund of $70.49"))).toMatchObject({
      actorName: "Test supervisor",
      details: expect.arrayContaining(["Shipping charged: $7.99"]),
    });
    await expectInvariants(t);
  });

  test("cancelling lines refunds those units only; cancelling the rest (order cancelled) gives the shipping back", async () => {
    const { t, supervisor, productIds } = await setupStocked([20, 20]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: orderInput(productIds, { shippingChargedMinor: 500 }),
    });
    const [a, b] = await linesOf(t, orderId);
    await supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [{ lineId: b._id, quantity: 1 }],
      reason: "One arrived broken in store",
    });
    expect((await refundsOf(t, orderId)).map((r) => [r.amountMinor, r.shippingMinor])).toEqual([[1250, undefined]]);
    await supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [
        { lineId: a._id, quantity: 2 },
        { lineId: b._id, quantity: 2 },
      ],
      reason: "Customer cancelled the rest",
    });
    const order = await t.run((ctx) => ctx.db.get("orders", orderId));
    expect(order!.status).toBe("cancelled");
    expect((await refundsOf(t, orderId)).map((r) => [r.amountMinor, r.shippingMinor])).toEqual([
      [1250, undefined],
      [2500 + 2500 + 500, 500],
    ]);
    // Σ refunds = what was paid: lines + shipping.
    expect((await refundsOf(t, orderId)).reduce((s, r) => s + r.amountMinor, 0)).toBe(order!.totalMinor + 500);
    await expectInvariants(t);
  });

  test("an order cancelled unit by unit, more times than its refund rows are listed, exports every refund", async () => {
    const { t, supervisor, productIds } = await setupStocked([200]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: { ...orderInput(productIds), lines: [{ productId: productIds[0], quantity: 150, unitPriceMinor: 1250 }] },
    });
    const [line] = await linesOf(t, orderId);
    const cancels = MAX_CANCEL_REFUNDS + 5;
    for (let i = 0; i < cancels; i++)
      await supervisor.mutation(api.orders.cancelOrderLines, {
        orderId,
        lines: [{ lineId: line._id, quantity: 1 }],
        reason: `Unit ${i + 1} no longer wanted`,
      });
    expect(await refundsOf(t, orderId)).toHaveLength(cancels);
    const page = await t.run((ctx) =>
      orderPage(ctx, { from: 0, to: Date.UTC(2100, 0, 1), cursor: null, numItems: 10 }),
    );
    expect(page.rows.map((r) => r.refundsMinor)).toEqual([cancels * 1250]);
    await expectInvariants(t);
  });

  test("a refused cancel (a line named twice) writes no refund; an unpaid order's cancel refunds nothing", async () => {
    const { t, supervisor, productIds } = await setupStocked([20]);
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: orderInput(productIds) });
    const [line] = await linesOf(t, orderId);
    await expectCode(
      supervisor.mutation(api.orders.cancelOrderLines, sameLineTwice(orderId, line._id, "twice")),
      "DUPLICATE",
    );
    expect(await refundsOf(t, orderId)).toEqual([]);
    // Payment not taken (a channel order still pending payment): cancelling gives nothing back.
    await t.run((ctx) => ctx.db.patch("orders", orderId, { paymentStatus: "pending" }));
    await supervisor.mutation(api.orders.cancel, { orderId, reason: "Payment never came" });
    expect(await refundsOf(t, orderId)).toEqual([]);
    await expectInvariants(t);
  });
});
