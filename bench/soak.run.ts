/**
 * `npm run soak`: the long adversarial model-based run (convex/invariants.soak.test.ts under
 * vitest + convex-test), then its figures merged into bench/results.json and printed:
 * invariant_sequences, invariant_commands, invariant_violations, unhandled_errors.
 * Options (environment): SOAK_SEQUENCES (default 10000, split over the workers), SOAK_MAX_COMMANDS
 * (10), SOAK_WORKERS (1: parallel vitest runs with consecutive seeds), SOAK_SEED, SOAK_MINUTES
 * (stop at a time limit and report what was covered).
 * Exits non-zero when the run found a violation or an untyped error.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const tmp = resolve(root, "bench/.tmp");
mkdirSync(tmp, { recursive: true });
const workers = Math.max(1, Number(process.env.SOAK_WORKERS ?? 1));
const total = Number(process.env.SOAK_SEQUENCES ?? 10_000);
const started = Date.now();
console.log(
  `[soak] ${total} sequences of up to ${process.env.SOAK_MAX_COMMANDS ?? 10} commands, ${workers} worker(s)…`,
);
// Each worker is its own vitest run with its own seed and share of the sequences.
const runs = Array.from({ length: workers }, (_, i) => {
  const out = resolve(tmp, `soak-${i}.json`);
  rmSync(out, { force: true });
  const child = spawn(
    process.execPath,
    [resolve(root, "node_modules/vitest/vitest.mjs"), "run", "--project", "convex", "convex/invariants.soak.test.ts"],
    {
      cwd: root,
      stdio: i === 0 ? "inherit" : "ignore",
      env: {
        ...process.env,
        SOAK_OUT: out,
        SOAK_SEQUENCES: String(Math.ceil(total / workers)),
        SOAK_SEED: String(Number(process.env.SOAK_SEED ?? Date.now()) + i),
      },
    },
  );
  return new Promise<{ out: string; status: number | null }>((done) =>
    child.on("exit", (status) => done({ out, status })),
  );
});
const finished = await Promise.all(runs);
const figures: Record<string, unknown> = {};
const failures: string[] = [];
const byKind: Record<string, number> = {};
for (const { out, status } of finished) {
  if (!existsSync(out)) {
    failures.push(`a worker wrote no figures (exit ${status})`);
    continue;
  }
  const { figures: f, failure } = JSON.parse(readFileSync(out, "utf8")) as {
    figures: Record<string, unknown>;
    failure: string | null;
  };
  for (const [k, v] of Object.entries(f)) {
    if (typeof v === "number")
      figures[k] = k === "invariant_soak_seconds" ? Math.max(Number(figures[k] ?? 0), v) : Number(figures[k] ?? 0) + v;
    else for (const [kind, n] of Object.entries(v as Record<string, number>)) byKind[kind] = (byKind[kind] ?? 0) + n;
  }
  if (failure) failures.push(failure);
}
figures.invariant_commands_by_kind = byKind;
const failure = failures.length ? failures.join("\n\n") : null;
const resultsFile = resolve(root, "bench/results.json");
const previous = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, "utf8")) as Record<string, unknown>)
  : {};
writeFileSync(resultsFile, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
console.log(`\n[soak] done in ${((Date.now() - started) / 1000).toFixed(0)} s; figures written to bench/results.json`);
for (const [k, v] of Object.entries(figures))
  console.log(`  ${k.padEnd(30)} ${typeof v === "number" ? v : JSON.stringify(v)}`);
if (failure) console.log(`\n[soak] FAILURE:\n${failure}`);
process.exit(failure ? 1 : 0);
