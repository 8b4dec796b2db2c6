import { describe, expect, it } from "vitest";
import {
  deadlineText,
  formatDuration,
  formatPercent,
  ordersByStage,
  shipmentsByWarehouse,
  spendSeries,
} from "./boards";

describe("board shaping", () => {
  it("pivots open orders into pipeline stages stacked by channel, empty stages kept", () => {
    const s = ordersByStage([
      { status: "backordered", channel: "shopify", count: 3 },
      { status: "ready", channel: "manual", count: 2 },
      { status: "backordered", channel: "manual", count: 1 },
    ]);
    expect(s.series).toEqual(["manual", "shopify"]);
    expect(s.total).toBe(6);
    expect(s.data.map((d) => d.stage)).toEqual([
      "Pending",
      "On hold",
      "Ready",
      "Allocated",
      "Partially allocated",
      "Backordered",
      "Picking",
      "Packed",
      "Partially shipped",
    ]);
    expect(s.data.find((d) => d.stage === "Backordered")).toEqual({ stage: "Backordered", manual: 1, shopify: 3 });
  });

  it("groups open shipments per warehouse by floor stage", () => {
    const s = shipmentsByWarehouse([
      { status: "packed", warehouseId: "w1", warehouseCode: "EWR", count: 2 },
      { status: "open", warehouseId: "w1", warehouseCode: "EWR", count: 5 },
      { status: "open", warehouseId: "w2", warehouseCode: "ORD", count: 1 },
    ]);
    expect(s.series).toEqual(["To pick", "Packed"]);
    expect(s.data).toEqual([
      { warehouse: "EWR", "To pick": 5, Packed: 2 },
      { warehouse: "ORD", "To pick": 1 },
    ]);
  });

  it("adds up carrier spend per day or per Monday-started week, in one currency", () => {
    const days = [
      {
        day: "2025-03-09",
        carrier: "UPS",
        service: "Ground",
        currency: "USD",
        amountMinor: 1000,
        labels: 1,
        savingsMinor: 200,
      },
      {
        day: "2025-03-10",
        carrier: "UPS",
        service: "Ground",
        currency: "USD",
        amountMinor: 1500,
        labels: 2,
        savingsMinor: 0,
      },
      {
        day: "2025-03-10",
        carrier: "USPS",
        service: "Priority",
        currency: "USD",
        amountMinor: 700,
        labels: 1,
        savingsMinor: 50,
      },
      {
        day: "2025-03-10",
        carrier: "UPS",
        service: "Ground",
        currency: "CAD",
        amountMinor: 999,
        labels: 1,
        savingsMinor: 0,
      },
    ];
    const perDay = spendSeries(days, "USD", "day");
    expect(perDay.series).toEqual(["UPS Ground", "USPS Priority"]);
    expect(perDay.data).toEqual([
      { period: "2025-03-09", "UPS Ground": 10, savings: 2 },
      { period: "2025-03-10", "UPS Ground": 15, "USPS Priority": 7, savings: 0.5 },
    ]);
    expect(perDay.totals).toEqual({ amountMinor: 3200, savingsMinor: 250, labels: 4 });
    // 2025-03-09 is a Sunday: it belongs to the week of Monday 3 March.
    expect(spendSeries(days, "USD", "week").data.map((d) => d.period)).toEqual(["2025-03-03", "2025-03-10"]);
  });

  it("formats durations, rates and deadlines for people", () => {
    expect(formatDuration(45 * 60_000)).toBe("45 min");
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000)).toBe("3 h 20 min");
    expect(formatDuration(52 * 3_600_000)).toBe("2 d 4 h");
    expect(formatDuration(null)).toBe("—");
    expect(formatPercent(0.975)).toBe("97.5%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(null)).toBe("—");
    expect(deadlineText(1_000, 1_000 + 2 * 3_600_000)).toBe("2 h 0 min late");
    expect(deadlineText(1_000 + 40 * 60_000, 1_000)).toBe("in 40 min");
  });
});
