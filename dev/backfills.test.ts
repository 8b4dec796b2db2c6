/**
 * Kept data from before the search texts and the cost-layer fix: the runtime starts
 * convex/searchBackfill.ts and convex/layersRepair.ts when it resumes a data folder; the shipments
 * list finds the old rows by words, and no level's layers hold more units than it has, once they ran.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { makeFunctionReference, type PaginationResult } from "convex/server";
import type { MutationCtx } from "../convex/_generated/server";
import { startRuntime, type Runtime } from "./runtime";
import { client } from "./testkit";

const list = makeFunctionReference<
  "query",
  { q?: string; paginationOpts: { numItems: number; cursor: string | null } },
  PaginationResult<{ number: string }>
>("shipments:list");

const dir = mkdtempSync(join(tmpdir(), "offline-backfill-"));
let rt: Runtime | undefined;
afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const start = () =>
  startRuntime({ port: 0, httpActionsPort: null, seed: "small", crons: false, simulator: false, dataDir: dir });

test("a resumed data folder gets its search texts back and its cost layers repaired in the background", async () => {
  rt = await start();
  const backend = rt.engine.backend;
  // As an older version wrote them: no search text on any order or shipment.
  const target = (await backend.within(() =>
    backend.t.run(async (generic) => {
      const ctx = generic as unknown as MutationCtx;
      let found: { number: string; customer: string } | null = null;
      for (const o of await ctx.db.query("orders").collect())
        await ctx.db.patch("orders", o._id, { searchText: undefined });
      for (const s of await ctx.db.query("shipments").collect()) {
        await ctx.db.patch("shipments", s._id, { searchText: undefined });
        const order = await ctx.db.get("orders", s.orderId);
        found ??= { number: s.number, customer: order!.customer.name };
      }
      // As a short pick before unitsOut left it: a layer holding two units more than the level has.
      const layer = (await ctx.db.query("costLayers").collect()).find((l) => l.exhaustedAt === undefined)!;
      await ctx.db.patch("costLayers", layer._id, { quantityRemaining: layer.quantityRemaining + 2 });
      // The seed recorded the backfills as done (its data was right): as before the backfills existed.
      const rows = await ctx.db.query("migrations").collect();
      if (rows.length !== 4 || !rows.every((r) => r.isDone))
        throw new Error("the seed did not mark the backfills done");
      for (const r of rows) await ctx.db.delete(r._id);
      return found;
    }),
  )) as { number: string; customer: string } | null;
  expect(target, "the small seed has a shipment").toBeTruthy();
  await rt.stop();

  rt = await start();
  const c = client(rt, "supervisor");
  try {
    const word = target!.customer.split(/\s+/).at(-1)!;
    const stateOf = () =>
      rt!.engine.backend.t.run(async (generic) => {
        const ctx = generic as unknown as MutationCtx;
        return {
          orders: (await ctx.db.query("orders").collect()).filter((o) => o.searchText === undefined).length,
          shipments: (await ctx.db.query("shipments").collect()).filter((s) => s.searchText === undefined).length,
          done: (await ctx.db.query("migrations").collect()).filter((r) => r.isDone).length,
          levelsWithExcess: (
            await Promise.all(
              (await ctx.db.query("inventoryLevels").collect()).map(async (level) => {
                const layers = (await ctx.db.query("costLayers").collect()).filter(
                  (l) => l.productId === level.productId && l.warehouseId === level.warehouseId,
                );
                return layers.reduce((n, l) => n + l.quantityRemaining, 0) > level.onHand;
              }),
            )
          ).filter(Boolean).length,
        };
      });
    const until = Date.now() + 120_000;
    let state = await stateOf();
    while (state.done < 4 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      state = await stateOf();
    }
    expect(state).toEqual({ orders: 0, shipments: 0, done: 4, levelsWithExcess: 0 });
    const page = await c.query(list, { q: word, paginationOpts: { numItems: 50, cursor: null } });
    expect(page.page.map((s) => s.number)).toContain(target!.number);
  } finally {
    await c.close();
  }
}, 180_000);
