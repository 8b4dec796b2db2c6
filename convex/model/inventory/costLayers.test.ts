import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { setupTest, seedStock, type TestBackend } from "../../testing/setup.testing";
import type { Id } from "../../_generated/dataModel";
import { countingCtx } from "../../lib/readCounter.testing";
import { addLayer, consumeLayers, openLayers } from "./costLayers";

/** Inserts `used` used-up layers (closed, or legacy: no `exhaustedAt`) and `open` one-unit open ones. */
async function history(
  t: TestBackend,
  productId: Id<"products">,
  warehouseId: Id<"warehouses">,
  used: number,
  open: number,
  legacy = false,
) {
  await t.run(async (ctx) => {
    // Clear what seedStock received, so the layers below are the whole history.
    for (const l of await ctx.db.query("costLayers").collect()) await ctx.db.delete("costLayers", l._id);
    for (let i = 0; i < used; i++) {
      await ctx.db.insert("costLayers", {
        productId,
        warehouseId,
        receivedAt: i,
        unitCostMinor: 100,
        quantityReceived: 1,
        quantityRemaining: 0,
        ...(legacy ? {} : { exhaustedAt: i + 1 }),
      });
    }
    for (let i = 0; i < open; i++) {
      await ctx.db.insert("costLayers", {
        productId,
        warehouseId,
        receivedAt: used + i,
        unitCostMinor: 200 + i,
        quantityReceived: 1,
        quantityRemaining: 1,
      });
    }
  });
}

async function readsToConsume(t: TestBackend, productId: Id<"products">, warehouseId: Id<"warehouses">, qty: number) {
  return t.run(async (raw) => {
    const { ctx, counter } = countingCtx(raw);
    const used = await consumeLayers(ctx, { productId, warehouseId, qty, fallbackCost: 999 });
    return { reads: counter.reads, used };
  });
}

describe("FIFO cost layers read only open layers", () => {
  test("shipping one unit reads the same number of layers with 10 or 10,000 used-up layers behind it", async () => {
    const small = await setupTest();
    const s = await seedStock(small.t, [0]);
    await history(small.t, s.productIds[0], s.warehouseId, 10, 10);
    const big = await setupTest();
    const b = await seedStock(big.t, [0]);
    await history(big.t, b.productIds[0], b.warehouseId, 10_000, 10);

    const few = await readsToConsume(small.t, s.productIds[0], s.warehouseId, 1);
    const many = await readsToConsume(big.t, b.productIds[0], b.warehouseId, 1);
    expect(many.used).toEqual([{ qty: 1, unitCostMinor: 200 }]);
    expect(few.used).toEqual(many.used);
    expect(many.reads).toBe(few.reads);
    expect(many.reads).toBeLessThanOrEqual(1);
    // Planning (fifo_cost strategy) sees the open layers, oldest first, without the history either.
    const planned = await big.t.run(async (raw) => {
      const { ctx, counter } = countingCtx(raw);
      const layers = await openLayers(ctx, b.productIds[0], b.warehouseId, 50);
      return { costs: layers.map((l) => l.unitCostMinor), reads: counter.reads };
    });
    expect(planned.costs).toEqual([201, 202, 203, 204, 205, 206, 207, 208, 209]);
    expect(planned.reads).toBe(9);
  });

  test("the unit that empties a layer closes it; the next consumption starts at the next layer", async () => {
    const { t } = await setupTest();
    const { productIds, warehouseId } = await seedStock(t, [0]);
    await history(t, productIds[0], warehouseId, 0, 3);
    expect((await readsToConsume(t, productIds[0], warehouseId, 2)).used).toEqual([
      { qty: 1, unitCostMinor: 200 },
      { qty: 1, unitCostMinor: 201 },
    ]);
    const closed = await t.run((ctx) => ctx.db.query("costLayers").collect());
    expect(closed.map((l) => [l.quantityRemaining, l.exhaustedAt !== undefined])).toEqual([
      [0, true],
      [0, true],
      [1, false],
    ]);
    const next = await readsToConsume(t, productIds[0], warehouseId, 2);
    expect(next.reads).toBe(1);
    // Beyond the layers, units go at the fallback (standard) cost.
    expect(next.used).toEqual([
      { qty: 1, unitCostMinor: 202 },
      { qty: 1, unitCostMinor: 999 },
    ]);
  });

  test("legacy used-up layers (no exhaustedAt) are closed by the first read that meets them, then skipped", async () => {
    const { t } = await setupTest();
    const { productIds, warehouseId } = await seedStock(t, [0]);
    await history(t, productIds[0], warehouseId, 200, 5, true);
    const first = await readsToConsume(t, productIds[0], warehouseId, 1);
    expect(first.used).toEqual([{ qty: 1, unitCostMinor: 200 }]);
    expect(first.reads).toBe(201);
    const second = await readsToConsume(t, productIds[0], warehouseId, 1);
    expect(second.used).toEqual([{ qty: 1, unitCostMinor: 201 }]);
    expect(second.reads).toBe(1);
  });

  test("any sequence of receipts and consumptions costs units exactly as a FIFO queue (fast-check)", async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("add" as const),
        qty: fc.integer({ min: 1, max: 5 }),
        cost: fc.integer({ min: 0, max: 1000 }),
      }),
      fc.record({ kind: fc.constant("take" as const), qty: fc.integer({ min: 1, max: 8 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { t } = await setupTest();
        const { productIds, warehouseId } = await seedStock(t, [0]);
        const productId = productIds[0];
        const queue: { qty: number; cost: number }[] = [];
        for (const o of ops) {
          if (o.kind === "add") {
            await t.run((ctx) => addLayer(ctx, { productId, warehouseId, qty: o.qty, unitCostMinor: o.cost }));
            queue.push({ qty: o.qty, cost: o.cost });
            continue;
          }
          const expected: { qty: number; unitCostMinor: number }[] = [];
          let left = o.qty;
          while (left > 0 && queue.length > 0) {
            const take = Math.min(left, queue[0].qty);
            expected.push({ qty: take, unitCostMinor: queue[0].cost });
            queue[0].qty -= take;
            left -= take;
            if (queue[0].qty === 0) queue.shift();
          }
          if (left > 0) expected.push({ qty: left, unitCostMinor: -1 });
          const got = await t.run((ctx) =>
            consumeLayers(ctx, { productId, warehouseId, qty: o.qty, fallbackCost: -1 }),
          );
          expect(got).toEqual(expected);
        }
        const open = await t.run((ctx) => openLayers(ctx, productId, warehouseId, 100));
        expect(open.map((l) => [l.quantityRemaining, l.unitCostMinor])).toEqual(queue.map((q) => [q.qty, q.cost]));
        const all = await t.run((ctx) => ctx.db.query("costLayers").collect());
        for (const l of all) expect(l.exhaustedAt === undefined).toBe(l.quantityRemaining > 0);
      }),
      { numRuns: 25 },
    );
  });
});
