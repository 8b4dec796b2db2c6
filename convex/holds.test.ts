import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { createOrder, type OrderDraft } from "./model/orders/create";
import { createProduct } from "./model/catalog/products";
import { saveWarehouse } from "./model/warehouses/warehouses";
import { receiveStock } from "./model/inventory/operations";
import {
  errorOf,
  expectInvariants,
  productInput,
  setupStocked,
  setupTest,
  type TestBackend,
  usAddress,
  warehouseInput,
} from "./testing/setup.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;

function draft(productIds: Id<"products">[], over: Partial<OrderDraft> = {}): OrderDraft {
  return {
    kind: "channel",
    channel: "shop",
    customer: { name: "Sam Buyer", email: "sam@example.com" },
    shipTo: usAddress,
    currency: "USD",
    lines: productIds.map((productId) => ({ productId, quantity: 1, unitPriceMinor: 2000 })),
    ...over,
  };
}

const create = (t: TestBackend, d: OrderDraft) => t.run((ctx) => createOrder(ctx, undefined, d));
const orderOf = (t: TestBackend, id: Id<"orders">) => t.run(async (ctx) => (await ctx.db.get("orders", id))!);
const openHolds = (b: Backend, orderId: Id<"orders">) =>
  b.floor.query(api.holds.forOrder, { orderId }).then((r) => r.open);

afterEach(() => {
  vi.useRealTimers();
});

