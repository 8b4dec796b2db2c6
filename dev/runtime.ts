/**
 * The offline runtime: runs the project's `convex/` functions in memory (convex-test) behind
 * the endpoints a Convex deployment offers, so the unmodified Convex clients connect by URL:
 *   ws://HOST:PORT/api/<any version>/sync   the sync protocol (session.ts)
 *   http://HOST:PORT/api/…                  ConvexHttpClient, storage, /demo/info, /test/reset (http.ts)
 *   http://HOST:HTTP_PORT/…                 HTTP actions from convex/http.ts (httpActions.ts)
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { WebSocketServer } from "ws";
import { Engine } from "./engine";
import { handleApi } from "./http";
import { createHttpActionServer } from "./httpActions";
import { Session } from "./session";
import { startCrons } from "./crons";
import { resumeBackend, seedBackend, type SeedSize } from "./seed";
import { startSimulator } from "./simulator";
import { assertPortFree, PortInUse, portHolder } from "./ports";

export type RuntimeOptions = {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** HTTP actions port; 0 = any free port, null = don't serve HTTP actions. */
  httpActionsPort?: number | null;
  convexDir?: string;
  seed?: SeedSize;
  /** Multiplies the seed's orders (scale measurements); default 1. */
  seedScale?: number;
  crons?: boolean;
  /** Data folder (write-ahead journal + snapshots, dev/persist.ts); null/undefined = in memory. */
  dataDir?: string | null;
  /** False: journal without fsync (only to measure what durability costs). */
  fsync?: boolean;
  /** Runs the floor simulator (dev/simulator.ts): demo work picked, packed and shipped at a human pace. */
  simulator?: boolean;
};

export type Runtime = {
  url: string;
  httpActionsUrl: string | null;
  engine: Engine;
  reset(): Promise<void>;
  /** Cuts every WebSocket (clients reconnect by themselves); for tests. */
  dropConnections(): void;
  /**
   * While on, the backend is unreachable for the sync protocol: every WebSocket is cut and new
   * ones are refused (data and HTTP stay as they are); for tests of the app's offline state.
   */
  refuseConnections(on: boolean): void;
  stop(): Promise<void>;
};

function listen(server: Server, port: number, host: string, variable: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      fail(e.code === "EADDRINUSE" || e.code === "EACCES" ? new PortInUse(port, variable, portHolder(port)) : e);
    });
    server.listen(port, host, () => ok((server.address() as AddressInfo).port));
  });
}

export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const host = options.host ?? "127.0.0.1";
  const convexDir = resolve(options.convexDir ?? "convex");
  const size = options.seed ?? "demo";
  const api = createServer();
  // Both ports are checked before anything starts, so a taken one never leaves half a runtime.
  if (options.httpActionsPort !== null)
    await assertPortFree(options.httpActionsPort ?? 3211, host, "OFFLINE_HTTP_PORT");
  const port = await listen(api, options.port ?? 3210, host, "OFFLINE_PORT");
  const url = `http://${host}:${port}`;
  const engine = new Engine({
    convexDir,
    storageBaseUrl: url,
    seed: (b) => seedBackend(b, size, options.seedScale),
    resume: resumeBackend,
    dataDir: options.dataDir,
    fsync: options.fsync,
  });
  // Listening already (the port is known), but nothing is served before the seed is in: early
  // clients (pages reconnecting to a restarted runtime) wait instead of seeing an empty backend.
  const ready = engine.start();

  const wss = new WebSocketServer({ noServer: true });
  let refusing = false;
  api.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", url).pathname;
    if (refusing || !/^\/api\/[^/]+\/sync$/.test(path)) {
      socket.destroy();
      return;
    }
    ready.then(
      () => wss.handleUpgrade(req, socket, head, (ws) => new Session(ws, engine)),
      () => socket.destroy(),
    );
  });
  const reset = () => engine.reset();
  api.on("request", (req, res) => {
    ready
      .then(() => handleApi(req, res, { engine, onReset: reset }))
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { "Content-Type": "text/plain" });
          res.end("Not found");
        }
      })
      .catch((e: unknown) => {
        console.error("[offline] request failed:", e);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("Server Error");
      });
  });

  try {
    await ready;
  } catch (e) {
    api.closeAllConnections();
    api.close();
    throw e;
  }

  let httpActionsUrl: string | null = null;
  let actions: Server | null = null;
  if (options.httpActionsPort !== null) {
    actions = createHttpActionServer(engine);
    try {
      const p = await listen(actions, options.httpActionsPort ?? 3211, host, "OFFLINE_HTTP_PORT");
      httpActionsUrl = `http://${host}:${p}`;
    } catch (e) {
      // Taken between the check and now: release everything (and the data folder) before failing.
      api.closeAllConnections();
      api.close();
      engine.stop();
      throw e;
    }
  }
  const stopCrons = options.crons === false ? () => {} : await startCrons(engine);
  // A fresh demo gets its morning's work done first (pick lists, packed and shipped orders).
  const stopSimulator = options.simulator
    ? startSimulator(engine, { warmUpSteps: engine.seededAtStart ? 400 : 0 })
    : () => {};

  return {
    url,
    httpActionsUrl,
    engine,
    reset,
    dropConnections() {
      for (const ws of wss.clients) ws.terminate();
    },
    refuseConnections(on) {
      refusing = on;
      if (on) for (const ws of wss.clients) ws.terminate();
    },
    async stop() {
      stopSimulator();
      stopCrons();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      api.closeAllConnections();
      actions?.closeAllConnections();
      await Promise.all([new Promise((r) => api.close(r)), actions ? new Promise((r) => actions.close(r)) : null]);
      engine.stop();
    },
  };
}
