/**
 * Click & collect and ship-from-store (issue 20, part 1): allocation of pickup orders (store only,
 * no split, no dropship; short → pickup_short hold and its three resolutions), ship-from-store
 * switch and capacity, the store's pick → ready → handover by code (wrong code, another order's
 * code, a used code refused), the uncollected reminder and expiry. Every scenario ends green.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  dropshipSupplierOf,
  errorOf,
  expectInvariants,
  levelOf,
  onlyRowOf,
  rowsOf,
  setupTest,
  stockedSources,
  type TestBackend,
  usAddress,
} from "./testing/setup.testing";
import { csvRow } from "./testing/channels.testing";
import { DAY } from "./lib/clock";

/** A backend with a warehouse WH and the stores SF-STORE and LA-STORE, `stock` units of P0, P1… in WH and SF-STORE. */
async function setupWorld(stock: { wh: number[]; store: number[] }) {
  const b = await setupTest();
  const w = await stockedSources(b.t, {
    sources: {
      wh: { code: "WH", latitude: 39.53, longitude: -119.81, priority: 1 },
      // The store is the nearest source: a normal order would draw from it if stores were candidates.
      store: {
        code: "SF-STORE",
        kind: "store",
        latitude: 37.79,
        longitude: -122.4,
        priority: 0,
        address: {
          name: "Store",
          line1: "1 Market St",
          city: "San Francisco",
          region: "CA",
          postalCode: "94105",
          country: "US",
        },
      },
      other: { code: "LA-STORE", kind: "store", latitude: 34.05, longitude: -118.24, priority: 2 },
    },
    stock,
  });
  return { ...b, w };
}
type World = Awaited<ReturnType<typeof setupWorld>>;

const order = (lines: { productId: Id<"products">; quantity: number }[], over: Record<string, unknown> = {}) => ({
  kind: "phone" as const,
  customer: { name: "Ada Lovelace", email: "ada@example.com" },
  shipTo: usAddress,
  currency: "USD" as const,
  lines: lines.map((l) => ({ ...l, unitPriceMinor: 1000 })),
  ...over,
});

/** An order's shipments that are not cancelled. */
const shipmentsOf = async (t: TestBackend, orderId: Id<"orders">) =>
  (await rowsOf(t, "shipments", orderId)).filter((s) => s.status !== "cancelled");
const pickupOf = (t: TestBackend, orderId: Id<"orders">) => onlyRowOf(t, "pickups", orderId);

