import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { acceptDecode, compareBins, groupWholeShipments, zoneOf } from "./lib/floor";
import { MAX_PACKAGE_GRAMS, MAX_PACKAGE_MM, MAX_PACKAGES, MAX_PICK_TASKS } from "./lib/bounds";
import { shipShipment } from "./model/fulfillment/ship";
import { slipInput } from "./model/batches/documentData";
import {
  errorOf,
  expectInvariants,
  phoneOrder,
  seedStock,
  setupStocked,
  setupTest,
  upc,
} from "./testing/setup.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;

/** Two products with bins in one warehouse and one allocated order of 2 × P0 and 1 × P1. */
async function pickableOrder(b: Backend, bins = ["B-02-1", "A-10-1"]) {
  const { t, supervisor } = b;
  const { productIds, warehouseId } = await seedStock(
    t,
    [10, 10],
    [{ barcodes: [upc(5001)] }, { barcodes: [upc(5002)] }],
  );
  await t.run(async (ctx) => {
    for (const [i, productId] of productIds.entries()) {
      const level = await ctx.db
        .query("inventoryLevels")
        .withIndex("by_productId_and_warehouseId", (q) => q.eq("productId", productId).eq("warehouseId", warehouseId))
        .unique();
      await ctx.db.patch("inventoryLevels", level!._id, { bin: bins[i] });
    }
  });
  const { orderId } = await supervisor.mutation(api.orders.createManual, {
    order: phoneOrder([
      { productId: productIds[0], quantity: 2, unitPriceMinor: 100 },
      { productId: productIds[1], quantity: 1, unitPriceMinor: 100 },
    ]),
  });
  return { productIds, warehouseId, orderId };
}

let n = 0;
const scanId = () => `scan-${++n}`;

async function listWithTasks(b: Backend, pickListId: Id<"pickLists">) {
  return b.floor.query(api.floor.pickList, { pickListId });
}

/** A fresh backend with the pickable order on a batch list (claimed by the floor when asked), and the list's tasks. */
async function batchList({ requireBinScan = false, claim = false } = {}) {
  const b = await setupTest();
  const o = await pickableOrder(b);
  const { pickListId } = await b.supervisor.mutation(api.floor.buildBatchList, {
    warehouseId: o.warehouseId,
    maxShipments: 10,
    requireBinScan,
  });
  if (claim) await b.floor.mutation(api.floor.claimList, { pickListId });
  const { tasks } = await listWithTasks(b, pickListId);
  return { b, ...o, pickListId, tasks };
}

