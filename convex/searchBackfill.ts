/**
 * Search text for documents written before it existed (issue 19): orders, their shipments and
 * products get the `searchText` their writers now set (lib/search.ts). Paged convex-helpers
 * migrations, one table after the other, each page its own scheduled transaction; the progress
 * (cursor, processed, done) is kept in the `migrations` table, so a run that stops (a restart, a
 * failed page) resumes where it was, and a finished one is not run again. Each page only fills
 * what is missing or stale, so running it twice changes nothing.
 *
 * Started by the offline runtime whenever it resumes kept data (dev/seed.ts resumeBackend); on a
 * deployment: `npx convex run searchBackfill:start`. Progress: `npx convex run searchBackfill:status`.
 */
import { v } from "convex/values";
import { getStatus, makeMigration, startMigrationsSerially } from "convex-helpers/server/migrations";
import { internalMutation } from "./functions";
import { internalQuery } from "./_generated/server";
import { makeFunctionReference } from "convex/server";
import { productSearchText } from "./lib/search";
import { orderSearchTextOf, shipmentTextFor } from "./model/desk/searchText";

const migration = makeMigration(internalMutation, { migrationTable: "migrations" });

/** Orders without a search text get it from their number, customer and lines (50 orders a page: each reads its lines). */
export const orders = migration({
  table: "orders",
  batchSize: 50,
  migrateOne: async (ctx, order) =>
    order.searchText === undefined ? { searchText: await orderSearchTextOf(ctx, order) } : undefined,
});

/** Every shipment's text follows its order's (after `orders`, so the order's text is there). */
export const shipments = migration({
  table: "shipments",
  migrateOne: async (ctx, shipment) => {
    const searchText = shipmentTextFor(shipment, await ctx.db.get("orders", shipment.orderId));
    return shipment.searchText === searchText ? undefined : { searchText };
  },
});

/** Products without a search text (name, SKU, barcodes). */
export const products = migration({
  table: "products",
  migrateOne: (_ctx, product) =>
    product.searchText === undefined ? { searchText: productSearchText(product) } : undefined,
});

/** In order: shipments take their text from their order's. By name (`internal.searchBackfill.*` would make the module's types circular). */
export const BACKFILLS = ["searchBackfill:orders", "searchBackfill:shipments", "searchBackfill:products"] as const;
const ALL = BACKFILLS.map((name) => makeFunctionReference<"mutation">(name)) as unknown as Parameters<
  typeof startMigrationsSerially
>[1];

/** Starts (or resumes) the three in turn; a finished one is skipped, one already running is left alone. */
export const start = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    await startMigrationsSerially(ctx, ALL);
    return null;
  },
});

/**
 * Records the three as done without running them: for data that has every search text already (a
 * fresh seed), so a later resume does not walk every document once for nothing.
 */
export const markDone = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const now = Date.now();
    for (const name of BACKFILLS) {
      const table = name.split(":")[1];
      const row = await ctx.db
        .query("migrations")
        .withIndex("name", (q) => q.eq("name", name))
        .unique();
      if (!row)
        await ctx.db.insert("migrations", {
          name,
          table,
          cursor: null,
          isDone: true,
          processed: 0,
          latestStart: now,
          latestEnd: now,
        });
    }
    return null;
  },
});

/** Where each stands: processed so far, done or not. */
export const status = internalQuery({
  args: {},
  returns: v.array(v.object({ name: v.string(), processed: v.number(), isDone: v.boolean() })),
  handler: async (ctx) => {
    const rows = await getStatus(ctx, { migrationTable: "migrations", migrations: ALL });
    return rows.map((r) => ({ name: r.name, processed: "processed" in r ? r.processed : 0, isDone: r.isDone }));
  },
});
