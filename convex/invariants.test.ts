/**
 * The adversarial model-based run (convex/testing/invariants.testing.ts), CI-sized: random command
 * sequences over the public API keep every invariant and refuse only with typed errors.
 * `npm run soak` is the long run; invariants.check.test.ts proves the check sees each violation.
 */
/* eslint-disable @convex-dev/no-process-env -- the test runner's options (run sizes, seeds), not Convex code */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { invariantProperty, emptyStats } from "./testing/invariants.testing";

describe("adversarial model-based run", () => {
  test(
    "random command sequences over the public API keep every invariant and refuse only with typed errors",
    { timeout: 300_000 },
    async () => {
      const stats = emptyStats();
      await fc.assert(invariantProperty(stats, 25), {
        numRuns: Number(process.env.INVARIANT_RUNS ?? 30),
        seed: process.env.INVARIANT_SEED ? Number(process.env.INVARIANT_SEED) : undefined,
      });
      console.log(JSON.stringify(stats));
      expect(stats.unhandled).toBe(0);
      expect(stats.violations).toBe(0);
      expect(stats.commands).toBeGreaterThan(stats.sequences);
    },
  );
});
