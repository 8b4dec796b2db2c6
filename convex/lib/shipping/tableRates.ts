/**
 * Built-in table rates: the offline provider's price list. A destination falls in a zone (US
 * domestic zones 1–8 from the distance between the first three ZIP digits of origin and
 * destination; Canada/Mexico, Europe and the rest of the world beyond), each carrier service has a
 * base price and a price per started 500 g per zone, a weight limit, and delivery days per zone.
 * Pure: the table-rate adapter and its tests use it, nothing here knows Convex.
 */

export type Zone = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;
/** One row of the table: a carrier service, its prices (minor units, USD) and days, per zone 1…11. */
export type RateTableRow = {
  carrier: string;
  service: string;
  maxWeightGrams: number;
  /** Index zone − 1. `null` where the service does not go. */
  base: (number | null)[];
  perHalfKg: (number | null)[];
  days: (number | null)[];
};

/** Zones 1–8 (domestic US) served, 9–11 (abroad) not; and the other way round. */
const US = (xs: number[]) => [...xs, null, null, null];
const ABROAD = (xs: number[]) => [null, null, null, null, null, null, null, null, ...xs];
export const RATE_TABLE: readonly RateTableRow[] = [
  {
    carrier: "USPS",
    service: "Ground Advantage",
    maxWeightGrams: 31_750,
    base: US([495, 510, 530, 560, 610, 650, 700, 760]),
    perHalfKg: US([45, 50, 60, 75, 90, 105, 120, 140]),
    days: US([2, 2, 3, 3, 4, 4, 5, 5]),
  },
  {
    carrier: "USPS",
    service: "Priority Mail",
    maxWeightGrams: 31_750,
    base: US([865, 890, 930, 990, 1080, 1150, 1240, 1330]),
    perHalfKg: US([60, 70, 85, 100, 120, 140, 160, 185]),
    days: US([1, 1, 2, 2, 2, 3, 3, 3]),
  },
  {
    carrier: "UPS",
    service: "Ground",
    maxWeightGrams: 68_000,
    base: US([1050, 1080, 1120, 1190, 1260, 1330, 1420, 1500]),
    perHalfKg: US([40, 45, 55, 65, 75, 85, 95, 110]),
    days: US([1, 2, 2, 3, 3, 4, 4, 5]),
  },
  {
    carrier: "UPS",
    service: "2nd Day Air",
    maxWeightGrams: 68_000,
    base: US([2150, 2250, 2400, 2600, 2800, 3000, 3250, 3500]),
    perHalfKg: US([110, 120, 135, 150, 170, 190, 210, 235]),
    days: US([2, 2, 2, 2, 2, 2, 2, 2]),
  },
  {
    carrier: "UPS",
    service: "Next Day Air",
    maxWeightGrams: 68_000,
    base: US([3600, 3800, 4100, 4500, 4900, 5300, 5700, 6100]),
    perHalfKg: US([190, 205, 225, 250, 280, 310, 340, 375]),
    days: US([1, 1, 1, 1, 1, 1, 1, 1]),
  },
  {
    carrier: "FedEx",
    service: "International Economy",
    maxWeightGrams: 68_000,
    base: ABROAD([4200, 5900, 7400]),
    perHalfKg: ABROAD([310, 420, 520]),
    days: ABROAD([4, 5, 6]),
  },
  {
    carrier: "USPS",
    service: "Priority Mail International",
    maxWeightGrams: 20_000,
    base: ABROAD([3350, 4850, 5600]),
    perHalfKg: ABROAD([240, 360, 430]),
    days: ABROAD([7, 9, 12]),
  },
];

const EUROPE = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB NO CH IS".split(" "),
);

/** The zone of a destination seen from an origin; domestic US by ZIP3 distance. */
export function zoneFor(
  from: { country: string; postalCode: string },
  to: { country: string; postalCode: string },
): Zone {
  const toCountry = to.country.toUpperCase();
  if (from.country.toUpperCase() === "US" && toCountry === "US") {
    const a = Number.parseInt(from.postalCode.slice(0, 3), 10);
    const b = Number.parseInt(to.postalCode.slice(0, 3), 10);
    if (Number.isNaN(a) || Number.isNaN(b)) return 8;
    const d = Math.abs(a - b);
    return (d < 5 ? 1 : d < 30 ? 2 : d < 80 ? 3 : d < 150 ? 4 : d < 250 ? 5 : d < 350 ? 6 : d < 450 ? 7 : 8) as Zone;
  }
  if (toCountry === "CA" || toCountry === "MX" || toCountry === "US") return 9;
  if (EUROPE.has(toCountry)) return 10;
  return 11;
}

export type TableQuote = {
  carrier: string;
  service: string;
  amountMinor: number;
  currency: "USD";
  deliveryDays: number;
  zone: Zone;
};

/** Price of one package on one row, or undefined when the row does not serve it. */
export function packagePrice(row: RateTableRow, zone: Zone, weightGrams: number): number | undefined {
  const base = row.base[zone - 1];
  const per = row.perHalfKg[zone - 1];
  if (base === null || per === null || weightGrams > row.maxWeightGrams || weightGrams <= 0) return undefined;
  const halfKgs = Math.max(0, Math.ceil(weightGrams / 500) - 1);
  return base + halfKgs * per;
}

/**
 * Quotes for a shipment of packages: one per service that can carry every package, priced as the
 * sum of its packages. Empty when no service reaches the zone or a package is too heavy for all.
 */
export function tableQuotes(
  from: { country: string; postalCode: string },
  to: { country: string; postalCode: string },
  packageWeights: readonly number[],
): TableQuote[] {
  const zone = zoneFor(from, to);
  const out: TableQuote[] = [];
  for (const row of RATE_TABLE) {
    const prices = packageWeights.map((w) => packagePrice(row, zone, w));
    if (prices.length === 0 || prices.some((p) => p === undefined)) continue;
    out.push({
      carrier: row.carrier,
      service: row.service,
      amountMinor: prices.reduce<number>((s, p) => s + p!, 0),
      currency: "USD",
      deliveryDays: row.days[zone - 1]!,
      zone,
    });
  }
  return out;
}
