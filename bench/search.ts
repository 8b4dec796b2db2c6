/**
 * Desk at volume (issue 19), over the offline runtime (the app's convex/ functions, "small" seed):
 *
 *  - `search_docs_read`: documents one search reads, the most over a set of typical queries
 *    (an email, an order number, a customer's name, a SKU, a barcode, a product name, words that
 *    match nothing), counted with convex/lib/readCounter.testing.ts around the search model
 *    (model/desk/search.ts) for orders and for products separately; target ≤ result page + 1
 *    (SEARCH_PAGE = 8). `search_result_page` is that page size.
 *  - `bulk_action_500_orders_ms`: 500 orders held the way the orders list does it — `bulk:orders`
 *    in pages of 100 through the official client, one page after another — from the first call to
 *    the last answer. `bulk_action_500_orders_refused` should be 0. Then released again
 *    (`bulk_release_500_orders_ms`, which also re-allocates each order).
 */
import { makeFunctionReference } from "convex/server";
import { startRuntime } from "../dev/runtime";
import { client } from "../dev/testkit";
import { countingCtx } from "../convex/lib/readCounter.testing";
import { findOrders, findProducts } from "../convex/model/desk/search";
import { SEARCH_PAGE } from "../convex/lib/search";
import type { GenericQueryCtx } from "convex/server";
import type { DataModel } from "../convex/_generated/dataModel";

export const targets = {
  search_docs_read: { max: SEARCH_PAGE + 1 },
  bulk_action_500_orders_refused: { max: 0 },
};

const N = 500;
const PAGE = 100;
type BulkResult = { done: number; refused: { id: string; reason: string }[] };
const createManual = makeFunctionReference<"mutation", Record<string, unknown>, { orderId: string; number: string }>(
  "orders:createManual",
);
const bulkOrders = makeFunctionReference<"mutation", { op: string; ids: string[]; reason?: string }, BulkResult>(
  "bulk:orders",
);

export async function benchSearchAndBulk(): Promise<Record<string, number>> {
  const rt = await startRuntime({
    port: 0,
    httpActionsPort: null,
    seed: "small",
    crons: false,
    dataDir: null,
    simulator: false,
  });
  const c = client(rt, "supervisor");
  try {
    const t = rt.engine.backend.t as unknown as {
      run<T>(fn: (ctx: GenericQueryCtx<DataModel>) => Promise<T>): Promise<T>;
    };
    const product = await t.run(async (ctx) => {
      const p = await ctx.db.query("products").first();
      if (!p) throw new Error("no products seeded");
      return {
        id: p._id as string,
        sku: p.sku,
        barcode: p.barcodes[0] ?? p.sku,
        name: p.name.split(/\s+/)[0],
        currency: p.currency,
      };
    });
    const ids: string[] = [];
    let lastNumber = "";
    for (let i = 0; i < N; i++) {
      const r = await c.mutation(createManual, {
        order: {
          kind: "phone",
          customer: { name: `Bench Customer ${i}`, email: `bench${i}@example.com` },
          shipTo: {
            name: "Bench",
            line1: "500 Market St",
            city: "San Francisco",
            region: "CA",
            postalCode: "94105",
            country: "US",
          },
          currency: product.currency,
          lines: [{ productId: product.id, quantity: 1, unitPriceMinor: 1000 }],
        },
      });
      ids.push(r.orderId);
      lastNumber = r.number;
    }

    // Reads of one search.
    const queries = [
      "bench7@example.com",
      lastNumber,
      "Bench Customer",
      product.sku,
      product.barcode,
      product.name,
      "nothing-matches-this",
    ];
    let worst = 0;
    for (const text of queries) {
      const reads = await t.run(async (raw) => {
        const { ctx, counter } = countingCtx(raw);
        await findOrders(ctx, text, SEARCH_PAGE);
        const orders = counter.reads;
        await findProducts(ctx, text, SEARCH_PAGE);
        return Math.max(orders, counter.reads - orders);
      });
      worst = Math.max(worst, reads);
    }

    // Bulk hold of 500, in pages of 100, as the list runs it.
    let started = Date.now();
    let refused = 0;
    for (let i = 0; i < ids.length; i += PAGE) {
      const r = await c.mutation(bulkOrders, { op: "hold", ids: ids.slice(i, i + PAGE), reason: "Bench hold" });
      refused += r.refused.length;
    }
    const holdMs = Date.now() - started;
    started = Date.now();
    for (let i = 0; i < ids.length; i += PAGE) {
      const r = await c.mutation(bulkOrders, { op: "release", ids: ids.slice(i, i + PAGE) });
      refused += r.refused.length;
    }
    const releaseMs = Date.now() - started;
    return {
      search_docs_read: worst,
      search_result_page: SEARCH_PAGE,
      bulk_action_500_orders_ms: holdMs,
      bulk_action_500_orders_refused: refused,
      bulk_release_500_orders_ms: releaseMs,
    };
  } finally {
    await c.close();
    await rt.stop();
  }
}
