/** Display helpers of the Carriers board (pure; tested beside). */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../../convex/_generated/api";

export type CarrierBoard = FunctionReturnType<typeof api.carrierBoard.board>;
export type CarrierRow = CarrierBoard["rows"][number];

/** "EAST>US-CA" → "EAST → US-CA". */
export const laneLabel = (lane: string) => lane.replace(">", " → ");
export const percent = (rate: number | undefined) => (rate === undefined ? "—" : `${Math.round(rate * 1000) / 10} %`);
export const days = (d: number | undefined) => (d === undefined ? "—" : `${d} d`);

/** The week series for the charts (rates as whole percentages, grams as kg). */
export function trendSeries(trend: CarrierBoard["trend"]) {
  return trend.map((w) => ({
    week: w.week.slice(5),
    shipments: w.shipments,
    onTime: w.onTimeRate === undefined ? null : Math.round(w.onTimeRate * 1000) / 10,
    median: w.medianDays ?? null,
    p90: w.p90Days ?? null,
    co2eKg: w.co2ePerShipmentGrams === undefined ? null : Math.round(w.co2ePerShipmentGrams / 10) / 100,
  }));
}

/** Totals over all rows: shipments, on-time over delivered-with-promise, CO₂e per shipment (weighted). */
export function overall(rows: CarrierRow[]) {
  const shipments = rows.reduce((s, r) => s + r.shipments, 0);
  const weighted = (get: (r: CarrierRow) => number | undefined, weight: (r: CarrierRow) => number) => {
    let num = 0;
    let den = 0;
    for (const r of rows) {
      const v = get(r);
      if (v === undefined) continue;
      num += v * weight(r);
      den += weight(r);
    }
    return den > 0 ? num / den : undefined;
  };
  return {
    shipments,
    delivered: rows.reduce((s, r) => s + r.delivered, 0),
    onTimeRate: weighted(
      (r) => r.onTimeRate,
      (r) => r.delivered,
    ),
    co2ePerShipmentGrams: weighted(
      (r) => r.co2ePerShipmentGrams,
      (r) => r.shipments,
    ),
  };
}