describe("pickup allocation", () => {
  test("a pickup order draws only from its store, one shipment, even when a warehouse is nearer for part", async () => {
    const { t, supervisor, w } = await setupWorld({ wh: [50, 50], store: [3, 2] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order(
        [
          { productId: w.productIds[0], quantity: 3 },
          { productId: w.productIds[1], quantity: 2 },
        ],
        { pickupStoreId: w.store },
      ),
    });
    const shipments = await shipmentsOf(t, orderId);
    expect(shipments.map((s) => s.warehouseId)).toEqual([w.store]);
    expect((await supervisor.query(api.orders.get, { id: orderId })).order.status).toBe("allocated");
    expect((await pickupOf(t, orderId)).status).toBe("preparing");
    await expectInvariants(t);
  });

  test("a store that cannot fill it: nothing reserved, no split, no dropship, a pickup_short hold with the engine's reasons", async () => {
    const { t, supervisor, w } = await setupWorld({ wh: [50, 50], store: [3, 1] });
    await dropshipSupplierOf(t, w.productIds[1], { leadTimeDays: 2, supplierSku: "V", costMinor: 1 });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order(
        [
          { productId: w.productIds[0], quantity: 3 },
          { productId: w.productIds[1], quantity: 2 },
        ],
        { pickupStoreId: w.store },
      ),
    });
    expect(await shipmentsOf(t, orderId)).toEqual([]);
    expect((await levelOf(t, w.productIds[0], w.store)).reserved).toBe(0);
    const hold = (await supervisor.query(api.holds.forOrder, { orderId })).open.find((h) => h.type === "pickup_short")!;
    expect(hold.reason).toContain("SF-STORE cannot fill this pickup order (1 unit short)");
    expect(hold.detail).toContain("P1");
    expect((await supervisor.query(api.orders.get, { id: orderId })).order.status).toBe("on_hold");
    await expectInvariants(t);
  });

  test("resolution: transfer from a warehouse moves the shortfall through the ledger and allocates at the store", async () => {
    const { t, supervisor, w } = await setupWorld({ wh: [50], store: [1] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 4 }], { pickupStoreId: w.store }),
    });
    const hold = (await supervisor.query(api.holds.forOrder, { orderId })).open.find((h) => h.type === "pickup_short")!;
    const moved = await supervisor.mutation(api.pickups.transferForShortPickup, {
      holdId: hold._id,
      fromWarehouseId: w.wh,
    });
    expect(moved).toEqual([{ sku: "P0", quantity: 3 }]);
    expect((await levelOf(t, w.productIds[0], w.store)).onHand).toBe(4);
    expect((await levelOf(t, w.productIds[0], w.wh)).onHand).toBe(47);
    expect((await shipmentsOf(t, orderId)).map((s) => s.warehouseId)).toEqual([w.store]);
    expect((await supervisor.query(api.orders.get, { id: orderId })).order.status).toBe("allocated");
    // The transfer refuses what the warehouse does not have, writing nothing.
    const again = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 60 }], { pickupStoreId: w.store }),
    });
    const hold2 = (await supervisor.query(api.holds.forOrder, { orderId: again.orderId })).open.find(
      (h) => h.type === "pickup_short",
    )!;
    expect(
      (
        await errorOf(
          supervisor.mutation(api.pickups.transferForShortPickup, { holdId: hold2._id, fromWarehouseId: w.wh }),
        )
      ).code,
    ).toBe("INSUFFICIENT_STOCK");
    expect((await levelOf(t, w.productIds[0], w.wh)).onHand).toBe(47);
    await expectInvariants(t);
  });

  test("stock arriving at a store fills no delivery backorder (it is kept for pickups)", async () => {
    const { t, supervisor, w } = await setupWorld({ wh: [5], store: [0] });
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 8 }]),
    });
    await supervisor.mutation(api.inventory.receive, { productId: w.productIds[0], warehouseId: w.store, quantity: 4 });
    const lines = (await supervisor.query(api.orders.get, { id: orderId })).lines;
    expect(lines[0].backordered).toBe(3);
    expect((await levelOf(t, w.productIds[0], w.store)).reserved).toBe(0);
    await expectInvariants(t);
  });

  test("resolution: switch to delivery allocates like any order; cancel refunds a paid order", async () => {
    const { t, supervisor, w } = await setupWorld({ wh: [50], store: [0] });
    const a = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 2 }], { pickupStoreId: w.store }),
    });
    const holdA = (await supervisor.query(api.holds.forOrder, { orderId: a.orderId })).open.find(
      (h) => h.type === "pickup_short",
    )!;
    await supervisor.mutation(api.pickups.switchShortPickupToDelivery, { holdId: holdA._id });
    expect((await shipmentsOf(t, a.orderId)).map((s) => s.warehouseId)).toEqual([w.wh]);
    expect((await pickupOf(t, a.orderId)).status).toBe("cancelled");
    const b = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 2 }], { pickupStoreId: w.store }),
    });
    const holdB = (await supervisor.query(api.holds.forOrder, { orderId: b.orderId })).open.find(
      (h) => h.type === "pickup_short",
    )!;
    await supervisor.mutation(api.pickups.cancelShortPickup, { holdId: holdB._id, reason: "Customer gave up" });
    expect((await supervisor.query(api.orders.get, { id: b.orderId })).order.status).toBe("cancelled");
    const refunds = await rowsOf(t, "cancellationRefunds", b.orderId);
    expect(refunds.map((r) => r.amountMinor)).toEqual([2000]);
    await expectInvariants(t);
  });

  test("a store that is not a store, or inactive, is refused on the order", async () => {
    const { t, supervisor, w } = await setupWorld({ wh: [5], store: [5] });
    const e = await errorOf(
      supervisor.mutation(api.orders.createManual, {
        order: order([{ productId: w.productIds[0], quantity: 1 }], { pickupStoreId: w.wh }),
      }),
    );
    expect(e.fields?.pickupStoreId).toContain("not a store");
    const count = await t.run(async (ctx) => (await ctx.db.query("orders").collect()).length);
    expect(count).toBe(0);
  });
});

