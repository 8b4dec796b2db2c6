import { defineTable } from "convex/server";
import { v } from "convex/values";

/** Where a postcode's import stands: one row per import (key "default"). */
export const postcodeImportState = v.object({
  /** Index into POSTCODE_SOURCES of the source being imported. */
  sourceIndex: v.number(),
  /** Rows of that source already written. */
  offset: v.number(),
  written: v.number(),
  skipped: v.number(),
  startedAt: v.number(),
  updatedAt: v.number(),
  finishedAt: v.optional(v.number()),
});

export const geoTables = {
  /**
   * Postal-code coordinates: one row per (country, key) as `postcodeKeys` (lib/geo) builds keys —
   * US ZIP, Canadian FSA, GB postcode/district/area, or any country's compact code. `source` names
   * the data set (see model/geo/sources.data.ts); `rank` is its priority (lower wins on overlap).
   */
  postcodes: defineTable({
    country: v.string(),
    code: v.string(),
    lat: v.number(),
    lng: v.number(),
    source: v.string(),
    rank: v.number(),
  }).index("by_country_and_code", ["country", "code"]),
  /** Progress of the resumable postcode import (see convex/postcodes.ts). */
  postcodeImports: defineTable({ key: v.string(), ...postcodeImportState.fields }).index("by_key", ["key"]),
};
