/**
 * The truth check sees every violation it claims to: each invariant is broken on purpose (a row
 * patched behind the model's back) and the report must name it, where, and by how much. Also the
 * CLI/admin entry points and the oversell the issue found (a line named twice) refused at the door.
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import {
  errorOf,
  expectInvariants,
  invariantReport,
  levelOf,
  linesOf,
  rowsOf,
  sameLineTwice,
  seedStock,
  setupStocked,
  setupTest,
  type TestBackend,
} from "./testing/setup.testing";
import { placeOrder } from "./testing/boards.testing";
import type { Violation } from "./model/invariants/check";
import { insertRow } from "./testing/rows.testing";

type B = Awaited<ReturnType<typeof setupTest>>;

/** Two orders: one allocated (2 units), one backordered (3 units of an empty product). */
async function world() {
  const { productIds, warehouseId, ...b } = await setupStocked([5, 0]);
  const allocated = (await placeOrder(b, [{ productId: productIds[0], quantity: 2 }])).orderId;
  const waiting = (await placeOrder(b, [{ productId: productIds[1], quantity: 3 }])).orderId;
  const [line] = await linesOf(b.t, allocated);
  const [waitingLine] = await linesOf(b.t, waiting);
  const level = await levelOf(b.t, productIds[0], warehouseId);
  const [shipment] = await rowsOf(b.t, "shipments", allocated);
  await expectInvariants(b.t);
  return {
    b,
    productIds,
    warehouseId,
    allocated,
    waiting,
    line: line._id,
    waitingLine: waitingLine._id,
    level: level._id,
    shipment: shipment._id,
  };
}

async function expectViolation(
  t: TestBackend,
  expected: Partial<Violation> & { invariant: string },
  whereIncludes: string,
) {
  const report = await invariantReport(t);
  const hit = report.find((v) => v.invariant === expected.invariant && v.where.includes(whereIncludes));
  expect(hit, `${expected.invariant} at ${whereIncludes} in ${JSON.stringify(report)}`).toBeDefined();
  expect(hit).toMatchObject(expected);
  expect(hit!.message.length).toBeGreaterThan(5);
}

