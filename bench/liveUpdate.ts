/**
 * Live update latency over the offline runtime with the demo data.
 *
 * Browser figures: a writer page in one Chromium context sends mutations with the official client;
 * a floor user's /orders page (the app's paginated list, React dev build as `npm start` serves it)
 * in another context shows the change. Measured from just before the mutation is sent to the DOM
 * mutation that shows it on the reader's screen (MutationObserver), 100 runs after 5 warm-ups.
 *  - `live_update_p95_ms`: a supervisor holds / releases an order on the reader's first page
 *    (`orders:hold` / `orders:release`); the row's status badge changes.
 *  - `live_update_create_order_p95_ms`: a supervisor creates an order (`orders:createManual`,
 *    which also allocates it, scores it and queues its notification); it appears at the top.
 *
 * `live_update_node_p95_ms`: order creation between two Node ConvexClients (no rendering).
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

/** Resolves (in the page) with the wall-clock ms when the row of order `number` shows `status`. */
async function armRowObserver(page: Page, number: string, status: string) {
  await page.evaluate(
    ([n, s]) => {
      // No named inner functions here: tsx would wrap them in a helper the page does not have.
      const w = window as Window & { __seen?: Promise<number> };
      w.__seen = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          const link = Array.from(document.querySelectorAll("main a")).find((a) => a.textContent === n);
          if (link?.closest("tr")?.textContent?.includes(s)) {
            obs.disconnect();
            resolve(performance.timeOrigin + performance.now());
          }
        });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    },
    [number, status] as const,
  );
}

type Writer = Page;
type BenchWindow = Window & { benchMutate?: (udfPath: string, args: Record<string, unknown>) => Promise<number> };

async function openReaderAndWriter(stack: Stack) {
  const reader = await signIn(stack, "floor");
  await reader.page.goto(`${stack.appUrl}/orders`);
  await reader.page.getByRole("table", { name: "Orders" }).waitFor();
  const writerCtx = await stack.browser.newContext();
  const writer: Writer = await writerCtx.newPage();
  await writer.goto(`${stack.appUrl}/bench/live/index.html`);
  await writer.waitForFunction(() => (window as Window & { benchReady?: unknown }).benchReady !== undefined);
  await writer.evaluate(() => (window as Window & { benchReady?: Promise<void> }).benchReady);
  return { reader, writer, writerCtx };
}

/** Hold / release an allocated order shown on the reader's first page. */
async function holdReleaseRuns(stack: Stack): Promise<number[]> {
  const order = await stack.runtime.engine.backend.t.run(async (ctx) => {
    const o = await ctx.db
      .query("orders")
      .withIndex("by_status", (q) => q.eq("status", "allocated"))
      .order("desc")
      .first();
    if (!o) throw new Error("no allocated order seeded");
    return { id: o._id as string, number: o.number as string };
  });
  const { reader, writer, writerCtx } = await openReaderAndWriter(stack);
  await reader.page.getByRole("link", { name: order.number, exact: true }).waitFor();
  const out: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const hold = i % 2 === 0;
    await armRowObserver(reader.page, order.number, hold ? "On hold" : "Allocated");
    const sentAt = await writer.evaluate(([path, args]) => (window as BenchWindow).benchMutate!(path, args), [
      hold ? "orders:hold" : "orders:release",
      hold ? { orderId: order.id, reason: `Bench hold ${i}` } : { orderId: order.id },
    ] as const);
    const seenAt = await reader.page.evaluate(() => (window as Window & { __seen?: Promise<number> }).__seen!);
    if (i >= WARMUP) out.push(seenAt - sentAt);
  }
  if (reader.errors.length) console.warn("[bench] reader console errors:", reader.errors.slice(0, 3));
  await writerCtx.close();
  await reader.ctx.close();
  return out;
}

async function createOrderRuns(stack: Stack): Promise<number[]> {
  const product = await someProduct(stack);
  const { reader, writer, writerCtx } = await openReaderAndWriter(stack);
  const out: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const name = `Bench Reader ${i} ${Date.now()}`;
    await armObserver(reader.page, name);
    const sentAt = await writer.evaluate(
      ([n, id, price]) =>
        (window as Window & { benchCreate?: (c: string, p: string, u: number) => Promise<number> }).benchCreate!(
          n,
          id,
          price,
        ),
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
  const list = makeFunctionReference<"query", { paginationOpts: { numItems: number; cursor: null } }, Page>(
    "orders:list",
  );
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
    const holds = await holdReleaseRuns(stack);
    await stack.runtime.reset();
    const creates = await createOrderRuns(stack);
    return {
      live_update_p95_ms: quantile(holds, 0.95),
      live_update_median_ms: quantile(holds, 0.5),
      live_update_create_order_p95_ms: quantile(creates, 0.95),
      live_update_create_order_median_ms: quantile(creates, 0.5),
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
