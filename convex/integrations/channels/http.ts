/**
 * HTTP for channel adapters: JSON requests with retries. A 429 waits for what the vendor says
 * (Retry-After, or the adapter's reading of its rate-limit headers) and tries again; 5xx and
 * network failures back off exponentially; other 4xx fail at once with the vendor's message.
 */
import { ChannelError, realSleep, type AdapterDeps } from "./types";

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** How long to wait after a 429, from the response's headers; undefined = exponential. */
  throttleWaitMs?: (res: Response) => number | undefined;
  maxAttempts?: number;
};

/** Base of the exponential backoff (doubles per attempt, capped at 60 s). */
export const BACKOFF_BASE_MS = 1000;

function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get("retry-after");
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Vendor error text from a JSON error body (Amazon `errors[]`, Shopify `errors`), else the status. */
export async function errorText(res: Response) {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { errors?: unknown; error_description?: string; error?: string };
    if (Array.isArray(body.errors))
      return body.errors
        .map((e: { code?: string; message?: string }) => [e.code, e.message].filter(Boolean).join(": "))
        .join("; ");
    if (typeof body.errors === "string") return body.errors;
    if (body.error_description || body.error) return [body.error, body.error_description].filter(Boolean).join(": ");
  } catch {
    // not JSON
  }
  return text.slice(0, 200) || `HTTP ${res.status}`;
}

/** Sends a request, retrying throttling and server errors; returns the successful response. */
export async function request(url: string, opts: RequestOptions, deps: AdapterDeps = {}): Promise<Response> {
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? realSleep;
  const maxAttempts = opts.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await doFetch(url, { method: opts.method ?? "GET", headers: opts.headers, body: opts.body });
    } catch (e) {
      if (attempt >= maxAttempts) throw new ChannelError(`Network error: ${(e as Error).message}`, true);
      await sleep(Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), 60_000));
      continue;
    }
    if (res.ok) return res;
    const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), 60_000);
    if (res.status === 429) {
      const wait = retryAfterMs(res) ?? opts.throttleWaitMs?.(res) ?? backoff;
      if (attempt >= maxAttempts)
        throw new ChannelError(`Throttled by the channel (429): ${await errorText(res)}`, true, 429, wait);
      await res.body?.cancel();
      await sleep(wait);
      continue;
    }
    if (res.status >= 500) {
      if (attempt >= maxAttempts)
        throw new ChannelError(`Channel server error ${res.status}: ${await errorText(res)}`, true, res.status);
      await res.body?.cancel();
      await sleep(backoff);
      continue;
    }
    throw new ChannelError(`Channel refused the request (${res.status}): ${await errorText(res)}`, false, res.status);
  }
}

export async function requestJson<T>(url: string, opts: RequestOptions, deps: AdapterDeps = {}): Promise<T> {
  const res = await request(url, opts, deps);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
