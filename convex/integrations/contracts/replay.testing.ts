/**
 * Replaying the vendors' own recordings (`../shared/vendor-recordings`, see its README) through
 * the adapters. A `Replay` is a local vendor server on 127.0.0.1 that answers only from recorded
 * exchanges: each request is matched (method + path, trailing slash ignored) to the first queued
 * exchange, which is answered with its recorded status and body — nulls, missing fields, HTML
 * error pages and all. A request no recording answers is a 599 and a miss, so a contract case
 * fails when the adapter calls something the vendor was never recorded answering.
 *
 * Each contract module (easypost, shippo, shipstation, amazon, shopify) lists its cases: what to
 * queue and which adapter call to make, with the result that call must give. Every recorded
 * exchange is either replayed by a case or excluded with a reason (`excluded`), and the contract
 * test checks that nothing is left over. The same cases feed `npm run bench -- vendors`.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FakeVendor, type FakeRequest } from "../carriers/fakeServer.testing";

export type Exchange = {
  /** "easypost/buys-a-shipment.json#1" */
  id: string;
  vendor: string;
  file: string;
  index: number;
  method?: string;
  path?: string;
  status: number;
  request: unknown;
  response: unknown;
};

/** `VENDOR_RECORDINGS_DIR`, else `../shared/vendor-recordings` beside the repository (as CI has it). */
export function recordingsDir(): string {
  if (process.env.VENDOR_RECORDINGS_DIR) return process.env.VENDOR_RECORDINGS_DIR;
  const repo = fileURLToPath(new URL("../../../", import.meta.url));
  return resolve(repo, "../shared/vendor-recordings");
}

const cache = new Map<string, unknown>();
export function readRecording(vendor: string, file: string): unknown {
  const key = `${vendor}/${file}`;
  if (!cache.has(key)) {
    const path = resolve(recordingsDir(), vendor, file);
    if (!existsSync(path))
      throw new Error(
        `Recording ${key} not found under ${recordingsDir()} (set VENDOR_RECORDINGS_DIR, or put ../shared beside the repository).`,
      );
    cache.set(key, JSON.parse(readFileSync(path, "utf8")));
  }
  return cache.get(key);
}

export function recordingFiles(vendor: string): string[] {
  return readdirSync(resolve(recordingsDir(), vendor))
    .filter((f) => f.endsWith(".json"))
    .sort();
}

type Swagger = {
  swagger: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        responses?: Record<
          string,
          {
            "x-amzn-api-sandbox"?: {
              static?: { request?: { parameters?: Record<string, { value?: unknown }> }; response?: unknown }[];
            };
          }
        >;
      }
    >
  >;
};

/**
 * Every exchange of a file: HAR/VCR lists keep their request; an API model's sandbox examples
 * (SP-API `x-amzn-api-sandbox`) are one exchange each, at the path their parameters fill in;
 * documented example bodies (Shopify) are one each; a single body (ShipEngine mocks) is one.
 */
export function exchangesOf(vendor: string, file: string): Exchange[] {
  const data = readRecording(vendor, file);
  if (data && typeof data === "object" && "swagger" in data) {
    const out: Exchange[] = [];
    for (const [template, ops] of Object.entries((data as Swagger).paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [code, res] of Object.entries(op.responses ?? {})) {
          for (const [i, ex] of (res["x-amzn-api-sandbox"]?.static ?? []).entries()) {
            const params = ex.request?.parameters ?? {};
            const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
              encodeURIComponent(String(params[name]?.value ?? name)),
            );
            out.push({
              id: `${vendor}/${file}#${op.operationId}:${code}:${i}`,
              vendor,
              file,
              index: out.length,
              method: method.toUpperCase(),
              path,
              status: Number(code),
              request: params,
              response: ex.response ?? {},
            });
          }
        }
      }
    }
    return out;
  }
  if (data && typeof data === "object" && Array.isArray((data as { bodies?: unknown[] }).bodies)) {
    return (data as { bodies: unknown[] }).bodies.map((body, index) => ({
      id: `${vendor}/${file}#${index}`,
      vendor,
      file,
      index,
      status: 200,
      request: undefined,
      response: body,
    }));
  }
  const isHar = Array.isArray(data) && data.every((e) => e && typeof e === "object" && "url" in e && "method" in e);
  if (isHar) {
    return (data as { method: string; url: string; status: number; request: unknown; response: unknown }[]).map(
      (e, index) => ({
        id: `${vendor}/${file}#${index}`,
        vendor,
        file,
        index,
        method: e.method,
        path: new URL(e.url).pathname,
        status: e.status,
        request: e.request,
        response: e.response,
      }),
    );
  }
  const status = Number(/(\d{3})Response\.json$/.exec(file)?.[1] ?? 200);
  return [{ id: `${vendor}/${file}#0`, vendor, file, index: 0, status, request: undefined, response: data }];
}

export const exchange = (vendor: string, file: string, index: number | string = 0) => {
  const all = exchangesOf(vendor, file);
  const ex = typeof index === "number" ? all[index] : all.find((e) => e.id.endsWith(`#${index}`));
  if (!ex) throw new Error(`No exchange ${index} in ${vendor}/${file}`);
  return ex;
};

const norm = (p: string) => p.replace(/\/+$/, "") || "/";

