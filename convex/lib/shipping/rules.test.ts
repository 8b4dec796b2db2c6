import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  chooseByAction,
  conditionsCover,
  conditionsMatch,
  eligibleQuotes,
  firstMatch,
  selectQuote,
  shadowedRules,
} from "./rules";
import type { Quote, Range, Rule, RuleAction, RuleConditions, ShipmentFacts } from "./types";

// Small domains, so random rules and random shipments meet often.
const CHANNELS = ["manual", "amazon", "shopify"];
const WAREHOUSES = ["w1", "w2", "w3"];
const COUNTRIES = ["US", "CA", "GB"];
const STATES = ["CA", "NY", "TX", "ON"];
const POSTALS = ["94105", "94110", "10001", "73301", "M5V2T6", "SW1A1AA"];
const CARRIERS = ["USPS", "UPS", "FedEx", "DHL"];

const subset = (xs: string[]) => fc.option(fc.subarray(xs, { minLength: 1 }), { nil: undefined });
const range = (hi: number) =>
  fc.option(
    fc
      .record({
        min: fc.option(fc.integer({ min: 0, max: hi }), { nil: undefined }),
        max: fc.option(fc.integer({ min: 0, max: hi }), { nil: undefined }),
      })
      .map((r): Range => r),
    { nil: undefined },
  );
const arbConditions: fc.Arbitrary<RuleConditions> = fc.record({
  channels: subset(CHANNELS),
  warehouseIds: subset(WAREHOUSES),
  countries: subset(COUNTRIES),
  states: subset(STATES),
  postalPrefixes: fc.option(fc.subarray(["9", "94", "941", "10", "M5", "SW"], { minLength: 1 }), { nil: undefined }),
  weightGrams: range(5000),
  orderValueMinor: range(20000),
});
const arbAction: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.constant({ kind: "cheapest" as const }),
  fc.constant({ kind: "fastest" as const }),
  fc.integer({ min: 1, max: 6 }).map((days) => ({ kind: "cheapest_within_days" as const, days })),
  fc.record({
    kind: fc.constant("named" as const),
    carrier: fc.constantFrom(...CARRIERS),
    service: fc.option(fc.constantFrom("Ground", "Express"), { nil: undefined }),
  }),
);
const arbRules: fc.Arbitrary<Rule[]> = fc
  .array(
    fc.record({
      enabled: fc.boolean(),
      conditions: arbConditions,
      action: arbAction,
      constraints: fc.option(
        fc.record({
          excludeCarriers: fc.option(fc.subarray(CARRIERS), { nil: undefined }),
          maxCostMinor: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
        }),
        { nil: undefined },
      ),
    }),
    { maxLength: 8 },
  )
  .chain((rs) =>
    fc.boolean().map((withDefault) => [
      ...rs.map((r, i): Rule => ({ id: `r${i}`, name: `Rule ${i}`, ...r })),
      ...(withDefault
        ? [
            {
              id: "default",
              name: "Default",
              enabled: true,
              isDefault: true,
              conditions: {},
              action: { kind: "cheapest" as const },
            },
          ]
        : []),
    ]),
  );
const arbFacts: fc.Arbitrary<ShipmentFacts> = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  warehouseId: fc.constantFrom(...WAREHOUSES),
  country: fc.constantFrom(...COUNTRIES),
  state: fc.option(fc.constantFrom(...STATES), { nil: undefined }),
  postalCode: fc.constantFrom(...POSTALS),
  weightGrams: fc.integer({ min: 1, max: 6000 }),
  orderValueMinor: fc.integer({ min: 0, max: 25000 }),
});
const arbQuotes: fc.Arbitrary<Quote[]> = fc
  .array(
    fc.record({
      provider: fc.constantFrom("easypost", "shippo", "shipstation", "table"),
      carrier: fc.constantFrom(...CARRIERS),
      service: fc.constantFrom("Ground", "Express", "Priority"),
      amountMinor: fc.integer({ min: 100, max: 6000 }),
      currency: fc.constant("USD"),
      deliveryDays: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    }),
    { maxLength: 10 },
  )
  .map((qs) => qs.map((q, i) => ({ id: `q${i}`, ...q })));

