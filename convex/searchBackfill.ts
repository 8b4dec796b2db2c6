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
import { makeMigration } from "convex-helpers/server/migrations";
import { internalMutation, migrationSeries } from "./functions";
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

/** In order: shipments take their text from their order's. */
export const BACKFILLS = ["searchBackfill:orders", "searchBackfill:shipments", "searchBackfill:products"] as const;

/**
 * `start` (or resume) the three in turn, `markDone` (records them done without running them: a fresh
 * seed has every search text) and `status` (where each stands).
 */
export const { start, markDone, status } = migrationSeries(BACKFILLS);
