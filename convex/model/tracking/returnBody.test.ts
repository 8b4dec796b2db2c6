import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { parseReturnBody } from "./returnBody";
import { RETURN_REASONS as REASONS } from "../../lib/returns";
import { MAX_LINE_QUANTITY, STRING_LIMITS } from "../../lib/bounds";

const Q = MAX_LINE_QUANTITY;
const ID = STRING_LIMITS.code;
const NOTE = STRING_LIMITS.note;

const line = (over: Record<string, unknown> = {}) => ({ lineId: "L1", quantity: 1, reason: "defective", ...over });

describe("parseReturnBody", () => {
  test("accepts the boundaries and drops unknown keys", () => {
    expect(
      parseReturnBody({
        lines: [line({ quantity: Q, lineId: "x".repeat(ID), extra: 1 })],
        note: "n".repeat(NOTE),
        admin: true,
      }),
    ).toEqual({
      lines: [{ lineId: "x".repeat(ID), quantity: Q, reason: "defective" }],
      note: "n".repeat(NOTE),
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
      { lines: [line({ quantity: Q + 1 })] },
      { lines: [line({ quantity: "1" })] },
      { lines: [line({ lineId: "x".repeat(ID + 1) })] },
      { lines: [line({ reason: "because" })] },
      { lines: [line({ reason: "__proto__" })] },
      { lines: [line()], note: "n".repeat(NOTE + 1) },
      { lines: [line()], note: 5 },
      { lines: [null] },
    ]) {
      expect(parseReturnBody(body)).toBeNull();
    }
  });

  test("whatever arrives, an accepted body holds only valid lines (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.array(
          fc.record({
            lineId: fc.string({ maxLength: ID + 6 }),
            quantity: fc.oneof(fc.integer(), fc.double()),
            reason: fc.oneof(fc.constantFrom(...REASONS), fc.string()),
          }),
          { maxLength: 5 },
        ),
        (junk, lines) => {
          for (const body of [junk, { lines }]) {
            const r = parseReturnBody(body);
            if (!r) continue;
            for (const l of r.lines) {
              expect(Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= Q).toBe(true);
              expect((REASONS as readonly string[]).includes(l.reason)).toBe(true);
              expect(l.lineId.length).toBeLessThanOrEqual(ID);
            }
          }
        },
      ),
    );
  });
});
