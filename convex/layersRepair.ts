/**
 * Cost layers that outlived their units. Before every outbound path went through `unitsOut`
 * (model/inventory/operations.ts), a short pick wrote units off a bin and left their FIFO cost
 * layers behind, so later shipments were costed from units that were gone and the truth check's
 * `level.layers` reports the level. This repair gives each such level's excess up from its oldest
 * layers, as the write-off would have taken it; a level in step is left alone, so a second run
 * changes nothing. A convex-helpers migration like convex/searchBackfill.ts (paged, resumable,
 * progress in the `migrations` table).
 *
 * Started by the offline runtime whenever it resumes kept data (dev/seed.ts resumeBackend); on a
 * deployment: `npx convex run layersRepair:start`. Progress: `npx convex run layersRepair:status`.
 */
import { makeMigration } from "convex-helpers/server/migrations";
import { internalMutation, migrationSeries } from "./functions";
import { consumeLayers, unitsInLayers } from "./model/inventory/costLayers";

const migration = makeMigration(internalMutation, { migrationTable: "migrations" });

/** Each level gives up the units its open layers hold beyond its onHand, oldest layers first (25 levels a page). */
export const levels = migration({
  table: "inventoryLevels",
  batchSize: 25,
  migrateOne: async (ctx, level) => {
    const excess = (await unitsInLayers(ctx, level.productId, level.warehouseId)) - level.onHand;
    if (excess > 0)
      await consumeLayers(ctx, {
        productId: level.productId,
        warehouseId: level.warehouseId,
        qty: excess,
        fallbackCost: 0,
      });
  },
});

/** The repair, by name. */
export const REPAIRS = ["layersRepair:levels"] as const;

/**
 * `start` (or resume; once finished it is skipped), `markDone` (a fresh seed's layers are in step)
 * and `status` (levels processed so far, done or not).
 */
export const { start, markDone, status } = migrationSeries(REPAIRS);
