import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbOrder, arbSources, planProblems } from "./fixtures.testing";
import { getStrategy, STRATEGIES, STRATEGY_NAMES } from "./registry";
import type { CandidateSource } from "./types";

/** A deep copy of the sources (Maps rebuilt), so determinism is checked on equal, not same, input. */
function copySources(sources: CandidateSource[]): CandidateSource[] {
  return sources.map((s) => ({
    ...s,
    stock: s.stock instanceof Map ? new Map(structuredClone([...s.stock])) : structuredClone(s.stock),
  }));
}

describe("registry", () => {
  test("names the three strategies, each with a label and a description", () => {
    expect(STRATEGY_NAMES).toEqual(["proximity", "single_warehouse", "fifo_cost"]);
    for (const name of STRATEGY_NAMES) {
      expect(STRATEGIES[name].label).not.toBe("");
      expect(STRATEGIES[name].description).not.toBe("");
      expect(getStrategy(name)).toBe(STRATEGIES[name]);
    }
    expect(getStrategy("nope")).toBeUndefined();
    expect(getStrategy("toString")).toBeUndefined();
  });

  test("a plan names the strategy that made it", () => {
    for (const name of STRATEGY_NAMES) {
      const plan = STRATEGIES[name].plan({ lines: [], destination: { country: "US", postalCode: "10001" } }, []);
      expect(plan.strategy).toBe(name);
      expect(plan.reasons).toEqual(["Nothing to allocate"]);
    }
  });

  test("refuses a fractional or negative line quantity", () => {
    for (const name of STRATEGY_NAMES) {
      const bad = (quantity: number) => ({
        lines: [{ lineId: "L", productId: "P", quantity }],
        destination: { country: "US", postalCode: "10001" },
      });
      expect(() => STRATEGIES[name].plan(bad(1.5), [])).toThrow(RangeError);
      expect(() => STRATEGIES[name].plan(bad(-1), [])).toThrow(RangeError);
    }
  });
});

describe.each(STRATEGY_NAMES)("%s properties", (name) => {
  const plan = STRATEGIES[name].plan;

  test("never oversells a source (summed across lines of one product), lines add up, dropship only from carriers, fallback only after stock", () => {
    fc.assert(
      fc.property(arbOrder, arbSources, (order, sources) => {
        expect(planProblems(order, sources, plan(order, sources))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  test("is deterministic for the same input", () => {
    fc.assert(
      fc.property(arbOrder, arbSources, (order, sources) => {
        const first = plan(order, sources);
        expect(plan(structuredClone(order), copySources(sources))).toEqual(first);
        expect(plan(order, sources)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  test("does not depend on the order sources are listed in", () => {
    fc.assert(
      fc.property(arbOrder, arbSources, (order, sources) => {
        const reversed = [...sources].reverse();
        const a = plan(order, sources);
        const b = plan(order, reversed);
        expect(b.lines).toEqual(a.lines);
        expect(b.summary).toEqual(a.summary);
      }),
      { numRuns: 200 },
    );
  });

  test("does not modify its input", () => {
    fc.assert(
      fc.property(arbOrder, arbSources, (order, sources) => {
        const before = JSON.stringify([
          order,
          sources.map((s) => ({ ...s, stock: s.stock instanceof Map ? [...s.stock] : s.stock })),
        ]);
        plan(order, sources);
        const after = JSON.stringify([
          order,
          sources.map((s) => ({ ...s, stock: s.stock instanceof Map ? [...s.stock] : s.stock })),
        ]);
        expect(after).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
