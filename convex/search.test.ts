import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { countingCtx } from "./lib/readCounter.testing";
import { findOrders, findProducts } from "./model/desk/search";
import { SEARCH_PAGE } from "./lib/search";
import { upc } from "./testing/setup.testing";
import { searchWorld } from "./testing/search.testing";

const world = () => searchWorld({ tentBarcode: 9001, margueriteEmail: "marguerite@example.com" });

describe("search (convex-test runs the search index, as the offline runtime does)", () => {
  test("an order by email (exact index), number, customer name, SKU and product name", async () => {
    const { floor, a, b } = await world();
    const by = async (text: string) => (await floor.query(api.search.global, { text })).orders.map((o) => o.number);
    expect(await by("MARGUERITE@example.com")).toEqual([a.number]);
    expect(await by(a.number.slice(3))).toEqual([a.number]);
    expect(await by("okonkwo")).toEqual([a.number]);
    expect(await by("bsk-ocea")).toEqual([b.number]);
    expect(await by("ocean")).toEqual([b.number]);
    expect(await by("nobody-here")).toEqual([]);
  });

  test("a product by SKU, barcode and name", async () => {
    const { floor } = await world();
    const by = async (text: string) => (await floor.query(api.search.global, { text })).products.map((p) => p.sku);
    expect(await by("TNT-2P")).toEqual(["TNT-2P"]);
    expect(await by(upc(9001))).toEqual(["TNT-2P"]);
    expect(await by("basket")).toEqual(["BSK-OCEA"]);
    expect((await floor.query(api.search.products, { text: "tent" })).map((p) => p.sku)).toEqual(["TNT-2P"]);
  });

  test("the inventory search returns the matching products' levels in the warehouse", async () => {
    const { t, floor } = await world();
    const warehouseId = await t.run(async (ctx) => (await ctx.db.query("warehouses").first())!._id);
    const rows = await floor.query(api.search.inventory, { text: "ocean", warehouseId });
    expect(rows.map((r) => [r.sku, r.onHand])).toEqual([["BSK-OCEA", 50]]);
  });

  test("one search reads at most its result page + 1 documents", async () => {
    const { t } = await world();
    for (const text of ["marguerite@example.com", "SO-100001", "okonkwo", "TNT-2P", upc(9001), "basket", "zzz"]) {
      const reads = await t.run(async (raw) => {
        const { ctx, counter } = countingCtx(raw);
        const orders = await findOrders(ctx, text, SEARCH_PAGE);
        const afterOrders = counter.reads;
        const products = await findProducts(ctx, text, SEARCH_PAGE);
        return { orders: afterOrders, products: counter.reads - afterOrders, found: orders.length + products.length };
      });
      expect(reads.orders, text).toBeLessThanOrEqual(SEARCH_PAGE + 1);
      expect(reads.products, text).toBeLessThanOrEqual(SEARCH_PAGE + 1);
    }
  });
});