describe("ship-from-store", () => {
  test("stores are no ship source until switched on; then the daily units capacity caps what they give", async () => {
    const { t, supervisor, admin, w } = await setupWorld({ wh: [50], store: [50] });
    const first = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 2 }]),
    });
    expect((await shipmentsOf(t, first.orderId)).map((s) => s.warehouseId)).toEqual([w.wh]);
    await admin.mutation(api.pickups.setStore, {
      storeId: w.store,
      shipFromStore: true,
      dailyCapacity: { unit: "units", limit: 5 },
      pickupHours: "9–17",
    });
    const second = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 4 }]),
    });
    expect((await shipmentsOf(t, second.orderId)).map((s) => s.warehouseId)).toEqual([w.store]);
    // 1 unit of capacity left: a 3-unit order may take at most 1 from the store.
    const third = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 3 }]),
    });
    const units = (await shipmentsOf(t, third.orderId)).map((s) => ({
      w: s.warehouseId,
      n: s.lines.reduce((x, l) => x + l.quantity, 0),
    }));
    expect(units.find((u) => u.w === w.store)?.n ?? 0).toBeLessThanOrEqual(1);
    expect(units.reduce((x, u) => x + u.n, 0)).toBe(3);
    // One-unit orders take the store's last units, then the capacity is spent and the warehouse ships.
    const used = async () =>
      (await supervisor.query(api.pickups.stores, {})).find((s) => s._id === w.store)!.usedToday.units;
    for (let i = 0; i < 3 && (await used()) < 5; i++) {
      const o = await supervisor.mutation(api.orders.createManual, {
        order: order([{ productId: w.productIds[0], quantity: 1 }]),
      });
      expect((await shipmentsOf(t, o.orderId)).map((s) => s.warehouseId)).toEqual([w.store]);
    }
    expect(await used()).toBe(5);
    const last = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 1 }]),
    });
    expect((await shipmentsOf(t, last.orderId)).map((s) => s.warehouseId)).toEqual([w.wh]);
    await expectInvariants(t);
  });

  test("an orders-per-day capacity stops the store after that many orders", async () => {
    const { t, supervisor, admin, w } = await setupWorld({ wh: [50], store: [50] });
    await admin.mutation(api.pickups.setStore, {
      storeId: w.store,
      shipFromStore: true,
      dailyCapacity: { unit: "orders", limit: 2 },
      pickupHours: null,
    });
    const at = [];
    for (let i = 0; i < 3; i++) {
      const o = await supervisor.mutation(api.orders.createManual, {
        order: order([{ productId: w.productIds[0], quantity: 5 }]),
      });
      at.push((await shipmentsOf(t, o.orderId))[0].warehouseId);
    }
    expect(at).toEqual([w.store, w.store, w.wh]);
    await expectInvariants(t);
  });
});

/** A pickup order of `qty` × P0 at SF-STORE, picked by scan and ready, with its code. */
async function readyPickup({ t, floor, supervisor, w }: World, qty: number) {
  const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
    order: order([{ productId: w.productIds[0], quantity: qty }], { pickupStoreId: w.store }),
  });
  const p = await pickupOf(t, orderId);
  const product = await t.run(async (ctx) => (await ctx.db.get("products", w.productIds[0]))!);
  for (let i = 0; i < qty; i++)
    expect(
      (
        await floor.mutation(api.pickups.scanItem, {
          pickupId: p._id,
          code: product.barcodes[0],
          scanId: `${number}-${i}`,
        })
      ).result,
    ).toBe("ok");
  const { code } = await floor.mutation(api.pickups.ready, { pickupId: p._id });
  return { orderId, number, pickupId: p._id, code };
}

/** The on-hand changes of the ship movements at a stock level. */
const shipDeltas = async (t: TestBackend, levelId: Id<"inventoryLevels">) =>
  (
    await t.run((ctx) =>
      ctx.db
        .query("inventoryMovements")
        .withIndex("by_levelId", (q) => q.eq("levelId", levelId))
        .collect(),
    )
  )
    .filter((m) => m.kind === "ship")
    .map((m) => m.onHandDelta);

/** WH with 50 and SF-STORE with 10 units of P0, and one ready pickup of P0 for each of `quantities`. */
async function setupReady(...quantities: number[]) {
  const s = await setupWorld({ wh: [50], store: [10] });
  const ready = [];
  for (const qty of quantities) ready.push(await readyPickup(s, qty));
  return { ...s, ready };
}

