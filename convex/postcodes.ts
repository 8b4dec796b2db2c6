/**
 * The `postcodes` table's writer and the import's progress (the import action itself is in
 * postcodesImport.ts, a "use node" module: the only one that loads the packages' data).
 *
 * `writeBatch` writes one batch of rows and advances the progress row in the same transaction,
 * so an import that stops anywhere (deploy, crash, timeout) resumes exactly where the last batch
 * committed; a batch that arrives for a position the progress row has moved past is a no-op, so
 * two imports running at once cannot write twice.
 */
import { isCountryCode } from "./lib/address";
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { internalQuery } from "./_generated/server";
import { adminQuery, internalMutation } from "./functions";
import { postcodeImportState } from "./model/geo/tables";
import { MAX_POSTCODE_KEY } from "./lib/geo/coordinates";
import type { MutationCtx } from "./_generated/server";
import type { Doc } from "./_generated/dataModel";
import { rowBy } from "./model/rows";

const KEY = "default";
/** Stored rows one batch may read (Convex allows 16,384 documents read per transaction). */
const MAX_RANGE_READS = 8000;
const vRow = v.object({ country: v.string(), code: v.string(), lat: v.number(), lng: v.number() });

/** Progress rows: "default" for the full import, "subset" for an import of named postcodes. */
const vKey = v.optional(literals("default", "subset"));

async function stateRow(ctx: MutationCtx, key: string = KEY) {
  return rowBy(ctx, "postcodeImports", "by_key", key);
}

function publicState(row: {
  sourceIndex: number;
  offset: number;
  written: number;
  skipped: number;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
}) {
  const { sourceIndex, offset, written, skipped, startedAt, updatedAt, finishedAt } = row;
  return { sourceIndex, offset, written, skipped, startedAt, updatedAt, finishedAt };
}

/** Where the import stands, or null when it never ran. */
export const importState = internalQuery({
  args: { key: vKey },
  returns: v.union(v.null(), postcodeImportState),
  handler: async (ctx, { key }) => {
    const row = await rowBy(ctx, "postcodeImports", "by_key", key ?? KEY);
    return row ? publicState(row) : null;
  },
});

/** For the admin settings: is the postcode data in, and how far is an import. */
export const importStatus = adminQuery({
  args: {},
  returns: v.union(v.null(), postcodeImportState),
  handler: async (ctx) => {
    const row = await rowBy(ctx, "postcodeImports", "by_key", KEY);
    return row ? publicState(row) : null;
  },
});

/** Starts (or restarts) the import at the first row of the first source. Rows already in stay. */
export const startImport = internalMutation({
  args: { key: vKey },
  returns: postcodeImportState,
  handler: async (ctx, { key = KEY }) => {
    const now = Date.now();
    const fresh = { sourceIndex: 0, offset: 0, written: 0, skipped: 0, startedAt: now, updatedAt: now };
    const row = await stateRow(ctx, key);
    if (row) await ctx.db.replace("postcodeImports", row._id, { key, ...fresh });
    else await ctx.db.insert("postcodeImports", { key, ...fresh });
    return fresh;
  },
});

/**
 * Upserts one batch of `source`'s rows (a row from a lower-`rank` source is kept over this one)
 * and moves the progress to `offset + rows.length` (or to the next source when `lastOfSource`).
 */
export const writeBatch = internalMutation({
  args: {
    key: vKey,
    sourceIndex: v.number(),
    offset: v.number(),
    sourceCount: v.number(),
    source: v.string(),
    rank: v.number(),
    lastOfSource: v.boolean(),
    rows: v.array(vRow),
  },
  returns: postcodeImportState,
  handler: async (ctx, a) => {
    const row = await stateRow(ctx, a.key ?? KEY);
    if (!row) throw new Error("No postcode import is running (startImport first).");
    if (row.finishedAt !== undefined || row.sourceIndex !== a.sourceIndex || row.offset !== a.offset)
      return publicState(row);
    if (a.rows.length > 1000) throw new Error("A postcode batch holds at most 1,000 rows.");
    let written = 0;
    let skipped = 0;
    // Valid rows by country, deduplicated (the last of a key in the batch wins).
    const byCountry = new Map<string, Map<string, { lat: number; lng: number }>>();
    for (const r of a.rows) {
      const country = r.country.trim().toUpperCase();
      const code = r.code.replace(/[\s-]+/g, "").toUpperCase();
      const ok =
        isCountryCode(country) &&
        code.length > 0 &&
        code.length <= MAX_POSTCODE_KEY &&
        Number.isFinite(r.lat) &&
        Number.isFinite(r.lng) &&
        Math.abs(r.lat) <= 90 &&
        Math.abs(r.lng) <= 180;
      if (!ok) {
        skipped++;
        continue;
      }
      const rows = byCountry.get(country) ?? new Map<string, { lat: number; lng: number }>();
      rows.set(code, { lat: r.lat, lng: r.lng });
      byCountry.set(country, rows);
    }
    for (const [country, rows] of byCountry) {
      // One range read per country over the batch's codes (sources come sorted, so the range
      // holds this batch and the rows other sources have between its first and last code).
      const codes = [...rows.keys()].sort();
      const existing = new Map<string, Doc<"postcodes">>();
      const inRange = ctx.db.query("postcodes").withIndex("by_country_and_code", (q) =>
        q
          .eq("country", country)
          .gte("code", codes[0])
          .lte("code", codes[codes.length - 1]),
      );
      let read = 0;
      for await (const doc of inRange) {
        if (++read > MAX_RANGE_READS)
          throw new Error("A postcode batch spans too many stored rows; import sources sorted by code.");
        if (rows.has(doc.code)) existing.set(doc.code, doc);
      }
      for (const code of codes) {
        const r = rows.get(code)!;
        const old = existing.get(code);
        if (!old) {
          await ctx.db.insert("postcodes", { country, code, lat: r.lat, lng: r.lng, source: a.source, rank: a.rank });
          written++;
        } else if (old.rank > a.rank || (old.source === a.source && (old.lat !== r.lat || old.lng !== r.lng))) {
          await ctx.db.patch("postcodes", old._id, { lat: r.lat, lng: r.lng, source: a.source, rank: a.rank });
          written++;
        } else skipped++;
      }
    }
    const now = Date.now();
    const nextSource = a.lastOfSource ? a.sourceIndex + 1 : a.sourceIndex;
    const next = {
      sourceIndex: nextSource,
      offset: a.lastOfSource ? 0 : a.offset + a.rows.length,
      written: row.written + written,
      skipped: row.skipped + skipped,
      updatedAt: now,
      ...(nextSource >= a.sourceCount ? { finishedAt: now } : {}),
    };
    await ctx.db.patch("postcodeImports", row._id, next);
    return publicState({ ...row, ...next });
  },
});
