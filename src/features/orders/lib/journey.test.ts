import { describe, expect, it } from "vitest";
import { orderJourney } from "./journey";

const line = (over: Partial<Record<string, number>> = {}) => ({
  quantity: 4,
  allocated: 0,
  dropshipped: 0,
  backordered: 0,
  cancelled: 0,
  picked: 0,
  shipped: 0,
  returned: 0,
  ...over,
});
const states = (status: Parameters<typeof orderJourney>[0], lines: ReturnType<typeof line>[]) =>
  orderJourney(status, lines).map((s) => `${s.key}:${s.state}${s.note ? `(${s.note})` : ""}`);

describe("orderJourney", () => {
  it("a held order waits before allocation", () => {
    expect(states("on_hold", [line()])).toEqual([
      "created:done",
      "allocated:current(on hold)",
      "picked:todo",
      "packed:todo",
      "shipped:todo",
      "closed:todo",
    ]);
  });
  it("a part-allocated order with a backorder; picking next once all is allocated", () => {
    expect(states("backordered", [line({ allocated: 1, backordered: 3 })]).slice(1, 3)).toEqual([
      "allocated:partial(3 backordered)",
      "picked:todo",
    ]);
    expect(states("allocated", [line({ allocated: 4 })]).slice(1, 3)).toEqual(["allocated:done", "picked:current"]);
  });
  it("half picked, then packed, then shipped in part, then delivered with a return", () => {
    expect(states("picking", [line({ allocated: 4, picked: 2 })])[2]).toBe("picked:partial(2 of 4)");
    expect(states("packed", [line({ allocated: 4, picked: 4 })]).slice(2, 5)).toEqual([
      "picked:done",
      "packed:done",
      "shipped:current",
    ]);
    expect(states("partially_shipped", [line({ allocated: 4, picked: 4, shipped: 1 })])[4]).toBe(
      "shipped:partial(1 of 4)",
    );
    expect(states("delivered", [line({ allocated: 4, picked: 4, shipped: 4, returned: 1 })]).slice(4)).toEqual([
      "shipped:done",
      "closed:done(1 returned)",
    ]);
  });
  it("cancelled units do not count as still wanted; a cancelled order stops where it was", () => {
    expect(states("shipped", [line({ allocated: 3, picked: 3, shipped: 3, cancelled: 1 })])[4]).toBe("shipped:done");
    expect(states("cancelled", [line({ cancelled: 4 })])).toEqual([
      "created:done",
      "allocated:stopped(cancelled)",
      "picked:stopped",
      "packed:stopped",
      "shipped:stopped",
      "closed:stopped",
    ]);
  });
});
