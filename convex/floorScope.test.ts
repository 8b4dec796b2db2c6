/**
 * Store scoping of floor work (issue 20, part 1 gap 2): a floor member bound to a store can neither
 * read nor act on another site's pick lists, pack queue, pack station, packages, labels, documents
 * or shipments list — refused on the server with FORBIDDEN and nothing written — while the same
 * calls work for a member bound to that site, an unbound floor member and a supervisor.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { addWarehouse, errorOf, phoneOrder, rowsOf, setupStocked, type setupTest, upc } from "./testing/setup.testing";
import { insertRow } from "./testing/rows.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;
type World = {
  b: Backend;
  warehouseId: Id<"warehouses">;
  storeId: Id<"warehouses">;
  productId: Id<"products">;
  orderId: Id<"orders">;
  shipmentId: Id<"shipments">;
  pickListId: Id<"pickLists">;
  taskId: Id<"pickTasks">;
  packageId: Id<"packages">;
  labelId: Id<"shippingLabels">;
};

/** Work at the warehouse WH (an order's shipment on a pick list, a package, a label) and a store SF-STORE. */
async function world(): Promise<World> {
  const { warehouseId, productIds, ...b } = await setupStocked([10], [{ barcodes: [upc(7001)] }]);
  const { t, supervisor, admin, memberIds } = b;
  const storeId = await addWarehouse(t, { code: "SF-STORE", kind: "store", priority: 5 });
  const { orderId } = await supervisor.mutation(api.orders.createManual, {
    order: phoneOrder([{ productId: productIds[0], quantity: 2, unitPriceMinor: 100 }]),
  });
  const { pickListId } = await supervisor.mutation(api.floor.buildBatchList, {
    warehouseId,
    maxShipments: 5,
    requireBinScan: false,
  });
  const [shipment] = await rowsOf(t, "shipments", orderId);
  const ids = await t.run(async (ctx) => {
    const task = (await ctx.db
      .query("pickTasks")
      .withIndex("by_pickListId_and_seq", (q) => q.eq("pickListId", pickListId))
      .first())!;
    const shipmentId = shipment._id;
    const packageId = await insertRow(ctx, "packages", {
      shipmentId,
      weightGrams: 500,
      lengthMm: 200,
      widthMm: 150,
      heightMm: 100,
    });
    const requestId = await insertRow(ctx, "rateShopRequests", {
      shipmentId,
      packageIds: [packageId],
      requestedByName: "Test",
      requestedAt: Date.now(),
    });
    const table = { provider: "table_rate", carrier: "Table", service: "Ground" };
    const quoteId = await insertRow(ctx, "shippingQuotes", {
      shipmentId,
      requestId,
      ...table,
      amountMinor: 500,
      quotedAt: Date.now(),
    });
    const labelId = await insertRow(ctx, "shippingLabels", {
      shipmentId,
      packageId,
      quoteId,
      ...table,
      status: "purchased",
      trackingNumber: "1Z",
      labelUrl: "https://labels.invalid/1.pdf",
      requestedByName: "Test",
      createdAt: Date.now(),
      purchasedAt: Date.now(),
    });
    return { shipmentId: shipment._id, taskId: task._id, packageId, labelId };
  });
  // The floor member works at the store.
  await admin.mutation(api.pickups.assignMemberStore, { memberId: memberIds.floor, storeId });
  return { b, warehouseId, storeId, productId: productIds[0], orderId, pickListId, ...ids };
}

