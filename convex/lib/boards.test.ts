import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { completedFigures, counterKey, kpis, shardOf } from "./boards";
import { dayKeysBack, HOUR, roundNow, weekOf } from "./clock";
import { deadlineOf, lastCutoffAtOrBefore, SLA_HOURS } from "./cutoffs";

const utc = (s: string) => Date.parse(s);

describe("cutoffs and deadlines", () => {
  // 15:00 in New York is 20:00 UTC in winter (EST) and 19:00 UTC in summer (EDT).
  test.each([
    ["2025-01-15T22:00:00Z", "15:00", "America/New_York", "2025-01-15T20:00:00Z"],
    ["2025-01-15T19:59:00Z", "15:00", "America/New_York", "2025-01-14T20:00:00Z"],
    ["2025-07-15T19:30:00Z", "15:00", "America/New_York", "2025-07-15T19:00:00Z"],
    // The day clocks spring forward (9 March 2025): the cutoff is already on EDT.
    ["2025-03-09T23:00:00Z", "15:00", "America/New_York", "2025-03-09T19:00:00Z"],
    ["2025-06-01T12:00:00Z", "11:30", "Europe/Paris", "2025-06-01T09:30:00Z"],
    // An unknown zone reads as UTC rather than failing a board.
    ["2025-06-01T12:00:00Z", "11:30", "Mars/Olympus", "2025-06-01T11:30:00Z"],
  ])(
    "the last cutoff at or before an instant, in the warehouse's zone, across daylight saving: %s, %s %s → %s",
    (at, cutoff, zone, expected) => {
      expect(lastCutoffAtOrBefore(utc(at), cutoff, zone)).toBe(utc(expected));
    },
  );

  test("a cutoff is never after the instant and at most a day before it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc("2020-01-01T00:00:00Z"), max: utc("2030-01-01T00:00:00Z") }),
        fc.constantFrom("America/Chicago", "Asia/Kolkata", "Australia/Sydney", "UTC"),
        fc.integer({ min: 0, max: 23 }),
        (ms, tz, h) => {
          const c = lastCutoffAtOrBefore(ms, `${String(h).padStart(2, "0")}:00`, tz);
          return c <= ms && ms - c <= 25 * HOUR;
        },
      ),
    );
  });

  test("ship-by from the channel, else placed + SLA; moved back to the warehouse cutoff once it has one", () => {
    const placedAt = utc("2025-01-15T14:00:00Z");
    expect(deadlineOf({ placedAt })).toEqual({ deadline: placedAt + SLA_HOURS * HOUR, source: "sla" });
    const shipBy = utc("2025-01-16T23:00:00Z");
    expect(deadlineOf({ placedAt, shipBy }, { cutoffLocal: "15:00", timezone: "America/New_York" })).toEqual({
      deadline: utc("2025-01-16T20:00:00Z"),
      source: "channel",
    });
  });
});

describe("metrics of a completed order", () => {
  const base = {
    placedAt: 0,
    shippedAt: 10 * HOUR,
    unitsOrdered: 3,
    unitsShipped: 3,
    unitsCancelled: 0,
    unitsReturned: 0,
    shipments: 1,
    shortPicked: false,
  };
  test("complete, on time, no short pick, no return: perfect", () => {
    expect(completedFigures(base)).toEqual({
      bucket: "1970-01-01",
      values: {
        shipped: 1,
        unitsOrdered: 3,
        unitsShipped: 3,
        split: 0,
        perfect: 1,
        cycleCount: 1,
        cycleMsSum: 10 * HOUR,
      },
    });
  });
  test.each([
    ["late", { shippedAt: (SLA_HOURS + 1) * HOUR }],
    ["a short pick", { shortPicked: true }],
    ["a return", { unitsReturned: 1 }],
    ["a cancelled unit", { unitsCancelled: 1, unitsShipped: 2 }],
  ])("%s is not perfect", (_, over) => {
    expect(completedFigures({ ...base, ...over }).values.perfect).toBe(0);
  });
  test("split shipments, unknown ship time, and the tiles", () => {
    expect(completedFigures({ ...base, shipments: 2 }).values.split).toBe(1);
    expect(completedFigures({ ...base, shippedAt: undefined }).values).not.toHaveProperty("cycleCount");
    expect(
      kpis({
        shipped: 4,
        perfect: 3,
        split: 1,
        unitsOrdered: 10,
        unitsShipped: 9,
        cycleCount: 2,
        cycleMsSum: 6 * HOUR,
      }),
    ).toEqual({
      ordersShipped: 4,
      avgCycleMs: 3 * HOUR,
      fillRate: 0.9,
      perfectOrderRate: 0.75,
      splitShipmentRatio: 0.25,
    });
    expect(kpis({})).toEqual({
      ordersShipped: 0,
      avgCycleMs: null,
      fillRate: null,
      perfectOrderRate: null,
      splitShipmentRatio: null,
    });
  });
});

describe("buckets, shards and keys", () => {
  test("time buckets", () => {
    expect(roundNow(utc("2025-01-15T10:07:59Z"))).toBe(utc("2025-01-15T10:05:00Z"));
    expect(dayKeysBack(utc("2025-03-02T10:00:00Z"), 3)).toEqual(["2025-02-28", "2025-03-01", "2025-03-02"]);
    expect(weekOf("2025-03-09")).toBe("2025-03-03");
    expect(weekOf("2025-03-10")).toBe("2025-03-10");
  });
  test("a document always lands in the same shard, within range", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 16 }),
        (s, n) => shardOf(s, n) === shardOf(s, n) && shardOf(s, n) >= 0 && shardOf(s, n) < n,
      ),
    );
  });
  test("counter keys are printable, never start with $, and stay short", () => {
    expect(counterKey("ready", "shop|ify")).toBe("ready|shop/ify");
    expect(counterKey("$x", "é")).toBe("~x|?");
    expect(counterKey("a".repeat(80)).length).toBe(64);
  });
});
