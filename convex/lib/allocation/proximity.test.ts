import { describe, expect, test } from "vitest";
import { orderTo, PLACES, planProblems, source, stockAt, unplacedOrder } from "./fixtures.testing";
import { planByProximity } from "./proximity";

describe("proximity", () => {
  test("picks the nearer source when both have stock", () => {
    const sources = stockAt({ CHI: { A: 10 }, NWK: { A: 10 } });
    const plan = planByProximity(orderTo({ A: 3 }), sources);
    expect(plan.lines[0].draws).toMatchObject([{ sourceId: "id-NWK", quantity: 3, source: "stock" }]);
    expect(plan.lines[0].draws[0].distanceKm).toBeGreaterThan(10);
    expect(plan.lines[0].draws[0].distanceKm).toBeLessThan(20);
    expect(plan.summary).toMatchObject({ shipments: 1, split: false, allocated: 3, backordered: 0 });
    expect(plan.reasons).toEqual([
      "One shipment from NWK (14 km)",
      "Line A × 3 from NWK (14 km): nearest source, has all 3",
    ]);
  });

  test("passes over a nearer source that has only part of the line, and says so", () => {
    const sources = stockAt({ NWK: { A: 1 }, PHL: { A: 5 } });
    const plan = planByProximity(orderTo({ A: 3 }), sources);
    expect(plan.lines[0].draws).toMatchObject([{ code: "PHL", quantity: 3 }]);
    expect(plan.reasons).toContain("Line A: NWK (14 km) passed over: only 1 of 3 available");
    expect(plan.reasons).toContain("Line A × 3 from PHL (130 km): nearest source with all 3");
  });

  test("splits a line nearest-first when no source has all of it", () => {
    const sources = stockAt({ LAX: { A: 4 }, NWK: { A: 2 }, CHI: { A: 2 } });
    const plan = planByProximity(orderTo({ A: 5 }), sources);
    expect(plan.lines[0].draws.map((d) => [d.code, d.quantity])).toEqual([
      ["NWK", 2],
      ["CHI", 2],
      ["LAX", 1],
    ]);
    expect(plan.summary).toMatchObject({ shipments: 3, split: true, allocated: 5 });
    expect(plan.reasons[0]).toBe(
      "Split into 3 shipments (NWK, CHI, LAX): the nearest source with stock could not cover every unit; no single source has every line",
    );
    expect(plan.reasons[1]).toBe(
      "Line A × 2 from NWK (14 km): no single source has all 5; nearest with stock (2 of 5)",
    );
  });

  test("splits an order whose lines are nearest to different sources, naming the source that could ship it all", () => {
    const sources = stockAt({ NWK: { A: 5 }, PHL: { B: 5 }, CHI: { A: 5, B: 5 } });
    const plan = planByProximity(orderTo({ A: 1, B: 1 }), sources);
    expect(plan.summary.sourceIds).toEqual(["id-NWK", "id-PHL"]);
    expect(plan.summary.totalDistanceKm).toBeCloseTo(14 + 130, -1);
    expect(plan.reasons[0]).toBe(
      "Split into 2 shipments (NWK, PHL): each line ships from its nearest source with stock, and those differ; CHI alone could ship it all but is farther for some lines",
    );
  });

  test("lines of the same product share a source's stock: no oversell across lines", () => {
    const sources = stockAt({ NWK: { A: 3 }, PHL: { A: 3 } });
    const order = orderTo([
      ["A", 2],
      ["A", 2],
    ]);
    const plan = planByProximity(order, sources);
    expect(plan.lines.map((l) => l.draws.map((d) => [d.code, d.quantity]))).toEqual([[["NWK", 2]], [["PHL", 2]]]);
    expect(plan.reasons).toContain("Line A: NWK (14 km) passed over: only 1 of 2 available");
    expect(planProblems(order, sources, plan)).toEqual([]);
  });

  test("ties on distance go to the lower priority number, then the code", () => {
    const at = PLACES.chicago;
    const plan = planByProximity(orderTo({ A: 1 }), [
      source("ZED", at, { A: 1 }, { priority: 1 }),
      source("BEE", at, { A: 1 }, { priority: 2 }),
      source("ACE", at, { A: 1 }, { priority: 2 }),
    ]);
    expect(plan.lines[0].draws[0].code).toBe("ZED");
    const plan2 = planByProximity(orderTo({ A: 1 }), [source("BEE", at, { A: 1 }), source("ACE", at, { A: 1 })]);
    expect(plan2.lines[0].draws[0].code).toBe("ACE");
  });

  test("without coordinates (no postcode row) the destination is its country's centroid", () => {
    const order = unplacedOrder("US", "90210");
    const sources = stockAt({ NWK: { A: 1 }, LAX: { A: 1 } });
    const plan = planByProximity(order, sources);
    expect(plan.destination?.precision).toBe("country");
    const withPoint = planByProximity(
      { ...order, destination: { ...order.destination, lat: 34.1, lng: -118.41 } },
      sources,
    );
    expect(withPoint.destination?.precision).toBe("postal");
    expect(withPoint.lines[0].draws[0].code).toBe("LAX");
  });

  test("an unplaceable destination still plans, by priority, with unknown distances", () => {
    const plan = planByProximity(unplacedOrder("ZZ", "?"), [
      source("B", PLACES.newark, { A: 1 }, { priority: 2 }),
      source("C", PLACES.chicago, { A: 1 }, { priority: 1 }),
    ]);
    expect(plan.destination).toBeUndefined();
    expect(plan.lines[0].draws[0]).toMatchObject({ code: "C", distanceKm: null });
    expect(plan.summary.totalDistanceKm).toBeNull();
    expect(plan.reasons[1]).toBe(
      "Line L1 × 1 from C (distance unknown): location unknown, so first by priority with all 1",
    );
  });
});
