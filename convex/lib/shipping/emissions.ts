/**
 * Estimated CO₂e of a quote: distance × weight × an intensity factor per transport mode (GLEC
 * Framework style: g CO₂e per tonne-km, well-to-wheel). Pure: the rate-shop save calls it for
 * every quote, the rule engine's "lowest emissions" action and the boards read the result.
 *
 * The mode of a service is read from its name (air for express / next-day / 2nd-day / "air" /
 * international priority, mixed air + road for priority mail, road for ground / economy / the
 * rest). Distances: road = great-circle × 1.2 (routing); air = great-circle + 95 km (the GLEC /
 * EN 16258 allowance for take-off, landing and routing). The numbers and their source are listed in
 * the README ("Emissions").
 */

export const EMISSION_MODES = ["road", "air", "air_road"] as const;
export type EmissionMode = (typeof EMISSION_MODES)[number];

/**
 * g CO₂e per tonne-km, well-to-wheel (README "Emissions" names the source of each). Air follows the
 * GLEC Framework v3.0 (2023) "Table 1: Air transport emission intensity factors", whose only
 * distance split is 1,500 km (great-circle): > 1,500 km freighter 498 g TTW, × 1.22 for jet fuel's
 * well-to-tank share = 608 WTW. (Until issue 20 a third band, 1,500–4,000 km at 789, sat here; the
 * GLEC table has no such band.)
 */
export const INTENSITY_G_PER_TKM = {
  road: 250,
  airShortHaul: 830, // < 1,500 km
  airLongHaul: 608, // ≥ 1,500 km
} as const;

export const ROAD_DISTANCE_FACTOR = 1.2;
export const AIR_DISTANCE_ADD_KM = 95;

const AIR_WORDS =
  /\b(air|express|next ?day|overnight|2nd ?day|second ?day|2 ?day|priority overnight|international priority|international economy|worldwide)\b/i;
const MIXED_WORDS = /\bpriority mail\b/i;

/** The mode a carrier service travels by, read from its name. */
export function modeOf(carrier: string, service: string): EmissionMode {
  const s = `${carrier} ${service}`;
  if (MIXED_WORDS.test(s) && !/international/i.test(s)) return "air_road";
  if (AIR_WORDS.test(s)) return "air";
  return "road";
}

export function airIntensity(km: number): number {
  return km < 1_500 ? INTENSITY_G_PER_TKM.airShortHaul : INTENSITY_G_PER_TKM.airLongHaul;
}

/**
 * Grams of CO₂e for `weightGrams` over `distanceKm` (great-circle) by this service; undefined when
 * distance or weight is not a usable number. Whole grams (rounded), never negative.
 */
export function estimateCo2eGrams(a: {
  carrier: string;
  service: string;
  distanceKm: number | undefined;
  weightGrams: number;
}): number | undefined {
  const { distanceKm, weightGrams } = a;
  if (
    distanceKm === undefined ||
    !Number.isFinite(distanceKm) ||
    distanceKm < 0 ||
    !Number.isFinite(weightGrams) ||
    weightGrams <= 0
  )
    return undefined;
  const tonnes = weightGrams / 1_000_000;
  const road = (km: number) => km * ROAD_DISTANCE_FACTOR * tonnes * INTENSITY_G_PER_TKM.road;
  const air = (km: number) => (km + AIR_DISTANCE_ADD_KM) * tonnes * airIntensity(km + AIR_DISTANCE_ADD_KM);
  const mode = modeOf(a.carrier, a.service);
  // Priority mail: trunked by air, first and last 10 % by road.
  const g =
    mode === "road"
      ? road(distanceKm)
      : mode === "air"
        ? air(distanceKm)
        : air(distanceKm * 0.8) + road(distanceKm * 0.2);
  return Math.max(0, Math.round(g));
}

/** "1.2 kg CO₂e" / "340 g CO₂e". */
export function formatCo2e(grams: number | undefined): string {
  if (grams === undefined) return "—";
  return grams >= 1000 ? `${(grams / 1000).toFixed(grams >= 10_000 ? 0 : 1)} kg CO₂e` : `${grams} g CO₂e`;
}
