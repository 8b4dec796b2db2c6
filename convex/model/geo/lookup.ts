/**
 * Postal-code coordinates from the `postcodes` table: at most one indexed read per candidate key
 * (`postcodeKeys`, most precise first; three at most, for a GB postcode).
 */
import type { QueryCtx } from "../../_generated/server";
import { postcodeKeys, resolveCoordinates, type LatLng, type ResolvedCoordinates } from "../../lib/geo/coordinates";

/** The `postcodes` row point for a destination, or undefined when the table knows none of its keys. */
export async function postcodePoint(ctx: QueryCtx, country: string, postalCode: string): Promise<LatLng | undefined> {
  const cc = country.trim().toUpperCase();
  for (const code of postcodeKeys(cc, postalCode)) {
    const row = await ctx.db
      .query("postcodes")
      .withIndex("by_country_and_code", (q) => q.eq("country", cc).eq("code", code))
      .first();
    if (row) return { lat: row.lat, lng: row.lng };
  }
  return undefined;
}

/** A destination's point: its postcode's row, else its country's centroid (undefined if unknown). */
export async function destinationCoordinates(
  ctx: QueryCtx,
  country: string,
  postalCode: string,
): Promise<ResolvedCoordinates | undefined> {
  return resolveCoordinates(country, await postcodePoint(ctx, country, postalCode));
}