describe("the truth check names each broken invariant, where and by how much", () => {
  test("reserved above on hand", async () => {
    const w = await world();
    await w.b.t.run((ctx) => ctx.db.patch("inventoryLevels", w.level, { reserved: 7 }));
    await expectViolation(w.b.t, { invariant: "level.bounds", by: 2 }, w.level);
    await expectViolation(w.b.t, { invariant: "level.reserved", by: -5 }, w.level);
  });

  test("reserved that no shipment line backs (the duplicate-cancel oversell)", async () => {
    const w = await world();
    await w.b.t.run((ctx) => ctx.db.patch("inventoryLevels", w.level, { reserved: 0 }));
    await expectViolation(w.b.t, { invariant: "level.reserved", by: 2 }, w.level);
  });

  test("on hand and damaged that the movements do not add up to", async () => {
    const w = await world();
    await w.b.t.run((ctx) => ctx.db.patch("inventoryLevels", w.level, { onHand: 9, damaged: 1 }));
    await expectViolation(w.b.t, { invariant: "ledger.onHand", by: 4 }, w.level);
    await expectViolation(w.b.t, { invariant: "ledger.damaged", by: 1 }, w.level);
  });

  test("cost layers holding more units than are on hand (units left without taking their layers)", async () => {
    const w = await world();
    await w.b.t.run(async (ctx) => {
      const layer = (await ctx.db.query("costLayers").first())!;
      await ctx.db.patch("costLayers", layer._id, { quantityRemaining: layer.quantityRemaining + 3 });
    });
    await expectViolation(w.b.t, { invariant: "level.layers", by: 3 }, w.level);
  });

  test("fewer units in cost layers than on hand is not a violation (stock with no layer costs the standard cost)", async () => {
    const w = await world();
    await w.b.t.run(async (ctx) => {
      const layer = (await ctx.db.query("costLayers").first())!;
      await ctx.db.patch("costLayers", layer._id, { quantityRemaining: 0 });
    });
    await expectInvariants(w.b.t);
  });

  test("a movement beyond safe integers (sums would depend on their order)", async () => {
    const w = await world();
    await w.b.t.run(async (ctx) => {
      const m = (await ctx.db
        .query("inventoryMovements")
        .withIndex("by_levelId", (q) => q.eq("levelId", w.level))
        .first())!;
      await ctx.db.insert("inventoryMovements", {
        ...m,
        _id: undefined,
        _creationTime: undefined,
        onHandDelta: 2 ** 53,
      } as never);
      await ctx.db.insert("inventoryMovements", {
        ...m,
        _id: undefined,
        _creationTime: undefined,
        onHandDelta: -(2 ** 53),
      } as never);
    });
    await expectViolation(w.b.t, { invariant: "ledger.movement" }, "inventoryMovements");
  });

  test("line arithmetic, and returned above shipped", async () => {
    const w = await world();
    await w.b.t.run((ctx) => ctx.db.patch("orderLines", w.line, { cancelled: 1, returned: 1 }));
    const report = await invariantReport(w.b.t);
    const line = report
      .filter((v) => v.invariant === "line.arithmetic" && v.where.includes(w.line))
      .map((v) => v.message);
    expect(line).toEqual(
      expect.arrayContaining([expect.stringMatching(/ordered 2 ≠/), expect.stringMatching(/returned 1 > shipped 0/)]),
    );
  });

  test("allocated units no shipment carries", async () => {
    const w = await world();
    await w.b.t.run(async (ctx) => {
      const line = (await ctx.db.get("orderLines", w.line))!;
      await ctx.db.patch("orderLines", w.line, {
        allocated: line.allocated + 1,
        unallocated: line.unallocated - 1 + 1,
        quantity: line.quantity + 1,
      });
    });
    await expectViolation(w.b.t, { invariant: "line.allocated", by: -1 }, w.line);
  });

  test("backordered units missing from the backorder queue", async () => {
    const w = await world();
    await w.b.t.run(async (ctx) => {
      for (const row of await ctx.db
        .query("backorders")
        .withIndex("by_orderLineId", (q) => q.eq("orderLineId", w.waitingLine))
        .collect())
        await ctx.db.delete("backorders", row._id);
    });
    await expectViolation(w.b.t, { invariant: "line.backordered", by: -3 }, w.waitingLine);
  });

  test("an order's refund sum that its cancellation refunds do not add up to", async () => {
    const w = await world();
    await w.b.supervisor.mutation(api.orders.cancel, { orderId: w.waiting, reason: "Customer cancelled" });
    await expectInvariants(w.b.t);
    const [refund] = await rowsOf(w.b.t, "cancellationRefunds", w.waiting);
    await w.b.t.run((ctx) => ctx.db.patch("cancellationRefunds", refund._id, { amountMinor: refund.amountMinor - 1 }));
    await expectViolation(w.b.t, { invariant: "order.refunds", by: 1 }, w.waiting);
  });

  test("a status its lines do not support", async () => {
    const w = await world();
    await w.b.t.run((ctx) => ctx.db.patch("orders", w.waiting, { status: "allocated" }));
    await expectViolation(w.b.t, { invariant: "order.status" }, w.waiting);
  });

  test("on hold with no open hold in the exception queue, and an open hold on an order not held", async () => {
    const w = await world();
    await w.b.t.run((ctx) => ctx.db.patch("orders", w.allocated, { status: "on_hold", heldFrom: "allocated" }));
    await expectViolation(w.b.t, { invariant: "order.hold" }, w.allocated);
    await w.b.t.run(async (ctx) => {
      await ctx.db.patch("orders", w.allocated, { status: "allocated", heldFrom: undefined });
      await ctx.db.insert("orderHolds", {
        orderId: w.waiting,
        type: "fraud",
        scope: "order",
        blocking: true,
        status: "open",
        reason: "score 80",
        createdAt: 0,
      });
    });
    await expectViolation(w.b.t, { invariant: "order.hold", by: 1 }, w.waiting);
  });

  test("two live labels for one package, and postage that disagrees with the labels", async () => {
    const w = await world();
    await w.b.t.run(async (ctx) => {
      const shipmentId = w.shipment;
      const packageId = await insertRow(ctx, "packages", { shipmentId });
      const requestId = await insertRow(ctx, "rateShopRequests", { shipmentId, packageIds: [packageId] });
      const quote = { service: "Priority", amountMinor: 500 };
      const quoteId = await insertRow(ctx, "shippingQuotes", { shipmentId, requestId, ...quote });
      for (const k of ["a", "b"]) {
        await insertRow(ctx, "shippingLabels", {
          shipmentId,
          packageId,
          quoteId,
          purchaseKey: k,
          idempotencyKey: k,
          service: "Priority",
          status: "purchased",
          costMinor: 500,
        });
      }
      await ctx.db.insert("shipmentPostage", { shipmentId: w.shipment, costMinor: 500, currency: "USD", labels: 1 });
    });
    await expectViolation(w.b.t, { invariant: "label.once", by: 1 }, "packages");
    await expectViolation(w.b.t, { invariant: "label.postage", by: -500 }, w.shipment);
  });

  test("the CLI action and the admin check report the same, and a clean database is ok", async () => {
    const w = await world();
    expect(await w.b.t.action(internal.invariants.verifyInvariants, {})).toMatchObject({ ok: true, violations: [] });
    await w.b.t.run((ctx) => ctx.db.patch("inventoryLevels", w.level, { onHand: 4 }));
    const report = await w.b.admin.action(api.invariants.check, {});
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ invariant: "ledger.onHand", by: -1 })]),
    );
    await expect(w.b.supervisor.action(api.invariants.check, {})).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
  });
});

