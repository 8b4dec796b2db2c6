/**
 * `npm start`: the offline demo. Starts the runtime (dev/serve.ts, a child process) on
 * 127.0.0.1:3210 with HTTP actions on 3211, keeping its data in .data/ (seeded with the demo the
 * first time), and serves the app with Vite on 127.0.0.1:5173 pointed at it (VITE_CONVEX_URL,
 * VITE_OFFLINE_DEMO=1, VITE_CONVEX_SITE_URL for the public tracking page). When a file in convex/
 * changes, the runtime restarts with the new functions and the same data; open pages reconnect.
 *
 * `npm run reset` (or `npm start -- --reset`): moves the data folder aside (kept as
 * <folder>.bak-<time>, the three newest are kept) and starts with fresh demo data.
 *
 * Environment (all in README "Offline runtime"): OFFLINE_PORT, OFFLINE_HTTP_PORT, VITE_PORT,
 * OFFLINE_DATA_DIR, OFFLINE_SEED, OFFLINE_SIMULATOR, OFFLINE_TRACE.
 * Any taken port stops the start with the port, its holder when known, and the variable to change.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, rmSync, watch } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { assertPortFree, PortInUse } from "./ports";
import { moveAside } from "./persist";
import { RUNTIME_NODE_ARGS } from "./child";

const root = resolve(import.meta.dirname, "..");
const port = Number(process.env.OFFLINE_PORT ?? 3210);
const httpPort = Number(process.env.OFFLINE_HTTP_PORT ?? 3211);
const vitePort = Number(process.env.VITE_PORT ?? 5173);
const dataDir =
  process.env.OFFLINE_DATA_DIR === "memory" ? "memory" : resolve(root, process.env.OFFLINE_DATA_DIR ?? ".data");
const simulator = process.env.OFFLINE_SIMULATOR ?? "1";
const runtimeUrl = `http://127.0.0.1:${port}`;
const appUrl = `http://127.0.0.1:${vitePort}`;

let child: ChildProcess | null = null;
/** Set while we stop the child on purpose (a restart), so its exit is not reported as a crash. */
let stopping = false;
let vite: ViteDevServer | null = null;

function die(message: string): never {
  console.error(`\n[offline] cannot start: ${message}\n`);
  process.exit(1);
}

if (process.argv.includes("--reset") || process.env.OFFLINE_RESET === "1") {
  if (dataDir !== "memory") {
    const aside = moveAside(dataDir);
    if (aside) {
      console.log(`[offline] reset: the previous data is kept in ${aside}`);
      const prefix = `${basename(dataDir)}.bak-`;
      const backups = readdirSync(dirname(dataDir))
        .filter((f) => f.startsWith(prefix))
        .sort()
        .reverse();
      for (const old of backups.slice(3)) rmSync(join(dirname(dataDir), old), { recursive: true, force: true });
    }
  }
}

type Started = { ok: true } | { ok: false; message: string | null };

function startRuntime(): Promise<Started> {
  return new Promise((done) => {
    let failure: string | null = null;
    const c = spawn(process.execPath, [...RUNTIME_NODE_ARGS, resolve(root, "dev/serve.ts")], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: {
        ...process.env,
        OFFLINE_PORT: String(port),
        OFFLINE_HTTP_PORT: String(httpPort),
        OFFLINE_DATA_DIR: dataDir,
        OFFLINE_SIMULATOR: simulator,
        // The app's real address, for links in customer messages (convex/seed.ts keeps the demo's
        // tracking page setting on it).
        APP_URL: appUrl,
      },
    });
    child = c;
    c.on("message", (m: { type?: string; message?: string }) => {
      if (m.type === "ready") done({ ok: true });
      if (m.type === "failed") failure = m.message ?? null;
    });
    c.on("exit", (code) => {
      if (child === c) child = null;
      if (!stopping && code !== 0) {
        console.error(
          failure ? `\n[offline] ${failure}\n` : `[offline] the runtime stopped (exit ${code ?? "signal"})`,
        );
        if (vite)
          console.error(
            "[offline] fix the cause and save a file in convex/ to start the runtime again (your data is kept)",
          );
      }
      done({ ok: false, message: failure });
    });
  });
}

