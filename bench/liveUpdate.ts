/**
 * Live update latency over the offline runtime with the demo data.
 *
 * `live_update_p95_ms` (browser): a writer page in one Chromium context creates an order with the
 * official client; a floor user's /orders page (a paginated list) in another context shows it.
 * Measured from just before the mutation is sent to the DOM mutation that puts the new customer's
 * name on the reader's screen (MutationObserver), over 100 runs after 5 warm-up runs.
 *
 * `live_update_node_p95_ms`: the same path between two Node ConvexClients (no rendering).
 */
import type { Page } from "playwright-core";
import { makeFunctionReference } from "convex/server";
import { signIn, startStack, type Stack } from "../e2e/harness";
import { client as nodeClient } from "../dev/testkit";

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP = 5;

/** The q-quantile (nearest rank), rounded to 0.1 ms. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.max(0, Math.min(s.length - 1, Math.ceil(q * s.length) - 1))] * 10) / 10;
}

async function someProduct(stack: Stack): Promise<{ id: string; price: number }> {
  return stack.runtime.engine.backend.t.run(async (ctx) => {
    const p = await ctx.db.query("products").first();
    if (!p) throw new Error("no products seeded");
    return { id: p._id as string, price: p.priceMinor as number };
  });
}

/** Resolves (in the page) with the wall-clock ms when `text` first appears in the DOM. */
async function armObserver(page: Page, text: string) {
  await page.evaluate((t) => {
    const w = window as Window & { __seen?: Promise<number> };
    w.__seen = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (document.body.textContent?.includes(t)) {
          obs.disconnect();
          resolve(performance.timeOrigin + performance.now());
        }
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, text);
}

async function browserRuns(stack: Stack): Promise<number[]> {
  const product = await someProduct(stack);
  const reader = await signIn(stack, "floor");
  await reader.page.goto(`${stack.appUrl}/orders`);
  await reader.page.getByRole("table", { name: "Orders" }).waitFor();
  const writerCtx = await stack.browser.newContext();
  const writer = await writerCtx.newPage();
  await writer.goto(`${stack.appUrl}/bench/live/index.html`);
  await writer.waitForFunction(() => (window as Window & { benchReady?: unknown }).benchReady !== undefined);
  await writer.evaluate(() => (window as Window & { benchReady?: Promise<void> }).benchReady);
  const out: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const name = `Bench Reader ${i} ${Date.now()}`;
    await armObserver(reader.page, name);
    const sentAt = await writer.evaluate(
      ([n, id, price]) =>
        (window as Window & { benchCreate?: (c: string, p: string, u: number) => Promise<number> }).benchCreate!(n, id, price),
      [name, product.id, product.price] as const,
    );
    const seenAt = await reader.page.evaluate(() => (window as Window & { __seen?: Promise<number> }).__seen!);
    if (i >= WARMUP) out.push(seenAt - sentAt);
  }
  if (reader.errors.length) console.warn("[bench] reader console errors:", reader.errors.slice(0, 3));
  await writerCtx.close();
  await reader.ctx.close();
  return out;
}

async function nodeRuns(stack: Stack): Promise<number[]> {
  const product = await someProduct(stack);
  const writer = nodeClient(stack.runtime, "supervisor");
  const reader = nodeClient(stack.runtime, "floor");
  type Page = { page: { customer: { name: string } }[] };
  const list = makeFunctionReference<"query", { paginationOpts: { numItems: number; cursor: null } }, Page>("orders:list");
  const create = makeFunctionReference<"mutation", { order: unknown }>("orders:createManual");
  let waiting: { name: string; done: (t: number) => void } | null = null;
  reader.onUpdate(list, { paginationOpts: { numItems: 25, cursor: null } }, (v) => {
    if (waiting && v.page.some((o) => o.customer.name === waiting!.name)) waiting.done(performance.now());
  });
  const out: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const name = `Bench Node ${i}`;
    const seen = new Promise<number>((done) => (waiting = { name, done }));
    const sentAt = performance.now();
    const order = {
      kind: "phone",
      customer: { name, email: "bench@example.com" },
      shipTo: { name, line1: "500 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" },
      currency: "USD",
      lines: [{ productId: product.id, quantity: 1, unitPriceMinor: product.price }],
    };
    await writer.mutation(create, { order });
    const t = await seen;
    if (i >= WARMUP) out.push(t - sentAt);
  }
  await writer.close();
  await reader.close();
  return out;
}

export async function benchLiveUpdate(): Promise<Record<string, number>> {
  const stack = await startStack("demo");
  try {
    const node = await nodeRuns(stack);
    await stack.runtime.reset();
    const browser = await browserRuns(stack);
    return {
      live_update_p95_ms: quantile(browser, 0.95),
      live_update_median_ms: quantile(browser, 0.5),
      live_update_node_p95_ms: quantile(node, 0.95),
    };
  } finally {
    await stack.stop();
  }
}

/** What the figures should be (bench/run.ts prints each beside its target). */
export const targets = {
  live_update_p95_ms: { max: 50 },
};