describe("pick lists", () => {
  test("a batch list walks bins in order and moves the order to picking", async () => {
    const { b, pickListId, orderId } = await batchList();
    const { list, tasks } = await listWithTasks(b, pickListId);
    expect(list.unitsTotal).toBe(3);
    expect(tasks.map((t) => t.bin)).toEqual(["A-10-1", "B-02-1"]);
    expect((await b.floor.query(api.orders.get, { id: orderId })).order.status).toBe("picking");
  });

  test("a wave by zone makes one list per zone", async () => {
    const b = await setupTest();
    const { warehouseId } = await pickableOrder(b);
    const r = await b.supervisor.mutation(api.floor.releaseWaveLists, {
      warehouseId,
      label: "UPS 16:00",
      byZone: true,
      batchSize: 10,
      requireBinScan: true,
    });
    expect(r.lists).toHaveLength(2);
    const open = await b.floor.query(api.floor.pickLists, { warehouseId, status: "open" });
    expect(open.map((l) => [l.kind, l.zone]).sort()).toEqual([
      ["zone", "A"],
      ["zone", "B"],
    ]);
  });

  test("a wave bigger than one list's limit becomes several lists of whole shipments, every stop on one", async () => {
    // Six orders of 200 lines: 1,200 stops in one batch of six shipments, more than MAX_PICK_TASKS.
    const { warehouseId, productIds, ...b } = await setupStocked(Array(200).fill(6));
    for (let i = 0; i < 6; i++)
      await b.supervisor.mutation(api.orders.createManual, {
        order: phoneOrder(productIds.map((productId) => ({ productId, quantity: 1, unitPriceMinor: 100 }))),
      });
    const r = await b.supervisor.mutation(api.floor.releaseWaveLists, {
      warehouseId,
      label: "Big wholesale day",
      byZone: false,
      batchSize: 10,
      requireBinScan: false,
    });
    expect(r.lists).toHaveLength(2);
    const lists = await Promise.all(
      (await b.floor.query(api.floor.pickLists, { warehouseId, status: "open" })).map((l) =>
        b.floor.query(api.floor.pickList, { pickListId: l._id }),
      ),
    );
    expect(lists.map((l) => l.tasks.length).sort((x, y) => x - y)).toEqual([200, 1000]);
    expect(lists.map((l) => l.list.shipmentIds.length).sort((x, y) => x - y)).toEqual([1, 5]);
    // The page shows every stop of its list, and no shipment is on two lists.
    for (const l of lists) expect(l.tasks).toHaveLength(l.list.unitsTotal);
    expect(new Set(lists.flatMap((l) => l.list.shipmentIds)).size).toBe(6);
    await expectInvariants(b.t);
  });

  test("nothing to pick is a clear error", async () => {
    const { warehouseId, ...b } = await setupStocked([1]);
    expect(
      (
        await errorOf(
          b.supervisor.mutation(api.floor.buildBatchList, { warehouseId, maxShipments: 5, requireBinScan: false }),
        )
      ).message,
    ).toMatch(/No allocated shipments/);
  });
});

