/**
 * `npm start`: the offline demo. Starts the runtime (dev/serve.ts, a child process) on
 * 127.0.0.1:3210 with HTTP actions on 3211, seeds the demo, and serves the app with Vite on
 * 127.0.0.1:5173 pointed at it (VITE_CONVEX_URL, VITE_OFFLINE_DEMO=1). When a file in convex/
 * changes, the runtime restarts with fresh demo data; open pages reconnect by themselves.
 * VITE_CONVEX_SITE_URL points the UI at the HTTP actions (the public tracking page uses them).
 *
 * Environment: OFFLINE_PORT, OFFLINE_HTTP_PORT, OFFLINE_SEED (demo | small | none), VITE_PORT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import { resolve } from "node:path";
import { createServer, type ViteDevServer } from "vite";

const root = resolve(import.meta.dirname, "..");
const port = Number(process.env.OFFLINE_PORT ?? 3210);
const httpPort = Number(process.env.OFFLINE_HTTP_PORT ?? 3211);
const vitePort = Number(process.env.VITE_PORT ?? 5173);
const runtimeUrl = `http://127.0.0.1:${port}`;

let child: ChildProcess | null = null;
/** Set while we stop the child on purpose (a restart), so its exit is not reported as a crash. */
let stopping = false;
let vite: ViteDevServer | null = null;

function startRuntime(): Promise<boolean> {
  return new Promise((done) => {
    const c = spawn(process.execPath, ["--import", "tsx", resolve(root, "dev/serve.ts")], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, OFFLINE_PORT: String(port), OFFLINE_HTTP_PORT: String(httpPort) },
    });
    child = c;
    c.on("message", (m: { type?: string }) => {
      if (m.type === "ready") done(true);
    });
    c.on("exit", (code) => {
      if (child === c) child = null;
      if (!stopping && code !== 0) console.error(`[offline] the runtime stopped (exit ${code ?? "signal"}); fix convex/ and save a file there to restart it`);
      done(false);
    });
  });
}

function stopRuntime(): Promise<void> {
  const c = child;
  if (!c || c.exitCode !== null) return Promise.resolve();
  stopping = true;
  return new Promise((done) => {
    const force = setTimeout(() => c.kill("SIGKILL"), 3000);
    c.once("exit", () => {
      clearTimeout(force);
      stopping = false;
      done();
    });
    c.kill("SIGTERM");
  });
}

// Restart on changes in convex/ (debounced; tests and editor temp files do not count).
let timer: NodeJS.Timeout | null = null;
let restarting: Promise<void> = Promise.resolve();
watch(resolve(root, "convex"), { recursive: true }, (_event, file) => {
  if (!file || /\.test\.ts$|\.testing\.ts$|~$|\.swp$|^\.#/.test(file)) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    restarting = restarting.then(async () => {
      console.log(`[offline] convex/${file} changed: restarting the runtime with fresh demo data…`);
      await stopRuntime();
      if (await startRuntime()) console.log("[offline] runtime restarted");
    });
  }, 300);
});

async function shutdown() {
  await stopRuntime();
  await vite?.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

console.log("[offline] starting the offline runtime and seeding demo data…");
await startRuntime();

process.env.VITE_CONVEX_URL = runtimeUrl;
// The customer tracking page calls the HTTP actions (src/features/tracking/lib/siteUrl.ts).
process.env.VITE_CONVEX_SITE_URL = `http://127.0.0.1:${httpPort}`;
process.env.VITE_OFFLINE_DEMO = "1";
vite = await createServer({ root, server: { host: "127.0.0.1", port: vitePort } });
await vite.listen();
const appUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vitePort}/`;

console.log(`
  ┌──────────────────────────────────────────────────────────┐
  │  Order platform — offline demo                           │
  │                                                          │
  │  Open  ${appUrl.padEnd(50)}│
  │  Sign in as Admin, Supervisor or Floor on the first page │
  │                                                          │
  │  Backend ${runtimeUrl.padEnd(48)}│
  │  HTTP actions http://127.0.0.1:${String(httpPort).padEnd(26)}│
  │  Ctrl+C to stop; saving a file in convex/ reseeds        │
  └──────────────────────────────────────────────────────────┘
`);
