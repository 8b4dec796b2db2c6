/**
 * The floor for a whole shift: codes typed as the screen shows them, refusals naming what was
 * scanned and what was wanted, count confirm instead of one scan per unit, one bin scan per run
 * of stops, package weights that cover their contents, and scan-driven packing.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { namesProduct } from "./model/floor/codes";
import { declaredWeightProblem } from "./model/floor/weight";
import { errorOf, expectInvariants, seedStock, phoneOrder, setupTest, upc } from "./testing/setup.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;
let n = 0;
const scanId = () => `shift-${++n}`;

/** One order of `qty` units of products with the given bins; one claimed batch list over it. */
async function claimedList(
  b: Backend,
  opts: { qty: number[]; bins: string[]; requireBinScan?: boolean; skus?: string[] },
) {
  const over = opts.qty.map((_, i) => ({
    barcodes: [upc(7000 + n * 10 + i)],
    ...(opts.skus?.[i] ? { sku: opts.skus[i] } : {}),
    weightGrams: 400 + 100 * i,
  }));
  n += 1;
  const { productIds, warehouseId } = await seedStock(
    b.t,
    opts.qty.map((q) => q + 5),
    over,
  );
  await b.t.run(async (ctx) => {
    for (const [i, productId] of productIds.entries()) {
      const level = await ctx.db
        .query("inventoryLevels")
        .withIndex("by_productId_and_warehouseId", (q) => q.eq("productId", productId).eq("warehouseId", warehouseId))
        .unique();
      await ctx.db.patch("inventoryLevels", level!._id, { bin: opts.bins[i] });
    }
  });
  const { orderId } = await b.supervisor.mutation(api.orders.createManual, {
    order: phoneOrder(productIds.map((productId, i) => ({ productId, quantity: opts.qty[i], unitPriceMinor: 100 }))),
  });
  const { pickListId } = await b.supervisor.mutation(api.floor.buildBatchList, {
    warehouseId,
    maxShipments: 5,
    requireBinScan: opts.requireBinScan ?? false,
  });
  await b.floor.mutation(api.floor.claimList, { pickListId });
  const { tasks } = await b.floor.query(api.floor.pickList, { pickListId });
  return { productIds, warehouseId, orderId, pickListId, tasks, barcodes: over.map((o) => o.barcodes[0]) };
}

describe("codes people can type", () => {
  test("SKU, barcode and bin are accepted in any case; the list shows each product's barcode digits", async () => {
    const b = await setupTest();
    const { pickListId, tasks, barcodes } = await claimedList(b, {
      qty: [1, 1],
      bins: ["A-01-1", "A-02-1"],
      requireBinScan: true,
      skus: ["BSK-OCEA", "TNT-2P"],
    });
    const scan = (taskId: Id<"pickTasks">, code: string) =>
      b.floor.mutation(api.floor.scan, { pickListId, taskId, code, scanId: scanId() });
    expect(await scan(tasks[0]._id, "a-01-1")).toMatchObject({ result: "bin_ok" });
    expect(await scan(tasks[0]._id, "bsk-ocea")).toMatchObject({ result: "ok", picked: 1 });
    expect(await scan(tasks[1]._id, " A-02-1 ")).toMatchObject({ result: "bin_ok" });
    expect(await scan(tasks[1]._id, barcodes[1])).toMatchObject({ result: "ok", listDone: true });
    const { products } = await b.floor.query(api.floor.pickList, { pickListId });
    expect(products.map((p) => p.barcodes[0]).sort()).toEqual([...barcodes].sort());
    await expectInvariants(b.t);
  });

  test("every refusal names what was scanned and what was wanted", async () => {
    const b = await setupTest();
    const { pickListId, tasks } = await claimedList(b, {
      qty: [1, 1],
      bins: ["A-01-1", "B-01-1"],
      requireBinScan: true,
      skus: ["BSK-OCEA", "TNT-2P"],
    });
    const scan = (code: string) =>
      b.floor.mutation(api.floor.scan, { pickListId, taskId: tasks[0]._id, code, scanId: scanId() });
    expect(await scan("B-01-1")).toMatchObject({
      result: "wrong_bin",
      message: "Scanned B-01-1 (not this bin): this stop is bin A-01-1. Scan bin A-01-1 first.",
    });
    expect((await scan("tnt-2p")).message).toBe(
      "Scanned tnt-2p (TNT-2P, a product): this stop is bin A-01-1. Scan bin A-01-1 first.",
    );
    await scan("A-01-1");
    expect((await scan("XYZ")).message).toMatch(
      /^Scanned XYZ: not a SKU, barcode or bin we know\. This stop needs BSK-OCEA \(Product \d+\)\.$/,
    );
    expect((await scan("TNT-2P")).message).toMatch(
      /^Wrong item: scanned TNT-2P, that is TNT-2P \(Product \d+\); this stop needs BSK-OCEA \(Product \d+\)\.$/,
    );
    const { list } = await b.floor.query(api.floor.pickList, { pickListId });
    expect(list.unitsPicked).toBe(0);
  });

  test("namesProduct: any case of the SKU or a barcode, nothing else", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
        fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
        fc.boolean(),
        (sku, code, upper) => {
          const p = { sku, barcodes: [code] };
          const t = (s: string) => (upper ? s.toUpperCase() : s.toLowerCase());
          expect(namesProduct(p, t(sku))).toBe(true);
          expect(namesProduct(p, t(code))).toBe(true);
          expect(namesProduct(p, `${sku}X`)).toBe(`${sku}X`.toUpperCase() === code.toUpperCase());
        },
      ),
    );
  });
});

