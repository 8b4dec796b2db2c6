/**
 * The truth check sees what it claims to (each invariant, corrupted on purpose, is named with
 * where and by how much), and the adversarial model-based run keeps every invariant (a CI-sized
 * run; `npm run soak` is the long one).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { invariantProperty, emptyStats } from "./invariants.testing";

describe("adversarial model-based run", () => {
  test("random command sequences over the public API keep every invariant and refuse only with typed errors", { timeout: 120_000 }, async () => {
    const stats = emptyStats();
    await fc.assert(invariantProperty(stats, 25), { numRuns: Number(process.env.INVARIANT_RUNS ?? 40), seed: process.env.INVARIANT_SEED ? Number(process.env.INVARIANT_SEED) : undefined });
    console.log(JSON.stringify(stats));
    expect(stats.unhandled).toBe(0);
    expect(stats.violations).toBe(0);
    expect(stats.commands).toBeGreaterThan(stats.sequences);
  });
});
