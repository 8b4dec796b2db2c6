/**
 * The runtime as a process of its own (dev/start.ts runs it as a child and restarts it when
 * convex/ changes, since ES modules cannot be reloaded in place). Settings from the environment:
 *   OFFLINE_HOST (127.0.0.1), OFFLINE_PORT (3210), OFFLINE_HTTP_PORT (3211),
 *   OFFLINE_SEED (demo | small | none), OFFLINE_CONVEX_DIR (convex).
 * Tells its parent { type: "ready", url, httpActionsUrl } over IPC when it listens.
 */
import { startRuntime } from "./runtime";
import type { SeedSize } from "./seed";

const env = process.env;
const runtime = await startRuntime({
  host: env.OFFLINE_HOST ?? "127.0.0.1",
  port: Number(env.OFFLINE_PORT ?? 3210),
  httpActionsPort: Number(env.OFFLINE_HTTP_PORT ?? 3211),
  seed: (env.OFFLINE_SEED as SeedSize | undefined) ?? "demo",
  convexDir: env.OFFLINE_CONVEX_DIR ?? "convex",
});

if (process.send) process.send({ type: "ready", url: runtime.url, httpActionsUrl: runtime.httpActionsUrl });
else console.log(`[offline] runtime on ${runtime.url} (HTTP actions on ${runtime.httpActionsUrl})`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void runtime.stop().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
