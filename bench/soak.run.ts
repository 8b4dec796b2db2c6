/**
 * `npm run soak`: the long adversarial model-based run (convex/invariants.soak.test.ts under
 * vitest + convex-test), then its figures merged into bench/results.json and printed:
 * invariant_sequences, invariant_commands, invariant_violations, unhandled_errors.
 * Options (environment): SOAK_SEQUENCES (default 10000), SOAK_MAX_COMMANDS (20), SOAK_SEED.
 * Exits non-zero when the run found a violation or an untyped error.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const tmp = resolve(root, "bench/.tmp");
mkdirSync(tmp, { recursive: true });
const out = resolve(tmp, "soak.json");
const started = Date.now();
console.log(`[soak] ${process.env.SOAK_SEQUENCES ?? 10_000} sequences of up to ${process.env.SOAK_MAX_COMMANDS ?? 12} commands…`);
const run = spawnSync(process.execPath, [resolve(root, "node_modules/vitest/vitest.mjs"), "run", "--project", "convex", "convex/invariants.soak.test.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, SOAK_OUT: out },
});
if (!existsSync(out)) {
  console.error("[soak] the run wrote no figures");
  process.exit(1);
}
const { figures, failure } = JSON.parse(readFileSync(out, "utf8")) as { figures: Record<string, unknown>; failure: string | null };
const resultsFile = resolve(root, "bench/results.json");
const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as Record<string, unknown>) : {};
writeFileSync(resultsFile, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
console.log(`\n[soak] done in ${((Date.now() - started) / 1000).toFixed(0)} s; figures written to bench/results.json`);
for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(30)} ${typeof v === "number" ? v : JSON.stringify(v)}`);
if (failure) console.log(`\n[soak] FAILURE:\n${failure}`);
process.exit(run.status === 0 && !failure ? 0 : 1);
