import { describe, expect, test } from "vitest";
import { prng } from "./prng";

describe("prng", () => {
  test("the same seed gives the same sequence; another seed another one", () => {
    const draw = (seed: number) => {
      const r = prng(seed);
      return Array.from({ length: 8 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    // mulberry32's published first output for seed 0 (the demo data and sandbox orders depend on it).
    expect(prng(0).next()).toBeCloseTo(0.26642920868471265, 15);
  });

  test("int stays within its bounds, both reached; pick takes every element", () => {
    const r = prng(1);
    const ints = new Set(Array.from({ length: 500 }, () => r.int(2, 5)));
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
    const picked = new Set(Array.from({ length: 200 }, () => r.pick(["a", "b", "c"] as const)));
    expect([...picked].sort()).toEqual(["a", "b", "c"]);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
