import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { MAX_BARCODES } from "./lib/bounds";
import { errorOf, expectInvariants, productInput, setupTest, upc } from "./testing/setup.testing";

describe("products", () => {
  test("admin creates a product; it is listed and found by SKU and barcode", async () => {
    const { t, admin, floor } = await setupTest();
    const input = productInput({ sku: "MUG-01", name: "Blue Mug", barcodes: [upc(901), "CODE128-MUG"] });
    const id = await admin.mutation(api.products.create, { product: input });
    const page = await floor.query(api.products.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(page.page.map((p) => p._id)).toEqual([id]);
    expect((await floor.query(api.products.search, { text: "MUG-01" }))[0]._id).toBe(id);
    expect((await floor.query(api.products.search, { text: ` ${upc(901)}\n` }))[0]._id).toBe(id);
    expect((await floor.query(api.products.search, { text: "blue" }))[0]._id).toBe(id);
    // As typed on a phone or desk keyboard: a SKU or Code 128 barcode in another case, as the floor resolves them.
    expect((await floor.query(api.products.search, { text: "mug-01" }))[0]?._id).toBe(id);
    expect((await floor.query(api.products.search, { text: "code128-mug" }))[0]?._id).toBe(id);
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    await expectInvariants(t);
  });

  test("duplicate SKU is refused naming the field, and nothing is written", async () => {
    const { t, admin } = await setupTest();
    await admin.mutation(api.products.create, { product: productInput({ sku: "DUP" }) });
    const err = await errorOf(admin.mutation(api.products.create, { product: productInput({ sku: "DUP" }) }));
    expect(err.code).toBe("DUPLICATE");
    expect(err.fields?.sku).toMatch(/already used/);
    expect(await t.run((ctx) => ctx.db.query("products").collect())).toHaveLength(1);
    expect(await t.run((ctx) => ctx.db.query("barcodes").collect())).toHaveLength(1);
  });

  test("duplicate barcode across products is refused", async () => {
    const { admin } = await setupTest();
    await admin.mutation(api.products.create, { product: productInput({ barcodes: [upc(77)] }) });
    const err = await errorOf(
      admin.mutation(api.products.create, { product: productInput({ barcodes: [upc(78), upc(77)] }) }),
    );
    expect(err.code).toBe("DUPLICATE");
    expect(err.fields?.["barcodes.1"]).toMatch(/already belongs/);
  });

  test("bad fields are refused together: check digit, weight, price", async () => {
    const { admin } = await setupTest();
    const bad = productInput({ barcodes: ["036000291453"], weightGrams: 0, priceMinor: 12.5, sku: "bad sku" });
    const err = await errorOf(admin.mutation(api.products.create, { product: bad }));
    expect(err.code).toBe("INVALID_INPUT");
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(["barcodes.0", "priceMinor", "sku", "weightGrams"]);
  });

  test("edit keeps barcode rows in step; a freed barcode can be reused", async () => {
    const { t, admin } = await setupTest();
    const a = await admin.mutation(api.products.create, { product: productInput({ sku: "A", barcodes: [upc(1)] }) });
    await admin.mutation(api.products.update, { id: a, product: productInput({ sku: "A", barcodes: [upc(2)] }) });
    const codes = await t.run((ctx) => ctx.db.query("barcodes").collect());
    expect(codes.map((c) => c.code)).toEqual([upc(2)]);
    await admin.mutation(api.products.create, { product: productInput({ sku: "B", barcodes: [upc(1)] }) });
  });

  test("a product keeps at most 20 barcodes, and an edit of a full product keeps the barcode rows in step", async () => {
    const { t, admin, floor } = await setupTest();
    const codes = Array.from({ length: MAX_BARCODES }, (_, i) => upc(500 + i));
    const id = await admin.mutation(api.products.create, { product: productInput({ sku: "FULL", barcodes: codes }) });
    const tooMany = await errorOf(
      admin.mutation(api.products.update, {
        id,
        product: productInput({ sku: "FULL", barcodes: [...codes, upc(999)] }),
      }),
    );
    expect([tooMany.code, tooMany.fields?.barcodes]).toEqual(["INVALID_INPUT", "A product has at most 20 barcodes."]);
    // Drop the last barcode, add another: the dropped one no longer names the product, nothing is doubled.
    const next = [...codes.slice(0, -1), upc(998)];
    await admin.mutation(api.products.update, { id, product: productInput({ sku: "FULL", barcodes: next }) });
    const rows = await t.run((ctx) => ctx.db.query("barcodes").collect());
    expect(rows.map((r) => r.code).sort()).toEqual([...next].sort());
    expect(await floor.query(api.products.search, { text: codes.at(-1)! })).toEqual([]);
  });

  test("deactivated products leave the active list and cannot be ordered", async () => {
    const { admin, floor } = await setupTest();
    const id = await admin.mutation(api.products.create, { product: productInput() });
    await admin.mutation(api.products.setActive, { id, active: false });
    expect(
      (await floor.query(api.products.list, { paginationOpts: { numItems: 10, cursor: null } })).page,
    ).toHaveLength(0);
    expect(
      (await floor.query(api.products.list, { includeInactive: true, paginationOpts: { numItems: 10, cursor: null } }))
        .page,
    ).toHaveLength(1);
  });

  test("a list page asks for 1 to 200 rows; a bigger page is refused in words before it reads", async () => {
    const { floor } = await setupTest();
    const huge = await errorOf(floor.query(api.products.list, { paginationOpts: { numItems: 100_000, cursor: null } }));
    expect(huge).toMatchObject({
      code: "INVALID_INPUT",
      fields: { "paginationOpts.numItems": "A page holds 1 to 200 rows." },
    });
    expect(await floor.query(api.products.list, { paginationOpts: { numItems: 200, cursor: null } })).toMatchObject({
      page: [],
    });
  });

  test("only admins change the catalog", async () => {
    const { supervisor } = await setupTest();
    const err = await errorOf(supervisor.mutation(api.products.create, { product: productInput() }));
    expect(err.code).toBe("FORBIDDEN");
  });
});
