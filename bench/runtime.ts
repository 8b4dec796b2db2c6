/**
 * The durable offline runtime (dev/persist.ts, dev/durable.ts): crash safety, restart time, what
 * durability costs, and how the embedded default's costs grow with data.
 *
 *  - `crash_lost_acknowledged`: the runtime process (dev/serve.ts on the fixture project) takes a
 *    stream of two-document mutations from four writers and is killed with SIGKILL after a random
 *    number of acknowledgements, CRASH_ROUNDS times; after each restart, acknowledged writes that
 *    are missing are counted (target 0). `crash_half_applied`: transactions found with one of
 *    their two documents (target 0).
 *  - `restart_ms_100k_docs`: a data folder with 100,000 documents; from spawning the runtime
 *    process to its "ready" (node + tsx start, module load, snapshot read, schema check).
 *    `restart_restore_ms_100k_docs`: the in-process part (engine.start on that folder).
 *  - `restart_ms_1m_docs` (target ≤ 10,000): the same at about 1,000,000 documents shaped like the
 *    demo's (bench/durable/bigFolder.ts, the app's convex/), with `restart_restore_ms_1m_docs` and
 *    its phases, the first orders page, the stop (snapshot write), a start after a schema change
 *    and the runtime's peak RSS (see restartMillion). BENCH_RESTART_DOCS changes the size.
 *  - `persist_overhead_ratio`: p50 of `orders:createManual` with durability ÷ without, two
 *    runtimes in the same process on the small demo, calls interleaved (target ≤ 1.5).
 *  - at 1×, 10×, 100× the demo's orders (bench/durable/scale.ts, one process per scale):
 *    `create_order_p95_ms_*`, `live_update_p95_ms_*`, `orders_list_p95_ms_*`, `runtime_rss_mb_*`,
 *    `restart_ms_*` (stop + start on that data folder, to the first list page), plus the seed
 *    time and the machine's load average while the point ran (`load_avg_*`).
 *    BENCH_SCALES (default "1,10,100") picks the points; a point whose seed exceeds
 *    BENCH_SCALE_TIMEOUT_S (default 1500 s) is reported as missing.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { startRuntime, type Runtime } from "../dev/runtime";
import { client, FIXTURE_DIR, startFixture } from "../dev/testkit";
import { writeBigFolder } from "./durable/bigFolder";
import { identityFromToken, demoToken } from "../dev/auth";
import { RUNTIME_NODE_ARGS } from "../dev/child";

const CRASH_ROUNDS = Number(process.env.BENCH_CRASH_ROUNDS ?? 20);
/** BENCH_RUNTIME_PARTS=crash,restart,overhead,scale picks parts (default all); results of other parts are kept. */
const PARTS = (process.env.BENCH_RUNTIME_PARTS ?? "crash,restart,overhead,scale").split(",");
const skip = (part: string) => !PARTS.includes(part);
const here = import.meta.dirname;

export const targets = {
  crash_lost_acknowledged: { max: 0 },
  crash_half_applied: { max: 0 },
  restart_ms_100k_docs: { max: 5000 },
  restart_ms_1m_docs: { max: 10000 },
  persist_overhead_ratio: { max: 1.5 },
  live_update_p95_ms_10x: { max: 50 },
  create_order_p95_growth_1x_to_100x: { max: 2 },
  live_update_p95_growth_1x_to_100x: { max: 2 },
  orders_list_p95_growth_1x_to_100x: { max: 2 },
};

const m = (p: string) => makeFunctionReference<"mutation">(p);
const qref = (p: string) => makeFunctionReference<"query">(p);
const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.max(0, Math.min(s.length - 1, Math.ceil(p * s.length) - 1))] * 100) / 100;
};

function spawnServe(
  dataDir: string,
  convexDir = FIXTURE_DIR,
): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const started = performance.now();
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...RUNTIME_NODE_ARGS, resolve(here, "../dev/serve.ts")], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: {
        ...process.env,
        OFFLINE_PORT: "0",
        OFFLINE_HTTP_PORT: "0",
        OFFLINE_SEED: "none",
        OFFLINE_CONVEX_DIR: convexDir,
        OFFLINE_DATA_DIR: dataDir,
        OFFLINE_CRONS: "0",
        OFFLINE_QUIET: "1",
      },
    });
    let err = "";
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("message", (msg: { type: string; url?: string; message?: string }) => {
      if (msg.type === "ready") ok({ child, url: msg.url as string, ms: performance.now() - started });
      if (msg.type === "failed") fail(new Error(msg.message));
    });
    child.on("exit", (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}

const exited = (c: ChildProcess) =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => c.once("exit", () => r()));