function stopRuntime(): Promise<void> {
  const c = child;
  if (!c || c.exitCode !== null) return Promise.resolve();
  stopping = true;
  return new Promise((done) => {
    const force = setTimeout(() => c.kill("SIGKILL"), 5000);
    c.once("exit", () => {
      clearTimeout(force);
      stopping = false;
      done();
    });
    c.kill("SIGTERM");
  });
}

async function shutdown() {
  await stopRuntime();
  await vite?.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

// Every port is checked first: a taken one stops here, before any success banner.
try {
  await assertPortFree(port, "127.0.0.1", "OFFLINE_PORT");
  await assertPortFree(httpPort, "127.0.0.1", "OFFLINE_HTTP_PORT");
  await assertPortFree(vitePort, "127.0.0.1", "VITE_PORT");
} catch (e) {
  if (e instanceof PortInUse) die(e.message);
  throw e;
}

console.log(`[offline] starting the offline runtime (data in ${dataDir === "memory" ? "memory only" : dataDir})…`);
const first = await startRuntime();
if (!first.ok) die(first.message ?? "the runtime stopped while starting (see the lines above)");

// Restart on changes in convex/ (debounced; tests and editor temp files do not count).
let timer: NodeJS.Timeout | null = null;
let restarting: Promise<void> = Promise.resolve();
watch(resolve(root, "convex"), { recursive: true }, (_event, file) => {
  if (!file || /\.test\.ts$|\.testing\.ts$|~$|\.swp$|^\.#/.test(file)) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    restarting = restarting.then(async () => {
      console.log(`[offline] convex/${file} changed: reloading the functions (data kept)…`);
      await stopRuntime();
      if ((await startRuntime()).ok) console.log("[offline] runtime restarted");
    });
  }, 300);
});

process.env.VITE_CONVEX_URL = runtimeUrl;
// The customer tracking page calls the HTTP actions (src/features/tracking/lib/siteUrl.ts).
process.env.VITE_CONVEX_SITE_URL = `http://127.0.0.1:${httpPort}`;
process.env.VITE_OFFLINE_DEMO = "1";
try {
  vite = await createServer({ root, server: { host: "127.0.0.1", port: vitePort, strictPort: true } });
  await vite.listen();
} catch (e) {
  await stopRuntime();
  die(
    `Vite could not listen on ${appUrl} (${e instanceof Error ? e.message : String(e)}); set VITE_PORT to a free port`,
  );
}
const shownUrl = vite.resolvedUrls?.local[0] ?? `${appUrl}/`;

const lines = [
  "Order platform — offline demo",
  "",
  `Open      ${shownUrl}`,
  "          sign in as Admin, Supervisor or Floor on the first page",
  `Tracking  ${shownUrl.replace(/\/$/, "")}/track  (the customer page)`,
  `Backend   ${runtimeUrl}   HTTP actions http://127.0.0.1:${httpPort}`,
  `Data      ${dataDir === "memory" ? "in memory (OFFLINE_DATA_DIR=memory)" : dataDir}`,
  `Floor simulator ${simulator === "1" ? "on (OFFLINE_SIMULATOR=0 to stop it)" : "off"}`,
  "",
  "Ctrl+C stops; `npm start` resumes; `npm run reset` starts afresh",
];
const width = Math.max(...lines.map((l) => l.length));
console.log(
  [
    "",
    `  ┌${"─".repeat(width + 4)}┐`,
    ...lines.map((l) => `  │  ${l.padEnd(width)}  │`),
    `  └${"─".repeat(width + 4)}┘`,
    "",
  ].join("\n"),
);
