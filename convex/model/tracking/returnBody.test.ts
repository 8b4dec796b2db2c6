import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { parseReturnBody, REASONS } from "./returnBody";

const line = (over: Record<string, unknown> = {}) => ({ lineId: "L1", quantity: 1, reason: "defective", ...over });

describe("parseReturnBody", () => {
  test("accepts the boundaries and drops unknown keys", () => {
    expect(parseReturnBody({ lines: [line({ quantity: 10_000, lineId: "x".repeat(64), extra: 1 })], note: "n".repeat(1000), admin: true })).toEqual({
      lines: [{ lineId: "x".repeat(64), quantity: 10_000, reason: "defective" }],
      note: "n".repeat(1000),
    });
    expect(parseReturnBody({ lines: Array.from({ length: 200 }, () => line()) })?.lines).toHaveLength(200);
  });

  test("refuses anything just past a boundary or of the wrong type", () => {
    for (const body of [
      null,
      "x",
      [],
      {},
      { lines: [] },
      { lines: Array.from({ length: 201 }, () => line()) },
      { lines: [line({ quantity: 0 })] },
      { lines: [line({ quantity: 1.5 })] },
      { lines: [line({ quantity: 10_001 })] },
      { lines: [line({ quantity: "1" })] },
      { lines: [line({ lineId: "x".repeat(65) })] },
      { lines: [line({ reason: "because" })] },
      { lines: [line({ reason: "__proto__" })] },
      { lines: [line()], note: "n".repeat(1001) },
      { lines: [line()], note: 5 },
      { lines: [null] },
    ]) {
      expect(parseReturnBody(body)).toBeNull();
    }
  });

  test("whatever arrives, an accepted body holds only valid lines (fast-check)", () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.record({ lineId: fc.string({ maxLength: 70 }), quantity: fc.oneof(fc.integer(), fc.double()), reason: fc.oneof(fc.constantFrom(...REASONS), fc.string()) }), { maxLength: 5 }), (junk, lines) => {
        for (const body of [junk, { lines }]) {
          const r = parseReturnBody(body);
          if (!r) continue;
          for (const l of r.lines) {
            expect(Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= 10_000).toBe(true);
            expect((REASONS as readonly string[]).includes(l.reason)).toBe(true);
            expect(l.lineId.length).toBeLessThanOrEqual(64);
          }
        }
      }),
    );
  });
});