describe("rule engine properties", () => {
  test("first match wins: the chosen rule is the first enabled rule whose conditions hold", () => {
    fc.assert(
      fc.property(arbRules, arbFacts, arbQuotes, (rules, facts, quotes) => {
        const sel = selectQuote(rules, quotes, facts);
        const expected = rules.find((r) => r.enabled && (r.isDefault || conditionsMatch(r.conditions, facts)));
        expect(sel.ruleId).toBe(expected?.id);
        // Every earlier enabled rule did not match.
        const idx = rules.findIndex((r) => r.id === sel.ruleId);
        for (const r of rules.slice(0, idx < 0 ? rules.length : idx))
          expect(r.enabled && (r.isDefault || conditionsMatch(r.conditions, facts))).toBe(false);
      }),
    );
  });

  test("with a default rule at the end every shipment matches a rule", () => {
    fc.assert(
      fc.property(arbRules, arbFacts, (rules, facts) => {
        const withDefault = [
          ...rules.filter((r) => !r.isDefault),
          { id: "d", name: "D", enabled: true, isDefault: true, conditions: {}, action: { kind: "cheapest" as const } },
        ];
        expect(firstMatch(withDefault, facts)).toBeDefined();
      }),
    );
  });

  test("the chosen quote obeys the rule's constraints and action", () => {
    fc.assert(
      fc.property(arbRules, arbFacts, arbQuotes, (rules, facts, quotes) => {
        const sel = selectQuote(rules, quotes, facts);
        if (!sel.quoteId || !sel.ruleId) return;
        const rule = rules.find((r) => r.id === sel.ruleId)!;
        const q = quotes.find((x) => x.id === sel.quoteId)!;
        const pool = eligibleQuotes(quotes, rule.constraints);
        expect(pool).toContain(q);
        expect(rule.constraints?.excludeCarriers ?? []).not.toContain(q.carrier);
        if (rule.constraints?.maxCostMinor !== undefined)
          expect(q.amountMinor).toBeLessThanOrEqual(rule.constraints.maxCostMinor);
        const a = rule.action;
        if (a.kind === "cheapest") expect(q.amountMinor).toBe(Math.min(...pool.map((x) => x.amountMinor)));
        if (a.kind === "fastest")
          expect(q.deliveryDays ?? Infinity).toBe(Math.min(...pool.map((x) => x.deliveryDays ?? Infinity)));
        if (a.kind === "cheapest_within_days") {
          expect(q.deliveryDays).toBeLessThanOrEqual(a.days);
          expect(q.amountMinor).toBe(
            Math.min(
              ...pool.filter((x) => x.deliveryDays !== undefined && x.deliveryDays <= a.days).map((x) => x.amountMinor),
            ),
          );
        }
        if (a.kind === "named") expect(q.carrier).toBe(a.carrier);
      }),
    );
  });

  test("a matching rule with no eligible quote chooses nothing and says why (no fall-through)", () => {
    fc.assert(
      fc.property(arbRules, arbFacts, arbQuotes, (rules, facts, quotes) => {
        const sel = selectQuote(rules, quotes, facts);
        const rule = firstMatch(rules, facts);
        if (rule && !chooseByAction(rule.action, eligibleQuotes(quotes, rule.constraints))) {
          expect(sel.quoteId).toBeUndefined();
          expect(sel.reason).toMatch(/matched, but/);
        }
      }),
    );
  });

  test("the choice does not depend on the order quotes arrived in", () => {
    fc.assert(
      fc.property(arbRules, arbFacts, arbQuotes, (rules, facts, quotes) => {
        expect(selectQuote(rules, [...quotes].reverse(), facts)).toEqual(selectQuote(rules, quotes, facts));
      }),
    );
  });

  test("a rule flagged as shadowed is never the first match, whatever the shipment", () => {
    fc.assert(
      fc.property(arbRules, fc.array(arbFacts, { minLength: 1, maxLength: 20 }), (rules, factsList) => {
        const shadowed = new Set(shadowedRules(rules).map((f) => f.ruleId));
        for (const facts of factsList) {
          const m = firstMatch(rules, facts);
          if (m) expect(shadowed.has(m.id)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("cover is sound: whatever matches the inner conditions matches the outer", () => {
    fc.assert(
      fc.property(arbConditions, arbConditions, arbFacts, (outer, inner, facts) => {
        if (conditionsCover(outer, inner) && conditionsMatch(inner, facts))
          expect(conditionsMatch(outer, facts)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("rule engine examples", () => {
  const quotes: Quote[] = [
    {
      id: "a",
      provider: "easypost",
      carrier: "USPS",
      service: "Ground Advantage",
      amountMinor: 650,
      currency: "USD",
      deliveryDays: 4,
    },
    {
      id: "b",
      provider: "shippo",
      carrier: "UPS",
      service: "Ground",
      amountMinor: 900,
      currency: "USD",
      deliveryDays: 3,
    },
    {
      id: "c",
      provider: "shipstation",
      carrier: "UPS",
      service: "Next Day Air",
      amountMinor: 3900,
      currency: "USD",
      deliveryDays: 1,
    },
  ];
  const facts: ShipmentFacts = {
    channel: "amazon",
    warehouseId: "w1",
    country: "US",
    state: "CA",
    postalCode: "94105",
    weightGrams: 1200,
    orderValueMinor: 15000,
  };
  const rule = (id: string, conditions: RuleConditions, action: RuleAction, extra: Partial<Rule> = {}): Rule => ({
    id,
    name: id,
    enabled: true,
    conditions,
    action,
    ...extra,
  });

  test("cheapest, fastest, within days and named", () => {
    expect(selectQuote([rule("r", {}, { kind: "cheapest" })], quotes, facts).quoteId).toBe("a");
    expect(selectQuote([rule("r", {}, { kind: "fastest" })], quotes, facts).quoteId).toBe("c");
    expect(selectQuote([rule("r", {}, { kind: "cheapest_within_days", days: 3 })], quotes, facts).quoteId).toBe("b");
    expect(
      selectQuote([rule("r", {}, { kind: "named", carrier: "ups", service: "next day air" })], quotes, facts).quoteId,
    ).toBe("c");
  });

  test("conditions by channel, state, postal prefix, weight and value; first match wins", () => {
    const rules = [
      rule("shopify", { channels: ["shopify"] }, { kind: "fastest" }),
      rule(
        "ca-heavy",
        { states: ["ca"], weightGrams: { min: 1000, max: 5000 } },
        { kind: "cheapest_within_days", days: 3 },
      ),
      rule("sf", { postalPrefixes: ["941"] }, { kind: "fastest" }),
    ];
    const sel = selectQuote(rules, quotes, facts);
    expect(sel).toMatchObject({ ruleId: "ca-heavy", quoteId: "b" });
    expect(sel.reason).toBe('Rule "ca-heavy" (cheapest within 3 days) chose UPS Ground via shippo: 9.00 USD, 3 d');
    expect(selectQuote(rules, quotes, { ...facts, weightGrams: 5000 }).ruleId).toBe("sf");
  });

  test("constraints exclude carriers and cap the cost", () => {
    const r = rule("r", {}, { kind: "fastest" }, { constraints: { excludeCarriers: ["usps"], maxCostMinor: 1000 } });
    expect(selectQuote([r], quotes, facts).quoteId).toBe("b");
    const none = rule("n", {}, { kind: "cheapest" }, { constraints: { maxCostMinor: 100 } });
    const sel = selectQuote([none], quotes, facts);
    expect([sel.ruleId, sel.quoteId]).toEqual(["n", undefined]);
    expect(sel.reason).toBe('Rule "n" matched, but its constraints (at most 1.00) leave no quote.');
  });

  test("shadowing: a broader earlier rule, the default, and an empty range are flagged; a disabled rule shadows nothing", () => {
    const rules = [
      rule("us", { countries: ["US"] }, { kind: "cheapest" }),
      rule("us-ca", { countries: ["US"], states: ["CA"] }, { kind: "fastest" }),
      rule("off", { channels: ["amazon"] }, { kind: "fastest" }, { enabled: false }),
      rule("amazon", { channels: ["amazon"] }, { kind: "fastest" }),
      rule("empty", { weightGrams: { min: 500, max: 500 } }, { kind: "fastest" }),
      rule("default", {}, { kind: "cheapest" }, { isDefault: true }),
      rule("after", { channels: ["shopify"] }, { kind: "cheapest" }),
    ];
    expect(shadowedRules(rules).map((f) => [f.ruleId, f.shadowedBy])).toEqual([
      ["us-ca", "us"],
      ["empty", undefined],
      ["after", "default"],
    ]);
  });
});
