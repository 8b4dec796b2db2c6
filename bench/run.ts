/**
 * `npm run bench`: runs every benchmark, merges the figures into bench/results.json (keys other
 * runs wrote are kept) and prints each beside its target. A benchmark, not a test: it exits 0
 * whatever the figures are (non-zero only when a benchmark could not run).
 *
 * What counts as a benchmark:
 *  - a module bench/<name>.ts exporting async functions named `bench…` that return
 *    Record<string, number> (optionally a `targets` export: key → { max } or { min });
 *  - the vitest project "bench" (bench/**\/*.measure.ts), which writes JSON into bench/.tmp/.
 * Filter by module name: `npm run bench -- liveUpdate`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

type Target = { max?: number; min?: number };
type Figures = Record<string, unknown>;

const here = import.meta.dirname;
const resultsFile = resolve(here, "results.json");
const tmp = resolve(here, ".tmp");
const filter = process.argv.slice(2).join(" ").toLowerCase();

const figures: Figures = {};
const targets: Record<string, Target> = {};
let broken = 0;

const modules = readdirSync(here).filter(
  (f) => /^[^.]+\.ts$/.test(f) && f !== "run.ts" && (!filter || f.toLowerCase().includes(filter)),
);
for (const file of modules) {
  const mod = (await import(pathToFileURL(resolve(here, file)).href)) as Record<string, unknown>;
  Object.assign(targets, (mod.targets as Record<string, Target> | undefined) ?? {});
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith("bench") || typeof fn !== "function") continue;
    const started = Date.now();
    console.log(`[bench] ${file}: ${name}…`);
    try {
      Object.assign(figures, (await (fn as () => Promise<Figures>)()) ?? {});
      console.log(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      broken += 1;
      console.error(`[bench] ${name} failed:`, e);
    }
  }
}

const measures = readdirSync(here).some((f) => f.endsWith(".measure.ts"));
if (measures && (!filter || "measure".includes(filter) || filter.includes("measure"))) {
  mkdirSync(tmp, { recursive: true });
  try {
    console.log("[bench] vitest project bench…");
    execFileSync(process.execPath, [resolve(here, "../node_modules/vitest/vitest.mjs"), "run", "--project", "bench"], {
      stdio: "inherit",
    });
  } catch {
    broken += 1;
    console.error("[bench] the vitest bench project failed");
  }
  for (const f of existsSync(tmp) ? readdirSync(tmp).filter((x) => x.endsWith(".json")) : []) {
    Object.assign(figures, JSON.parse(readFileSync(resolve(tmp, f), "utf8")) as Figures);
  }
}

const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as Figures) : {};
const merged = { ...previous, ...figures };
writeFileSync(resultsFile, `${JSON.stringify(merged, null, 2)}\n`);

console.log(`\nFigures (written to ${resultsFile}):`);
for (const [key, value] of Object.entries(figures)) {
  const t = targets[key];
  let verdict = "";
  if (t && typeof value === "number") {
    const ok = (t.max === undefined || value <= t.max) && (t.min === undefined || value >= t.min);
    verdict = `  target ${t.max !== undefined ? `≤ ${t.max}` : `≥ ${t.min}`}  ${ok ? "✓ met" : "✗ missed"}`;
  }
  console.log(
    `  ${key.padEnd(44)} ${typeof value === "number" ? String(value).padStart(10) : JSON.stringify(value)}${verdict}`,
  );
}
process.exit(broken > 0 ? 1 : 0);
