// One entry module of a Convex bundle, loaded cold in its own process (so V8's compile cache and
// heap hold nothing of other modules). Prints one JSON line: exports (with their kind), cron
// targets, HTTP routes, evaluate time and retained heap, or the error that stopped the load.
//
//   node --experimental-vm-modules --expose-gc scripts/deploy/loadModule.mjs isolate <bundleDir> <entry.js> [envJson]
//   node --expose-gc scripts/deploy/loadModule.mjs node <bundleDir> <entry.js>
//
// "isolate": a bare V8 context (node:vm) with only what Convex's isolate runtime offers
// (web-platform globals and `process.env`); no `require`, `Buffer`, `global`, `__dirname`, no Node
// builtin modules. "node": a plain dynamic import, as Convex's Node runtime loads "use node" files.
import vm from "node:vm";
import v8 from "node:v8";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [mode, bundleDir, entry, envJson] = process.argv.slice(2);
const gc = globalThis.gc;

function heapUsed() {
  gc?.();
  gc?.();
  return v8.getHeapStatistics().used_heap_size;
}

function describeExport(value) {
  if (value === null || (typeof value !== "function" && typeof value !== "object")) return { kind: "value" };
  const kind = value.isQuery
    ? "query"
    : value.isMutation
      ? "mutation"
      : value.isAction
        ? "action"
        : value.isHttp
          ? "httpAction"
          : "value";
  return { kind, visibility: value.isInternal ? "internal" : value.isPublic ? "public" : undefined };
}

function inspect(ns) {
  const exports = {};
  for (const name of Object.keys(ns)) exports[name] = describeExport(ns[name]);
  const out = { exports };
  const def = ns.default;
  if (entry === "crons.js" && def && typeof def === "object" && def.crons) {
    out.crons = Object.entries(def.crons).map(([id, c]) => ({ id, target: c.name }));
  }
  if (entry === "http.js" && def && typeof def.getRoutes === "function") {
    out.routes = def
      .getRoutes()
      .map(([path, method, handler]) => ({ path, method, isHttp: Boolean(handler && handler.isHttp) }));
  }
  if (entry === "auth.config.js" && def && typeof def === "object") {
    out.authProviders = Array.isArray(def.providers) ? def.providers.length : -1;
  }
  return out;
}

function bareContext(env) {
  // What Convex's V8 runtime provides to queries, mutations and actions (docs: "Runtimes").
  const g = {
    console,
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    Headers,
    Request,
    Response,
    Blob,
    File,
    FormData,
    AbortController,
    AbortSignal,
    ReadableStream,
    WritableStream,
    TransformStream,
    Event,
    EventTarget,
    crypto: globalThis.crypto,
    fetch: () => Promise.reject(new Error("fetch is not available while loading a module")),
    atob,
    btoa,
    structuredClone,
    queueMicrotask,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    process: Object.freeze({ env: Object.freeze({ ...env }) }),
  };
  return vm.createContext(g, { name: entry, codeGeneration: { strings: false, wasm: true } });
}

/** Warms the loader itself (vm, JSON, fs paths) on a throwaway module, so the figure is the bundle's. */
async function warmUp() {
  const m = new vm.SourceTextModule("export const x = 1;", { context: vm.createContext({}) });
  await m.link(() => {
    throw new Error("no imports");
  });
  await m.evaluate();
}

async function loadIsolate(context) {
  const cache = new Map();
  const load = (file) => {
    let m = cache.get(file);
    if (!m) {
      m = new vm.SourceTextModule(readFileSync(file, "utf8"), { identifier: file, context });
      cache.set(file, m);
    }
    return m;
  };
  const root = load(resolve(bundleDir, entry));
  await root.link((specifier, referencing) => {
    if (!specifier.startsWith("."))
      throw new Error(`imports "${specifier}", which the isolate runtime does not provide (not bundled)`);
    return load(resolve(dirname(referencing.identifier), specifier));
  });
  await root.evaluate();
  return { ns: root.namespace, modules: cache.size, keep: context };
}

async function main() {
  const env = envJson ? JSON.parse(envJson) : {};
  let context;
  if (mode === "isolate") {
    await warmUp();
    // The context itself is the runtime's, not the module's: created before the clock starts.
    context = bareContext(env);
  } else {
    // Convex's Node runtime gives bundles a CommonJS `require` (esbuild's shim calls it for
    // dependencies that are CommonJS inside; builtins such as "url" resolve through it).
    globalThis.require = createRequire(resolve(bundleDir, entry));
  }
  const before = heapUsed();
  // CPU time, not wall time: on a shared machine (CI, five engineers on two cores) the wall clock
  // measures the neighbours; the CPU this process spent is what the module costs.
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    let ns;
    let modules = 1;
    let keep;
    if (mode === "isolate") ({ ns, modules, keep } = await loadIsolate(context));
    else ns = await import(pathToFileURL(resolve(bundleDir, entry)).href);
    const used = process.cpuUsage(cpu);
    const evalMs = (used.user + used.system) / 1000;
    const wallMs = performance.now() - start;
    const heapBytes = Math.max(0, heapUsed() - before);
    process.stdout.write(
      JSON.stringify({ ok: true, entry, evalMs, wallMs, heapBytes, modules, ...inspect(ns) }) + "\n",
    );
    void keep;
  } catch (e) {
    process.stdout.write(
      JSON.stringify({ ok: false, entry, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }) + "\n",
    );
  }
}

await main();
