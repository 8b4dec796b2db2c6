import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  dropshipSupplierOf,
  errorOf,
  expectInvariants,
  setupTest,
  stockedSources,
  usAddress,
} from "./testing/setup.testing";

type Sup = Awaited<ReturnType<typeof setupTest>>["supervisor"];

const order = (lines: { productId: Id<"products">; quantity: number }[], over: Record<string, unknown> = {}) => ({
  kind: "phone" as const,
  customer: { name: "Pat", email: "pat@example.com" },
  shipTo: usAddress, // San Francisco 94105
  currency: "USD" as const,
  lines: lines.map((l) => ({ ...l, unitPriceMinor: 1000 })),
  ...over,
});

/** A dropship supplier (lead time 3 days). */
const DROP = { leadTimeDays: 3, priority: 5, supplierSku: "V-1", costMinor: 500 };

/** A backend with two warehouses: WEST in Reno (near San Francisco), EAST in Columbus. */
async function setupTwoWarehouses(stock: { west: number[]; east: number[] }) {
  const b = await setupTest();
  const sources = await stockedSources(b.t, {
    sources: {
      west: {
        code: "WEST",
        latitude: 39.53,
        longitude: -119.81,
        priority: 1,
        address: { name: "W", line1: "1 Dock", city: "Reno", region: "NV", postalCode: "89501", country: "US" },
      },
      east: { code: "EAST", latitude: 39.96, longitude: -82.99, priority: 0 },
    },
    stock,
  });
  return { ...b, ...sources };
}

async function statusOf(sup: Sup, orderId: Id<"orders">) {
  return (await sup.query(api.orders.get, { id: orderId })).order.status;
}