describe("requests that name a thing twice", () => {
  async function allocatedLine(b: B) {
    const { productIds } = await seedStock(b.t, [2]);
    const { orderId } = await placeOrder(b, [{ productId: productIds[0], quantity: 2 }]);
    const line = (await linesOf(b.t, orderId))[0];
    return { orderId, line, productIds };
  }

  test("cancelOrderLines naming a line twice is refused and changes nothing (no oversell)", async () => {
    const b = await setupTest();
    const { orderId, line } = await allocatedLine(b);
    const e = await errorOf(
      b.supervisor.mutation(api.orders.cancelOrderLines, sameLineTwice(orderId, line._id, "customer")),
    );
    expect(e.code).toBe("DUPLICATE");
    expect(e.message).toMatch(/same line twice/);
    expect(await b.t.run((ctx) => ctx.db.get("orderLines", line._id))).toMatchObject({ allocated: 2, cancelled: 0 });
    await expectInvariants(b.t);
  });

  test("cancelOrderLines checks every entry before writing: an over-ask leaves the other lines alone", async () => {
    const { productIds, ...b } = await setupStocked([3, 3]);
    const { orderId } = await placeOrder(b, [
      { productId: productIds[0], quantity: 2 },
      { productId: productIds[1], quantity: 1 },
    ]);
    const lines = await linesOf(b.t, orderId);
    const e = await errorOf(
      b.supervisor.mutation(api.orders.cancelOrderLines, {
        orderId,
        lines: [
          { lineId: lines[0]._id, quantity: 1 },
          { lineId: lines[1]._id, quantity: 5 },
        ],
        reason: "customer",
      }),
    );
    expect(e.code).toBe("INVALID_INPUT");
    expect(await b.t.run((ctx) => ctx.db.get("orderLines", lines[0]._id))).toMatchObject({
      cancelled: 0,
      allocated: 2,
    });
    await expectInvariants(b.t);
  });

  test("a manual order naming a product twice is refused; a channel order keeps the channel's lines", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const e = await errorOf(
      placeOrder(b, [
        { productId: productIds[0], quantity: 1 },
        { productId: productIds[0], quantity: 2 },
      ]),
    );
    expect(e.fields?.["order.lines.1.productId"] ?? e.fields?.["lines.1.productId"]).toMatch(/already on the order/);
    await expectInvariants(b.t);
  });

  test("an RMA naming a line twice merges the quantities against what can be returned", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await placeOrder(b, [{ productId: productIds[0], quantity: 1 }]);
    const line = (await linesOf(b.t, orderId))[0];
    await b.t.run((ctx) => ctx.db.patch("orderLines", line._id, { shipped: 1 }));
    const e = await errorOf(
      b.supervisor.mutation(api.returns.issue, {
        rma: {
          orderId,
          lines: [
            { orderLineId: line._id, quantity: 1, reason: "defective" },
            { orderLineId: line._id, quantity: 1, reason: "wrong_item" },
          ],
          expectedDisposition: "restock",
        },
      }),
    );
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.fields?.["rma.lines.1.quantity"] ?? e.fields?.["lines.1.quantity"]).toMatch(/At most 1/);
  });

  test("a bundle naming a product twice is refused", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const e = await errorOf(
      b.admin.mutation(api.channels.saveMapping, {
        channel: "amazon-us",
        listingSku: "L-1",
        components: [
          { productId: productIds[0], quantity: 1 },
          { productId: productIds[0], quantity: 2 },
        ],
      }),
    );
    expect(e.code).toBe("INVALID_INPUT");
    expect(JSON.stringify(e.fields)).toMatch(/already in the bundle/);
  });
});

