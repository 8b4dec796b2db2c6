import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbOrder, arbSources, orderTo, planProblems, stockAt } from "./fixtures.testing";
import { planSingleWarehouse } from "./singleWarehouse";
import { stockOf, usableUnits } from "./sources";

describe("single_warehouse", () => {
  test("prefers the one source that can ship everything over two nearer partial ones", () => {
    const sources = stockAt({ NWK: { A: 2 }, PHL: { B: 1 }, CHI: { A: 5, B: 5 } });
    const plan = planSingleWarehouse(orderTo({ A: 2, B: 1 }), sources);
    expect(plan.summary).toMatchObject({ shipments: 1, split: false, sourceIds: ["id-CHI"], allocated: 3 });
    expect(plan.lines.map((l) => l.draws.map((d) => d.code))).toEqual([["CHI"], ["CHI"]]);
    expect(plan.reasons).toEqual([
      "One shipment from CHI (1144 km)",
      "Nearer sources passed over to ship in one: NWK (14 km) is short of B (0 of 1); PHL (130 km) is short of A (0 of 2)",
      "Line A × 2 from CHI (1144 km): the only source that can ship the whole order",
      "Line B × 1 from CHI (1144 km): the only source that can ship the whole order",
    ]);
  });

  test("among sources that can ship everything, the nearest wins", () => {
    const sources = stockAt({ CHI: { A: 5, B: 5 }, PHL: { A: 5, B: 5 }, NWK: { A: 1 } });
    const plan = planSingleWarehouse(orderTo({ A: 2, B: 1 }), sources);
    expect(plan.summary.sourceIds).toEqual(["id-PHL"]);
    expect(plan.lines[0].draws[0].reason).toBe(
      "Line A × 2 from PHL (130 km): nearest of 2 sources that can ship the whole order",
    );
  });

  test("counts every line of a product against one source's stock", () => {
    // NWK has 3 of A: enough for either line, not for both; CHI has 4.
    const sources = stockAt({ NWK: { A: 3 }, CHI: { A: 4 } });
    const plan = planSingleWarehouse(
      orderTo([
        ["A", 2],
        ["A", 2],
      ]),
      sources,
    );
    expect(plan.summary.sourceIds).toEqual(["id-CHI"]);
  });

  test("otherwise minimises the number of sources before distance", () => {
    // NWK and PHL hold one product each; LAX holds two of the three: LAX + one more beats three sources.
    const sources = stockAt({ NWK: { A: 1 }, PHL: { B: 1 }, CHI: { C: 1 }, LAX: { A: 1, B: 1 } });
    const plan = planSingleWarehouse(orderTo({ A: 1, B: 1, C: 1 }), sources);
    expect(plan.summary).toMatchObject({ shipments: 2, sourceIds: ["id-LAX", "id-CHI"] });
    expect(plan.reasons[0]).toBe(
      "Split into 2 shipments (LAX, CHI): no single source has every line (NWK is short of B (0 of 1), C (0 of 1); PHL is short of A (0 of 1), C (0 of 1); CHI is short of A (0 of 1), B (0 of 1)); fewest sources covering the most units, nearest first",
    );
    expect(plan.lines[0].draws[0].reason).toBe(
      "Line A × 1 from LAX (3936 km): no source has the whole order; covers the most of it (2 of 3 units)",
    );
    expect(plan.lines[2].draws[0].reason).toBe(
      "Line C × 1 from CHI (1144 km): covers the most of what is still open (1 of 1 unit)",
    );
  });

  test("on equal cover the nearer source is chosen", () => {
    const sources = stockAt({ CHI: { A: 1 }, NWK: { A: 1 }, PHL: { B: 1 } });
    const plan = planSingleWarehouse(orderTo({ A: 1, B: 1 }), sources);
    expect(plan.summary.sourceIds).toEqual(["id-NWK", "id-PHL"]);
  });

  test("property: when some stock source holds the whole order, the plan is one shipment from it", () => {
    fc.assert(
      fc.property(arbOrder, arbSources, (order, sources) => {
        const need = new Map<string, number>();
        for (const l of order.lines)
          if (l.quantity > 0) need.set(l.productId, (need.get(l.productId) ?? 0) + l.quantity);
        const able = sources.filter(
          (s) => s.kind !== "dropship" && [...need].every(([p, n]) => usableUnits(stockOf(s, p)) >= n),
        );
        const plan = planSingleWarehouse(order, sources);
        expect(planProblems(order, sources, plan)).toEqual([]);
        if (need.size > 0 && able.length > 0) {
          expect(plan.summary.shipments).toBe(1);
          expect(able.map((s) => s.sourceId)).toContain(plan.summary.sourceIds[0]);
          expect(plan.summary.backordered + plan.summary.dropshipped).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
