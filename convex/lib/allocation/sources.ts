/**
 * Reading candidate sources: stock lookups that accept a Map or a record, unit sanitising,
 * distance to the destination, the deterministic tie-break every strategy ends with, and the
 * wording of a source in reasons. Pure helpers shared by the plan builder and the strategies.
 */
import { haversineKm, resolveCoordinates, type ResolvedCoordinates } from "../geo/coordinates";
import type { CandidateSource, Destination, SourceStock } from "./types";
import { dayKey } from "../clock";

const hasOwn = Object.prototype.hasOwnProperty;

/** The source's entry for a product, or undefined when it does not list (carry) the product. */
export function stockOf(source: CandidateSource, productId: string): SourceStock | undefined {
  const stock = source.stock;
  if (stock instanceof Map) return (stock as ReadonlyMap<string, SourceStock>).get(productId);
  const record = stock as Readonly<Record<string, SourceStock>>;
  return hasOwn.call(record, productId) ? record[productId] : undefined;
}

/**
 * Units a stated availability allows: whole, non-negative; `Infinity` stays (unlimited
 * dropship); NaN, negatives and missing entries are 0. Planning never trusts a raw figure.
 */
export function usableUnits(stock: SourceStock | undefined): number {
  const n = stock?.available ?? 0;
  if (!(n > 0)) return 0;
  return n === Infinity ? n : Math.floor(n);
}

/** True for sources whose units are ordered from a supplier rather than reserved from stock. */
export function isDropship(source: CandidateSource): boolean {
  return source.kind === "dropship";
}

/**
 * The point distances are measured to: the destination's own lat/lng when both are finite (the
 * caller looked its postal code up in the `postcodes` table), otherwise its country's centroid
 * (lib/geo); undefined when neither is known.
 */
export function destinationPoint(d: Destination): ResolvedCoordinates | undefined {
  const { lat, lng } = d;
  if (lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng)) {
    return { lat, lng, precision: "postal" };
  }
  return resolveCoordinates(d.country);
}

/**
 * Great-circle km from each source to the destination, by source index, computed once per plan.
 * NaN where the destination or a source's coordinates are unknown.
 */
export function sourceDistances(
  sources: readonly CandidateSource[],
  to: ResolvedCoordinates | undefined,
): Float64Array {
  const out = new Float64Array(sources.length);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    out[i] = to && Number.isFinite(s.lat) && Number.isFinite(s.lng) ? haversineKm(to, s) : NaN;
  }
  return out;
}

/** Distance as a sort key: unknown distances rank after every known one, equal to each other. */
export function distanceKey(km: number): number {
  return Number.isNaN(km) ? Infinity : km;
}

/**
 * The tie-break every strategy ends with: lower `priority` first, then `code`, then `sourceId`
 * (code-unit order, not locale order, so every runtime sorts the same way).
 */
export function compareTieBreak(a: CandidateSource, b: CandidateSource): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.sourceId !== b.sourceId) return a.sourceId < b.sourceId ? -1 : 1;
  return 0;
}

/** "EAST (412 km)", "EAST (distance unknown)", or with a detail: "DROP-1 (900 km, 5-day lead time)". */
export function describeSource(source: CandidateSource, km: number, detail?: string): string {
  const distance = Number.isNaN(km) ? "distance unknown" : `${Math.round(km)} km`;
  return `${source.code} (${distance}${detail ? `, ${detail}` : ""})`;
}

/** "A, B, C" or "A, B, C and 4 more": names a handful of sources without flooding the audit trail. */
export function listCodes(codes: readonly string[], max = 3): string {
  if (codes.length <= max) return codes.join(", ");
  return `${codes.slice(0, max).join(", ")} and ${codes.length - max} more`;
}

/** A day from a millisecond timestamp, as "2024-01-05" (UTC). */
export function formatDay(ms: number): string {
  return Number.isFinite(ms) ? dayKey(ms) : "unknown date";
}
