/** Read-modify-write of bench/results.json: other benchmarks' figures are kept as they are. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "../harness";

export const RESULTS = resolve(ROOT, "bench/results.json");

export async function mergeBenchResults(patch: Record<string, unknown>): Promise<void> {
  let current: Record<string, unknown> = {};
  if (existsSync(RESULTS)) {
    try {
      current = JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>;
    } catch {
      throw new Error(`${RESULTS} is not JSON; not overwriting it`);
    }
  }
  writeFileSync(RESULTS, `${JSON.stringify({ ...current, ...patch }, null, 2)}\n`);
}
