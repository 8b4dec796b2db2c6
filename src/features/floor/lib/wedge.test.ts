import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { burstCode, pushStroke, WEDGE_DEFAULTS, type Stroke } from "./wedge";

const strokes = (code: string, start: number, gap: number): Stroke[] =>
  [...code].map((char, i) => ({ char, at: start + i * gap }));
const run = (list: Stroke[]) => list.reduce<Stroke[]>((b, s) => pushStroke(b, s), []);

describe("wedge bursts", () => {
  it("a scanner's burst ending in Enter is a code; a person's typing is not", () => {
    const fast = strokes("BSK-OCEA", 1000, 8);
    expect(burstCode(run(fast), 1000 + 8 * 8)).toBe("BSK-OCEA");
    const slow = strokes("BSK-OCEA", 1000, 120);
    expect(burstCode(run(slow), 1000 + 120 * 8)).toBeNull();
  });

  it("a person's keys before a burst do not leak into the code", () => {
    const person = strokes("12", 0, 200);
    const scan = strokes("A-01-1", 2000, 5);
    expect(burstCode(run([...person, ...scan]), 2000 + 6 * 5)).toBe("A-01-1");
  });

  it("a stall inside a fast burst is tolerated; a person's steady typing under the stall limit is not a scan", () => {
    const stalled = [...strokes("ABC", 0, 3), ...strokes("DEFGHIJK", 6 + 80, 3)];
    expect(burstCode(run(stalled), 86 + 8 * 3)).toBe("ABCDEFGHIJK");
    expect(burstCode(run(strokes("120", 0, 60)), 180)).toBeNull();
  });

  it("too short, or Enter long after the last key, is not a scan", () => {
    expect(burstCode(run(strokes("12", 0, 5)), 10)).toBeNull();
    expect(burstCode(run(strokes("1234", 0, 5)), 500)).toBeNull();
    expect(burstCode([], 0)).toBeNull();
  });

  it("any code typed at wedge speed comes back whole, whatever came before", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9-]{3,20}$/),
        fc.integer({ min: 0, max: WEDGE_DEFAULTS.maxMeanGapMs }),
        fc.array(fc.integer({ min: WEDGE_DEFAULTS.maxGapMs + 1, max: 500 }), { maxLength: 5 }),
        (code, gap, before) => {
          let t = 0;
          const typed: Stroke[] = before.map((g) => ({ char: "x", at: (t += g) }));
          t += WEDGE_DEFAULTS.maxGapMs + 1;
          const burst = strokes(code, t, gap);
          expect(burstCode(run([...typed, ...burst]), t + code.length * gap)).toBe(code);
        },
      ),
    );
  });
});
