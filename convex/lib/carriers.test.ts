import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  MAX_TRANSIT_BUCKET,
  addEntry,
  emptySums,
  figuresOf,
  percentileBySort,
  percentileOf,
  shareOf,
} from "./carriers";
import { estimateCo2eGrams, modeOf } from "./shipping/emissions";
import { selectQuote } from "./shipping/rules";
import type { Quote, Rule } from "./shipping/types";
import { planJourney } from "../model/tracking/simulator";

describe("transit-day percentiles from the histogram", () => {
  test("equal the nearest-rank percentile of the sorted values, for any workload and quantile", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: MAX_TRANSIT_BUCKET }), { maxLength: 400 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (days, q) => {
          const hist = new Map<number, number>();
          for (const d of days) hist.set(d, (hist.get(d) ?? 0) + 1);
          expect(percentileOf(hist, q)).toBe(percentileBySort(days, q));
        },
      ),
    );
  });

  test("the histogram kept through counter entries gives the same median and p90 as sorting the shipments", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ transitDays: fc.integer({ min: 1, max: 25 }), promisedDays: fc.integer({ min: 1, max: 7 }) }),
          { minLength: 1, maxLength: 200 },
        ),
        (ships) => {
          const sums = emptySums();
          for (const s of ships) {
            const share = shareOf({
              carrier: "UPS",
              service: "Ground",
              lane: "W>US-CA",
              currency: "USD",
              status: "delivered",
              costMinor: 500,
              weightGrams: 1000,
              dearestMinor: 700,
              damagedUnits: 0,
              exception: false,
              ...s,
              onTime: s.transitDays <= s.promisedDays,
            });
            for (const [k, n] of Object.entries(share)) addEntry(sums, k.split("|")[0], n);
          }
          const f = figuresOf(sums);
          const days = ships.map((s) => s.transitDays);
          expect([f.medianDays, f.p90Days]).toEqual([percentileBySort(days, 0.5), percentileBySort(days, 0.9)]);
          expect(f.onTimeRate).toBeCloseTo(
            ships.filter((s) => s.transitDays <= s.promisedDays).length / ships.length,
            12,
          );
          expect([f.shipments, f.costPerShipmentMinor, f.costPerKgMinor, f.savingsMinor]).toEqual([
            ships.length,
            500,
            500,
            200 * ships.length,
          ]);
        },
      ),
    );
  });

  test("no shipments, no percentile; a voided shipment counts nothing", () => {
    expect(percentileOf(new Map(), 0.5)).toBeUndefined();
    expect(
      shareOf({
        carrier: "A",
        service: "B",
        lane: "C",
        currency: "USD",
        status: "voided",
        costMinor: 1,
        weightGrams: 1,
        dearestMinor: 1,
        damagedUnits: 0,
        exception: false,
      }),
    ).toEqual({});
  });
});

