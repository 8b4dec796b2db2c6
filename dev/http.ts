/**
 * The HTTP side of port 3210: the API `ConvexHttpClient` posts to (/api/query, /api/mutation,
 * /api/action, /api/function), file storage (upload URL and file URLs that storage syscalls hand
 * out), `GET /demo/info` for the UI's "offline demo" banner, and `POST /test/reset` (loopback
 * callers only) for tests.
 *
 * Responses follow the deployment's shapes: 200 {status:"success", value, logLines} or
 * 560 {status:"error", errorMessage, errorData?, logLines}.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JSONValue } from "convex/values";
import { identityFromToken, type Identity } from "./auth";
import type { CallOutcome, Engine } from "./engine";
import { canonicalUdfPath, encodeTs } from "./protocol";

const STATUS_UDF_FAILED = 560;

export function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) reject(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? "";
  return a === "127.0.0.1" || a === "::1" || a === "::ffff:127.0.0.1";
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Content-Type, Authorization, Convex-Client",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json", ...CORS });
  res.end(JSON.stringify(body));
}

/** Identity from `Authorization: Bearer <demo token>`; undefined when a token is present but refused. */
export function identityFromHeader(req: IncomingMessage): Identity | null | undefined {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer (.+)$/.exec(h);
  if (!m) return undefined;
  const r = identityFromToken(m[1]);
  return r.ok ? r.identity : undefined;
}

function reply(res: ServerResponse, o: CallOutcome) {
  if (o.ok) json(res, 200, { status: "success", value: o.value, logLines: [] });
  else json(res, STATUS_UDF_FAILED, { status: "error", errorMessage: o.message, errorData: o.errorData, logLines: [] });
}

type Body = { path?: string; args?: JSONValue };

export type HttpApiOptions = { engine: Engine; onReset: () => Promise<void> };

/** Handles a request on port 3210; returns false when the path is not ours (404 upstream). */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  { engine, onReset }: HttpApiOptions,
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const path = url.pathname;
  if (req.method === "OPTIONS") {
    res.writeHead(204, CORS);
    res.end();
    return true;
  }
  if (path === "/demo/info" && req.method === "GET") {
    json(res, 200, { offline: true });
    return true;
  }
  if (path === "/test/reset" && req.method === "POST") {
    if (!isLoopback(req)) {
      json(res, 403, { error: "reset is only allowed from this machine" });
      return true;
    }
    await onReset();
    json(res, 200, { ok: true });
    return true;
  }
  if (path === "/api/query_ts" && req.method === "POST") {
    json(res, 200, { ts: encodeTs(engine.clock.current) });
    return true;
  }
  if (path === "/api/storage/upload" && req.method === "POST") {
    // Only with a token this runtime issued (ctx.storage.generateUploadUrl), once.
    if (!engine.takeUploadToken(url.searchParams.get("token"))) {
      req.resume();
      json(res, 401, {
        code: "InvalidUploadToken",
        message: "This upload URL is not valid (unknown, already used or expired). Ask for a new one.",
      });
      return true;
    }
    const blob = new Blob([new Uint8Array(await readBody(req))], {
      type: req.headers["content-type"] ?? "application/octet-stream",
    });
    const storageId = await engine.storeFile(blob);
    json(res, 200, { storageId });
    return true;
  }
  const file = /^\/api\/storage\/([^/]+)$/.exec(path);
  if (file && req.method === "GET") {
    const blob = await engine.getFile(decodeURIComponent(file[1]));
    if (!blob) {
      json(res, 404, { error: "no such file" });
      return true;
    }
    res.writeHead(200, {
      "Content-Type": blob.type || "application/octet-stream",
      "Content-Length": blob.size,
      ...CORS,
    });
    res.end(Buffer.from(await blob.arrayBuffer()));
    return true;
  }
  const kindOf: Record<string, "query" | "mutation" | "action" | "any"> = {
    "/api/query": "query",
    "/api/query_at_ts": "query",
    "/api/mutation": "mutation",
    "/api/action": "action",
    "/api/function": "any",
  };
  const declared = kindOf[path];
  if (!declared || req.method !== "POST") return false;
  const identity = identityFromHeader(req);
  if (identity === undefined) {
    json(res, 401, { code: "Unauthenticated", message: "Offline demo: the token was refused." });
    return true;
  }
  let body: Body;
  try {
    body = JSON.parse((await readBody(req)).toString("utf8")) as Body;
  } catch {
    json(res, 400, { code: "BadJsonBody", message: "Request body is not JSON." });
    return true;
  }
  const udfPath = canonicalUdfPath(body.path ?? "");
  // /api/function sends the args object itself; the others wrap it in a one-element array.
  const args = (declared === "any" ? body.args : Array.isArray(body.args) ? body.args[0] : body.args) ?? {};
  let kind = declared;
  if (kind === "any") {
    const fn = await engine.backend.resolve(udfPath);
    kind = fn.ok ? fn.kind : "query";
  }
  if (kind === "query") reply(res, await engine.query(udfPath, args, identity));
  else if (kind === "mutation") reply(res, await engine.mutation(udfPath, args, () => identity));
  else reply(res, await engine.action(udfPath, args, identity));
  return true;
}