export class Replay {
  readonly vendor: FakeVendor;
  private queue: { ex: Exchange; method: string; path: RegExp | string; rewrite?: (body: unknown) => unknown }[] = [];
  /** Answers the recordings do not hold (an OAuth token exchange, a pre-signed upload): never counted. */
  private scaffolds: {
    method: string;
    path: RegExp;
    answer: (req: FakeRequest) => { status: number; body: unknown; contentType?: string };
  }[] = [];
  readonly served: Exchange[] = [];
  readonly misses: string[] = [];

  constructor() {
    this.vendor = new FakeVendor();
    this.vendor.route("(?:GET|POST|PUT|PATCH|DELETE)", ".*", (req) => this.answer(req));
  }

  /** Queue recorded exchanges at their recorded method and path (or at `at`: "POST /v2/rates"). */
  serve(ex: Exchange, at?: string, opts: { rewrite?: (body: unknown) => unknown } = {}) {
    const [method, path] = at ? at.split(" ") : [ex.method, ex.path];
    if (!method || !path) throw new Error(`${ex.id} has no recorded request line; give one`);
    this.queue.push({
      ex,
      method,
      path: path.includes("*") ? new RegExp(`^${path.replace(/\*/g, "[^/]+")}/?$`) : norm(path),
      rewrite: opts.rewrite,
    });
    return this;
  }

  /** Infrastructure around the vendor's API that no recording holds (token endpoints, uploads). */
  scaffold(
    method: string,
    path: string,
    answer: (req: FakeRequest) => { status: number; body: unknown; contentType?: string },
  ) {
    this.scaffolds.push({ method, path: new RegExp(`^${path.replace(/\*/g, "[^/]+")}/?$`), answer });
    return this;
  }

  private answer(req: FakeRequest) {
    const scaffold = this.scaffolds.find((s) => s.method === req.method && s.path.test(req.path));
    if (scaffold) return scaffold.answer(req);
    const i = this.queue.findIndex(
      (q) =>
        q.method === req.method && (typeof q.path === "string" ? q.path === norm(req.path) : q.path.test(req.path)),
    );
    if (i < 0) {
      this.misses.push(`${req.method} ${req.path}`);
      return { status: 599, body: { error: `no recording answers ${req.method} ${req.path}` } };
    }
    const [{ ex, rewrite }] = this.queue.splice(i, 1);
    this.served.push(ex);
    const html = typeof ex.response === "string";
    if (ex.status === 204) return { status: 204, body: "", contentType: "text/plain" };
    return {
      status: ex.status,
      body: rewrite ? rewrite(ex.response) : ex.response,
      contentType: html ? "text/html" : undefined,
    };
  }

  /** The requests that reached the server, newest last. */
  get requests() {
    return this.vendor.requests;
  }

  pending() {
    return this.queue.map((q) => q.ex.id);
  }

  start() {
    return this.vendor.start();
  }

  stop() {
    return this.vendor.stop();
  }
}

/** One contract case: queue exchanges, call the adapter, check what it made of them. */
export type ContractCase = {
  name: string;
  run: (replay: Replay) => Promise<void>;
};

export type Contract = {
  vendor: string;
  cases: ContractCase[];
  /** Recorded exchanges no adapter call makes, each with the reason. */
  excluded: Record<string, string>;
};

export type CaseResult = { name: string; served: string[]; error?: string };

/** Runs one case on its own replay server: it fails on a thrown assertion, a miss or an unserved exchange. */
export async function runCase(c: ContractCase): Promise<CaseResult> {
  const replay = new Replay();
  await replay.start();
  try {
    await c.run(replay);
    if (replay.misses.length) throw new Error(`requests no recording answers: ${replay.misses.join(", ")}`);
    if (replay.pending().length)
      throw new Error(`recorded exchanges the adapter never asked for: ${replay.pending().join(", ")}`);
    return { name: c.name, served: replay.served.map((e) => e.id) };
  } catch (e) {
    return { name: c.name, served: replay.served.map((e) => e.id), error: e instanceof Error ? e.message : String(e) };
  } finally {
    await replay.stop();
  }
}

/** Runs every case of a contract; reports the exchanges replayed and what is neither replayed nor excluded. */
export async function runContract(contract: Contract) {
  const results: CaseResult[] = [];
  for (const c of contract.cases) results.push(await runCase(c));
  const all = recordingFiles(contract.vendor).flatMap((f) => exchangesOf(contract.vendor, f).map((e) => e.id));
  const replayed = new Set(results.filter((r) => !r.error).flatMap((r) => r.served));
  const uncovered = all.filter(
    (id) => !replayed.has(id) && !(id in contract.excluded) && !results.some((r) => r.error && r.served.includes(id)),
  );
  return {
    results,
    total: all.length,
    replayed: replayed.size,
    excluded: Object.keys(contract.excluded).length,
    uncovered,
    failures: results.filter((r) => r.error).length,
  };
}

/** Node's assert, without importing vitest (the bench runs the same cases). */
export function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}
export function equal<T>(actual: T, expected: T, what: string) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${what}: expected ${b}, got ${a}`);
}

/** Each named field of `rows`, in order, against its expected column (e.g. a multi-piece purchase's labels). */
export function equalColumns<T extends object>(rows: T[], expected: { [K in keyof T]?: T[K][] }) {
  for (const key of Object.keys(expected) as (keyof T & string)[])
    equal(
      rows.map((r) => r[key]),
      expected[key],
      key,
    );
}