describe("validation before fulfilment", () => {
  test("a clean order goes ready and allocates in the same transaction, with no hold", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(b.t, draft(productIds));
    expect((await orderOf(b.t, orderId)).status).toBe("allocated");
    expect(await openHolds(b, orderId)).toEqual([]);
    await expectInvariants(b.t);
  });

  test("address: a channel order with a bad postal code is held, a wrong correction is refused, a right one releases it", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(b.t, draft(productIds, { shipTo: { ...usAddress, postalCode: "9410" } }));
    const order = await orderOf(b.t, orderId);
    expect([order.status, order.heldFrom]).toEqual(["on_hold", "pending"]);
    const [hold] = await openHolds(b, orderId);
    expect(hold).toMatchObject({
      type: "address",
      scope: "order",
      blocking: true,
      reason: expect.stringMatching(/not a valid United States postal code/),
    });
    const refused = await errorOf(
      b.supervisor.mutation(api.holds.correctAddressAndRetry, {
        holdId: hold._id,
        address: { ...usAddress, postalCode: "ABCDE" },
      }),
    );
    expect(refused).toMatchObject({ code: "INVALID_INPUT", fields: { "shipTo.postalCode": expect.any(String) } });
    expect(
      await b.supervisor.mutation(api.holds.correctAddressAndRetry, { holdId: hold._id, address: usAddress }),
    ).toEqual({ released: true });
    const after = await orderOf(b.t, orderId);
    expect([after.status, after.shipTo.postalCode]).toEqual(["allocated", "94105"]);
    const audit = await b.t.run((ctx) =>
      ctx.db
        .query("auditLog")
        .withIndex("by_entity_and_entityId", (q) => q.eq("entity", "orderHolds").eq("entityId", hold._id))
        .collect(),
    );
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([["address_corrected", "Test supervisor"]]);
    await expectInvariants(b.t);
  });

  test("a keyed-in order with a bad address is still refused on the form, not held", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { channel: _channel, ...manual } = draft(productIds, { shipTo: { ...usAddress, postalCode: "x" } });
    void _channel;
    const err = await errorOf(
      b.supervisor.mutation(api.orders.createManual, { order: { ...manual, kind: "phone", currency: "USD" } }),
    );
    expect(err.code).toBe("INVALID_INPUT");
  });

  test("payment: an unpaid order is held without reserving stock and released when payment confirms (idempotently)", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(b.t, draft(productIds, { paymentStatus: "pending" }));
    expect((await orderOf(b.t, orderId)).status).toBe("on_hold");
    expect((await openHolds(b, orderId)).map((h) => [h.type, h.reason])).toEqual([["payment", "Awaiting payment"]]);
    expect(await b.t.run((ctx) => ctx.db.query("inventoryLevels").first()).then((l) => l!.reserved)).toBe(0);
    expect(await b.t.mutation(internal.holds.confirmPayment, { orderId, reference: "pi_123" })).toEqual({
      released: true,
    });
    const order = await orderOf(b.t, orderId);
    expect([order.status, order.paymentStatus]).toEqual(["allocated", "paid"]);
    expect(await b.t.mutation(internal.holds.confirmPayment, { orderId, reference: "pi_123" })).toEqual({
      released: false,
    });
    expect(await openHolds(b, orderId)).toEqual([]);
    await expectInvariants(b.t);
  });

  test("payment confirmation does not release an order another hold still blocks", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(
      b.t,
      draft(productIds, { paymentStatus: "pending", shipTo: { ...usAddress, region: "" } }),
    );
    expect((await openHolds(b, orderId)).map((h) => h.type)).toEqual(["address", "payment"]);
    expect(await b.t.mutation(internal.holds.confirmPayment, { orderId })).toEqual({ released: false });
    expect((await orderOf(b.t, orderId)).status).toBe("on_hold");
    expect((await openHolds(b, orderId)).map((h) => h.type)).toEqual(["address"]);
  });

  test("failed payment cancels an order nothing was picked for and closes its holds", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(b.t, draft(productIds, { paymentStatus: "pending" }));
    expect(await b.t.mutation(internal.holds.failPayment, { orderId, reason: "card declined" })).toEqual({
      cancelled: true,
    });
    const order = await orderOf(b.t, orderId);
    expect([order.status, order.paymentStatus]).toEqual(["cancelled", "failed"]);
    expect(await openHolds(b, orderId)).toEqual([]);
    const paid = await create(b.t, draft(productIds, { customer: { name: "B", email: "b@example.com" } }));
    expect(await b.t.mutation(internal.holds.failPayment, { orderId: paid.orderId, reason: "chargeback" })).toEqual({
      cancelled: true,
    });
    expect(await b.t.run((ctx) => ctx.db.query("inventoryLevels").first()).then((l) => l!.reserved)).toBe(0);
    await expectInvariants(b.t);
  });

  test("fraud: a first high-value order with a foreign billing country is held with its score and the rules that fired", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(
      b.t,
      draft(productIds, {
        billingCountry: "gb",
        lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 150_000 }],
      }),
    );
    const [hold] = await openHolds(b, orderId);
    expect(hold).toMatchObject({
      type: "fraud",
      score: 80,
      firedRules: [
        { rule: "highValueNewCustomer", points: 50 },
        { rule: "countryMismatch", points: 30 },
      ],
    });
    expect(hold.detail).toBe(
      "Score 80/100 (held at 50): +50 First order from this customer worth $1,500.00 (threshold $1,000.00). +30 Billing country GB differs from shipping country US.",
    );
    await b.supervisor.mutation(api.holds.release, { holdId: hold._id, note: "Called the customer" });
    expect((await orderOf(b.t, orderId)).status).toBe("allocated");
    // The same customer again: no longer new, so the same value passes.
    const again = await create(
      b.t,
      draft(productIds, { lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 150_000 }] }),
    );
    expect((await orderOf(b.t, again.orderId)).status).toBe("allocated");
    await expectInvariants(b.t);
  });

  test("fraud: many orders to one address within an hour add up with other signals; an hour later they do not", async () => {
    vi.useFakeTimers();
    const { productIds, ...b } = await setupStocked([50]);
    const d = (i: number) =>
      draft(productIds, { customer: { name: "C", email: `c${i}@example.com` }, billingCountry: "CA" });
    const created = [];
    for (let i = 0; i < 4; i++) created.push(await create(b.t, d(i)));
    const holds = await Promise.all(created.map((c) => openHolds(b, c.orderId)));
    expect(holds.map((h) => h.map((x) => x.score))).toEqual([[], [], [], [70]]);
    expect(holds[3][0].firedRules?.map((r) => r.rule)).toEqual(["countryMismatch", "addressVelocity"]);
    vi.advanceTimersByTime(61 * 60_000);
    const later = await create(b.t, d(9));
    expect(await openHolds(b, later.orderId)).toEqual([]);
  });

  test("settings: admins tune rules (audited); a disabled rule stops firing", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const s = await b.admin.query(api.holds.settings, {});
    expect(s.stuck.awaitingFulfilmentHours).toBe(24);
    expect((await errorOf(b.supervisor.mutation(api.holds.saveSettings, { settings: s }))).code).toBe("FORBIDDEN");
    const bad = await errorOf(
      b.admin.mutation(api.holds.saveSettings, { settings: { ...s, fraud: { ...s.fraud, holdAtScore: 0 } } }),
    );
    expect(bad.fields).toHaveProperty("fraud.holdAtScore");
    await b.admin.mutation(api.holds.saveSettings, {
      settings: {
        ...s,
        fraud: { ...s.fraud, highValueNewCustomer: { ...s.fraud.highValueNewCustomer, enabled: false } },
      },
    });
    const { orderId } = await create(
      b.t,
      draft(productIds, { lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 500_000 }] }),
    );
    expect((await orderOf(b.t, orderId)).status).toBe("allocated");
    const audit = await b.t.run((ctx) =>
      ctx.db
        .query("auditLog")
        .withIndex("by_entity_and_entityId", (q) => q.eq("entity", "exceptionSettings").eq("entityId", "default"))
        .collect(),
    );
    expect(audit).toHaveLength(1);
  });
});

