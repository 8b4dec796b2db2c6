/**
 * The repair of cost layers that outlived their units (convex/layersRepair.ts): a level whose
 * layers hold more units than it has on hand — what a short pick left before `unitsOut` — gives
 * the excess up from its oldest layers; everything else is left as it is, and a second run changes
 * nothing.
 */
import { describe, expect, test } from "vitest";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { expectInvariants, invariantReport, setupStocked, type TestBackend } from "./testing/setup.testing";
import { recordMovement } from "./model/inventory/ledger";
import { receiveStock } from "./model/inventory/operations";
import { SYSTEM } from "./model/audit/record";

/** Units leave a level the way the old short pick did: a movement, and the layers left as they were. */
async function oldShortPick(t: TestBackend, productId: Id<"products">, warehouseId: Id<"warehouses">, units: number) {
  await t.run((ctx) =>
    recordMovement(ctx, SYSTEM, { productId, warehouseId, kind: "adjustment", onHandDelta: -units, reason: "short" }),
  );
}

const layersOf = (t: TestBackend, productId: Id<"products">) =>
  t.run(async (ctx) =>
    (await ctx.db.query("costLayers").collect())
      .filter((l) => l.productId === productId)
      .sort((a, b) => a.receivedAt - b.receivedAt || a._creationTime - b._creationTime)
      .map((l) => ({ cost: l.unitCostMinor, left: l.quantityRemaining })),
  );

async function runRepair(t: TestBackend) {
  await t.mutation(internal.layersRepair.start, {});
  await t.finishAllScheduledFunctions(() => {});
}

describe("layers repair", () => {
  test("a level whose layers outlived units gives the excess up from its oldest layers; others are left alone", async () => {
    const { t, productIds, warehouseId } = await setupStocked([5, 4]);
    const [drifted, inStep] = productIds;
    await t.run((ctx) =>
      receiveStock(ctx, SYSTEM, { productId: drifted, warehouseId, quantity: 3, unitCostMinor: 900 }),
    );
    await oldShortPick(t, drifted, warehouseId, 6);
    expect(await invariantReport(t)).toEqual([expect.objectContaining({ invariant: "level.layers", by: 6 })]);
    const untouched = await layersOf(t, inStep);

    await runRepair(t);

    // 8 received (5 at 7.00, then 3 at 9.00), 2 on hand: the oldest six units' layers go.
    expect(await layersOf(t, drifted)).toEqual([
      { cost: 700, left: 0 },
      { cost: 900, left: 2 },
    ]);
    expect(await layersOf(t, inStep)).toEqual(untouched);
    await expectInvariants(t);
    const status = await t.query(internal.layersRepair.status, {});
    expect(status).toEqual([{ name: "layersRepair:levels", processed: 2, isDone: true }]);
  });

  test("done is done: a second start changes nothing, and a level with fewer layered units than on hand is kept", async () => {
    const { t, productIds, warehouseId } = await setupStocked([5]);
    const [p] = productIds;
    // Stock with no layer (as a test or an old count left it) is costed at standard cost, not repaired.
    await t.run(async (ctx) => {
      const layer = (await ctx.db.query("costLayers").first())!;
      await ctx.db.patch("costLayers", layer._id, { quantityRemaining: 2 });
    });
    await runRepair(t);
    expect(await layersOf(t, p)).toEqual([{ cost: 700, left: 2 }]);
    const rows = () => t.run((ctx) => ctx.db.query("migrations").collect());
    const done = await rows();
    await oldShortPick(t, p, warehouseId, 4);
    await runRepair(t);
    expect(await rows()).toEqual(done);
    expect(await layersOf(t, p)).toEqual([{ cost: 700, left: 2 }]);
  });

  test("markDone records the repair as done for a fresh seed, so a resume does not walk every level", async () => {
    const { t } = await setupStocked([5]);
    await t.mutation(internal.layersRepair.markDone, {});
    await t.mutation(internal.layersRepair.markDone, {});
    expect(await t.query(internal.layersRepair.status, {})).toEqual([
      { name: "layersRepair:levels", processed: 0, isDone: true },
    ]);
  });
});