describe("quantities", () => {
  test("scan once, confirm the rest; the same code again adds one; over-counting is refused", async () => {
    const b = await setupTest();
    const { pickListId, tasks, barcodes } = await claimedList(b, { qty: [5], bins: ["A-01-1"] });
    const taskId = tasks[0]._id;
    const confirm = (quantity: number, id = scanId()) =>
      b.floor.mutation(api.floor.confirmCount, { pickListId, taskId, quantity, scanId: id });
    expect((await errorOf(confirm(4))).message).toMatch(/Scan SKU-\d+ once before counting/);
    await b.floor.mutation(api.floor.scan, { pickListId, taskId, code: barcodes[0], scanId: scanId() });
    await b.floor.mutation(api.floor.scan, { pickListId, taskId, code: barcodes[0], scanId: scanId() });
    expect((await errorOf(confirm(4))).fields?.quantity).toBe("1 to 3.");
    expect((await errorOf(confirm(0))).code).toBe("INVALID_INPUT");
    const id = scanId();
    expect(await confirm(3, id)).toMatchObject({ result: "ok", picked: 5, listDone: true });
    expect(await confirm(3, id)).toMatchObject({ result: "ok" }); // a retried confirm counts once
    const { list, tasks: after } = await b.floor.query(api.floor.pickList, { pickListId });
    expect([list.unitsPicked, after[0].picked, list.status]).toEqual([5, 5, "done"]);
    await expectInvariants(b.t);
  });

  test("a scan-every-unit product refuses the count keypad; only a supervisor sets it", async () => {
    const b = await setupTest();
    const { pickListId, tasks, barcodes, productIds } = await claimedList(b, { qty: [2], bins: ["A-01-1"] });
    expect(
      (await errorOf(b.floor.mutation(api.floor.setScanEveryUnit, { productId: productIds[0], scanEveryUnit: true })))
        .code,
    ).toBe("FORBIDDEN");
    await b.supervisor.mutation(api.floor.setScanEveryUnit, { productId: productIds[0], scanEveryUnit: true });
    const taskId = tasks[0]._id;
    await b.floor.mutation(api.floor.scan, { pickListId, taskId, code: barcodes[0], scanId: scanId() });
    expect(
      (await errorOf(b.floor.mutation(api.floor.confirmCount, { pickListId, taskId, quantity: 1, scanId: scanId() })))
        .message,
    ).toMatch(/scanned unit by unit/);
    expect(
      await b.floor.mutation(api.floor.scan, { pickListId, taskId, code: barcodes[0], scanId: scanId() }),
    ).toMatchObject({ picked: 2 });
    const audit = await b.t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.some((a) => a.action === "scan_every_unit")).toBe(true);
  });

  test("consecutive stops in one bin need one bin scan; the next bin needs its own", async () => {
    const b = await setupTest();
    const { pickListId, tasks, barcodes } = await claimedList(b, {
      qty: [1, 1, 1],
      bins: ["A-01-1", "A-01-1", "A-02-1"],
      requireBinScan: true,
    });
    const byProduct = (i: number) => tasks.find((t) => t.sku === tasks.map((x) => x.sku).sort()[i])!;
    const scan = (taskId: Id<"pickTasks">, code: string) =>
      b.floor.mutation(api.floor.scan, { pickListId, taskId, code, scanId: scanId() });
    const first = tasks[0];
    expect((await scan(first._id, "A-01-1")).message).toMatch(/covers the next 1 stop in this bin/);
    const { tasks: after } = await b.floor.query(api.floor.pickList, { pickListId });
    expect(after.map((t) => t.binConfirmed)).toEqual([true, true, false]);
    // Both A-01-1 stops take their item straight away.
    for (const t of after.slice(0, 2)) {
      const i = tasks.findIndex((x) => x._id === t._id);
      const code = barcodes[[0, 1, 2].find((k) => byProduct(k).sku === tasks[i].sku) ?? 0];
      expect((await scan(t._id, code)).result).toBe("ok");
    }
    expect((await scan(after[2]._id, barcodes[2])).result).toBe("bin_required");
  });
});