describe("store pick, ready, handover", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("pick by scan (wrong item refused, retried scan counts once), ready sends the code, handover ships in the ledger", async () => {
    const { t, supervisor, floor, w } = await setupWorld({ wh: [50, 50], store: [5, 5] });
    const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 2 }], { pickupStoreId: w.store }),
    });
    const p = await pickupOf(t, orderId);
    const [p0, p1] = await t.run(async (ctx) =>
      Promise.all(w.productIds.map(async (id) => (await ctx.db.get("products", id))!)),
    );
    expect(
      (await floor.mutation(api.pickups.scanItem, { pickupId: p._id, code: p1.barcodes[0], scanId: "s1" })).message,
    ).toContain("Wrong item");
    expect((await errorOf(floor.mutation(api.pickups.ready, { pickupId: p._id }))).code).toBe("INVALID_TRANSITION");
    expect(
      (await floor.mutation(api.pickups.scanItem, { pickupId: p._id, code: p0.barcodes[0], scanId: "s2" })).remaining,
    ).toBe(1);
    expect(
      (await floor.mutation(api.pickups.scanItem, { pickupId: p._id, code: p0.barcodes[0], scanId: "s2" })).result,
    ).toBe("duplicate");
    expect((await errorOf(floor.mutation(api.pickups.ready, { pickupId: p._id }))).message).toContain("1 × P0 left");
    expect(
      (await floor.mutation(api.pickups.scanItem, { pickupId: p._id, code: p0.sku.toLowerCase(), scanId: "s3" }))
        .remaining,
    ).toBe(0);
    expect(
      (await floor.mutation(api.pickups.scanItem, { pickupId: p._id, code: p0.sku, scanId: "s4" })).message,
    ).toContain("already picked");
    const { code } = await floor.mutation(api.pickups.ready, { pickupId: p._id });
    expect(code).toMatch(/^PU-[A-Z0-9]{8}$/);
    const messages = await rowsOf(t, "notifications", orderId);
    expect(messages.some((m) => m.event === "ready_for_pickup" && m.body.includes(code))).toBe(true);
    const seen = await floor.query(api.pickups.lookupCode, {
      storeId: w.store,
      code: code.toLowerCase().replace("-", " "),
    });
    expect(seen).toMatchObject({ ok: true, customerName: "Ada Lovelace", orderNumber: number });
    expect(
      (await errorOf(floor.mutation(api.pickups.handover, { pickupId: p._id, code, nameChecked: false }))).fields
        ?.nameChecked,
    ).toBeDefined();
    await floor.mutation(api.pickups.handover, { pickupId: p._id, code, nameChecked: true });
    expect((await supervisor.query(api.orders.get, { id: orderId })).order.status).toBe("shipped");
    const lv = await levelOf(t, w.productIds[0], w.store);
    expect({ onHand: lv.onHand, reserved: lv.reserved }).toEqual({ onHand: 3, reserved: 0 });
    expect(await shipDeltas(t, lv._id)).toEqual([-2]);
    // No "your parcel has shipped" message for a handover.
    const after = await rowsOf(t, "notifications", orderId);
    expect(after.some((m) => m.event === "shipped")).toBe(false);
    // Reuse of the code is refused, at the lookup and at the handover.
    expect((await floor.query(api.pickups.lookupCode, { storeId: w.store, code })).ok).toBe(false);
    expect(
      (await errorOf(floor.mutation(api.pickups.handover, { pickupId: p._id, code, nameChecked: true }))).code,
    ).toBe("CONFLICT");
    await expectInvariants(t);
  });

  test("a wrong code and another order's code are refused, nothing written", async () => {
    const { t, supervisor, floor, w, ready } = await setupReady(2, 2);
    const [a, b] = ready;
    expect(a.code).not.toBe(b.code);
    const wrong = await errorOf(
      floor.mutation(api.pickups.handover, { pickupId: a.pickupId, code: "PU-22222222", nameChecked: true }),
    );
    expect(wrong.message).toContain(`is not the pickup code of ${a.number}`);
    const other = await errorOf(
      floor.mutation(api.pickups.handover, { pickupId: a.pickupId, code: b.code, nameChecked: true }),
    );
    expect(other.message).toBe(`That code is for order ${b.number}, not ${a.number}.`);
    expect((await supervisor.query(api.orders.get, { id: a.orderId })).order.status).toBe("packed");
    expect((await floor.query(api.pickups.lookupCode, { storeId: w.other, code: a.code })).ok).toBe(false);
    await expectInvariants(t);
  });

  test("two counters handing over the same order at once: one ships it, the other is refused; stock leaves once", async () => {
    const { t, floor, admin, w, ready } = await setupReady(2);
    const [a] = ready;
    const results = await Promise.allSettled([
      floor.mutation(api.pickups.handover, { pickupId: a.pickupId, code: a.code, nameChecked: true }),
      admin.mutation(api.pickups.handover, { pickupId: a.pickupId, code: a.code, nameChecked: true }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lv = await levelOf(t, w.productIds[0], w.store);
    expect(await shipDeltas(t, lv._id)).toEqual([-2]);
    await expectInvariants(t);
  });

  test("store scoping: a member bound to another store is refused", async () => {
    const { floor, admin, memberIds, w, ready } = await setupReady(2);
    const [a] = ready;
    await admin.mutation(api.pickups.assignMemberStore, { memberId: memberIds.floor, storeId: w.other });
    expect(
      (await errorOf(floor.mutation(api.pickups.handover, { pickupId: a.pickupId, code: a.code, nameChecked: true })))
        .code,
    ).toBe("FORBIDDEN");
    expect((await floor.query(api.pickups.stores, {})).map((s) => s._id)).toEqual([w.other]);
    expect(
      (
        await errorOf(
          floor.query(api.pickups.list, {
            storeId: w.store,
            status: "ready",
            paginationOpts: { numItems: 10, cursor: null },
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  test("store scoping: every pickup read and action on another store's pickup is refused, nothing written", async () => {
    const { t, supervisor, floor, admin, memberIds, w, ready } = await setupReady(2);
    const [a] = ready;
    const { orderId } = await supervisor.mutation(api.orders.createManual, {
      order: order([{ productId: w.productIds[0], quantity: 1 }], { pickupStoreId: w.store }),
    });
    const preparing = await pickupOf(t, orderId);
    const barcode = (await t.run(async (ctx) => (await ctx.db.get("products", w.productIds[0]))!)).barcodes[0];
    await admin.mutation(api.pickups.assignMemberStore, { memberId: memberIds.floor, storeId: w.other });
    const codes = {
      get: (await errorOf(floor.query(api.pickups.get, { pickupId: a.pickupId }))).code,
      scanItem: (
        await errorOf(floor.mutation(api.pickups.scanItem, { pickupId: preparing._id, code: barcode, scanId: "x1" }))
      ).code,
      ready: (await errorOf(floor.mutation(api.pickups.ready, { pickupId: preparing._id }))).code,
      lookupCode: (await errorOf(floor.query(api.pickups.lookupCode, { storeId: w.store, code: a.code }))).code,
      storeInfo: (await errorOf(floor.query(api.pickups.storeInfo, { storeId: w.store }))).code,
    };
    expect(codes).toEqual({
      get: "FORBIDDEN",
      scanItem: "FORBIDDEN",
      ready: "FORBIDDEN",
      lookupCode: "FORBIDDEN",
      storeInfo: "FORBIDDEN",
    });
    expect((await pickupOf(t, orderId)).status).toBe("preparing");
    expect(
      await t.run(async (ctx) => (await ctx.db.query("scanEvents").collect()).filter((e) => e.scanId === "x1")),
    ).toEqual([]);
    // Bound to the store again: the same calls go through.
    await admin.mutation(api.pickups.assignMemberStore, { memberId: memberIds.floor, storeId: w.store });
    expect((await floor.query(api.pickups.get, { pickupId: a.pickupId })).pickup._id).toBe(a.pickupId);
    expect((await floor.query(api.pickups.lookupCode, { storeId: w.store, code: a.code })).ok).toBe(true);
    await expectInvariants(t);
  });

  test("uncollected: a reminder after 3 days, back to stock and cancelled with a refund after 7; a late timer after a handover does nothing", async () => {
    const { t, supervisor, floor, w, ready } = await setupReady(3, 1);
    const [a, b] = ready;
    expect((await levelOf(t, w.productIds[0], w.store)).reserved).toBe(4);
    await floor.mutation(api.pickups.handover, { pickupId: b.pickupId, code: b.code, nameChecked: true });
    vi.advanceTimersByTime(3 * DAY + 1000);
    await t.finishInProgressScheduledFunctions();
    const events = async (orderId: Id<"orders">) => (await rowsOf(t, "notifications", orderId)).map((m) => m.event);
    expect(await events(a.orderId)).toContain("pickup_reminder");
    expect(await events(b.orderId)).not.toContain("pickup_reminder");
    expect((await pickupOf(t, a.orderId)).status).toBe("ready");
    vi.advanceTimersByTime(4 * DAY);
    await t.finishInProgressScheduledFunctions();
    expect((await pickupOf(t, a.orderId)).status).toBe("expired");
    expect((await pickupOf(t, b.orderId)).status).toBe("collected");
    expect((await supervisor.query(api.orders.get, { id: a.orderId })).order.status).toBe("cancelled");
    const lv = await levelOf(t, w.productIds[0], w.store);
    expect({ onHand: lv.onHand, reserved: lv.reserved }).toEqual({ onHand: 9, reserved: 0 });
    const refunds = await rowsOf(t, "cancellationRefunds", a.orderId);
    expect(refunds.map((r) => r.amountMinor)).toEqual([3000]);
    const trail = (
      await supervisor.query(api.orders.events, { orderId: a.orderId, paginationOpts: { numItems: 100, cursor: null } })
    ).page.map((e) => e.reason ?? "");
    expect(trail.some((r: string) => r.startsWith("Not collected by"))).toBe(true);
    expect(trail.some((r: string) => r.startsWith("Refund of $30.00 due"))).toBe(true);
    // The old code no longer hands anything over.
    expect(
      (await errorOf(floor.mutation(api.pickups.handover, { pickupId: a.pickupId, code: a.code, nameChecked: true })))
        .code,
    ).toBe("INVALID_TRANSITION");
    await t.mutation(internal.pickups.expire, { pickupId: b.pickupId });
    expect((await supervisor.query(api.orders.get, { id: b.orderId })).order.status).toBe("shipped");
    await expectInvariants(t);
  });

  test("an order waiting at the counter is not flagged stuck (the same order without pickup would be)", async () => {
    const { t, supervisor, ready } = await setupReady(1, 1);
    const [a, b] = ready;
    await t.run(async (ctx) => ctx.db.patch("orders", b.orderId, { pickupStoreId: undefined }));
    vi.advanceTimersByTime(2 * DAY);
    await t.mutation(internal.holds.scanStuck, { phase: "packed" });
    const stuck = async (orderId: Id<"orders">) =>
      (await supervisor.query(api.holds.forOrder, { orderId })).open.filter((h) => h.type === "stuck").length;
    expect(await stuck(b.orderId)).toBe(1);
    expect(await stuck(a.orderId)).toBe(0);
  });

  test("a supervisor's expire now; unpaid orders get no refund; floor may not expire", async () => {
    const { t, supervisor, floor, ready } = await setupReady(2);
    const [a] = ready;
    expect((await errorOf(floor.mutation(api.pickups.expireNow, { pickupId: a.pickupId }))).code).toBe("FORBIDDEN");
    await t.run(async (ctx) => ctx.db.patch("orders", a.orderId, { paymentStatus: "not_required" }));
    await supervisor.mutation(api.pickups.expireNow, { pickupId: a.pickupId });
    expect((await supervisor.query(api.orders.get, { id: a.orderId })).order.status).toBe("cancelled");
    expect(await t.run((ctx) => ctx.db.query("cancellationRefunds").collect())).toEqual([]);
    expect((await errorOf(supervisor.mutation(api.pickups.expireNow, { pickupId: a.pickupId }))).code).toBe(
      "INVALID_TRANSITION",
    );
    await expectInvariants(t);
  });
});

describe("pickup from a CSV import", () => {
  test("a pickup_store column makes a pickup order; an unknown store refuses the file (all or nothing)", async () => {
    const { t, supervisor, w } = await setupWorld({ wh: [10], store: [10] });
    const row = (id: string, store: string) =>
      csvRow({
        order_id: id,
        customer_name: "Ada Lovelace",
        customer_email: "ada@example.com",
        sku: "P0",
        quantity: "1",
        unit_price: "10.00",
        pickup_store: store,
      });
    const bad = await errorOf(
      supervisor.mutation(api.channels.importCsv, {
        rows: [row("W-1", "sf-store"), row("W-2", "NOPE")],
        excludedRows: [],
      }),
    );
    expect(bad.message).toBe(
      "Order W-2 (rows 3) could not be created: pickup store NOPE is not one of our stores. Nothing was imported.",
    );
    expect(await t.run(async (ctx) => (await ctx.db.query("orders").collect()).length)).toBe(0);
    const r = await supervisor.mutation(api.channels.importCsv, { rows: [row("W-1", "sf-store")], excludedRows: [] });
    expect(r).toMatchObject({ created: 1 });
    const order = await t.run(
      async (ctx) =>
        (await ctx.db
          .query("orders")
          .withIndex("by_channel_and_externalId", (q) => q.eq("channel", "csv").eq("externalId", "W-1"))
          .unique())!,
    );
    expect(order.pickupStoreId).toBe(w.store);
    expect((await shipmentsOf(t, order._id)).map((s) => s.warehouseId)).toEqual([w.store]);
    await expectInvariants(t);
  });
});
