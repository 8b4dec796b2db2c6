import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { addressFinding, addressKey, paymentFinding, stockFindings, validateOrder } from "./engine";
import { explainFraud, scoreFraud } from "./fraud";
import { DEFAULT_FRAUD_SETTINGS, type FraudSettings, type OrderFacts } from "./types";

const facts = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  channel: "manual",
  kind: "phone",
  currency: "USD",
  totalMinor: 5_000,
  shipTo: {
    name: "Pat",
    line1: "500 Market St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94105",
    country: "US",
  },
  priorOrdersByEmail: 3,
  ordersToAddressLastHour: 0,
  lines: [{ sku: "A", quantity: 1 }],
  ...over,
});
const S = DEFAULT_FRAUD_SETTINGS;

describe("address rule", () => {
  test("a valid address passes; a bad postal code holds with the form's sentence", () => {
    expect(addressFinding(facts())).toBeNull();
    const f = addressFinding(facts({ shipTo: { ...facts().shipTo, postalCode: "ABC" } }));
    expect(f).toMatchObject({
      type: "address",
      reason: expect.stringMatching(/not a valid United States postal code/),
    });
  });
  test.each([
    ["CA", "K1A0B1", "ON", null],
    ["CA", "12345", "ON", /Canada postal code/],
    ["GB", "SW1A 1AA", undefined, null],
    ["GB", "SW1", undefined, /United Kingdom/],
    ["US", "94105", undefined, /State is required/],
    ["ZZ", "1", undefined, /do not ship/],
  ])("%s %s", (country, postalCode, region, expected) => {
    const f = addressFinding(
      facts({ shipTo: { name: "N", line1: "1 High St", city: "C", region, postalCode, country } }),
    );
    if (expected === null) expect(f).toBeNull();
    else expect(f?.detail).toMatch(expected);
  });
  test("several problems are summed up in the reason and listed in the detail", () => {
    const f = addressFinding(facts({ shipTo: { name: "", line1: "", city: "", postalCode: "", country: "US" } }));
    expect(f?.reason).toMatch(/problems with the shipping address/);
    expect(f?.detail).toMatch(/Street address is required/);
  });
});

describe("payment rule", () => {
  test.each([
    [undefined, null],
    ["paid", null],
    ["not_required", null],
    ["pending", "Awaiting payment"],
    ["failed", "Payment failed"],
  ] as const)("%s → %s", (status, reason) => {
    const f = paymentFinding({ paymentStatus: status });
    expect(f?.reason ?? null).toBe(reason);
  });
});

