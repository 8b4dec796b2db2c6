/**
 * The runtime over the app's own convex/ with the demo seed: what the seed promises (members for
 * the demo sign-in, warehouses, catalog with valid barcodes and bins, orders in several statuses,
 * ledger and line invariants), and a supervisor's new order reaching a floor user's list live.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeFunctionReference, type GenericMutationCtx } from "convex/server";
import type { TestConvexForDataModel } from "convex-test";
import type { DataModel } from "../convex/_generated/dataModel";
import { isValidGtin } from "../convex/lib/barcode";
import { startRuntime, type Runtime } from "./runtime";
import { client, waitFor } from "./testkit";

let rt: Runtime;
beforeAll(async () => {
  rt = await startRuntime({ port: 0, httpActionsPort: null, seed: "demo", crons: false });
}, 60_000);
afterAll(async () => {
  await rt?.stop();
});

/** Reads the runtime's data directly, typed with the app's data model. */
const read = <T>(fn: (ctx: GenericMutationCtx<DataModel>) => Promise<T>) =>
  (rt.engine.backend.t as unknown as TestConvexForDataModel<DataModel>).run(fn) as Promise<T>;

describe("demo seed", () => {
  test("three demo members, one per role, linked to the demo sign-in", async () => {
    const members = await read<{ name: string; email: string; role: string; tokenIdentifier?: string }[]>((ctx) =>
      ctx.db.query("members").collect(),
    );
    expect(members.map(({ name, email, role, tokenIdentifier }) => ({ name, email, role, tokenIdentifier }))).toEqual([
      { name: "Ada Admin", email: "admin@demo.local", role: "admin", tokenIdentifier: "offline-demo|admin" },
      {
        name: "Sam Supervisor",
        email: "supervisor@demo.local",
        role: "supervisor",
        tokenIdentifier: "offline-demo|supervisor",
      },
      { name: "Fran Floor", email: "floor@demo.local", role: "floor", tokenIdentifier: "offline-demo|floor" },
    ]);
  });

  test("warehouses in three regions and a dropship supplier; 60+ products with valid barcodes; bins", async () => {
    const facts = await read<{
      countries: string[];
      kinds: string[];
      products: number;
      badBarcodes: string[];
      levels: number;
      withBin: number;
    }>(async (ctx) => {
      const warehouses = await ctx.db.query("warehouses").collect();
      const products = await ctx.db.query("products").collect();
      const levels = await ctx.db.query("inventoryLevels").collect();
      const gtins = products.flatMap((p) => p.barcodes);
      return {
        countries: [...new Set(warehouses.map((w) => `${w.address.country}/${w.address.region ?? ""}`))],
        kinds: warehouses.map((w) => w.kind),
        products: products.length,
        badBarcodes: gtins.filter((g) => !isValidGtin(g)),
        levels: levels.length,
        withBin: levels.filter((l) => /^[A-Z]-\d{2}-\d$/.test(l.bin ?? "")).length,
      };
    });
    expect(facts.countries.length).toBeGreaterThanOrEqual(4);
    expect(facts.kinds.filter((k) => k === "warehouse")).toHaveLength(3);
    expect(facts.kinds).toContain("dropship");
    expect(facts.products).toBeGreaterThanOrEqual(60);
    expect(facts.badBarcodes).toEqual([]);
    expect(facts.withBin).toBe(facts.levels);
  });

  test("a few hundred orders spread over statuses; ledger and line arithmetic hold", async () => {
    const statuses = await read<Record<string, number>>(async (ctx) => {
      const out: Record<string, number> = {};
      for (const o of await ctx.db.query("orders").collect()) out[o.status] = (out[o.status] ?? 0) + 1;
      return out;
    });
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(200);
    for (const s of ["allocated", "on_hold", "cancelled"]) expect(statuses[s]).toBeGreaterThan(0);
    // The one truth check (ledger, bounds, line arithmetic, reservations, labels) over the seeded data.
    const report = (await rt.engine.backend.t.action(
      makeFunctionReference<"action">("invariants:verifyInvariants"),
      {},
    )) as { ok: boolean; violations: unknown[]; checked: number };
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(200);
  });

  test("every domain has demo rows: box types, shipping rules, channels, returns, exceptions", async () => {
    const counts = await read<Record<string, number>>(async (ctx) => ({
      boxTypes: (await ctx.db.query("boxTypes").collect()).length,
      shippingRules: (await ctx.db.query("shippingRules").collect()).length,
      channels: (await ctx.db.query("channels").collect()).length,
      rmas: (await ctx.db.query("rmas").collect()).length,
      holds: (await ctx.db.query("orderHolds").collect()).length,
    }));
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBeGreaterThan(0);
  });

  test("seed:demo is a no-op the second time", async () => {
    const again = await rt.engine.backend.t.action(makeFunctionReference<"action">("seed:demo"), {});
    expect(again).toEqual({ seeded: false, orders: 0 });
  });
});

describe("app over the runtime", () => {
  test("an order a supervisor creates appears in a floor user's list; roles are enforced", async () => {
    const supervisor = client(rt, "supervisor");
    const floor = client(rt, "floor");
    try {
      type Page = { page: { number: string }[] };
      const list = makeFunctionReference<"query", { paginationOpts: { numItems: number; cursor: null } }, Page>(
        "orders:list",
      );
      let latest: Page | undefined;
      floor.onUpdate(list, { paginationOpts: { numItems: 10, cursor: null } }, (v) => (latest = v));
      await waitFor(() => latest, 10_000, "floor's list");
      const product = await read<{ _id: string; priceMinor: number }>(
        async (ctx) => (await ctx.db.query("products").first())!,
      );
      const order = {
        kind: "phone",
        customer: { name: "Test Buyer", email: "buyer@example.com" },
        shipTo: {
          name: "Test Buyer",
          line1: "1 Main St",
          city: "Columbus",
          region: "OH",
          postalCode: "43004",
          country: "US",
        },
        currency: "USD",
        lines: [{ productId: product._id, quantity: 1, unitPriceMinor: product.priceMinor }],
      };
      const create = makeFunctionReference<"mutation", { order: typeof order }, { number: string }>(
        "orders:createManual",
      );
      const { number } = await supervisor.mutation(create, { order });
      await waitFor(
        () => (latest?.page.some((o) => o.number === number) ? true : undefined),
        5000,
        "the new order on the floor's screen",
      );
      const refused = (await floor.mutation(create, { order }).then(
        () => undefined,
        (e: unknown) => e,
      )) as { data?: { code?: string } } | undefined;
      expect(refused?.data?.code).toBe("FORBIDDEN");
      const internal = await supervisor
        .query(makeFunctionReference<"query">("invariants:verifyPage"), { check: "levels", cursor: null, numItems: 1 })
        .catch((e: unknown) => e as Error);
      expect(internal.message).toContain("Could not find public function");
    } finally {
      await supervisor.close();
      await floor.close();
    }
  });
});
