/**
 * Deployability figures (issue 17). `deploy_bundle_mib`, `max_module_eval_ms` and
 * `max_module_heap_mib` come from `npm run check:deploy`'s own run (the real Convex CLI bundles,
 * every isolate entry module loaded cold in a bare V8 context); `cost_layer_reads_10k_history` and
 * `idle_function_calls_per_hour` from bench/deploy.measure.ts (convex-test), started from here so
 * `npm run bench -- deploy` measures everything.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { checkDeploy } from "../scripts/checkDeploy";

export const targets = {
  deploy_bundle_mib: { max: 40 },
  max_module_eval_ms: { max: 20 },
  max_module_heap_mib: { max: 4 },
  cost_layer_reads_10k_history: { max: 12 },
  idle_function_calls_per_hour: { max: 12 },
};

const here = import.meta.dirname;

export async function benchDeployBundle(): Promise<Record<string, number>> {
  const r = await checkDeploy();
  if (r.problems.length > 0) console.warn(`[bench] check:deploy problems:\n- ${r.problems.join("\n- ")}`);
  const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
  return {
    deploy_bundle_mib: round((r.isolateBytes + r.nodeBytes) / 1048576),
    max_module_eval_ms: round(r.maxEvalMs, 1),
    max_module_heap_mib: round(r.maxHeapMiB),
  };
}

export async function benchDeployRuntime(): Promise<Record<string, number>> {
  const out = resolve(here, ".tmp/deploy.json");
  rmSync(out, { force: true });
  execFileSync(
    process.execPath,
    [resolve(here, "../node_modules/vitest/vitest.mjs"), "run", "--project", "bench", "bench/deploy.measure.ts"],
    { stdio: "inherit", cwd: resolve(here, "..") },
  );
  return JSON.parse(readFileSync(out, "utf8")) as Record<string, number>;
}