describe("claims", () => {
  test("two claims race: one wins, the other is told who has the list", async () => {
    const { b, pickListId } = await batchList();
    const results = await Promise.allSettled([
      b.floor.mutation(api.floor.claimList, { pickListId }),
      b.supervisor.mutation(api.floor.claimList, { pickListId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason.data.code).toBe("CONFLICT");
    expect(lost.reason.data.message).toMatch(/Test (floor|supervisor) is already picking PL-1001/);
  });

  test("scanning a list you have not claimed is refused", async () => {
    const { b, pickListId, tasks } = await batchList();
    expect(
      (
        await errorOf(
          b.floor.mutation(api.floor.scan, { pickListId, taskId: tasks[0]._id, code: upc(5002), scanId: scanId() }),
        )
      ).code,
    ).toBe("CONFLICT");
  });
});

describe("hard verification", () => {
  const claimed = () => batchList({ requireBinScan: true, claim: true });

  test("bin first, then the right product; wrong product, unknown code and over-scan are refused and recorded", async () => {
    const { b, pickListId, tasks, orderId } = await claimed();
    const [first, second] = tasks; // A-10-1: P1 × 1, then B-02-1: P0 × 2
    const scan = (taskId: Id<"pickTasks">, code: string) =>
      b.floor.mutation(api.floor.scan, { pickListId, taskId, code, scanId: scanId() });
    expect((await scan(first._id, upc(5002))).result).toBe("bin_required");
    expect((await scan(first._id, "A-10-1")).result).toBe("bin_ok");
    expect((await scan(first._id, upc(5001))).result).toBe("wrong_product");
    expect((await scan(first._id, "999999999999")).result).toBe("unknown_code");
    expect((await scan(first._id, upc(5002))).result).toBe("ok");
    expect((await scan(first._id, upc(5002))).result).toBe("over_quantity");
    let view = await listWithTasks(b, pickListId);
    expect(view.list.unitsPicked).toBe(1);
    expect(view.recentScans.map((s) => s.result)).toEqual([
      "over_quantity",
      "ok",
      "unknown_code",
      "wrong_product",
      "bin_ok",
      "bin_required",
    ]);
    await scan(second._id, "B-02-1");
    await scan(second._id, upc(5001));
    const last = await scan(second._id, upc(5001));
    expect(last).toMatchObject({ result: "ok", listDone: true });
    view = await listWithTasks(b, pickListId);
    expect([view.list.status, view.list.claimedBy]).toEqual(["done", undefined]);
    const plan = await b.floor.query(api.allocation.orderPlan, { orderId });
    expect(plan.shipments[0].status).toBe("picked");
    expect((await b.floor.query(api.orders.get, { id: orderId })).lines.map((l) => l.picked)).toEqual([2, 1]);
    await expectInvariants(b.t);
  });

  test("a line of another pick list is refused by scans and short picks alike", async () => {
    const { b, pickListId, productIds, warehouseId } = await claimed();
    await b.supervisor.mutation(api.orders.createManual, {
      order: phoneOrder([{ productId: productIds[0], quantity: 1, unitPriceMinor: 100 }]),
    });
    const other = await b.supervisor.mutation(api.floor.buildBatchList, {
      warehouseId,
      maxShipments: 10,
      requireBinScan: false,
    });
    const [foreign] = (await listWithTasks(b, other.pickListId)).tasks;
    const notOnList = { code: "NOT_FOUND", message: "That line is not on this pick list." };
    expect(
      await errorOf(
        b.floor.mutation(api.floor.scan, { pickListId, taskId: foreign._id, code: upc(5001), scanId: scanId() }),
      ),
    ).toEqual(notOnList);
    expect(
      await errorOf(
        b.floor.mutation(api.floor.reportShort, { pickListId, taskId: foreign._id, quantity: 1, reason: "empty bin" }),
      ),
    ).toEqual(notOnList);
  });

  test("the same physical scan delivered twice counts once", async () => {
    const { b, pickListId, tasks } = await claimed();
    await b.floor.mutation(api.floor.scan, { pickListId, taskId: tasks[0]._id, code: "A-10-1", scanId: scanId() });
    const id = scanId();
    const r1 = await b.floor.mutation(api.floor.scan, {
      pickListId,
      taskId: tasks[0]._id,
      code: upc(5002),
      scanId: id,
    });
    const r2 = await b.floor.mutation(api.floor.scan, {
      pickListId,
      taskId: tasks[0]._id,
      code: upc(5002),
      scanId: id,
    });
    expect([r1.result, r2.result]).toEqual(["ok", "ok"]);
    expect((await listWithTasks(b, pickListId)).list.unitsPicked).toBe(1);
  });

  test("a short pick writes the missing units off the bin and re-allocates the line elsewhere or to the queue", async () => {
    const { b, pickListId, tasks, orderId } = await claimed();
    const second = tasks[1];
    await b.floor.mutation(api.floor.scan, { pickListId, taskId: second._id, code: "B-02-1", scanId: scanId() });
    await b.floor.mutation(api.floor.scan, { pickListId, taskId: second._id, code: upc(5001), scanId: scanId() });
    expect(
      (
        await errorOf(
          b.floor.mutation(api.floor.reportShort, { pickListId, taskId: second._id, quantity: 2, reason: "empty bin" }),
        )
      ).fields?.quantity,
    ).toBe("1 to 1.");
    await b.floor.mutation(api.floor.reportShort, { pickListId, taskId: second._id, quantity: 1, reason: "empty bin" });
    const { lines } = await b.floor.query(api.orders.get, { id: orderId });
    // 10 on hand − 1 written off; the missing unit re-allocates from the stock still there, on a new open shipment.
    expect(lines[0]).toMatchObject({ quantity: 2, picked: 1, allocated: 2, unallocated: 0 });
    const ledger = await b.floor.query(api.inventory.ledger, {
      productId: second.productId,
      paginationOpts: { numItems: 1, cursor: null },
    });
    expect([ledger.page[0].kind, ledger.page[0].onHandDelta, ledger.page[0].reason]).toEqual([
      "adjustment",
      -1,
      "Short pick at B-02-1: empty bin",
    ]);
    await expectInvariants(b.t);
  });
  test("a line short-picked unit by unit waits in the queue as one row, and cancelling it leaves nothing queued", async () => {
    // 60 on hand, all on one order; the bin turns out empty and the picker reports one unit at a time.
    const b = await setupTest();
    const { productIds, warehouseId } = await seedStock(b.t, [60], [{ barcodes: [upc(5009)] }]);
    const { orderId } = await b.supervisor.mutation(api.orders.createManual, {
      order: phoneOrder([{ productId: productIds[0], quantity: 60, unitPriceMinor: 100 }]),
    });
    const { pickListId } = await b.supervisor.mutation(api.floor.buildBatchList, {
      warehouseId,
      maxShipments: 10,
      requireBinScan: false,
    });
    await b.floor.mutation(api.floor.claimList, { pickListId });
    const [task] = (await listWithTasks(b, pickListId)).tasks;
    for (let i = 0; i < 55; i++)
      await b.floor.mutation(api.floor.reportShort, { pickListId, taskId: task._id, quantity: 1, reason: "empty bin" });
    const rows = await b.t.run((ctx) => ctx.db.query("backorders").collect());
    expect(rows.map((r) => r.quantity)).toEqual([55]);
    const { lines } = await b.floor.query(api.orders.get, { id: orderId });
    expect(lines[0]).toMatchObject({ backordered: 55, allocated: 5 });
    await b.supervisor.mutation(api.orders.cancelOrderLines, {
      orderId,
      lines: [{ lineId: lines[0]._id, quantity: 55 }],
      reason: "Customer gave up on the rest",
    });
    expect(await b.t.run((ctx) => ctx.db.query("backorders").collect())).toEqual([]);
    await expectInvariants(b.t);
  });
});

describe("packing", () => {
  async function picked() {
    const { b, pickListId, tasks, ...o } = await batchList({ claim: true });
    for (const task of tasks)
      for (let i = 0; i < task.quantity; i++)
        await b.floor.mutation(api.floor.scan, {
          pickListId,
          taskId: task._id,
          code: task.productId === o.productIds[0] ? upc(5001) : upc(5002),
          scanId: scanId(),
        });
    const [shipment] = await b.floor.query(api.floor.packQueue, { warehouseId: o.warehouseId });
    return { b, ...o, shipmentId: shipment._id };
  }

  test("packing completes only when every unit is scanned into a package; then the order is packed", async () => {
    const { b, shipmentId, orderId } = await picked();
    await b.floor.mutation(api.floor.claimForPacking, { shipmentId });
    const packageId = await b.floor.mutation(api.floor.openPackage, {
      shipmentId,
      lengthMm: 300,
      widthMm: 200,
      heightMm: 100,
      weightGrams: 1200,
    });
    const pack = (code: string) => b.floor.mutation(api.floor.scanIntoPackage, { packageId, code, scanId: scanId() });
    expect((await pack(upc(5001))).result).toBe("ok");
    expect((await errorOf(b.floor.mutation(api.floor.finishPacking, { shipmentId }))).message).toMatch(
      /1 × P0, 1 × P1 left|left/,
    );
    expect((await pack("123")).result).toBe("unknown_code");
    expect((await pack(upc(5001))).result).toBe("ok");
    expect((await pack(upc(5001))).result).toBe("over_quantity");
    expect((await pack(upc(5002))).message).toMatch(/Every unit is in a package/);
    await b.floor.mutation(api.floor.finishPacking, { shipmentId });
    expect((await b.floor.query(api.orders.get, { id: orderId })).order.status).toBe("packed");
    const station = await b.floor.query(api.floor.packStation, { shipmentId });
    expect(station.shipment.status).toBe("packed");
    expect(station.packages[0].items.map((i) => i.quantity)).toEqual([2, 1]);
    await expectInvariants(b.t);

    // Shipping consumes the reservation and lowers on hand through a `ship` movement at FIFO cost.
    const { cogsMinor } = await b.t.run((ctx) => shipShipment(ctx, undefined, shipmentId));
    expect(cogsMinor).toBe(3 * 700);
    const after = await b.floor.query(api.orders.get, { id: orderId });
    expect(after.order.status).toBe("shipped");
    expect(after.lines.map((l) => l.shipped)).toEqual([2, 1]);
    const levels = await b.t.run((ctx) => ctx.db.query("inventoryLevels").collect());
    expect(levels.map((l) => [l.onHand, l.reserved])).toEqual([
      [8, 0],
      [9, 0],
    ]);
    await expectInvariants(b.t);
  });

  test("a shipment whose order is gone is refused in one sentence when it ships and when its packing slip is drawn", async () => {
    const { b, shipmentId, orderId } = await picked();
    const s = await b.t.run(async (ctx) => {
      await ctx.db.patch("shipments", shipmentId, { status: "packed" });
      await ctx.db.delete("orders", orderId);
      return (await ctx.db.get("shipments", shipmentId))!;
    });
    const gone = { code: "NOT_FOUND", message: "The order of this shipment no longer exists." };
    expect(await errorOf(b.t.run((ctx) => shipShipment(ctx, undefined, shipmentId)))).toEqual(gone);
    expect(await errorOf(b.t.run((ctx) => slipInput(ctx, s)))).toEqual(gone);
  });

  test("a second packer sees who is packing; an empty package blocks completion", async () => {
    const { b, shipmentId } = await picked();
    await b.floor.mutation(api.floor.claimForPacking, { shipmentId });
    expect((await errorOf(b.supervisor.mutation(api.floor.claimForPacking, { shipmentId }))).message).toMatch(
      /Test floor is already packing/,
    );
    const p1 = await b.floor.mutation(api.floor.openPackage, {
      shipmentId,
      lengthMm: 300,
      widthMm: 200,
      heightMm: 100,
    });
    await b.floor.mutation(api.floor.openPackage, { shipmentId, lengthMm: 300, widthMm: 200, heightMm: 100 });
    for (const code of [upc(5001), upc(5001), upc(5002)])
      await b.floor.mutation(api.floor.scanIntoPackage, { packageId: p1, code, scanId: scanId() });
    expect((await errorOf(b.floor.mutation(api.floor.finishPacking, { shipmentId }))).message).toMatch(
      /Package 2 is empty/,
    );
  });

  test("a package's sides and weight, and a box type's, are whole and within the floor's limits, else refused by field", async () => {
    const { b, shipmentId } = await picked();
    await b.floor.mutation(api.floor.claimForPacking, { shipmentId });
    const box = { shipmentId, lengthMm: 300, widthMm: 200, heightMm: 100 };
    const fieldsOf = async (p: Promise<unknown>) => (await errorOf(p)).fields;
    expect(
      await fieldsOf(
        b.floor.mutation(api.floor.openPackage, { ...box, lengthMm: MAX_PACKAGE_MM + 1, weightGrams: 1.5 }),
      ),
    ).toEqual({ lengthMm: "Whole mm from 1 to 3,000.", weightGrams: "Whole grams from 1 to 1,000,000." });
    expect(await b.t.run((ctx) => ctx.db.query("packages").collect())).toEqual([]);
    const packageId = await b.floor.mutation(api.floor.openPackage, {
      ...box,
      lengthMm: MAX_PACKAGE_MM,
      weightGrams: MAX_PACKAGE_GRAMS,
    });
    for (const bad of [0, -5, 2.5, MAX_PACKAGE_GRAMS + 1, 1e12])
      expect(await fieldsOf(b.floor.mutation(api.floor.weighPackage, { packageId, weightGrams: bad }))).toEqual({
        weightGrams: "Whole grams from 1 to 1,000,000.",
      });
    expect((await b.t.run((ctx) => ctx.db.get("packages", packageId)))!.weightGrams).toBe(MAX_PACKAGE_GRAMS);
    await b.floor.mutation(api.floor.weighPackage, { packageId, weightGrams: 1 });
    expect((await b.t.run((ctx) => ctx.db.get("packages", packageId)))!.weightGrams).toBe(1);

    const boxType = { code: "XL", name: "Extra large", lengthMm: 600, widthMm: 400, heightMm: 400, tareGrams: 0 };
    expect(await fieldsOf(b.admin.mutation(api.floor.addBoxType, { ...boxType, heightMm: 0, tareGrams: -1 }))).toEqual({
      heightMm: "Whole mm from 1 to 3,000.",
      tareGrams: "Whole grams from 0 to 1,000,000.",
    });
    await b.admin.mutation(api.floor.addBoxType, boxType);
  });

  test("a shipment takes at most MAX_PACKAGES packages, numbered 1…n; one more is refused in words", async () => {
    const { b, shipmentId } = await picked();
    await b.floor.mutation(api.floor.claimForPacking, { shipmentId });
    const box = { shipmentId, lengthMm: 300, widthMm: 200, heightMm: 100 };
    for (let i = 0; i < MAX_PACKAGES; i++) await b.floor.mutation(api.floor.openPackage, box);
    const e = await errorOf(b.floor.mutation(api.floor.openPackage, box));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/at most 100 packages/);
    const station = await b.floor.query(api.floor.packStation, { shipmentId });
    expect(station.packages.map((p) => p.index)).toEqual(Array.from({ length: MAX_PACKAGES }, (_, i) => i + 1));
  });
});

describe("presence", () => {
  test("heartbeats show who is on a list; one place per person", async () => {
    const { b, pickListId } = await batchList();
    await b.floor.mutation(api.floor.presenceHeartbeat, { place: "somewhere" });
    await b.floor.mutation(api.floor.presenceHeartbeat, { place: `pickList:${pickListId}` });
    expect((await listWithTasks(b, pickListId)).presence.map((p) => p.name)).toEqual(["Test floor"]);
    expect(await b.t.run((ctx) => ctx.db.query("presence").collect())).toHaveLength(1);
    await b.floor.mutation(api.floor.presenceLeave, { place: `pickList:${pickListId}` });
    expect((await listWithTasks(b, pickListId)).presence).toEqual([]);
  });
});

describe("floor logic", () => {
  test("zones and natural bin order", () => {
    expect(zoneOf("a-03-2")).toBe("A");
    expect(zoneOf(undefined)).toBe("?");
    expect(["A-10-1", "A-2-1", "", "B-1-1"].sort(compareBins)).toEqual(["A-2-1", "A-10-1", "B-1-1", ""]);
  });
  test("pick work splits into groups of whole shipments within the list limit, in shipment order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (shipmentOfTask, max) => {
          const tasks = shipmentOfTask.map((shipmentIndex, id) => ({ id, shipmentIndex }));
          const groups = groupWholeShipments(tasks, max);
          // Every task exactly once; shipments in order; no shipment on two groups.
          expect(
            groups
              .flat()
              .map((t) => t.id)
              .sort((x, y) => x - y),
          ).toEqual(tasks.map((t) => t.id));
          const order = groups.flat().map((t) => t.shipmentIndex);
          expect(order).toEqual([...order].sort((x, y) => x - y));
          const groupOf = new Map<number, number>();
          for (const [g, group] of groups.entries())
            for (const t of group) {
              expect(groupOf.get(t.shipmentIndex) ?? g).toBe(g);
              groupOf.set(t.shipmentIndex, g);
            }
          // A group passes the limit only when it is one shipment bigger than the limit on its own.
          for (const group of groups)
            if (group.length > max) expect(new Set(group.map((t) => t.shipmentIndex)).size).toBe(1);
          expect(groups.every((g) => g.length > 0)).toBe(true);
        },
      ),
    );
    expect(MAX_PICK_TASKS).toBe(1000);
  });

  test("repeated camera decodes of one code within the window count once", () => {
    let s = acceptDecode(null, "X", 0);
    expect(s.accept).toBe(true);
    s = acceptDecode(s.state, "X", 400);
    expect(s.accept).toBe(false);
    s = acceptDecode(s.state, "X", 1500); // still in view: the window slides
    expect(s.accept).toBe(false);
    s = acceptDecode(s.state, "Y", 1600);
    expect(s.accept).toBe(true);
    s = acceptDecode(s.state, "Y", 3200);
    expect(s.accept).toBe(true);
  });
});
