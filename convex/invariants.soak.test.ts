/**
 * The long model-based run (`npm run soak`, skipped by `npm test`): SOAK_SEQUENCES command
 * sequences (default 10,000; SOAK_MINUTES stops it earlier) through the public API with the truth
 * check after every command.
 * Writes its figures to SOAK_OUT for bench/soak.run.ts, which merges them into bench/results.json.
 * A failure is recorded (with the sequence that caused it) before the test fails.
 */
/* eslint-disable @convex-dev/no-process-env -- the test runner's options (run sizes, seeds), not Convex code */
import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { expect, test } from "vitest";
import { emptyStats, invariantProperty } from "./testing/invariants.testing";

const out = process.env.SOAK_OUT;

test.skipIf(!out)(
  "soak: every invariant holds over thousands of random command sequences",
  { timeout: 4 * 60 * 60 * 1000 },
  async () => {
    const stats = emptyStats();
    const sequences = Number(process.env.SOAK_SEQUENCES ?? 10_000);
    const started = Date.now();
    let failure: string | undefined;
    // Progress for a watcher (bench/.tmp/soak.json.progress), every 10 s.
    const progress = setInterval(
      () =>
        writeFileSync(
          `${out}.progress`,
          JSON.stringify({ ...stats, seconds: Math.round((Date.now() - started) / 1000) }),
        ),
      10_000,
    );
    try {
      await fc.assert(invariantProperty(stats, Number(process.env.SOAK_MAX_COMMANDS ?? 10)), {
        numRuns: sequences,
        endOnFailure: true,
        seed: process.env.SOAK_SEED ? Number(process.env.SOAK_SEED) : undefined,
        path: process.env.SOAK_PATH,
        // SOAK_MINUTES stops the run cleanly at a time limit (between sequences) and still reports.
        interruptAfterTimeLimit: process.env.SOAK_MINUTES ? Number(process.env.SOAK_MINUTES) * 60_000 : undefined,
        markInterruptAsFailure: false,
      });
    } catch (e) {
      failure = `${(e as Error).message.slice(0, 3000)}\nFirst failure: ${stats.firstFailure?.slice(0, 3000)}`;
    } finally {
      clearInterval(progress);
    }
    const figures = {
      invariant_sequences: stats.sequences,
      invariant_commands: stats.commands,
      invariant_refused_typed: stats.refused,
      invariant_violations: stats.violations,
      unhandled_errors: stats.unhandled,
      invariant_soak_seconds: Math.round((Date.now() - started) / 1000),
      invariant_commands_by_kind: stats.byCommand,
    };
    writeFileSync(out!, JSON.stringify({ figures, failure: failure ?? stats.firstFailure ?? null }, null, 2));
    expect(failure).toBeUndefined();
    expect(stats.violations).toBe(0);
    expect(stats.unhandled).toBe(0);
  },
);
