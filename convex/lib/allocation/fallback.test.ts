import { describe, expect, test } from "vitest";
import { orderTo, PLACES, planProblems, source, stockAt } from "./fixtures.testing";
import { STRATEGIES, STRATEGY_NAMES } from "./registry";

const drop = (code: string, stock: Record<string, number>, leadTimeDays?: number, priority = 5) =>
  source(code, PLACES.chicago, stock, { kind: "dropship", leadTimeDays, priority });

describe.each(STRATEGY_NAMES)("%s: dropship and backorder fallback", (name) => {
  const plan = STRATEGIES[name].plan;

  test("own stock first, then a supplier that carries the product", () => {
    const sources = [drop("DROP-1", { A: Infinity }, 5), source("NWK", PLACES.newark, { A: 1 })];
    const order = orderTo({ A: 3 });
    const p = plan(order, sources);
    expect(p.lines[0]).toMatchObject({ allocated: 1, dropshipped: 2, backordered: 0 });
    expect(p.lines[0].draws.map((d) => [d.code, d.source, d.quantity])).toEqual([
      ["NWK", "stock", 1],
      ["DROP-1", "dropship", 2],
    ]);
    expect(p.lines[0].draws[1].reason).toBe(
      "Line A × 2 dropshipped by DROP-1 (1144 km, 5-day lead time): stock covers only 1 of 3; dropship supplier that carries this product",
    );
    expect(p.reasons[0]).toBe("Split into 2 shipments (NWK, DROP-1): DROP-1 dropships what stock could not cover");
    expect(p.summary).toMatchObject({ shipments: 2, split: true, allocated: 1, dropshipped: 2 });
    expect(planProblems(order, sources, p)).toEqual([]);
  });

  test("never dropships from a supplier that does not carry the product", () => {
    const sources = [drop("DROP-1", { B: Infinity }, 1), drop("DROP-2", { A: 10 }, 9)];
    const p = plan(orderTo({ A: 2 }), sources);
    expect(p.lines[0].draws.map((d) => d.code)).toEqual(["DROP-2"]);
    expect(p.lines[0].draws[0].reason).toContain("no source has stock");
  });

  test("shortest lead time first; a supplier's stated quantity is respected across lines", () => {
    const sources = [drop("SLOW", { A: Infinity }, 9), drop("FAST", { A: 3 }, 2)];
    const order = orderTo([
      ["A", 2],
      ["A", 2],
    ]);
    const p = plan(order, sources);
    expect(p.lines.map((l) => l.draws.map((d) => [d.code, d.quantity]))).toEqual([
      [["FAST", 2]],
      [
        ["FAST", 1],
        ["SLOW", 1],
      ],
    ]);
    expect(p.lines[1].draws[1].reason).not.toContain("had none left");
    expect(planProblems(order, sources, p)).toEqual([]);
  });

  test("backorders what nothing covers, with the reason", () => {
    const sources = [source("NWK", PLACES.newark, { B: 4 }), drop("DROP-1", { B: Infinity }, 3)];
    const p = plan(orderTo({ A: 2 }), sources);
    expect(p.lines[0]).toMatchObject({ allocated: 0, dropshipped: 0, backordered: 2 });
    expect(p.lines[0].backorderReason).toBe("2 backordered: no source has stock; DROP-1 does not carry this product");
    expect(p.reasons).toEqual([
      "Nothing allocated: all 2 units backordered",
      "Line A: 2 backordered: no source has stock; DROP-1 does not carry this product",
    ]);
    expect(p.summary).toMatchObject({ shipments: 0, split: false, backordered: 2, totalDistanceKm: 0 });
  });

  test("the backorder reason says where the stock went and what suppliers could give", () => {
    const sources = [
      source("NWK", PLACES.newark, { A: 3 }),
      drop("DROP-1", { A: 1 }, 2),
      drop("DROP-2", { A: 0 }, 4),
      drop("DROP-3", {}, 1),
    ];
    const p = plan(
      orderTo([
        ["A", 2],
        ["A", 4],
      ]),
      sources,
    );
    expect(p.lines[0]).toMatchObject({ allocated: 2, backordered: 0 });
    expect(p.lines[1]).toMatchObject({ allocated: 1, dropshipped: 1, backordered: 2 });
    expect(p.lines[1].backorderReason).toBe(
      "2 backordered: stock covers only 1 of 4 (2 more went to other lines of this product); DROP-1 can supply only 1; DROP-2 has none available; DROP-3 does not carry this product",
    );
    expect(p.reasons[0]).toMatch(/; 2 units backordered$/);
  });

  test("with no dropship supplier at all, the reason says so", () => {
    const p = plan(orderTo({ A: 3 }), stockAt({ NWK: { A: 1 } }));
    expect(p.lines[0].backorderReason).toBe(
      "2 backordered: stock covers only 1 of 3; no dropship supplier to fall back on",
    );
    expect(p.reasons[0]).toBe("One shipment from NWK (14 km); 2 units backordered");
  });
});
