/**
 * A vendor-shaped HTTP server on 127.0.0.1 for adapter tests and the rate-shop benchmark. Each
 * vendor fake supplies routes answering in the vendor's documented shapes; this core adds what real
 * networks do to us: a delay per request, a server that never answers, status faults (429, 500) and
 * the worst one for purchases, a request the vendor carries out whose response never arrives.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage["headers"];
};
export type FakeResponse = { status: number; body: unknown; contentType?: string };
export type Route = (req: FakeRequest, params: string[]) => FakeResponse | undefined;

/** What to do to the next `times` requests whose "METHOD /path" matches. */
export type Fault = { match: RegExp; times: number } & (
  | { kind: "status"; status: number; body: unknown }
  | { kind: "hang" }
  /** Carry the request out, then cut the connection without answering. */
  | { kind: "drop" }
);

export class FakeVendor {
  readonly requests: FakeRequest[] = [];
  readonly faults: Fault[] = [];
  /** Delay before every answer, in ms. */
  delayMs = 0;
  /** Never answer anything (the hung provider). */
  hangAll = false;
  /**
   * A vendor's documented rate limit: more than `perSecond` API requests (label file downloads
   * excepted) in any trailing second are answered 429 with `body`; `limited` counts them.
   */
  rateLimit?: { perSecond: number; body: unknown };
  limited = 0;
  private recent: number[] = [];
  private server?: Server;
  private routes: [RegExp, Route][] = [];
  url = "";

  constructor(private readonly auth: (req: FakeRequest) => FakeResponse | undefined = () => undefined) {}

  route(method: string, pattern: string, handler: Route) {
    // "/v2/shipments/:id/buy" → ^POST /v2/shipments/([^/]+)/buy$
    this.routes.push([new RegExp(`^${method} ${pattern.replace(/:[a-z_]+/gi, "([^/]+)")}$`), handler]);
    return this;
  }

  fault(f: Fault) {
    this.faults.push(f);
    return this;
  }

  count(method: string, path: RegExp) {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length;
  }

  private takeFault(key: string): Fault | undefined {
    const f = this.faults.find((x) => x.times > 0 && x.match.test(key));
    if (f) f.times -= 1;
    return f;
  }

  private answer(req: FakeRequest): FakeResponse {
    const denied = this.auth(req);
    if (denied) return denied;
    const key = `${req.method} ${req.path}`;
    for (const [re, handler] of this.routes) {
      const m = re.exec(key);
      if (m) return handler(req, m.slice(1).map(decodeURIComponent)) ?? { status: 404, body: { error: "not found" } };
    }
    return { status: 404, body: { error: `no route ${key}` } };
  }

  private async handle(raw: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of raw) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(raw.url ?? "/", "http://127.0.0.1");
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const req: FakeRequest = {
      method: raw.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      body,
      headers: raw.headers,
    };
    this.requests.push(req);
    if (this.hangAll) return; // never answers; closed by stop()
    if (this.rateLimit && !req.path.startsWith("/labels/")) {
      const now = Date.now();
      this.recent = this.recent.filter((t) => t > now - 1000);
      if (this.recent.length >= this.rateLimit.perSecond) {
        this.limited += 1;
        return send(res, { status: 429, body: this.rateLimit.body });
      }
      this.recent.push(now);
    }
    const fault = this.takeFault(`${req.method} ${req.path}`);
    if (fault?.kind === "hang") return;
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (fault?.kind === "status") return send(res, { status: fault.status, body: fault.body });
    const out = this.answer(req);
    if (fault?.kind === "drop") {
      raw.socket.destroy();
      return;
    }
    send(res, out);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop() {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}

function send(res: ServerResponse, out: FakeResponse) {
  if (res.destroyed) return;
  const payload = out.contentType && typeof out.body === "string" ? out.body : JSON.stringify(out.body);
  res.writeHead(out.status, { "Content-Type": out.contentType ?? "application/json" });
  res.end(payload);
}

let seq = 0;
/** Vendor-looking ids: prefix + hex counter. */
export const fakeId = (prefix: string) => `${prefix}${(++seq).toString(16).padStart(12, "0")}`;

/** Test addresses: a ZIP of "00000" is one no vendor can verify; country "KP" one no carrier serves. */
export const isBadZip = (zip: unknown) => zip === "00000";
export const isUnserved = (country: unknown) => String(country).toUpperCase() === "KP";

/** A tiny but valid one-page PDF, what vendors' label URLs serve. */
export const PDF_BYTES =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 288 432]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
