import { describe, expect, test } from "vitest";
import { day, layer, layered, orderTo, PLACES, planProblems, source, stockAt } from "./fixtures.testing";
import { planByFifoCost } from "./fifoCost";

describe("fifo_cost", () => {
  test("takes the source with the oldest layer first, even when it is farther", () => {
    const sources = stockAt({
      NWK: { A: layered(layer(day("2024-06-01"), 10, 900)) },
      LAX: { A: layered(layer(day("2024-01-05"), 10, 1250)) },
    });
    const plan = planByFifoCost(orderTo({ A: 3 }), sources);
    expect(plan.lines[0].draws).toMatchObject([{ code: "LAX", quantity: 3, source: "stock" }]);
    expect(plan.reasons).toEqual([
      "One shipment from LAX (3936 km)",
      "Line A × 3 from LAX (3936 km): oldest stock of this product (layer received 2024-01-05 at 12.50 a unit)",
    ]);
  });

  test("ranks by the oldest layer, whatever order the layers are listed in", () => {
    const sources = stockAt({
      NWK: { A: layered(layer(day("2024-05-01"), 2), layer(day("2023-12-01"), 2)) },
      PHL: { A: layered(layer(day("2024-02-01"), 4)) },
    });
    const plan = planByFifoCost(orderTo({ A: 1 }), sources);
    expect(plan.lines[0].draws[0].code).toBe("NWK");
    expect(plan.lines[0].draws[0].reason).toContain("received 2023-12-01");
  });

  test("splits oldest first when the oldest source has too few, and says why", () => {
    const sources = stockAt({
      NWK: { A: layered(layer(day("2024-03-01"), 5)) },
      PHL: { A: layered(layer(day("2024-01-01"), 2)) },
    });
    const plan = planByFifoCost(orderTo({ A: 4 }), sources);
    expect(plan.lines[0].draws.map((d) => [d.code, d.quantity])).toEqual([
      ["PHL", 2],
      ["NWK", 2],
    ]);
    expect(plan.reasons[0]).toBe(
      "Split into 2 shipments (PHL, NWK): the source with the oldest stock could not cover every unit; NWK alone could ship it all, but older stock is elsewhere",
    );
    expect(plan.lines[0].draws[1].reason).toBe(
      "Line A × 2 from NWK (14 km): next-oldest stock (layer received 2024-03-01 at 10.00 a unit); older sources had only 2 of 4",
    );
  });

  test("a second line of the product sees the layers the first line used up", () => {
    // NWK's oldest layer (Jan, 2 units) goes to line 1; its next layer (Jun) is newer than PHL's (Mar).
    const sources = stockAt({
      NWK: { A: layered(layer(day("2024-01-01"), 2), layer(day("2024-06-01"), 4)) },
      PHL: { A: layered(layer(day("2024-03-01"), 6)) },
    });
    const order = orderTo([
      ["A", 2],
      ["A", 2],
    ]);
    const plan = planByFifoCost(order, sources);
    expect(plan.lines.map((l) => l.draws.map((d) => d.code))).toEqual([["NWK"], ["PHL"]]);
    expect(planProblems(order, sources, plan)).toEqual([]);
  });

  test("sources without dated layers come after those with one; ties by priority then code", () => {
    const sources = [
      source("AAA", PLACES.newark, { A: 5 }),
      source("ZZZ", PLACES.chicago, { A: layered(layer(day("2024-01-01"), 5)) }, { priority: 3 }),
      source("MMM", PLACES.chicago, { A: layered(layer(day("2024-01-01"), 5)) }, { priority: 3 }),
    ];
    expect(planByFifoCost(orderTo({ A: 1 }), sources).lines[0].draws[0].code).toBe("MMM");
    const undated = planByFifoCost(orderTo({ A: 1 }), [
      source("BBB", PLACES.chicago, { A: 5 }),
      source("AAA", PLACES.newark, { A: 5 }),
    ]);
    expect(undated.lines[0].draws[0].reason).toBe(
      "Line A × 1 from AAA (14 km): oldest stock of this product (no dated cost layer recorded)",
    );
  });

  test("does not reorder the caller's cost layers", () => {
    const layers = [layer(day("2024-05-01"), 1), layer(day("2024-01-01"), 1)];
    planByFifoCost(orderTo({ A: 1 }), [source("NWK", PLACES.newark, { A: { available: 2, costLayers: layers } })]);
    expect(layers.map((l) => l.receivedAt)).toEqual([day("2024-05-01"), day("2024-01-01")]);
  });
});
