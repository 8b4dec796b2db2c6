/**
 * The runtime as a process of its own (dev/start.ts runs it as a child and restarts it when
 * convex/ changes, since ES modules cannot be reloaded in place; the data folder carries the data
 * across). Settings from the environment:
 *   OFFLINE_HOST (127.0.0.1), OFFLINE_PORT (3210), OFFLINE_HTTP_PORT (3211),
 *   OFFLINE_SEED (demo | small | none: what an empty data folder starts with),
 *   OFFLINE_CONVEX_DIR (convex), OFFLINE_DATA_DIR (.data; "memory" = keep nothing),
 *   OFFLINE_SIMULATOR (1 = run the floor simulator), OFFLINE_CRONS (0 = no crons; tests).
 * Tells its parent { type: "ready", url, httpActionsUrl } over IPC when it listens, or
 * { type: "failed", message } when it cannot start (port taken, data that no longer fits).
 */
import { resolve } from "node:path";
import { startRuntime } from "./runtime";
import type { SeedSize } from "./seed";
import { PortInUse } from "./ports";
import { DataDirInUse, DataFolderDamaged } from "./persist";
import { SchemaMismatch } from "./durable";

const env = process.env;
const dataDir = env.OFFLINE_DATA_DIR === "memory" ? null : resolve(env.OFFLINE_DATA_DIR ?? ".data");

function fail(message: string): never {
  if (process.send) process.send({ type: "failed", message });
  else console.error(`[offline] ${message}`);
  // Give the IPC message a moment to leave before exiting.
  setTimeout(() => process.exit(2), 50);
  throw new Error(message);
}

let runtime: Awaited<ReturnType<typeof startRuntime>>;
try {
  runtime = await startRuntime({
    host: env.OFFLINE_HOST ?? "127.0.0.1",
    port: Number(env.OFFLINE_PORT ?? 3210),
    httpActionsPort: Number(env.OFFLINE_HTTP_PORT ?? 3211),
    seed: (env.OFFLINE_SEED as SeedSize | undefined) ?? "demo",
    convexDir: env.OFFLINE_CONVEX_DIR ?? "convex",
    dataDir,
    simulator: env.OFFLINE_SIMULATOR === "1",
    crons: env.OFFLINE_CRONS !== "0",
  });
} catch (e) {
  if (
    e instanceof PortInUse ||
    e instanceof DataDirInUse ||
    e instanceof SchemaMismatch ||
    e instanceof DataFolderDamaged
  )
    fail(e.message);
  throw e;
}

if (process.send) process.send({ type: "ready", url: runtime.url, httpActionsUrl: runtime.httpActionsUrl, dataDir });
else
  console.log(
    `[offline] runtime on ${runtime.url} (HTTP actions on ${runtime.httpActionsUrl}); data in ${dataDir ?? "memory"}`,
  );

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void runtime.stop().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