/** Product P0 only in WEST, P1 only in EAST: an order of both splits into two shipments. */
async function splitSetup(t: TestBackend, p1Stock = 5) {
  return t.run(async (ctx) => {
    const west = await saveWarehouse(
      ctx,
      undefined,
      warehouseInput({ code: "WEST", latitude: 39.53, longitude: -119.81 }),
    );
    const east = await saveWarehouse(
      ctx,
      undefined,
      warehouseInput({ code: "EAST", latitude: 39.96, longitude: -82.99 }),
    );
    const p0 = await createProduct(ctx, undefined, productInput());
    const p1 = await createProduct(ctx, undefined, productInput());
    await receiveStock(ctx, undefined, { productId: p0, warehouseId: west, quantity: 5 });
    if (p1Stock) await receiveStock(ctx, undefined, { productId: p1, warehouseId: east, quantity: p1Stock });
    return { west, east, productIds: [p0, p1] };
  });
}

describe("holds never block the lines that can ship", () => {
  test("stock gone while the order was held: the backordered line is flagged, the other shipment goes on, and the flag clears on receipt", async () => {
    const b = await setupTest();
    const { east, productIds } = await splitSetup(b.t, 1);
    const held = await create(b.t, draft(productIds, { paymentStatus: "pending" }));
    // Another customer takes the last unit of P1 meanwhile.
    await create(b.t, draft([productIds[1]], { customer: { name: "O", email: "o@example.com" } }));
    await b.t.mutation(internal.holds.confirmPayment, { orderId: held.orderId });
    expect((await orderOf(b.t, held.orderId)).status).toBe("partially_allocated");
    const [flag] = await openHolds(b, held.orderId);
    expect(flag).toMatchObject({
      type: "stock",
      scope: "line",
      blocking: false,
      reason: "1 of 1 × " + flag.sku + " out of stock",
    });
    const queue = await b.supervisor.query(api.holds.queue, {
      type: "stock",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(queue.page.map((r) => r.orderNumber)).toEqual([(await orderOf(b.t, held.orderId)).number]);
    // The WEST shipment is pickable right away.
    const { pickListId } = await b.supervisor.mutation(api.floor.buildBatchList, {
      warehouseId: (await b.t.run((ctx) => ctx.db.query("shipments").collect())).find(
        (s) => s.orderId === held.orderId,
      )!.warehouseId,
      maxShipments: 10,
      requireBinScan: false,
    });
    expect(pickListId).toBeTruthy();
    await b.t.run((ctx) => receiveStock(ctx, undefined, { productId: productIds[1], warehouseId: east, quantity: 3 }));
    expect(await openHolds(b, held.orderId)).toEqual([]);
    await expectInvariants(b.t);
  });

  test("a shipment-scope hold keeps only that shipment off pick lists; releasing it puts it back", async () => {
    const b = await setupTest();
    const { west, east, productIds } = await splitSetup(b.t);
    const { orderId } = await create(b.t, draft(productIds));
    const shipments = await b.t.run((ctx) =>
      ctx.db
        .query("shipments")
        .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
        .collect(),
    );
    const eastShipment = shipments.find((s) => s.warehouseId === east)!;
    const holdId = await b.supervisor.mutation(api.holds.placeHold, {
      orderId,
      reason: "Customer changes this part",
      shipmentId: eastShipment._id,
    });
    expect((await orderOf(b.t, orderId)).status).toBe("allocated");
    expect(
      (
        await errorOf(
          b.supervisor.mutation(api.floor.buildBatchList, {
            warehouseId: east,
            maxShipments: 10,
            requireBinScan: false,
          }),
        )
      ).message,
    ).toMatch(/No allocated shipments/);
    expect(
      await b.supervisor.mutation(api.floor.buildBatchList, {
        warehouseId: west,
        maxShipments: 10,
        requireBinScan: false,
      }),
    ).toHaveProperty("pickListId");
    await b.supervisor.mutation(api.holds.release, { holdId });
    expect(
      await b.supervisor.mutation(api.floor.buildBatchList, {
        warehouseId: east,
        maxShipments: 10,
        requireBinScan: false,
      }),
    ).toHaveProperty("pickListId");
    await expectInvariants(b.t);
  });

  test("cancelling from a stock flag cancels only the waiting units of that line", async () => {
    const b = await setupTest();
    const { productIds } = await splitSetup(b.t, 0);
    const { orderId } = await create(b.t, draft(productIds, { paymentStatus: "pending" }));
    await b.t.mutation(internal.holds.confirmPayment, { orderId });
    const [flag] = await openHolds(b, orderId);
    expect((await errorOf(b.supervisor.mutation(api.holds.cancel, { holdId: flag._id, note: "" }))).code).toBe(
      "INVALID_INPUT",
    );
    expect(await b.supervisor.mutation(api.holds.cancel, { holdId: flag._id, note: "Discontinued" })).toEqual({
      cancelled: "line",
    });
    const { order, lines } = await b.floor.query(api.orders.get, { id: orderId });
    expect(order.status).toBe("allocated");
    expect(lines.map((l) => [l.allocated, l.cancelled])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect((await errorOf(b.supervisor.mutation(api.holds.release, { holdId: flag._id }))).code).toBe("CONFLICT");
    await expectInvariants(b.t);
  });
});

describe("the queue and its actions", () => {
  test("open holds by type, oldest first, paginated; supervisors only", async () => {
    const { productIds, ...b } = await setupStocked([20]);
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await create(
            b.t,
            draft(productIds, { paymentStatus: "pending", customer: { name: "P", email: `p${i}@example.com` } }),
          )
        ).orderId,
      );
    await create(b.t, draft(productIds, { shipTo: { ...usAddress, postalCode: "1" } }));
    const page1 = await b.supervisor.query(api.holds.queue, {
      type: "payment",
      paginationOpts: { numItems: 2, cursor: null },
    });
    expect(page1.page.map((r) => r.orderId)).toEqual(ids.slice(0, 2));
    const page2 = await b.supervisor.query(api.holds.queue, {
      type: "payment",
      paginationOpts: { numItems: 2, cursor: page1.continueCursor },
    });
    expect(page2.page.map((r) => r.orderId)).toEqual(ids.slice(2));
    const all = await b.supervisor.query(api.holds.queue, { paginationOpts: { numItems: 10, cursor: null } });
    expect(all.page.map((r) => r.type)).toEqual(["payment", "payment", "payment", "address"]);
    expect((await b.supervisor.query(api.holds.counts, {})).counts).toMatchObject({ payment: 3, address: 1, fraud: 0 });
    expect(
      (await errorOf(b.floor.query(api.holds.queue, { paginationOpts: { numItems: 2, cursor: null } }))).code,
    ).toBe("FORBIDDEN");
  });

  test("orders.hold and orders.release go through typed manual holds, visible in the queue", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(b.t, draft(productIds));
    await b.supervisor.mutation(api.orders.hold, { orderId, reason: "Customer asked to wait" });
    expect((await openHolds(b, orderId)).map((h) => [h.type, h.reason])).toEqual([
      ["manual", "Customer asked to wait"],
    ]);
    await b.supervisor.mutation(api.orders.release, { orderId });
    expect(await openHolds(b, orderId)).toEqual([]);
    expect((await orderOf(b.t, orderId)).status).toBe("allocated");
  });

  test("cancel from an order hold cancels the order and closes every hold; re-route re-allocates with another strategy", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const held = await create(
      b.t,
      draft(productIds, { paymentStatus: "pending", shipTo: { ...usAddress, region: "" } }),
    );
    const [first] = await openHolds(b, held.orderId);
    expect(await b.supervisor.mutation(api.holds.cancel, { holdId: first._id, note: "Customer gone" })).toEqual({
      cancelled: "order",
    });
    expect((await orderOf(b.t, held.orderId)).status).toBe("cancelled");
    expect(await openHolds(b, held.orderId)).toEqual([]);

    const { west, east, productIds: split } = await splitSetup(b.t, 0);
    await b.t.run((ctx) => receiveStock(ctx, undefined, { productId: split[1], warehouseId: west, quantity: 2 }));
    void east;
    const manual = await create(b.t, draft(split, { customer: { name: "R", email: "r@example.com" } }));
    const holdId = await b.supervisor.mutation(api.holds.placeHold, {
      orderId: manual.orderId,
      reason: "Check the route",
    });
    await b.supervisor.mutation(api.holds.reroute, { holdId, strategy: "single_warehouse" });
    const shipments = await b.t.run((ctx) =>
      ctx.db
        .query("shipments")
        .withIndex("by_orderId", (q) => q.eq("orderId", manual.orderId))
        .collect(),
    );
    expect(shipments.filter((s) => s.status === "open").map((s) => s.strategy)).toEqual(["single_warehouse"]);
    await expectInvariants(b.t);
  });

  test("accepting the carrier's suggested address applies it and releases the order", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await create(b.t, draft(productIds));
    const suggestion = { ...usAddress, line1: "500 MARKET ST STE 100", postalCode: "94105-2301" };
    const holdId = await b.t.run(async (ctx) => {
      const { raiseHold } = await import("./model/holds/holds");
      return raiseHold(ctx, undefined, {
        orderId,
        type: "address",
        reason: "Carrier suggests a correction",
        suggestion,
      });
    });
    expect((await orderOf(b.t, orderId)).status).toBe("on_hold");
    await b.supervisor.mutation(api.holds.acceptAddressSuggestion, { holdId });
    const order = await orderOf(b.t, orderId);
    expect([order.status, order.shipTo.line1, order.shipTo.postalCode]).toEqual([
      "allocated",
      "500 MARKET ST STE 100",
      "94105-2301",
    ]);
    const events = await b.floor.query(api.orders.events, { orderId, paginationOpts: { numItems: 5, cursor: null } });
    expect(events.page.map((e) => e.reason)).toContain("Shipping address corrected to the carrier's suggestion");
  });
});
