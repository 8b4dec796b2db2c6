"use node";
/**
 * The postcode import: loads the packages' postal-code data (model/geo/sources.data.ts) into the
 * `postcodes` table in batches. Internal; run by the demo seed, and once on a new deployment:
 *
 *   npx convex run postcodesImport:run            # continue (or start) the import
 *   npx convex run postcodesImport:run '{"restart": true}'   # from the first row again
 *
 * Each run writes up to `maxBatches` batches, then schedules the next run, so no action comes
 * near the runtime's time limit; progress commits with every batch (see postcodes.ts), so an
 * interrupted import resumes where it stopped. This is the only module that imports the data:
 * being "use node", it is bundled for the Node runtime and no isolate function loads it.
 */
import { v, type Infer } from "convex/values";
import { internalAction } from "./_generated/server";
import { internal } from "./_generated/api";
import { POSTCODE_SOURCES, type PostcodeRow, type PostcodeSource } from "./model/geo/sources.data";
import { postcodeImportState } from "./model/geo/tables";
import { postcodeKeys } from "./lib/geo/coordinates";

type ImportState = Infer<typeof postcodeImportState>;

const cache = new Map<number, PostcodeRow[]>();
function rowsOf(index: number): PostcodeRow[] {
  let rows = cache.get(index);
  if (!rows) {
    rows = POSTCODE_SOURCES[index].rows();
    cache.set(index, rows);
  }
  return rows;
}

/**
 * `only`: import just the rows these destinations match (the demo seed's addresses), tracked
 * separately from the full import. `background: false`: stop after `maxBatches` without
 * scheduling the rest (tests, and a seed that waits for its subset).
 */
export const run = internalAction({
  args: {
    restart: v.optional(v.boolean()),
    batchSize: v.optional(v.number()),
    maxBatches: v.optional(v.number()),
    background: v.optional(v.boolean()),
    only: v.optional(v.array(v.object({ country: v.string(), postalCode: v.string() }))),
  },
  returns: postcodeImportState,
  handler: async (ctx, a): Promise<ImportState> => {
    const batchSize = Math.min(1000, Math.max(1, Math.floor(a.batchSize ?? 500)));
    const maxBatches = Math.max(1, Math.floor(a.maxBatches ?? 40));
    const key = a.only ? ("subset" as const) : ("default" as const);
    const wanted = a.only
      ? new Set(
          a.only.flatMap((d) =>
            postcodeKeys(d.country, d.postalCode).map((k) => `${d.country.trim().toUpperCase()}:${k}`),
          ),
        )
      : undefined;
    const rowsFor = (index: number) =>
      wanted ? rowsOf(index).filter((r) => wanted.has(`${r.country}:${r.code}`)) : rowsOf(index);
    let state: ImportState | null = a.restart ? null : await ctx.runQuery(internal.postcodes.importState, { key });
    if (!state) state = await ctx.runMutation(internal.postcodes.startImport, { key });
    for (let b = 0; b < maxBatches && state.finishedAt === undefined; b++) {
      const source: PostcodeSource | undefined = POSTCODE_SOURCES[state.sourceIndex];
      const rows: PostcodeRow[] = source ? rowsFor(state.sourceIndex) : [];
      const slice: PostcodeRow[] = rows.slice(state.offset, state.offset + batchSize);
      state = await ctx.runMutation(internal.postcodes.writeBatch, {
        key,
        sourceIndex: state.sourceIndex,
        offset: state.offset,
        sourceCount: POSTCODE_SOURCES.length,
        source: source?.name ?? "none",
        rank: source?.rank ?? 0,
        lastOfSource: state.offset + slice.length >= rows.length,
        rows: slice,
      });
    }
    if (state.finishedAt === undefined && a.background !== false) {
      await ctx.scheduler.runAfter(0, internal.postcodesImport.run, { batchSize, maxBatches, only: a.only });
    }
    return state;
  },
});