/** Every floor function about WH's work, called by whoever `as` is. */
function calls(w: World, as: Backend["floor"]): Record<string, () => Promise<unknown>> {
  const { warehouseId, pickListId, taskId, shipmentId, packageId, labelId } = w;
  return {
    "floor.pickLists": () => as.query(api.floor.pickLists, { warehouseId, status: "open" }),
    "floor.pickList": () => as.query(api.floor.pickList, { pickListId }),
    "floor.packQueue": () => as.query(api.floor.packQueue, { warehouseId }),
    "floor.packStation": () => as.query(api.floor.packStation, { shipmentId }),
    "floor.claimList": () => as.mutation(api.floor.claimList, { pickListId }),
    "floor.releaseList": () => as.mutation(api.floor.releaseList, { pickListId }),
    "floor.scan": () => as.mutation(api.floor.scan, { pickListId, taskId, code: upc(7001), scanId: "s-1" }),
    "floor.confirmCount": () => as.mutation(api.floor.confirmCount, { pickListId, taskId, quantity: 1, scanId: "s-2" }),
    "floor.reportShort": () =>
      as.mutation(api.floor.reportShort, { pickListId, taskId, quantity: 1, reason: "Bin empty" }),
    "floor.packByCode": () => as.mutation(api.floor.packByCode, { warehouseId, code: "SO-100001" }),
    "floor.claimForPacking": () => as.mutation(api.floor.claimForPacking, { shipmentId }),
    "floor.releasePacking": () => as.mutation(api.floor.releasePacking, { shipmentId }),
    "floor.openPackage": () => as.mutation(api.floor.openPackage, { shipmentId, weightGrams: 100 }),
    "floor.weighPackage": () => as.mutation(api.floor.weighPackage, { packageId, weightGrams: 900 }),
    "floor.resetToEstimate": () => as.mutation(api.floor.resetToEstimate, { packageId }),
    "floor.scanIntoPackage": () =>
      as.mutation(api.floor.scanIntoPackage, { packageId, code: upc(7001), scanId: "s-3" }),
    "floor.finishPacking": () => as.mutation(api.floor.finishPacking, { shipmentId }),
    "shipping.forShipment": () => as.query(api.shipping.forShipment, { shipmentId }),
    "shipping.shopRates": () => as.mutation(api.shipping.shopRates, { shipmentId }),
    "shipping.buyLabels": () => as.mutation(api.shipping.buyLabels, { shipmentId }),
    "shipping.reprintLabel": () => as.mutation(api.shipping.reprintLabel, { labelId }),
    "shipments.list (WH named)": () =>
      as.query(api.shipments.list, { warehouseId, paginationOpts: { numItems: 10, cursor: null } }),
    "documents.packingSlip": () => as.action(api.documents.packingSlip, { shipmentId }),
    "documents.pickSheet": () => as.action(api.documents.pickSheet, { pickListId }),
  };
}

describe("a floor member bound to a store", () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  test("is refused every read and action on another site's work, with nothing written", async () => {
    /** What a refused call must leave as it was. */
    const snapshot = () =>
      w.b.t.run(async (ctx) => ({
        list: await ctx.db.get("pickLists", w.pickListId),
        shipment: await ctx.db.get("shipments", w.shipmentId),
        pkg: await ctx.db.get("packages", w.packageId),
        scans: (await ctx.db.query("scanEvents").collect()).length,
        packages: (await ctx.db.query("packages").collect()).length,
        requests: (await ctx.db.query("rateShopRequests").collect()).length,
        documents: (await ctx.db.query("documents").collect()).length,
      }));
    const before = await snapshot();
    const refused: Record<string, string> = {};
    for (const [name, call] of Object.entries(calls(w, w.b.floor))) refused[name] = (await errorOf(call())).code;
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, "FORBIDDEN"])));
    expect(Object.keys(refused)).toHaveLength(24);
    expect(await snapshot()).toEqual(before);
  });

  test("lists only their store's shipments when naming no warehouse; the scope query says which store", async () => {
    const page = await w.b.floor.query(api.shipments.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(page.page).toEqual([]);
    const all = await w.b.supervisor.query(api.shipments.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(all.page.map((s) => s._id)).toEqual([w.shipmentId]);
    expect(await w.b.floor.query(api.floorScope.mine, {})).toEqual({ storeId: w.storeId });
    expect(await w.b.supervisor.query(api.floorScope.mine, {})).toEqual({ storeId: null });
    // The order page's shipping panel shows no other site's shipment either.
    expect(await w.b.floor.query(api.shipping.forOrder, { orderId: w.orderId })).toEqual([]);
    expect(await w.b.supervisor.query(api.shipping.forOrder, { orderId: w.orderId })).toHaveLength(1);
  });

  test("the same reads work once the member is bound to that site, or bound to none, and for a supervisor", async () => {
    const reads = async (as: Backend["floor"]) => {
      expect((await as.query(api.floor.pickLists, { warehouseId: w.warehouseId, status: "open" })).length).toBe(1);
      expect((await as.query(api.floor.pickList, { pickListId: w.pickListId })).list._id).toBe(w.pickListId);
      expect(await as.query(api.floor.packQueue, { warehouseId: w.warehouseId })).toEqual([]);
      expect((await as.query(api.floor.packStation, { shipmentId: w.shipmentId })).shipment._id).toBe(w.shipmentId);
      expect((await as.query(api.shipping.forShipment, { shipmentId: w.shipmentId })).labels).toHaveLength(1);
    };
    await reads(w.b.supervisor);
    // Bound to the site the work is at (set directly: the Stores page binds to stores only, and the check is the same).
    await w.b.t.run((ctx) => ctx.db.patch("members", w.b.memberIds.floor, { storeId: w.warehouseId }));
    await reads(w.b.floor);
    await w.b.floor.mutation(api.floor.claimList, { pickListId: w.pickListId });
    await w.b.admin.mutation(api.pickups.assignMemberStore, { memberId: w.b.memberIds.floor, storeId: null });
    await reads(w.b.floor);
    await w.b.floor.mutation(api.floor.releaseList, { pickListId: w.pickListId });
  });
});
