/**
 * `npm run codegen`: `convex codegen` (offline, no deployment needed), then the one difference
 * from what a real `npx convex dev` / `npx convex deploy` writes into `convex/_generated`: those
 * go through the component-aware code generation, which adds a `components` export to `api.js`
 * (`componentsGeneric()`) and `api.d.ts` (an empty object while the app uses no components).
 * Without it, CI's freshness check fails after anyone runs the real CLI. The patch is idempotent,
 * and `check:deploy` proves it: it runs the real CLI's bundling and compares the files it wrote.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const GENERATED = join(ROOT, "convex", "_generated");

/** Rewrites api.js / api.d.ts as the component-aware CLI path writes them. Returns true if changed. */
export function addComponentsExport(dir = GENERATED): boolean {
  let changed = false;
  const jsPath = join(dir, "api.js");
  const js = readFileSync(jsPath, "utf8");
  if (!js.includes("componentsGeneric")) {
    const next = js
      .replace('import { anyApi } from "convex/server";', 'import { anyApi, componentsGeneric } from "convex/server";')
      .replace(
        /export const internal = anyApi;\n?$/,
        "export const internal = anyApi;\nexport const components = componentsGeneric();\n",
      );
    if (!next.includes("export const components = componentsGeneric();"))
      throw new Error(`convex/_generated/api.js has an unexpected shape; cannot add the components export.`);
    writeFileSync(jsPath, next);
    changed = true;
  }
  const dtsPath = join(dir, "api.d.ts");
  const dts = readFileSync(dtsPath, "utf8");
  if (!dts.includes("export declare const components")) {
    writeFileSync(dtsPath, `${dts.replace(/\n*$/, "\n")}\nexport declare const components: {};\n`);
    changed = true;
  }
  return changed;
}

function main() {
  execFileSync("npx", ["convex", "codegen", "--system-udfs", "--typecheck", "disable"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  addComponentsExport();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