export async function benchCrash(): Promise<Record<string, number>> {
  if (skip("crash")) return {};
  const dir = mkdtempSync(join(tmpdir(), "bench-crash-"));
  const acknowledged = new Set<number>();
  let seq = 0;
  let lost = 0;
  let halfApplied = 0;
  try {
    for (let round = 0; round <= CRASH_ROUNDS; round++) {
      const { child, url } = await spawnServe(dir);
      const c = new ConvexHttpClient(url);
      const s = (await c.query(qref("durable:state"), {})) as { ranks: number[]; xs: number[] };
      const ranks = new Set(s.ranks);
      const xs = new Set(s.xs);
      lost = [...acknowledged].filter((a) => !ranks.has(a)).length;
      halfApplied = [...ranks].filter((r) => !xs.has(r)).length + [...xs].filter((x) => !ranks.has(x)).length;
      if (lost > 0 || halfApplied > 0)
        console.error(`[bench] round ${round}: ${lost} acknowledged writes lost, ${halfApplied} half-applied`);
      if (round === CRASH_ROUNDS) {
        child.kill("SIGTERM");
        await exited(child);
        break;
      }
      const killAfter = 5 + Math.floor(Math.random() * 60);
      let acks = 0;
      let dead = false;
      const writer = async () => {
        while (!dead) {
          const mine = seq++;
          try {
            await c.mutation(m("durable:pair"), { seq: mine });
            acknowledged.add(mine);
            if (++acks >= killAfter && !dead) {
              dead = true;
              child.kill("SIGKILL");
            }
          } catch {
            return;
          }
        }
      };
      await Promise.all([writer(), writer(), writer(), writer()]);
      await exited(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    crash_lost_acknowledged: lost,
    crash_half_applied: halfApplied,
    crash_rounds: CRASH_ROUNDS,
    crash_acknowledged_writes: acknowledged.size,
  };
}

export async function benchRestart(): Promise<Record<string, number>> {
  if (skip("restart")) return {};
  const dir = mkdtempSync(join(tmpdir(), "bench-restart-"));
  try {
    process.env.OFFLINE_QUIET = "1";
    const rt = await startFixture({ dataDir: dir });
    const b = rt.engine.backend;
    const TOTAL = 100_000;
    const BATCH = 5000;
    for (let from = 0; from < TOTAL; from += BATCH) {
      await b.within(() =>
        b.t.run(async (ctx) => {
          for (let i = from; i < from + BATCH; i++)
            await ctx.db.insert("notes", {
              text: `note ${i} — a line of text about the size of a short order note`,
              rank: i,
            });
          return null;
        }),
      );
    }
    await rt.stop(); // writes the snapshot
    // In-process restore (what engine.start costs on that folder).
    const t0 = performance.now();
    const again = await startFixture({ dataDir: dir });
    const restoreMs = performance.now() - t0;
    const n = await again.engine.backend.t.run(async (ctx) => (await ctx.db.query("notes").take(200_000)).length);
    await again.stop();
    if (n !== TOTAL) throw new Error(`restored ${n} of ${TOTAL} documents`);
    // The whole restart as `npm start` does it: a new process.
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { child, ms } = await spawnServe(dir);
      runs.push(ms);
      child.kill("SIGTERM");
      await exited(child);
    }
    return {
      restart_ms_100k_docs: Math.round(quantile(runs, 0.5)),
      restart_restore_ms_100k_docs: Math.round(restoreMs),
      ...(await restartMillion()),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Peak resident memory of a live process (Linux), in MB; 0 where /proc is not there. */
function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/**
 * `restart_ms_1m_docs`: a data folder of about 1,000,000 documents shaped like the demo's
 * (bench/durable/bigFolder.ts: the demo's per-order tables copied ≈ 290 times, the app's own
 * convex/), from spawning the runtime process to its "ready" (median of 3), with its peak RSS.
 * In process, on the same folder: `restart_restore_ms_1m_docs` (engine.start), its phases (snapshot
 * read, journal replay), the first orders page after it, the stop (which writes the snapshot),
 * and a start after a schema change (every table checked document by document).
 */
async function restartMillion(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-restart-1m-"));
  const convexDir = resolve(here, "../convex");
  try {
    const made = await writeBigFolder(dir, Number(process.env.BENCH_RESTART_DOCS ?? 1_000_000));
    const out: Record<string, number> = {
      restart_docs_1m: made.documents,
      restart_folder_mb_1m_docs: Math.round(statSync(join(dir, "snapshot.ndjson")).size / 1024 / 1024),
    };
    const t0 = performance.now();
    let rt: Runtime | null = await startRuntime({
      port: 0,
      httpActionsPort: null,
      seed: "none",
      crons: false,
      dataDir: dir,
      convexDir,
    });
    out.restart_restore_ms_1m_docs = Math.round(performance.now() - t0);
    const phases = rt.engine.durabilityRestored?.phases;
    out.restart_snapshot_read_ms_1m_docs = phases?.snapshotMs ?? -1;
    const reader = client(rt, "floor");
    const t1 = performance.now();
    const page = (await reader.query(qref("orders:list"), { paginationOpts: { numItems: 25, cursor: null } })) as {
      page: unknown[];
    };
    out.restart_first_page_ms_1m_docs = Math.round(performance.now() - t1);
    if (page.page.length !== 25) throw new Error(`orders:list gave ${page.page.length} orders after the restart`);
    await reader.close();
    const t2 = performance.now();
    await rt.stop(); // writes the snapshot
    out.restart_stop_ms_1m_docs = Math.round(performance.now() - t2);
    rt = null;
    // After a schema change: every table is checked document by document.
    rmSync(join(dir, "schema.json"));
    const t3 = performance.now();
    rt = await startRuntime({ port: 0, httpActionsPort: null, seed: "none", crons: false, dataDir: dir, convexDir });
    out.restart_restore_schema_changed_ms_1m_docs = Math.round(performance.now() - t3);
    out.restart_schema_check_ms_1m_docs = rt.engine.durabilityRestored?.phases?.schemaCheckMs ?? -1;
    await rt.stop();
    rt = null;
    (globalThis as { gc?: () => void }).gc?.();
    const runs: number[] = [];
    let peak = 0;
    for (let i = 0; i < 3; i++) {
      const { child, ms } = await spawnServe(dir, convexDir);
      runs.push(ms);
      peak = Math.max(peak, peakRssMb(child.pid));
      child.kill("SIGTERM");
      await exited(child);
    }
    out.restart_ms_1m_docs = Math.round(quantile(runs, 0.5));
    out.restart_peak_rss_mb_1m_docs = peak;
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPersistOverhead(): Promise<Record<string, number>> {
  if (skip("overhead")) return {};
  process.env.OFFLINE_QUIET = "1";
  const dir = mkdtempSync(join(tmpdir(), "bench-overhead-"));
  const durable = await startRuntime({ port: 0, httpActionsPort: null, seed: "small", crons: false, dataDir: dir });
  const memory = await startRuntime({ port: 0, httpActionsPort: null, seed: "small", crons: false });
  try {
    const who = identityFromToken(demoToken("supervisor"));
    if (!who.ok) throw new Error(who.error);
    const productOf = (rt: typeof durable) =>
      rt.engine.backend.t.run(async (ctx) => {
        const p = await ctx.db.query("products").first();
        return { id: p!._id as string, price: p!.priceMinor as number };
      });
    const targetsRt = [
      { rt: durable, product: await productOf(durable), ms: [] as number[] },
      { rt: memory, product: await productOf(memory), ms: [] as number[] },
    ];
    const RUNS = 150;
    for (let i = 0; i < RUNS + 10; i++) {
      for (const t of i % 2 === 0 ? targetsRt : [...targetsRt].reverse()) {
        const order = {
          kind: "phone",
          customer: { name: `Overhead ${i}`, email: "overhead@example.com" },
          shipTo: {
            name: `Overhead ${i}`,
            line1: "500 Market St",
            city: "San Francisco",
            region: "CA",
            postalCode: "94105",
            country: "US",
          },
          currency: "USD",
          lines: [{ productId: t.product.id, quantity: 1, unitPriceMinor: t.product.price }],
        };
        const started = performance.now();
        const out = await t.rt.engine.mutation("orders:createManual", { order }, () => who.identity);
        if (!out.ok) throw new Error(out.message);
        if (i >= 10) t.ms.push(performance.now() - started);
      }
    }
    const appends = durable.engine.dataStore?.appendTimes.slice(-RUNS) ?? [];
    const withP50 = quantile(targetsRt[0].ms, 0.5);
    const withoutP50 = quantile(targetsRt[1].ms, 0.5);
    return {
      persist_overhead_ratio: Math.round((withP50 / withoutP50) * 100) / 100,
      create_order_p50_ms_durable: withP50,
      create_order_p50_ms_memory: withoutP50,
      // Where the difference goes: building and writing the journal record, and the fsync.
      journal_write_p50_ms: quantile(
        appends.map((a) => a[0]),
        0.5,
      ),
      journal_fsync_p50_ms: quantile(
        appends.map((a) => a[1]),
        0.5,
      ),
    };
  } finally {
    await durable.stop();
    await memory.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Point = {
  scale: number;
  seedMs: number;
  drainMs: number;
  createP50: number;
  createP95: number;
  liveP50: number;
  liveP95: number;
  listP50: number;
  listP95: number;
  restartMs: number;
  load: number;
  rssMb: number;
  orderDocs: number;
};

export async function benchScale(): Promise<Record<string, number>> {
  if (skip("scale")) return {};
  const scales = (process.env.BENCH_SCALES ?? "1,10,100").split(",").map(Number);
  const timeoutS = Number(process.env.BENCH_SCALE_TIMEOUT_S ?? 1500);
  const out: Record<string, number> = {};
  const points: Point[] = [];
  for (const scale of scales) {
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--expose-gc", ...RUNTIME_NODE_ARGS, resolve(here, "durable/scale.ts"), String(scale)],
        {
          timeout: timeoutS * 1000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const line = stdout.trim().split("\n").pop()!;
      const p = JSON.parse(line) as Point;
      points.push(p);
      out[`create_order_p95_ms_${scale}x`] = p.createP95;
      out[`live_update_p95_ms_${scale}x`] = p.liveP95;
      out[`runtime_rss_mb_${scale}x`] = p.rssMb;
      out[`orders_list_p95_ms_${scale}x`] = p.listP95;
      // Medians too: on a shared, loaded machine the p95 mostly measures the neighbours.
      out[`create_order_p50_ms_${scale}x`] = p.createP50;
      out[`live_update_p50_ms_${scale}x`] = p.liveP50;
      out[`orders_list_p50_ms_${scale}x`] = p.listP50;
      out[`restart_ms_${scale}x`] = p.restartMs;
      out[`load_avg_${scale}x`] = p.load;
      out[`seed_s_${scale}x`] = Math.round(p.seedMs / 100) / 10;
      out[`seed_backlog_s_${scale}x`] = Math.round(p.drainMs / 100) / 10;
      out[`order_docs_${scale}x`] = p.orderDocs;
      console.log(`[bench] ${scale}×: ${line}`);
    } catch (e) {
      console.error(
        `[bench] scale ${scale}× failed or did not finish within ${timeoutS} s:`,
        (e as Error).message.split("\n")[0],
      );
    }
  }
  const one = points.find((p) => p.scale === 1);
  const hundred = points.find((p) => p.scale === 100);
  if (one && hundred) {
    out.create_order_p95_growth_1x_to_100x = Math.round((hundred.createP95 / one.createP95) * 100) / 100;
    out.live_update_p95_growth_1x_to_100x = Math.round((hundred.liveP95 / one.liveP95) * 100) / 100;
    out.orders_list_p95_growth_1x_to_100x = Math.round((hundred.listP95 / one.listP95) * 100) / 100;
    out.create_order_p50_growth_1x_to_100x = Math.round((hundred.createP50 / one.createP50) * 100) / 100;
    out.orders_list_p50_growth_1x_to_100x = Math.round((hundred.listP50 / one.listP50) * 100) / 100;
  }
  return out;
}
