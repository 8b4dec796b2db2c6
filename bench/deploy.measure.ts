/**
 * Figures of bench/deploy.ts that need the functions running (convex-test): documents read to
 * ship one unit of a SKU with 10,000 used-up cost layers and 10 open ones, and function calls an
 * idle deployment makes per hour (each cron's runs, plus whatever a run schedules when there is
 * nothing to do). Writes bench/.tmp/deploy.json. Asserts nothing: a benchmark, not a test.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { test, vi } from "vitest";
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import schema from "../convex/schema";
import crons from "../convex/crons";
import { modules, productInput, warehouseInput } from "../convex/testing/setup.testing";
import { createProduct } from "../convex/model/catalog/products";
import { saveWarehouse } from "../convex/model/warehouses/warehouses";
import { consumeLayers } from "../convex/model/inventory/costLayers";
import { countingCtx } from "../convex/lib/readCounter.testing";

async function costLayerReads() {
  const t = convexTest(schema, modules);
  const { productId, warehouseId } = await t.run(async (ctx) => {
    const warehouseId = await saveWarehouse(ctx, undefined, warehouseInput());
    const productId = await createProduct(ctx, undefined, productInput());
    for (let i = 0; i < 10_000; i++) {
      await ctx.db.insert("costLayers", {
        productId,
        warehouseId,
        receivedAt: i,
        unitCostMinor: 100,
        quantityReceived: 1,
        quantityRemaining: 0,
        exhaustedAt: i + 1,
      });
    }
    for (let i = 0; i < 10; i++) {
      await ctx.db.insert("costLayers", {
        productId,
        warehouseId,
        receivedAt: 10_000 + i,
        unitCostMinor: 200,
        quantityReceived: 1,
        quantityRemaining: 1,
      });
    }
    return { productId, warehouseId };
  });
  return t.run(async (raw) => {
    const { ctx, counter } = countingCtx(raw);
    await consumeLayers(ctx, { productId, warehouseId, qty: 1, fallbackCost: 0 });
    return counter.reads;
  });
}

type Schedule = { type: string; seconds?: number; minutes?: number; hours?: number };

function runsPerHour(s: Schedule): number {
  if (s.type === "interval") return 3600 / ((s.seconds ?? 0) + (s.minutes ?? 0) * 60 + (s.hours ?? 0) * 3600);
  if (s.type === "hourly") return 1;
  if (s.type === "daily") return 1 / 24;
  if (s.type === "weekly") return 1 / 168;
  return 1; // cron expressions / monthly: counted as hourly (none today)
}

/** Calls per hour of every cron on an empty deployment, with every run they schedule (followed to the end). */
async function idleCallsPerHour() {
  vi.useFakeTimers();
  const t = convexTest(schema, modules);
  const jobs = Object.values(
    (crons as unknown as { crons: Record<string, { name: string; schedule: Schedule }> }).crons,
  );
  let perHour = 0;
  for (const job of jobs) {
    const before = await t.run(async (ctx) => (await ctx.db.system.query("_scheduled_functions").collect()).length);
    // Every cron target is a mutation today; an action target would be counted the same way.
    await t.mutation(makeFunctionReference<"mutation">(job.name), {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const after = await t.run(async (ctx) => (await ctx.db.system.query("_scheduled_functions").collect()).length);
    perHour += runsPerHour(job.schedule) * (1 + (after - before));
  }
  vi.useRealTimers();
  return perHour;
}

test("deploy figures", async () => {
  const figures = {
    cost_layer_reads_10k_history: await costLayerReads(),
    idle_function_calls_per_hour: Math.round((await idleCallsPerHour()) * 10) / 10,
  };
  mkdirSync(new URL("./.tmp/", import.meta.url), { recursive: true });
  writeFileSync(new URL("./.tmp/deploy.json", import.meta.url), JSON.stringify(figures));
}, 600_000);
