/**
 * Measures documents read and written by allocateOrder for one order of 3 lines over 3 candidate
 * warehouses, from convex-test's transaction metrics. Run by `npm run bench` (vitest project
 * "bench"); writes bench/.tmp/alloc-docs.json for bench/run.ts to merge into results.json.
 * Asserts nothing about the figures: a benchmark, not a test.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { test } from "vitest";
import { convexTest } from "convex-test";
import schema from "../convex/schema";
import { modules } from "../convex/testing/setup.testing";
import { createProduct } from "../convex/model/catalog/products";
import { saveWarehouse } from "../convex/model/warehouses/warehouses";
import { receiveStock } from "../convex/model/inventory/operations";
import { allocateOrder } from "../convex/model/allocation/allocate";
import { newLineQuantities } from "../convex/lib/lines";
import { productInput, warehouseInput, usAddress } from "../convex/testing/setup.testing";

async function measure(spread: boolean) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const orderId = await t.run(async (ctx) => {
    const coords = [
      [39.5, -119.8],
      [40.0, -83.0],
      [33.7, -84.4],
    ];
    const warehouses = [];
    for (const [i, [lat, lng]] of coords.entries())
      warehouses.push(
        await saveWarehouse(ctx, undefined, warehouseInput({ code: `W${i}`, latitude: lat, longitude: lng })),
      );
    const lines = [];
    for (let i = 0; i < 3; i++) {
      const productId = await createProduct(ctx, undefined, productInput({ sku: `B-${i}` }));
      // Every product in every warehouse; when `spread`, each line only fits in its own warehouse.
      for (const [w, warehouseId] of warehouses.entries()) {
        await receiveStock(ctx, undefined, { productId, warehouseId, quantity: spread ? (w === i ? 10 : 1) : 10 });
      }
      lines.push({ productId, sku: `B-${i}`, quantity: 2 });
    }
    const orderId = await ctx.db.insert("orders", {
      number: "SO-1",
      kind: "phone",
      channel: "manual",
      customer: { name: "A", email: "a@example.com" },
      shipTo: usAddress,
      currency: "USD",
      totalMinor: 0,
      status: "ready",
      priority: 0,
      placedAt: 0,
    });
    for (const l of lines) {
      await ctx.db.insert("orderLines", {
        orderId,
        productId: l.productId,
        sku: l.sku,
        name: l.sku,
        unitPriceMinor: 0,
        ...newLineQuantities(l.quantity),
      });
    }
    return orderId;
  });
  return t.run(async (ctx) => {
    await allocateOrder(ctx, undefined, orderId);
    const m = await ctx.meta.getTransactionMetrics();
    const shipments = await ctx.db
      .query("shipments")
      .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
      .take(10);
    return { read: m.documentsRead.used, written: m.documentsWritten.used, shipments: shipments.length };
  });
}

test("allocation document counts", async () => {
  const single = await measure(false);
  const split = await measure(true);
  const out = {
    alloc_docs_read: Math.max(single.read, split.read),
    alloc_docs_written: Math.max(single.written, split.written),
    alloc_docs_detail: { oneShipment: single, threeShipments: split },
  };
  mkdirSync("bench/.tmp", { recursive: true });
  writeFileSync("bench/.tmp/alloc-docs.json", JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out));
});
