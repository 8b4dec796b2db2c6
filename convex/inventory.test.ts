import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { errorOf, expectInvariants, productInput, setupStocked, warehouseInput } from "./testing/setup.testing";

/** One product stocked with `onHand` units in one warehouse; `at` names its level in the ledger's calls. */
async function setupLevel(onHand: number) {
  const s = await setupStocked([onHand]);
  return { ...s, at: { productId: s.productIds[0], warehouseId: s.warehouseId } };
}

describe("inventory ledger", () => {
  test("receipt raises on hand, writes one movement and one FIFO cost layer", async () => {
    const { t, floor, productIds, at } = await setupLevel(0);
    await floor.mutation(api.inventory.receive, {
      ...at,
      quantity: 12,
      unitCostMinor: 450,
      reference: "PO-1",
    });
    await floor.mutation(api.inventory.receive, {
      ...at,
      quantity: 3,
      unitCostMinor: 500,
      reference: "PO-2",
    });
    const [level] = await floor.query(api.inventory.levelsForProduct, { productId: productIds[0] });
    expect([level.onHand, level.reserved, level.available]).toEqual([15, 0, 15]);
    const ledger = await floor.query(api.inventory.ledger, {
      productId: productIds[0],
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(ledger.page.map((m) => [m.kind, m.onHandDelta, m.reference, m.actorName])).toEqual([
      ["receipt", 3, "PO-2", "Test floor"],
      ["receipt", 12, "PO-1", "Test floor"],
    ]);
    const layers = await t.run((ctx) => ctx.db.query("costLayers").collect());
    expect(layers.map((l) => [l.quantityRemaining, l.unitCostMinor])).toEqual([
      [12, 450],
      [3, 500],
    ]);
    await expectInvariants(t);
  });

  test("adjustments need a reason, may not go below zero, and consume the oldest cost layer first", async () => {
    const { t, supervisor, productIds, warehouseId } = await setupLevel(10);
    const productId = productIds[0];
    expect(
      (await errorOf(supervisor.mutation(api.inventory.adjust, { productId, warehouseId, delta: -2, reason: "" })))
        .fields?.reason,
    ).toBeDefined();
    const tooMany = await errorOf(
      supervisor.mutation(api.inventory.adjust, { productId, warehouseId, delta: -11, reason: "cycle count" }),
    );
    expect(tooMany.code).toBe("INSUFFICIENT_STOCK");
    await supervisor.mutation(api.inventory.adjust, { productId, warehouseId, delta: -4, reason: "cycle count" });
    const layers = await t.run((ctx) => ctx.db.query("costLayers").collect());
    expect(layers[0].quantityRemaining).toBe(6);
    const audit = await t.run((ctx) => ctx.db.query("auditLog").withIndex("by_at").order("desc").first());
    expect(audit?.summary).toMatch(/-4 .* cycle count/);
    await expectInvariants(t);
  });

  test("stock reserved for orders cannot be adjusted, transferred or written off", async () => {
    const { t, supervisor, productIds, warehouseId } = await setupLevel(10);
    const productId = productIds[0];
    await t.run(async (ctx) => {
      const level = (await ctx.db.query("inventoryLevels").collect())[0];
      await ctx.db.patch("inventoryLevels", level._id, { reserved: 8 });
    });
    const to = await t.run(async (ctx) => ctx.db.insert("warehouses", { ...warehouseInput(), active: true }));
    for (const call of [
      supervisor.mutation(api.inventory.adjust, { productId, warehouseId, delta: -3, reason: "count" }),
      supervisor.mutation(api.inventory.transfer, {
        productId,
        fromWarehouseId: warehouseId,
        toWarehouseId: to,
        quantity: 3,
      }),
      supervisor.mutation(api.inventory.writeOff, { productId, warehouseId, quantity: 3, reason: "forklift" }),
    ]) {
      const err = await errorOf(call);
      expect(err.code).toBe("INSUFFICIENT_STOCK");
      expect(err.message).toMatch(/8 of the 10 on hand are reserved/);
    }
    await supervisor.mutation(api.inventory.adjust, { productId, warehouseId, delta: -2, reason: "count" });
    // Reservations here were patched by hand, so only the movement sums are checked.
    const level = await t.run(async (ctx) => (await ctx.db.query("inventoryLevels").collect())[0]);
    expect([level.onHand, level.reserved]).toEqual([8, 8]);
  });

  test("transfer moves stock and its cost layers between warehouses as two movements", async () => {
    const { t, supervisor, productIds, warehouseId } = await setupLevel(10);
    const to = await t.run(async (ctx) => ctx.db.insert("warehouses", { ...warehouseInput(), active: true }));
    const { reference } = await supervisor.mutation(api.inventory.transfer, {
      productId: productIds[0],
      fromWarehouseId: warehouseId,
      toWarehouseId: to,
      quantity: 4,
    });
    const levels = await supervisor.query(api.inventory.levelsForProduct, { productId: productIds[0] });
    expect(Object.fromEntries(levels.map((l) => [l.warehouseId, l.onHand]))).toEqual({ [warehouseId]: 6, [to]: 4 });
    const moves = await t.run((ctx) => ctx.db.query("inventoryMovements").collect());
    expect(moves.filter((m) => m.reference === reference).map((m) => [m.kind, m.onHandDelta])).toEqual([
      ["transfer_out", -4],
      ["transfer_in", 4],
    ]);
    const toLayers = await t.run((ctx) => ctx.db.query("costLayers").collect());
    expect(toLayers.filter((l) => l.warehouseId === to).map((l) => [l.quantityRemaining, l.unitCostMinor])).toEqual([
      [4, 700],
    ]);
    expect(
      (
        await errorOf(
          supervisor.mutation(api.inventory.transfer, {
            productId: productIds[0],
            fromWarehouseId: to,
            toWarehouseId: to,
            quantity: 1,
          }),
        )
      ).fields?.toWarehouseId,
    ).toBeDefined();
    await expectInvariants(t);
  });

  test("a product or warehouse that is gone is refused naming the form field that chose it", async () => {
    const { t, supervisor, productIds, warehouseId } = await setupLevel(10);
    const gone = await t.run(async (ctx) => {
      const id = await ctx.db.insert("warehouses", { ...warehouseInput(), active: true });
      await ctx.db.delete("warehouses", id);
      return id;
    });
    const goneProduct = await t.run(async (ctx) => {
      const id = await ctx.db.insert("products", { ...productInput(), active: true, nameLower: "gone" });
      await ctx.db.delete("products", id);
      return id;
    });
    const one = { productId: productIds[0], quantity: 1 };
    const warehouseGone = { code: "NOT_FOUND", message: "That warehouse no longer exists." };
    expect(await errorOf(supervisor.mutation(api.inventory.receive, { ...one, warehouseId: gone }))).toEqual({
      ...warehouseGone,
      fields: { warehouseId: "Choose a warehouse." },
    });
    expect(
      await errorOf(supervisor.mutation(api.inventory.receive, { ...one, productId: goneProduct, warehouseId })),
    ).toEqual({
      code: "NOT_FOUND",
      message: "That product no longer exists.",
      fields: { productId: "Choose a product." },
    });
    const toGone = { ...one, fromWarehouseId: warehouseId, toWarehouseId: gone };
    expect(await errorOf(supervisor.mutation(api.inventory.transfer, toGone))).toEqual({
      ...warehouseGone,
      fields: { toWarehouseId: "Choose a warehouse." },
    });
    await expectInvariants(t);
  });

  test("damage write-off moves units from on hand to damaged; they are never available", async () => {
    const { t, supervisor, productIds, at } = await setupLevel(10);
    await supervisor.mutation(api.inventory.writeOff, {
      ...at,
      quantity: 3,
      reason: "crushed pallet",
    });
    const [level] = await supervisor.query(api.inventory.levelsForProduct, { productId: productIds[0] });
    expect([level.onHand, level.damaged, level.available]).toEqual([7, 3, 7]);
    await expectInvariants(t);
  });

  test("bad quantities are refused with a field error and write nothing", async () => {
    const { t, floor, productIds, warehouseId } = await setupLevel(0);
    for (const quantity of [0, -1, 2.5]) {
      const err = await errorOf(
        floor.mutation(api.inventory.receive, { productId: productIds[0], warehouseId, quantity }),
      );
      expect(err.fields?.quantity).toMatch(/whole number/);
    }
    expect(await t.run((ctx) => ctx.db.query("inventoryMovements").collect())).toEqual([]);
  });

  test("floor staff receive but may not adjust", async () => {
    const { floor, at } = await setupLevel(1);
    expect(
      (
        await errorOf(
          floor.mutation(api.inventory.adjust, {
            ...at,
            delta: 1,
            reason: "found one",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});
