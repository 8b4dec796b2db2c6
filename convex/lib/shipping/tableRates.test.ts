import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { RATE_TABLE, packagePrice, tableQuotes, zoneFor } from "./tableRates";

const columbus = { country: "US", postalCode: "43004" };

describe("table rates", () => {
  test("zones: near ZIPs are zone 1, across the country zone 8, abroad by region", () => {
    expect(zoneFor(columbus, { country: "US", postalCode: "43215" })).toBe(1);
    expect(zoneFor(columbus, { country: "US", postalCode: "94105" })).toBe(8);
    expect(zoneFor(columbus, { country: "CA", postalCode: "M5V 2T6" })).toBe(9);
    expect(zoneFor(columbus, { country: "DE", postalCode: "10115" })).toBe(10);
    expect(zoneFor(columbus, { country: "JP", postalCode: "100-0001" })).toBe(11);
  });

  test("a multi-package shipment costs the sum of its packages, per service", () => {
    const one = tableQuotes(columbus, { country: "US", postalCode: "94105" }, [1200]);
    const two = tableQuotes(columbus, { country: "US", postalCode: "94105" }, [1200, 1200]);
    const ground = (qs: typeof one) => qs.find((q) => q.carrier === "USPS" && q.service === "Ground Advantage")!;
    expect(ground(one)).toMatchObject({ amountMinor: 760 + 2 * 140, deliveryDays: 5, zone: 8 });
    expect(ground(two).amountMinor).toBe(2 * ground(one).amountMinor);
  });

  test("international destinations get only international services; too heavy gets nothing", () => {
    expect(
      tableQuotes(columbus, { country: "GB", postalCode: "SW1A 1AA" }, [800])
        .map((q) => q.service)
        .sort(),
    ).toEqual(["International Economy", "Priority Mail International"]);
    expect(tableQuotes(columbus, { country: "US", postalCode: "94105" }, [90_000])).toEqual([]);
  });

  test("price never falls as weight rises, and never falls as the zone grows (domestic)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.integer({ min: 1, max: 7 }),
        (w, extra, zone) => {
          for (const row of RATE_TABLE) {
            const a = packagePrice(row, zone as 1, w);
            const b = packagePrice(row, zone as 1, w + extra);
            const c = packagePrice(row, (zone + 1) as 2, w);
            if (a !== undefined && b !== undefined) expect(b).toBeGreaterThanOrEqual(a);
            if (a !== undefined && c !== undefined) expect(c).toBeGreaterThanOrEqual(a);
          }
        },
      ),
    );
  });
});