describe("fraud rules", () => {
  test("high value from a new customer fires only for a first order at or over the currency's threshold", () => {
    expect(scoreFraud(facts({ priorOrdersByEmail: 0, totalMinor: 100_000 }), S).fired.map((r) => r.rule)).toEqual([
      "highValueNewCustomer",
    ]);
    expect(scoreFraud(facts({ priorOrdersByEmail: 0, totalMinor: 99_999 }), S).fired).toEqual([]);
    expect(scoreFraud(facts({ priorOrdersByEmail: 1, totalMinor: 500_000 }), S).fired).toEqual([]);
    // No threshold for the currency: never compared across currencies.
    expect(scoreFraud(facts({ priorOrdersByEmail: 0, currency: "JPY", totalMinor: 10_000_000 }), S).fired).toEqual([]);
  });
  test("billing and shipping country differ", () => {
    expect(scoreFraud(facts({ billingCountry: "ca" }), S).fired[0]).toMatchObject({
      rule: "countryMismatch",
      points: 30,
      explanation: "Billing country CA differs from shipping country US.",
    });
    expect(scoreFraud(facts({ billingCountry: "us" }), S).fired).toEqual([]);
  });
  test("many orders to one address in an hour", () => {
    expect(scoreFraud(facts({ ordersToAddressLastHour: 2 }), S).fired).toEqual([]);
    expect(scoreFraud(facts({ ordersToAddressLastHour: 3 }), S).fired[0].explanation).toBe(
      "4 orders to this address within an hour (more than 3).",
    );
  });
  test("the score explanation names every rule with its points and the hold level", () => {
    const r = scoreFraud(facts({ priorOrdersByEmail: 0, totalMinor: 250_000, billingCountry: "DE" }), S);
    expect(r).toMatchObject({ score: 80, hold: true });
    expect(explainFraud(r, S.holdAtScore)).toBe(
      "Score 80/100 (held at 50): +50 First order from this customer worth $2,500.00 (threshold $1,000.00). +30 Billing country DE differs from shipping country US.",
    );
  });
  test("one weak signal alone scores but does not hold", () => {
    const r = scoreFraud(facts({ billingCountry: "CA" }), S);
    expect(r).toMatchObject({ score: 30, hold: false });
    expect(validateOrder(facts({ billingCountry: "CA" }), { fraud: S })).toEqual([]);
  });

  const arbFacts = fc.record({
    priorOrdersByEmail: fc.nat(5),
    totalMinor: fc.nat(1_000_000),
    ordersToAddressLastHour: fc.nat(10),
    billingCountry: fc.constantFrom(undefined, "US", "CA", "GB"),
    lines: fc.array(fc.record({ sku: fc.constantFrom("A", "B"), quantity: fc.integer({ min: 1, max: 200 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  });
  const arbSettings = fc
    .record({
      holdAtScore: fc.integer({ min: 1, max: 100 }),
      p1: fc.integer({ min: 0, max: 100 }),
      p2: fc.integer({ min: 0, max: 100 }),
      p3: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ holdAtScore, p1, p2, p3 }): FraudSettings => ({
      ...S,
      holdAtScore,
      highValueNewCustomer: { ...S.highValueNewCustomer, points: p1 },
      countryMismatch: { ...S.countryMismatch, points: p2 },
      addressVelocity: { ...S.addressVelocity, points: p3 },
    }));

  test("property: score = min(100, Σ points fired); held iff something fired and score ≥ level", () => {
    fc.assert(
      fc.property(arbFacts, arbSettings, (over, settings) => {
        const r = scoreFraud(facts(over), settings);
        expect(r.score).toBe(
          Math.min(
            100,
            r.fired.reduce((s, x) => s + x.points, 0),
          ),
        );
        expect(r.hold).toBe(r.fired.length > 0 && r.score >= settings.holdAtScore);
        expect(new Set(r.fired.map((x) => x.rule)).size).toBe(r.fired.length);
      }),
    );
  });
  test("property: disabling fraud or a rule never raises the score", () => {
    fc.assert(
      fc.property(arbFacts, arbSettings, (over, settings) => {
        const f = facts(over);
        const base = scoreFraud(f, settings).score;
        expect(scoreFraud(f, { ...settings, enabled: false }).score).toBe(0);
        expect(
          scoreFraud(f, { ...settings, countryMismatch: { ...settings.countryMismatch, enabled: false } }).score,
        ).toBeLessThanOrEqual(base);
      }),
    );
  });
  test("property: more orders to the address never lowers the score", () => {
    fc.assert(
      fc.property(arbFacts, fc.nat(5), (over, extra) => {
        const a = scoreFraud(facts(over), S).score;
        const b = scoreFraud(
          facts({ ...over, ordersToAddressLastHour: over.ordersToAddressLastHour + extra }),
          S,
        ).score;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });
});

describe("engine", () => {
  test("a clean order has no findings; a bad one lists address, payment, fraud in that order", () => {
    expect(validateOrder(facts(), { fraud: S })).toEqual([]);
    const bad = validateOrder(
      facts({
        shipTo: { ...facts().shipTo, postalCode: "x" },
        paymentStatus: "pending",
        priorOrdersByEmail: 0,
        totalMinor: 900_000,
        ordersToAddressLastHour: 5,
      }),
      { fraud: S },
    );
    expect(bad.map((f) => f.type)).toEqual(["address", "payment", "fraud"]);
    expect(bad[2]).toMatchObject({
      score: 90,
      firedRules: [{ rule: "highValueNewCustomer" }, { rule: "addressVelocity" }],
    });
  });
  test("stock findings name each backordered line and only those", () => {
    const found = stockFindings([
      { sku: "A", quantity: 3, backordered: 2 },
      { sku: "B", quantity: 1, backordered: 0 },
    ]);
    expect(found.map((x) => x.finding.reason)).toEqual(["2 of 3 × A out of stock"]);
  });
  test("address keys fold case, spaces and punctuation", () => {
    expect(addressKey({ country: "us", postalCode: "94105 ", line1: "500 Market St." })).toBe(
      addressKey({ country: "US", postalCode: "94105", line1: "500  market st" }),
    );
    expect(addressKey({ country: "CA", postalCode: "K1A 0B1", line1: "1 A" })).toBe(
      addressKey({ country: "CA", postalCode: "k1a0b1", line1: "1 a" }),
    );
  });
});
