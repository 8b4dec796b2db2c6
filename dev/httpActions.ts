/**
 * HTTP actions (`convex/http.ts`, when it exists) on their own port (3211 by default), as a
 * deployment serves them on its .site URL. Each request goes through convex-test's `t.fetch`,
 * which routes with the project's own httpRouter. Writes the actions make are flushed to
 * subscribers like any other (the tracker sees them).
 */
import { createServer, type Server } from "node:http";
import type { Engine } from "./engine";
import { identityFromHeader, readBody } from "./http";

export function createHttpActionServer(engine: Engine): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        const backend = engine.backend;
        if (!backend.hasModule("http")) {
          res.writeHead(404, { "Content-Type": "text/plain" });
          res.end("This project has no convex/http.ts");
          return;
        }
        const identity = identityFromHeader(req) ?? null;
        const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === "string") headers.set(k, v);
          else if (Array.isArray(v)) for (const one of v) headers.append(k, one);
        }
        const response = await backend.within(() =>
          backend.as(identity).fetch(req.url ?? "/", { method: req.method, headers, body }),
        );
        const out: Record<string, string> = {};
        response.headers.forEach((v, k) => (out[k] = v));
        res.writeHead(response.status, out);
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (e) {
        console.error("[offline] http action failed:", e);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("Server Error");
      }
    })();
  });
}