describe("package weight", () => {
  test("the weight follows tare + contents until weighed; a label below the contents is refused until a supervisor overrides", async () => {
    const b = await setupTest();
    const { pickListId, tasks, barcodes, warehouseId } = await claimedList(b, {
      qty: [2, 1],
      bins: ["A-01-1", "A-02-1"],
    });
    for (const [i, t] of tasks.entries()) {
      const code = barcodes[tasks[i].sku === tasks[0].sku ? 0 : 1];
      void code;
      for (let k = 0; k < t.quantity; k++) {
        const c = (await b.floor.query(api.floor.pickList, { pickListId })).products.find((p) => p._id === t.productId)!
          .barcodes[0];
        await b.floor.mutation(api.floor.scan, { pickListId, taskId: t._id, code: c, scanId: scanId() });
      }
    }
    const boxTypeId = await b.admin.mutation(api.floor.addBoxType, {
      code: "M",
      name: "Medium",
      lengthMm: 300,
      widthMm: 250,
      heightMm: 150,
      tareGrams: 220,
    });
    const { shipmentId } = await b.floor.mutation(api.floor.packByCode, {
      warehouseId,
      code: (await b.t.run(async (ctx) => (await ctx.db.query("orders").first())!.number)).toLowerCase(),
    });
    const packageId = await b.floor.mutation(api.floor.openPackage, { shipmentId, boxTypeId });
    const weight = async () => (await b.t.run((ctx) => ctx.db.get("packages", packageId)))!;
    expect(await weight()).toMatchObject({ weightGrams: 220, weightSource: "estimate" });
    for (const code of [barcodes[0], barcodes[0], barcodes[1]])
      await b.floor.mutation(api.floor.scanIntoPackage, { packageId, code, scanId: scanId() });
    // 2 × 400 g + 1 × 500 g + 220 g tare.
    expect((await weight()).weightGrams).toBe(1520);
    await b.floor.mutation(api.floor.finishPacking, { shipmentId });
    await b.floor.mutation(api.floor.weighPackage, { packageId, weightGrams: 420 });
    const refused = await errorOf(b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true }));
    expect(refused.message).toBe(
      "Package 1 is declared at 420 g but its contents weigh 1300 g by the catalog. Weigh it again, or ask a supervisor to override with a reason.",
    );
    expect(
      (await errorOf(b.floor.mutation(api.floor.overrideWeight, { packageId, reason: "Customer's own scale" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await errorOf(b.supervisor.mutation(api.floor.overrideWeight, { packageId, reason: "ok" }))).fields?.reason,
    ).toMatch(/at least 5/);
    await b.supervisor.mutation(api.floor.overrideWeight, {
      packageId,
      reason: "Catalog weight is wrong for this SKU",
    });
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    const audit = await b.t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.find((a) => a.action === "weight_override")?.summary).toMatch(
      /Declared 420 g .* below its contents' 1300 g: Catalog weight is wrong/,
    );
  });

  test("declaredWeightProblem: an override covers exactly the weight it named", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 0, max: 100000 }),
        fc.option(fc.integer({ min: 1, max: 100000 }), { nil: undefined }),
        (declared, contents, overridden) => {
          const pkg = {
            index: 1,
            weightGrams: declared,
            weightOverride:
              overridden === undefined
                ? undefined
                : { grams: overridden, reason: "r", by: "m" as Id<"members">, byName: "S", at: 0 },
          };
          const ok = declared >= contents || overridden === declared;
          expect(declaredWeightProblem(pkg, contents) === undefined).toBe(ok);
        },
      ),
    );
  });
});