describe("emissions", () => {
  test("modes from service names; air dirtier than road for the same trip; nothing without a distance or weight", () => {
    expect(modeOf("UPS", "Next Day Air")).toBe("air");
    expect(modeOf("UPS", "2nd Day Air")).toBe("air");
    expect(modeOf("USPS", "Priority Mail")).toBe("air_road");
    expect(modeOf("USPS", "Ground Advantage")).toBe("road");
    expect(modeOf("FedEx", "International Economy")).toBe("air");
    const trip = { distanceKm: 1000, weightGrams: 2000 };
    // road: 1000 × 1.2 km × 0.002 t × 250 g/tkm = 600 g; air: 1095 km × 0.002 t × 830 = 1817.7 g.
    expect(estimateCo2eGrams({ carrier: "UPS", service: "Ground", ...trip })).toBe(600);
    expect(estimateCo2eGrams({ carrier: "UPS", service: "Next Day Air", ...trip })).toBe(1818);
    expect(
      estimateCo2eGrams({ carrier: "UPS", service: "Ground", distanceKm: undefined, weightGrams: 2000 }),
    ).toBeUndefined();
    expect(estimateCo2eGrams({ carrier: "UPS", service: "Ground", distanceKm: 100, weightGrams: 0 })).toBeUndefined();
  });

  test("air intensity has GLEC v3.0 Table 1's one split, at 1,500 km flown: 830 below, 608 from there on (no 4,000 km band)", () => {
    const air = (distanceKm: number) =>
      estimateCo2eGrams({ carrier: "UPS", service: "Next Day Air", distanceKm, weightGrams: 1_000_000 });
    // 1 tonne: flown km = great-circle + 95.
    expect(air(1_404)).toBe(1_499 * 830);
    expect(air(1_405)).toBe(1_500 * 608);
    expect(air(2_905)).toBe(3_000 * 608);
    expect(air(5_905)).toBe(6_000 * 608);
  });

  const q = (
    id: string,
    carrier: string,
    service: string,
    amountMinor: number,
    deliveryDays: number,
    co2eGrams?: number,
  ): Quote => ({ id, provider: "table", carrier, service, amountMinor, currency: "USD", deliveryDays, co2eGrams });
  const rule = (withinPct: number, maxDays: number): Rule => ({
    id: "r1",
    name: "Green",
    enabled: true,
    isDefault: true,
    conditions: {},
    action: { kind: "lowest_emissions", withinPct, maxDays },
  });
  const facts = {
    channel: "manual",
    warehouseId: "w",
    country: "US",
    postalCode: "94107",
    weightGrams: 2000,
    orderValueMinor: 9000,
  };
  const quotes = [
    q("air", "UPS", "Next Day Air", 1000, 1, 1800),
    q("pm", "USPS", "Priority Mail", 1080, 2, 1300),
    q("ground", "USPS", "Ground Advantage", 1120, 4, 600),
    q("ups-ground", "UPS", "Ground", 1500, 3, 620),
  ];

  test("chooses a slower, cleaner service within the price and days bounds, and says why", () => {
    const sel = selectQuote([rule(15, 5)], quotes, facts);
    expect(sel.quoteId).toBe("ground");
    expect(sel.reason).toContain("lowest emissions within +15 % of the cheapest, at most 5 days");
    expect(sel.reason).toContain("1.20 kg CO₂e less than the cheapest (UPS Next Day Air) for 1.20 USD more");
    expect(sel.reason).toContain("1 quote(s) over the +15 % price bound");
  });

  test("refuses a cleaner service outside either bound", () => {
    // 10 %: Ground Advantage costs 12 % more than the cheapest → Priority Mail, the cleanest within 10 %.
    expect(selectQuote([rule(10, 5)], quotes, facts).quoteId).toBe("pm");
    // 3 days: Ground Advantage takes 4 → the cleanest in time and price is Priority Mail.
    const sel = selectQuote([rule(15, 3)], quotes, facts);
    expect(sel.quoteId).toBe("pm");
    expect(sel.reason).toContain("1 slower than 3 days");
    // 0 %: only the cheapest itself.
    expect(selectQuote([rule(0, 5)], quotes, facts).quoteId).toBe("air");
    // Nothing within the days: no choice, said so.
    const none = selectQuote([rule(50, 1)], [q("g", "USPS", "Ground Advantage", 500, 4, 100)], facts);
    expect(none.quoteId).toBeUndefined();
    expect(none.reason).toContain("no quote fits");
  });

  test("exact price bound arithmetic: a quote exactly X % dearer is inside, one minor unit more is outside", () => {
    const qs = [
      q("c", "A", "Air", 1000, 1, 900),
      q("in", "B", "Ground", 1100, 2, 100),
      q("out", "C", "Ground", 1101, 2, 50),
    ];
    expect(selectQuote([rule(10, 5)], qs, facts).quoteId).toBe("in");
  });
});

describe("table-rate tracking simulator", () => {
  test("plans are deterministic, ordered, deliver within the spread and raise a few exceptions", () => {
    const t0 = Date.UTC(2026, 0, 5, 15);
    expect(
      planJourney({ seed: "x", trackingNumber: "T", purchasedAt: t0, promisedDays: 3, from: "A", to: "B" }),
    ).toEqual(planJourney({ seed: "x", trackingNumber: "T", purchasedAt: t0, promisedDays: 3, from: "A", to: "B" }));
    const counts = new Map<number, number>();
    let exceptions = 0;
    for (let i = 0; i < 2000; i++) {
      const p = planJourney({
        seed: `label-${i}`,
        trackingNumber: `T${i}`,
        purchasedAt: t0,
        promisedDays: 3,
        from: "A",
        to: "B",
      });
      const kinds = p.events.map((e) => e.kind);
      expect(kinds[0]).toBe("first_scan");
      expect(kinds.at(-1)).toBe("delivered");
      expect(p.events.every((e, j) => j === 0 || e.at >= p.events[j - 1].at)).toBe(true);
      const delivered = p.events.at(-1)!.at;
      expect(Math.ceil((delivered - t0) / 86_400_000)).toBe(p.transitDays);
      counts.set(p.transitDays, (counts.get(p.transitDays) ?? 0) + 1);
      if (p.exception) exceptions++;
    }
    expect([...counts.keys()].sort()).toEqual([2, 3, 4, 5, 6]);
    expect(counts.get(3)! / 2000).toBeGreaterThan(0.3);
    expect(exceptions / 2000).toBeGreaterThan(0.02);
    expect(exceptions / 2000).toBeLessThan(0.1);
  });
});