describe("allocation", () => {
  test("an order re-allocated more times than a reader takes shipments keeps one live shipment and its reservation", async () => {
    const { supervisor, t, productIds } = await setupTwoWarehouses({ west: [5], east: [0] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: productIds[0], quantity: 2 }]),
    });
    for (let i = 0; i < 55; i++) await supervisor.mutation(api.allocation.reallocate, { orderId });
    const { shipments } = await supervisor.query(api.allocation.orderPlan, { orderId });
    expect(shipments.filter((s) => s.status === "open").map((s) => s.lines.map((l) => l.quantity))).toEqual([[2]]);
    expect(new Set(shipments.map((s) => s.number)).size).toBe(shipments.length);
    // One shipment per allocation (the first and 55 again): numbers go on, never reused.
    expect(shipments.find((s) => s.status === "open")!.number).toMatch(/-56$/);
    await expectInvariants(t);
  });

  test("no oversell: 200 concurrent one-unit orders against 150 on hand with 50 already reserved", async () => {
    const { t, supervisor, productIds, west } = await setupTwoWarehouses({ west: [150], east: [0] });
    const productId = productIds[0];
    const earlier = await supervisor.mutation(api.orders.createManual, { order: order([{ productId, quantity: 50 }]) });
    expect(await statusOf(supervisor, earlier.orderId)).toBe("allocated");
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        supervisor.mutation(api.orders.createManual, { order: order([{ productId, quantity: 1 }]) }),
      ),
    );
    const statuses = await Promise.all(results.map((r) => statusOf(supervisor, r.orderId)));
    expect(statuses.filter((s) => s === "allocated")).toHaveLength(100);
    expect(statuses.filter((s) => s === "backordered")).toHaveLength(100);
    const level = await t.run(async (ctx) =>
      ctx.db
        .query("inventoryLevels")
        .withIndex("by_productId_and_warehouseId", (q) => q.eq("productId", productId).eq("warehouseId", west))
        .unique(),
    );
    expect([level!.onHand, level!.reserved]).toEqual([150, 150]);
    expect(
      await t.run(async (ctx) => (await ctx.db.query("backorders").collect()).reduce((s, b) => s + b.quantity, 0)),
    ).toBe(100);
    await expectInvariants(t);
  }, 120_000);

  test("proximity ships from the nearer warehouse and explains the choice on the trail", async () => {
    const { t, supervisor, productIds, west } = await setupTwoWarehouses({ west: [5], east: [5] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: productIds[0], quantity: 2 }]),
    });
    const plan = await supervisor.query(api.allocation.orderPlan, { orderId });
    expect(plan.shipments.map((s) => [s.warehouseId, s.lines[0].quantity])).toEqual([[west, 2]]);
    expect(plan.strategy).toBe("proximity");
    const events = await supervisor.query(api.orders.events, {
      orderId,
      paginationOpts: { numItems: 1, cursor: null },
    });
    expect(events.page[0].to).toBe("allocated");
    expect(events.page[0].details?.join("\n")).toMatch(/WEST/);
    await expectInvariants(t);
  });

  test("an order splits when no one source has every line, with one shipment per source", async () => {
    const { t, supervisor, productIds } = await setupTwoWarehouses({ west: [5, 0], east: [0, 5] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([
        { productId: productIds[0], quantity: 1 },
        { productId: productIds[1], quantity: 1 },
      ]),
    });
    const plan = await supervisor.query(api.allocation.orderPlan, { orderId });
    expect(plan.shipments.map((s) => s.warehouseCode).sort()).toEqual(["EAST", "WEST"]);
    expect(plan.shipments.map((s) => s.number).sort()).toEqual(["SO-100001-1", "SO-100001-2"]);
    await expectInvariants(t);
  });

  test("single-warehouse preference ships the whole order from the one source that can", async () => {
    const { t, admin, supervisor, productIds, east } = await setupTwoWarehouses({ west: [5, 0], east: [5, 5] });
    await admin.mutation(api.allocation.setChannelStrategy, { channel: "manual", strategy: "single_warehouse" });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([
        { productId: productIds[0], quantity: 1 },
        { productId: productIds[1], quantity: 1 },
      ]),
    });
    const plan = await supervisor.query(api.allocation.orderPlan, { orderId });
    expect(plan.strategy).toBe("single_warehouse");
    expect(plan.shipments.map((s) => s.warehouseId)).toEqual([east]);
    await expectInvariants(t);
  });

  test("backorders fill FIFO: a partial receipt serves the oldest waiting order first", async () => {
    const { t, floor, supervisor, productIds, west } = await setupTwoWarehouses({ west: [0], east: [0] });
    const productId = productIds[0];
    const a = await supervisor.mutation(api.orders.createManual, { order: order([{ productId, quantity: 2 }]) });
    const b = await supervisor.mutation(api.orders.createManual, { order: order([{ productId, quantity: 2 }]) });
    const c = await supervisor.mutation(api.orders.createManual, { order: order([{ productId, quantity: 2 }]) });
    for (const o of [a, b, c]) expect(await statusOf(supervisor, o.orderId)).toBe("backordered");
    const queue = await floor.query(api.allocation.backorderQueue, { paginationOpts: { numItems: 10, cursor: null } });
    expect(queue.page.map((r) => r.orderNumber)).toEqual([a.number, b.number, c.number]);
    await floor.mutation(api.inventory.receive, { productId, warehouseId: west, quantity: 3 });
    expect(await statusOf(supervisor, a.orderId)).toBe("allocated");
    expect(await statusOf(supervisor, b.orderId)).toBe("partially_allocated");
    expect(await statusOf(supervisor, c.orderId)).toBe("backordered");
    const planB = await floor.query(api.allocation.orderPlan, { orderId: b.orderId });
    expect(planB.backorders.map((x) => [x.quantity, x.position])).toEqual([[1, 1]]);
    const planC = await floor.query(api.allocation.orderPlan, { orderId: c.orderId });
    expect(planC.backorders.map((x) => [x.quantity, x.position])).toEqual([[2, 2]]);
    await expectInvariants(t);
  });

  test("an urgent order goes ahead of older normal ones in the queue", async () => {
    const { t, floor, supervisor, productIds, west } = await setupTwoWarehouses({ west: [0], east: [0] });
    const productId = productIds[0];
    const normal = await supervisor.mutation(api.orders.createManual, { order: order([{ productId, quantity: 1 }]) });
    const urgent = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId, quantity: 1 }], { priority: 2 }),
    });
    await floor.mutation(api.inventory.receive, { productId, warehouseId: west, quantity: 1 });
    expect(await statusOf(supervisor, urgent.orderId)).toBe("allocated");
    expect(await statusOf(supervisor, normal.orderId)).toBe("backordered");
    await expectInvariants(t);
  });

  test("dropship covers what no stock can, only from a supplier that carries the product", async () => {
    const { t, supervisor, productIds } = await setupTwoWarehouses({ west: [1, 0], east: [0, 0] });
    const supplier = await dropshipSupplierOf(t, productIds[0], DROP);
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([
        { productId: productIds[0], quantity: 3 },
        { productId: productIds[1], quantity: 1 },
      ]),
    });
    const { lines, order: o } = await supervisor.query(api.orders.get, { id: orderId });
    expect(lines.map((l) => [l.allocated, l.dropshipped, l.backordered])).toEqual([
      [1, 2, 0],
      [0, 0, 1],
    ]);
    expect(o.status).toBe("partially_allocated");
    const plan = await supervisor.query(api.allocation.orderPlan, { orderId });
    expect(plan.shipments.find((s) => s.warehouseId === supplier)?.source).toBe("dropship");
    await expectInvariants(t);
  });

  test("cancelling an order takes its units off the open dropship shipment too (nothing left open)", async () => {
    const { t, supervisor, productIds } = await setupTwoWarehouses({ west: [1, 0], east: [0, 0] });
    const supplier = await dropshipSupplierOf(t, productIds[0], DROP);
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: productIds[0], quantity: 3 }]),
    });
    await supervisor.mutation(api.orders.cancel, { orderId, reason: "customer changed their mind" });
    const { lines, order: o } = await supervisor.query(api.orders.get, { id: orderId });
    expect(o.status).toBe("cancelled");
    expect(lines.map((l) => [l.allocated, l.dropshipped, l.cancelled])).toEqual([[0, 0, 3]]);
    const plan = await supervisor.query(api.allocation.orderPlan, { orderId });
    expect(plan.shipments.find((s) => s.warehouseId === supplier)?.status).toBe("cancelled");
    await expectInvariants(t);
  });

  test("re-allocation after a cancel and with another strategy releases and re-reserves exactly", async () => {
    const { t, supervisor, productIds, east } = await setupTwoWarehouses({ west: [5, 0], east: [5, 5] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([
        { productId: productIds[0], quantity: 2 },
        { productId: productIds[1], quantity: 2 },
      ]),
    });
    expect(
      (await supervisor.query(api.allocation.orderPlan, { orderId })).shipments.filter((s) => s.status === "open"),
    ).toHaveLength(2);
    const { lines } = await supervisor.query(api.orders.get, { id: orderId });
    await supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [{ lineId: lines[0]._id, quantity: 1 }],
      reason: "customer",
    });
    await supervisor.mutation(api.allocation.reallocate, { orderId, strategy: "single_warehouse" });
    const open = (await supervisor.query(api.allocation.orderPlan, { orderId })).shipments.filter(
      (s) => s.status === "open",
    );
    expect(open.map((s) => [s.warehouseId, s.lines.map((l) => l.quantity)])).toEqual([[east, [1, 2]]]);
    await expectInvariants(t);
    // An unknown strategy: refused in the same words by re-allocation and by the planner (the what-if).
    const unknown = { code: "INVALID_INPUT", message: 'Unknown allocation strategy "nope".' };
    expect(await errorOf(supervisor.mutation(api.allocation.reallocate, { orderId, strategy: "nope" }))).toEqual(
      unknown,
    );
    expect(await errorOf(supervisor.query(api.allocation.whatIf, { strategy: "nope" }))).toEqual(unknown);
  });

  test("what-if compares a strategy over the backlog and writes nothing", async () => {
    const { t, supervisor, productIds } = await setupTwoWarehouses({ west: [5, 0], east: [5, 5] });
    for (let i = 0; i < 3; i++) {
      await supervisor.mutation(api.orders.createManual, {
        order: order([
          { productId: productIds[0], quantity: 1 },
          { productId: productIds[1], quantity: 1 },
        ]),
      });
    }
    const snapshot = () =>
      t.run(async (ctx) =>
        JSON.stringify([
          await ctx.db.query("shipments").collect(),
          await ctx.db.query("inventoryLevels").collect(),
          await ctx.db.query("orderEvents").collect(),
        ]),
      );
    const before = await snapshot();
    const r = await supervisor.query(api.allocation.whatIf, { strategy: "single_warehouse" });
    expect(r.ordersCompared).toBe(3);
    expect(r.current).toMatchObject({ shipments: 6, splitOrders: 3 });
    expect(r.simulated).toMatchObject({ shipments: 3, splitOrders: 0 });
    expect(r.changed).toHaveLength(3);
    expect(await snapshot()).toBe(before);
  });

  test("strategy settings: only known strategies, admins only", async () => {
    const { admin, supervisor } = await setupTest();
    expect(
      (await errorOf(admin.mutation(api.allocation.setDefaultStrategy, { strategy: "random" }))).fields?.strategy,
    ).toMatch(/proximity/);
    expect(
      (await errorOf(supervisor.mutation(api.allocation.setDefaultStrategy, { strategy: "fifo_cost" }))).code,
    ).toBe("FORBIDDEN");
    await admin.mutation(api.allocation.setDefaultStrategy, { strategy: "fifo_cost" });
    expect((await supervisor.query(api.allocation.strategies, {})).defaultStrategy).toBe("fifo_cost");
  });

  test("a backordered order held and released goes back to the queue where it was", async () => {
    const { t, supervisor, productIds } = await setupTwoWarehouses({ west: [0], east: [0] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: productIds[0], quantity: 1 }]),
    });
    await supervisor.mutation(api.orders.hold, { orderId, reason: "check address" });
    await supervisor.mutation(api.orders.release, { orderId });
    expect(await statusOf(supervisor, orderId)).toBe("backordered");
    await expectInvariants(t);
  });
});