describe("found by the model-based run", () => {
  test("cancelling every line of a held order cancels it and closes its holds; a partial cancel moves where a release lands", async () => {
    const { productIds, ...b } = await setupStocked([5, 0]);
    const { orderId } = await placeOrder(b, [{ productId: productIds[0], quantity: 2 }]);
    await b.supervisor.mutation(api.orders.hold, { orderId, reason: "check the address" });
    const line = (await linesOf(b.t, orderId))[0];
    await b.supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [{ lineId: line._id, quantity: 2 }],
      reason: "customer",
    });
    expect(await b.t.run((ctx) => ctx.db.get("orders", orderId))).toMatchObject({ status: "cancelled" });
    expect(
      await b.t.run((ctx) =>
        ctx.db
          .query("orderHolds")
          .withIndex("by_orderId_and_status", (q) => q.eq("orderId", orderId).eq("status", "open"))
          .collect(),
      ),
    ).toEqual([]);
    await expectInvariants(b.t);

    const second = (
      await placeOrder(b, [
        { productId: productIds[0], quantity: 1 },
        { productId: productIds[1], quantity: 1 },
      ])
    ).orderId;
    expect(await b.t.run((ctx) => ctx.db.get("orders", second))).toMatchObject({ status: "partially_allocated" });
    await b.supervisor.mutation(api.orders.hold, { orderId: second, reason: "check the address" });
    const waiting = await b.t.run(async (ctx) =>
      (
        await ctx.db
          .query("orderLines")
          .withIndex("by_orderId", (q) => q.eq("orderId", second))
          .collect()
      ).find((l) => l.backordered > 0)!,
    );
    await b.supervisor.mutation(api.orders.cancelOrderLines, {
      orderId: second,
      lines: [{ lineId: waiting._id, quantity: 1 }],
      reason: "customer",
    });
    expect(await b.t.run((ctx) => ctx.db.get("orders", second))).toMatchObject({
      status: "on_hold",
      heldFrom: "allocated",
    });
    await expectInvariants(b.t);
    await b.supervisor.mutation(api.orders.release, { orderId: second });
    expect(await b.t.run((ctx) => ctx.db.get("orders", second))).toMatchObject({ status: "allocated" });
    await expectInvariants(b.t);
  });
});
