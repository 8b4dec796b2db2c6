/**
 * One scale point of bench/runtime.ts, in a process of its own (so its memory is its own):
 * `node --expose-gc --import tsx bench/durable/scale.ts <scale>` starts the durable runtime on a
 * temporary data folder with the demo seed × scale, then measures with the official clients:
 *  - create: `orders:createManual` round trip (WebSocket, as the app sends it) while a floor
 *    user's orders list (first page, newest first) is subscribed;
 *  - live: from just before the mutation is sent to the reader's subscription showing the order;
 *  - list: a one-off `orders:list` page of 25 (newest first; every other call the second page,
 *    after the first page's cursor, filtered by status), round trip over the same WebSocket;
 *  - first the scheduled work the seed left that is due now (address checks, outbox drains) runs
 *    out (`drainMs`; work scheduled for later, such as simulated tracking events, is not waited for);
 *  - rss: resident memory after the seed and a GC;
 *  - restart: stopping (snapshot) and starting the runtime again on the same data folder, in
 *    this process (snapshot read, restore, schema check, seed:syncAppUrl), to the first list page.
 * Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { makeFunctionReference } from "convex/server";
import { startRuntime } from "../../dev/runtime";
import { client } from "../../dev/testkit";

const scale = Number(process.argv[2] ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = 5;
process.env.OFFLINE_QUIET = "1";

const dir = mkdtempSync(join(tmpdir(), "bench-scale-"));
const seedStarted = performance.now();
const rt = await startRuntime({
  port: 0,
  httpActionsPort: null,
  seed: "demo",
  seedScale: scale,
  crons: false,
  dataDir: dir,
});
const seedMs = performance.now() - seedStarted;

const b = rt.engine.backend;
// The seed leaves scheduled work behind (address checks, outbox drains: one or more per order);
// at 100× it runs for a while after the seed. Measure once it is done, and say how long it took.
const drainStarted = performance.now();
for (;;) {
  const open = await b.within(() =>
    b.t.run(async (ctx) => {
      // Work due now only: the seed also schedules the future (simulated tracking events over the
      // transit days, pickup reminders days ahead), which a drain must not wait for.
      const soon = Date.now() + 60_000;
      let n = 0;
      for await (const f of ctx.db.system.query("_scheduled_functions"))
        if (f.state.kind === "inProgress" || (f.state.kind === "pending" && f.scheduledTime <= soon)) n += 1;
      return n;
    }),
  );
  if (open === 0 || performance.now() - drainStarted > 600_000) break;
  await new Promise((r) => setTimeout(r, 2000));
}
const drainMs = performance.now() - drainStarted;
const counts = await b.within(() =>
  b.t.run(async (ctx) => {
    const p = await ctx.db.query("products").first();
    return { product: p ? { id: p._id as string, price: p.priceMinor as number } : null };
  }),
);
if (!counts.product) throw new Error("no products seeded");
const product = counts.product;

const writer = client(rt, "supervisor");
const reader = client(rt, "floor");
type Page = { page: { customer: { name: string } }[] };
const list = makeFunctionReference<"query", { paginationOpts: { numItems: number; cursor: null } }, Page>(
  "orders:list",
);
const create = makeFunctionReference<"mutation", { order: unknown }>("orders:createManual");
let waiting: { name: string; done: (t: number) => void } | null = null;
reader.onUpdate(list, { paginationOpts: { numItems: 25, cursor: null } }, (v) => {
  if (waiting && v.page.some((o) => o.customer.name === waiting!.name)) waiting.done(performance.now());
});
const createMs: number[] = [];
const liveMs: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const name = `Scale Reader ${scale}x ${i}`;
  const seen = new Promise<number>((done) => (waiting = { name, done }));
  const sentAt = performance.now();
  await writer.mutation(create, {
    order: {
      kind: "phone",
      customer: { name, email: "scale@example.com" },
      shipTo: { name, line1: "500 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" },
      currency: "USD",
      lines: [{ productId: product.id, quantity: 1, unitPriceMinor: product.price }],
    },
  });
  const ackAt = performance.now();
  const t = await seen;
  if (i >= WARMUP) {
    createMs.push(ackAt - sentAt);
    liveMs.push(t - sentAt);
  }
}
type ListArgs = { paginationOpts: { numItems: number; cursor: string | null }; status?: string };
const listPage = makeFunctionReference<"query", ListArgs, Page & { continueCursor: string }>("orders:list");
const listMs: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const started = performance.now();
  const first = await writer.query(listPage, { paginationOpts: { numItems: 25, cursor: null } });
  if (first.page.length !== 25) throw new Error(`orders:list gave ${first.page.length} orders`);
  const firstMs = performance.now() - started;
  const s2 = performance.now();
  await writer.query(listPage, { paginationOpts: { numItems: 25, cursor: null }, status: "allocated" });
  const secondMs = performance.now() - s2;
  if (i >= WARMUP) listMs.push(firstMs, secondMs);
}
await writer.close();
await reader.close();
(globalThis as { gc?: () => void }).gc?.();
const rssMb = process.memoryUsage().rss / 1024 / 1024;
const docCount = await b.within(() =>
  b.t.run(async (ctx) => {
    let n = 0;
    for (const table of ["orders", "orderLines", "shipments", "orderEvents", "inventoryLevels", "stockMovements"]) {
      try {
        n += (await ctx.db.query(table as never).take(10_000_000)).length;
      } catch {
        // a table this schema does not have
      }
    }
    return n;
  }),
);
await rt.stop();
const restartStarted = performance.now();
const again = await startRuntime({ port: 0, httpActionsPort: null, seed: "demo", crons: false, dataDir: dir });
const afterRestart = client(again, "floor");
await afterRestart.query(listPage, { paginationOpts: { numItems: 25, cursor: null } });
const restartMs = performance.now() - restartStarted;
await afterRestart.close();
await again.stop();
rmSync(dir, { recursive: true, force: true });

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.max(0, Math.min(s.length - 1, Math.ceil(p * s.length) - 1))] * 10) / 10;
};
console.log(
  JSON.stringify({
    scale,
    seedMs: Math.round(seedMs),
    drainMs: Math.round(drainMs),
    createP50: q(createMs, 0.5),
    createP95: q(createMs, 0.95),
    liveP50: q(liveMs, 0.5),
    liveP95: q(liveMs, 0.95),
    listP50: q(listMs, 0.5),
    listP95: q(listMs, 0.95),
    restartMs: Math.round(restartMs),
    load: Math.round(loadavg()[0] * 10) / 10,
    rssMb: Math.round(rssMb),
    orderDocs: docCount,
  }),
);
process.exit(0);