describe("codes at the pack station", () => {
  test("a mixed-case SKU typed in any case packs; refusals name the scanned item and what the shipment needs", async () => {
    const b = await setupTest();
    const { pickListId, tasks, barcodes, warehouseId } = await claimedList(b, {
      qty: [2],
      bins: ["A-01-1"],
      skus: ["Bsk-Ocea"],
    });
    await b.floor.mutation(api.floor.scan, { pickListId, taskId: tasks[0]._id, code: "bSK-oCEA", scanId: scanId() });
    await b.floor.mutation(api.floor.confirmCount, { pickListId, taskId: tasks[0]._id, quantity: 1, scanId: scanId() });
    const { shipmentId } = await b.floor.mutation(api.floor.packByCode, { warehouseId, code: "PL-1001-T1" });
    const packageId = await b.floor.mutation(api.floor.openPackage, {
      shipmentId,
      lengthMm: 300,
      widthMm: 200,
      heightMm: 100,
    });
    const pack = (code: string) => b.floor.mutation(api.floor.scanIntoPackage, { packageId, code, scanId: scanId() });
    expect(await pack("BSK-OCEA")).toMatchObject({ result: "ok", remaining: 1 });
    expect((await pack("nope")).message).toBe(
      "Scanned nope: not a SKU or barcode we know; SO-100001-1 still needs Bsk-Ocea.",
    );
    expect(await pack(barcodes[0])).toMatchObject({ result: "ok", remaining: 0 });
    expect((await pack("bsk-ocea")).message).toMatch(
      /^Scanned Bsk-Ocea \(Product \d+\): every one is already packed; SO-100001-1 is fully packed\.$/,
    );
  });
});

describe("scan-driven packing", () => {
  test("a tote, order or shipment label claims the picked shipment; other codes are refused by name", async () => {
    const b = await setupTest();
    const { pickListId, tasks, barcodes, warehouseId } = await claimedList(b, { qty: [1], bins: ["A-01-1"] });
    expect(
      (await errorOf(b.floor.mutation(api.floor.packByCode, { warehouseId, code: "PL-1001-T1" }))).message,
    ).toMatch(/^Scanned tote 1 of PL-1001: nothing there is waiting to be packed .*is picking/);
    await b.floor.mutation(api.floor.scan, { pickListId, taskId: tasks[0]._id, code: barcodes[0], scanId: scanId() });
    expect((await errorOf(b.floor.mutation(api.floor.packByCode, { warehouseId, code: "nope-9" }))).message).toBe(
      "Scanned NOPE-9: not a tote, order or shipment we know. Scan the tote label or the packing slip.",
    );
    const r = await b.floor.mutation(api.floor.packByCode, { warehouseId, code: "pl-1001-t1" });
    const s = await b.t.run((ctx) => ctx.db.get("shipments", r.shipmentId));
    expect(s).toMatchObject({ claimedByName: "Test floor", status: "picked" });
    expect(
      (await errorOf(b.supervisor.mutation(api.floor.packByCode, { warehouseId, code: s!.number }))).message,
    ).toMatch(/Test floor is already packing/);
  });
});
