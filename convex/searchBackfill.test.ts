/**
 * The shipments list's words (search index `shipments.search_text`) and the backfill that gives
 * documents written before the search texts existed theirs (convex/searchBackfill.ts).
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { expectInvariants, rowsOf } from "./testing/setup.testing";
import { searchWorld } from "./testing/search.testing";

async function world() {
  const s = await searchWorld({ tentBarcode: 9101, margueriteEmail: "Marguerite@Example.com" });
  const [sa] = await rowsOf(s.t, "shipments", s.a.orderId);
  const [sb] = await rowsOf(s.t, "shipments", s.b.orderId);
  expect(sa && sb, "both orders allocated a shipment").toBeTruthy();
  return { ...s, sa: sa!, sb: sb! };
}

const numbers = (page: { page: { number: string }[] }) => page.page.map((r) => r.number);
const firstPage = { numItems: 50, cursor: null };

describe("the shipments list searches words", () => {
  test("by shipment number, order number and its digits, customer name, email, SKU and product name", async () => {
    const { floor, a, sa, sb } = await world();
    const by = async (q: string) => numbers(await floor.query(api.shipments.list, { q, paginationOpts: firstPage }));
    expect(await by(sa.number)).toEqual([sa.number]);
    expect(await by(a.number)).toEqual([sa.number]);
    expect(await by(a.number.slice(3))).toEqual([sa.number]);
    expect(await by("okonkwo")).toEqual([sa.number]);
    expect(await by("marguerite@example.com")).toEqual([sa.number]);
    expect(await by("bsk-ocea")).toEqual([sb.number]);
    expect(await by("ocean")).toEqual([sb.number]);
    expect(await by("nobody-here")).toEqual([]);
    // Blank words are no search: the whole list.
    expect((await by("   ")).sort()).toEqual([sa.number, sb.number].sort());
  });

  test("words combine with the status and warehouse filters, and select-all-matching pages the same ids", async () => {
    const { t, floor, supervisor, orderOf, productIds, sa } = await world();
    const c = await orderOf("Marguerite Okonkwo", "m.okonkwo@example.com", productIds[1]);
    const [sc] = await rowsOf(t, "shipments", c.orderId);
    await t.run((ctx) => ctx.db.patch("shipments", sc._id, { status: "packed" }));
    const list = (f: { status?: "packed" | "open"; warehouseId?: Id<"warehouses"> }) =>
      floor.query(api.shipments.list, { q: "okonkwo", ...f, paginationOpts: firstPage }).then(numbers);
    expect((await list({})).sort()).toEqual([sa.number, sc.number].sort());
    expect(await list({ status: "packed" })).toEqual([sc.number]);
    expect(await list({ status: "open", warehouseId: sa.warehouseId })).toEqual([sa.number]);
    const ids = await supervisor.query(api.bulk.shipmentIds, {
      q: "okonkwo",
      status: "packed",
      paginationOpts: { numItems: 100, cursor: null },
    });
    expect(ids).toMatchObject({ ids: [sc._id], isDone: true });
  });
});

describe("search backfill (convex-helpers migrations)", () => {
  test("documents without search text get exactly what their writers would have written; a second run changes nothing", async () => {
    const { t, floor, a, sa, sb, productIds } = await world();
    const before = await t.run(async (ctx) => ({
      order: (await ctx.db.get("orders", a.orderId))!.searchText,
      shipment: (await ctx.db.get("shipments", sa._id))!.searchText,
      product: (await ctx.db.get("products", productIds[0]))!.searchText,
    }));
    expect(before.order).toMatch(/okonkwo/);
    expect(before.shipment).toContain(sa.number.toLowerCase());
    // As written before the field existed.
    await t.run(async (ctx) => {
      for (const o of await ctx.db.query("orders").collect())
        await ctx.db.patch("orders", o._id, { searchText: undefined });
      for (const s of await ctx.db.query("shipments").collect())
        await ctx.db.patch("shipments", s._id, { searchText: undefined });
      for (const p of await ctx.db.query("products").collect())
        await ctx.db.patch("products", p._id, { searchText: undefined });
    });
    const missing = await t.run(async (ctx) =>
      [
        ...(await ctx.db.query("orders").collect()),
        ...(await ctx.db.query("shipments").collect()),
        ...(await ctx.db.query("products").collect()),
      ].filter((d) => d.searchText === undefined),
    );
    expect(missing.length).toBe(2 + 2 + 2);

    await t.mutation(internal.searchBackfill.start, {});
    await t.finishAllScheduledFunctions(() => {});

    const after = await t.run(async (ctx) => ({
      order: (await ctx.db.get("orders", a.orderId))!.searchText,
      shipment: (await ctx.db.get("shipments", sa._id))!.searchText,
      product: (await ctx.db.get("products", productIds[0]))!.searchText,
    }));
    expect(after).toEqual(before);
    expect(numbers(await floor.query(api.shipments.list, { q: "okonkwo", paginationOpts: firstPage }))).toEqual([
      sa.number,
    ]);
    expect(numbers(await floor.query(api.shipments.list, { q: "ocean", paginationOpts: firstPage }))).toEqual([
      sb.number,
    ]);
    expect((await floor.query(api.search.global, { text: "basket" })).products.map((p) => p.sku)).toEqual(["BSK-OCEA"]);
    const status = await t.query(internal.searchBackfill.status, {});
    expect(status.map((s) => [s.name, s.isDone]).sort()).toEqual([
      ["searchBackfill:orders", true],
      ["searchBackfill:products", true],
      ["searchBackfill:shipments", true],
    ]);

    // Done is done: started again, none of the three runs again.
    const rows = async () =>
      t.run(async (ctx) => (await ctx.db.query("migrations").collect()).map((r) => [r.name, r.processed, r.latestEnd]));
    const done = await rows();
    await t.mutation(internal.searchBackfill.start, {});
    await t.finishAllScheduledFunctions(() => {});
    expect(await rows()).toEqual(done);
    // Run again from the start on purpose: a stale text is mended, the rest left as they are.
    await t.run((ctx) => ctx.db.patch("shipments", sb._id, { searchText: "stale" }));
    const others = await t.run((ctx) => ctx.db.get("shipments", sa._id));
    await t.mutation(internal.searchBackfill.shipments, { fn: "searchBackfill:shipments", cursor: null });
    await t.finishAllScheduledFunctions(() => {});
    expect((await t.run((ctx) => ctx.db.get("shipments", sb._id)))!.searchText).toMatch(/ocean/);
    expect(await t.run((ctx) => ctx.db.get("shipments", sa._id))).toEqual(others);
    await expectInvariants(t);
  });

  test("a run that stops after a page resumes from its cursor; a duplicate start while it runs does nothing", async () => {
    const { t, floor } = await world();
    await t.run(async (ctx) => {
      for (const o of await ctx.db.query("orders").collect())
        await ctx.db.patch("orders", o._id, { searchText: undefined });
    });
    // One page of one order, then the next page is scheduled (the chain stops here, as a restart would).
    await t.mutation(internal.searchBackfill.orders, { fn: "searchBackfill:orders", cursor: null, batchSize: 1 });
    const mid = await t.run((ctx) => ctx.db.query("migrations").collect());
    expect(mid).toHaveLength(1);
    expect(mid[0]).toMatchObject({ name: "searchBackfill:orders", processed: 1, isDone: false });
    const texts = async () =>
      t.run(async (ctx) => (await ctx.db.query("orders").collect()).map((o) => o.searchText !== undefined));
    expect((await texts()).filter(Boolean)).toHaveLength(1);
    // Starting the series again while a page is pending leaves the pending page to finish the work.
    await t.mutation(internal.searchBackfill.start, {});
    await t.finishAllScheduledFunctions(() => {});
    expect(await texts()).toEqual([true, true]);
    const rows = await t.run((ctx) => ctx.db.query("migrations").collect());
    expect(rows.find((r) => r.name === "searchBackfill:orders")).toMatchObject({ isDone: true, processed: 2 });
    expect((await floor.query(api.search.global, { text: "okonkwo" })).orders).toHaveLength(1);
  });
  test("marked done (a fresh seed has every text): a start walks nothing", async () => {
    const { t, a } = await world();
    await t.mutation(internal.searchBackfill.markDone, {});
    await t.mutation(internal.searchBackfill.markDone, {});
    expect(await t.run((ctx) => ctx.db.query("migrations").collect())).toHaveLength(3);
    await t.run((ctx) => ctx.db.patch("orders", a.orderId, { searchText: undefined }));
    await t.mutation(internal.searchBackfill.start, {});
    await t.finishAllScheduledFunctions(() => {});
    expect((await t.run((ctx) => ctx.db.get("orders", a.orderId)))!.searchText).toBeUndefined();
    expect((await t.query(internal.searchBackfill.status, {})).every((r) => r.isDone && r.processed === 0)).toBe(true);
  });
});
