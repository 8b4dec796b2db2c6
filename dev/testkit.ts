/**
 * Helpers for the runtime's own tests: a runtime on a free port over the fixture project
 * (dev/fixtures/convex) or the app, official clients pointed at it, and a raw protocol socket
 * for the cases the official client hides (re-sent mutations, auth errors).
 */
import { resolve } from "node:path";
import WebSocket from "ws";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { startRuntime, type Runtime, type RuntimeOptions } from "./runtime";
import { demoToken, type DemoRole } from "./auth";
import type { ClientMessage, ServerMessage } from "./protocol";

export const FIXTURE_DIR = resolve(import.meta.dirname, "fixtures/convex");

export function startFixture(options: RuntimeOptions = {}): Promise<Runtime> {
  return startRuntime({ port: 0, httpActionsPort: 0, seed: "none", crons: false, convexDir: FIXTURE_DIR, ...options });
}

export function client(rt: Runtime, role?: DemoRole): ConvexClient {
  const c = new ConvexClient(rt.url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket });
  if (role) c.setAuth(async () => demoToken(role));
  return c;
}

export function httpClient(rt: Runtime, role?: DemoRole): ConvexHttpClient {
  const c = new ConvexHttpClient(rt.url);
  if (role) c.setAuth(demoToken(role));
  return c;
}

/** Polls until `check` returns a value other than undefined (or throws after `ms`). */
export async function waitFor<T>(check: () => T | undefined, ms = 5000, what = "condition"): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A bare protocol socket: send client messages, read server messages in order. */
export class RawSocket {
  readonly received: ServerMessage[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (d) => this.received.push(JSON.parse(String(d)) as ServerMessage));
  }

  static open(rt: { url: string }): Promise<RawSocket> {
    const ws = new WebSocket(`${rt.url.replace("http", "ws")}/api/1.48.0/sync`);
    return new Promise((ok, fail) => {
      ws.once("open", () => ok(new RawSocket(ws)));
      ws.once("error", fail);
    });
  }

  send(msg: ClientMessage) {
    this.ws.send(JSON.stringify(msg));
  }

  next<T extends ServerMessage["type"]>(type: T, ms = 5000): Promise<Extract<ServerMessage, { type: T }>> {
    return waitFor(
      () => {
        const at = this.received.findIndex((m) => m.type === type);
        if (at === -1) return undefined;
        return this.received.splice(at, 1)[0] as Extract<ServerMessage, { type: T }>;
      },
      ms,
      type,
    );
  }

  close() {
    this.ws.close();
  }
}
