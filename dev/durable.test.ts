/**
 * Durability: data survives stop/start, crashes (SIGKILL during a stream of mutations), and
 * reloads; ids are never reused; stored files, scheduled functions and upload tokens; schema
 * mismatches are refused with the table and field named; a mutation re-sent after a restart or a
 * crash is answered from its journaled outcome, not run again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import fc from "fast-check";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { FIXTURE_DIR, RawSocket, startFixture, waitFor } from "./testkit";
import { decodeTs } from "./protocol";
import type { Runtime } from "./runtime";
import { DataStore } from "./persist";

const m = (p: string) => makeFunctionReference<"mutation">(p);
const q = (p: string) => makeFunctionReference<"query">(p);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "offline-data-"));
  dirs.push(d);
  return d;
};
let running: Runtime[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.stop()));
  running = [];
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function start(dataDir: string, extra: Parameters<typeof startFixture>[0] = {}) {
  const rt = await startFixture({ dataDir, ...extra });
  running.push(rt);
  return rt;
}
async function stop(rt: Runtime) {
  running = running.filter((r) => r !== rt);
  await rt.stop();
}
type State = { ranks: number[]; xs: number[]; ids: string[] };
/** The snapshot's lines (header first, trailer last), parsed. */
const snapshotLines = (dir: string) =>
  readFileSync(join(dir, "snapshot.ndjson"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);

describe("data folder", () => {
  test("documents, counters and deletions survive a stop and start; ids are never reused", async () => {
    const dir = tempDir();
    let rt = await start(dir);
    let c = new ConvexHttpClient(rt.url);
    const a = (await c.mutation(m("durable:insertOne"), { rank: 1 })) as string;
    const b = (await c.mutation(m("durable:insertOne"), { rank: 2 })) as string;
    await c.mutation(m("durable:remove"), { id: b });
    await stop(rt);

    rt = await start(dir);
    c = new ConvexHttpClient(rt.url);
    const s = (await c.query(q("durable:state"), {})) as State;
    expect(s.ids).toEqual([a]);
    const after = (await c.mutation(m("durable:insertOne"), { rank: 3 })) as string;
    // The deleted document's id is not handed out again.
    expect([a, b]).not.toContain(after);
    expect(Number.parseInt(after, 10)).toBeGreaterThan(Number.parseInt(b, 10));
  });

  test("a restart without a clean stop (journal only, no snapshot) keeps every write", async () => {
    const dir = tempDir();
    const rt = await start(dir);
    const c = new ConvexHttpClient(rt.url);
    for (let i = 0; i < 20; i++) await c.mutation(m("durable:pair"), { seq: i });
    // Simulate a crash: copy the folder while the runtime is live (no snapshot at stop).
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    rmSync(join(copy, "LOCK"));
    const rt2 = await start(copy);
    const s = (await new ConvexHttpClient(rt2.url).query(q("durable:state"), {})) as State;
    expect(s.ranks).toEqual([...Array(20).keys()]);
    expect([...s.xs].sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
  });

  test("a torn last journal record is dropped whole, and later writes follow the last good one", async () => {
    const dir = tempDir();
    let rt = await start(dir);
    let c = new ConvexHttpClient(rt.url);
    for (let i = 0; i < 3; i++) await c.mutation(m("durable:pair"), { seq: i });
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    rmSync(join(copy, "LOCK"));
    await stop(rt);
    // Half a record, as a crash in the middle of a write leaves it.
    const journal = join(copy, "journal.ndjson");
    const lines = readFileSync(journal, "utf8").split("\n").filter(Boolean);
    const last = lines[lines.length - 1];
    appendFileSync(journal, last.replace(/"s":\d+/, `"s":${10_000}`).slice(0, Math.floor(last.length / 2)));
    rt = await start(copy);
    c = new ConvexHttpClient(rt.url);
    await c.mutation(m("durable:pair"), { seq: 3 });
    await stop(rt);
    rt = await start(copy);
    const s = (await new ConvexHttpClient(rt.url).query(q("durable:state"), {})) as State;
    expect(s.ranks).toEqual([0, 1, 2, 3]);
  });

  test("compaction: a small journal limit snapshots often (once the journal is as big as the snapshot); data is the same after restart", async () => {
    const dir = tempDir();
    // Write through a store with a tiny compaction threshold, then restart normally.
    const rt = await start(dir);
    const c = new ConvexHttpClient(rt.url);
    const store = rt.engine.dataStore as DataStore;
    (store as unknown as { compactAt: number }).compactAt = 2000;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 15 }), async (ranks) => {
        for (const r of ranks) await c.mutation(m("durable:insertOne"), { rank: r });
      }),
      { numRuns: 8 },
    );
    await new Promise((r) => setImmediate(r));
    // Compacted once the journal is past the limit and as big as the last snapshot (plus a record).
    expect(store.snapshotSize).toBeGreaterThan(0);
    expect(store.journalSize).toBeLessThan(Math.max(2000, store.snapshotSize) + 2000);
    const before = (await c.query(q("durable:state"), {})) as State;
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    rmSync(join(copy, "LOCK"));
    const rt2 = await start(copy);
    const after = (await new ConvexHttpClient(rt2.url).query(q("durable:state"), {})) as State;
    expect(after).toEqual(before);
  });

  test("a reset empties the folder: a restart after it shows the fresh state, not the old data", async () => {
    const dir = tempDir();
    let rt = await start(dir);
    let c = new ConvexHttpClient(rt.url);
    await c.mutation(m("durable:insertOne"), { rank: 1 });
    await rt.reset();
    await c.mutation(m("durable:insertOne"), { rank: 2 });
    await rt.reset();
    await c.mutation(m("durable:insertOne"), { rank: 3 });
    await stop(rt);
    rt = await start(dir);
    c = new ConvexHttpClient(rt.url);
    expect(((await c.query(q("durable:state"), {})) as State).ranks).toEqual([3]);
  });

  test("a second runtime on the same folder is refused", async () => {
    const dir = tempDir();
    await start(dir);
    await expect(startFixture({ dataDir: dir })).rejects.toThrow(/in use by another runtime/);
  });

  test("stored files survive a restart; uploads need a token the runtime issued, once", async () => {
    const dir = tempDir();
    let rt = await start(dir);
    let c = new ConvexHttpClient(rt.url);
    const refused = await fetch(`${rt.url}/api/storage/upload`, { method: "POST", body: "x" });
    expect(refused.status).toBe(401);
    const forged = await fetch(`${rt.url}/api/storage/upload?token=guessed`, { method: "POST", body: "x" });
    expect(forged.status).toBe(401);
    const url = (await c.mutation(m("notes:uploadUrl"), {})) as string;
    const up = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "kept across restarts",
    });
    expect(up.status).toBe(200);
    const { storageId } = (await up.json()) as { storageId: string };
    const again = await fetch(url, { method: "POST", body: "second use" });
    expect(again.status).toBe(401);
    await stop(rt);

    rt = await start(dir);
    c = new ConvexHttpClient(rt.url);
    const fileUrl = (await c.query(q("notes:fileUrl"), { id: storageId })) as string;
    const got = await fetch(fileUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe("kept across restarts");
    expect(got.headers.get("content-type")).toBe("text/plain");
  });

  test("a scheduled function pending at stop runs after the restart", async () => {
    const dir = tempDir();
    let rt = await start(dir);
    await new ConvexHttpClient(rt.url).mutation(m("durable:scheduleBump"), { seq: 77, ms: 1500 });
    await stop(rt);
    rt = await start(dir);
    const c = new ConvexHttpClient(rt.url);
    let ranks: number[] = [];
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      ranks = ((await c.query(q("durable:state"), {})) as State).ranks;
      if (ranks.includes(77)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ranks).toEqual([77]);
  });

  test("data that no longer fits the schema is refused with table and field named, and kept", async () => {
    const dir = tempDir();
    const rt = await start(dir);
    await new ConvexHttpClient(rt.url).mutation(m("durable:insertOne"), { rank: 5 });
    await stop(rt);
    // A schema change: notes.rank becomes a string.
    const project = tempDir();
    cpSync(FIXTURE_DIR, project, { recursive: true });
    const schemaFile = join(project, "schema.ts");
    writeFileSync(schemaFile, readFileSync(schemaFile, "utf8").replace("rank: v.number()", "rank: v.string()"));
    const journalBefore =
      readFileSync(join(dir, "journal.ndjson"), "utf8") + readFileSync(join(dir, "snapshot.ndjson"), "utf8");
    const err = await startFixture({ dataDir: dir, convexDir: project }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/table "notes", field "rank"/);
    expect(err?.message).toMatch(/migrate/);
    expect(err?.message).toMatch(/npm run reset/);
    // Nothing on disk changed, and the folder is free again.
    expect(readFileSync(join(dir, "journal.ndjson"), "utf8") + readFileSync(join(dir, "snapshot.ndjson"), "utf8")).toBe(
      journalBefore,
    );
    const ok = await start(dir);
    const s = (await new ConvexHttpClient(ok.url).query(q("durable:state"), {})) as State;
    expect(s.ranks).toEqual([5]);
  });

  test("the document-by-document schema check runs only when the schema differs from the one the data was written under", async () => {
    const dir = tempDir();
    let rt = await start(dir);
    await new ConvexHttpClient(rt.url).mutation(m("durable:insertOne"), { rank: 1 });
    expect(rt.engine.durabilityRestored).toBeNull(); // a fresh folder: nothing restored
    await stop(rt);
    rt = await start(dir);
    expect(rt.engine.durabilityRestored?.schemaChecked).toBe(false);
    await stop(rt);
    // Another schema (a new optional field): checked once, then known again.
    const project = tempDir();
    cpSync(FIXTURE_DIR, project, { recursive: true });
    const schemaFile = join(project, "schema.ts");
    writeFileSync(
      schemaFile,
      readFileSync(schemaFile, "utf8").replace("rank: v.number(),", "rank: v.number(), mood: v.optional(v.string()),"),
    );
    rt = await startFixture({ dataDir: dir, convexDir: project });
    expect(rt.engine.durabilityRestored?.schemaChecked).toBe(true);
    await stop(rt);
    rt = await startFixture({ dataDir: dir, convexDir: project });
    expect(rt.engine.durabilityRestored?.schemaChecked).toBe(false);
    await stop(rt);
    // Back to the first schema: checked again (the data was last checked under the other one).
    rt = await start(dir);
    expect(rt.engine.durabilityRestored?.schemaChecked).toBe(true);
    const s = (await new ConvexHttpClient(rt.url).query(q("durable:state"), {})) as State;
    expect(s.ranks).toEqual([1]);
    await stop(rt);
  });
});

/** The runtime as its own process (as `npm start` runs it), on a data folder, killed with SIGKILL. */
function spawnServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "serve.ts")], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: {
        ...process.env,
        OFFLINE_PORT: "0",
        OFFLINE_HTTP_PORT: "0",
        OFFLINE_SEED: "none",
        OFFLINE_CONVEX_DIR: FIXTURE_DIR,
        OFFLINE_DATA_DIR: dataDir,
        OFFLINE_CRONS: "0",
        OFFLINE_QUIET: "1",
      },
    });
    let err = "";
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("message", (msg: { type: string; url?: string; message?: string }) => {
      if (msg.type === "ready") ok({ child, url: msg.url as string });
      if (msg.type === "failed") fail(new Error(msg.message));
    });
    child.on("exit", (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}

describe("crash safety", () => {
  test(
    "SIGKILL during a stream of mutations: every acknowledged write is there, none half-applied",
    { timeout: 180_000 },
    async () => {
      const dir = tempDir();
      const acknowledged = new Set<number>();
      let seq = 0;
      const kills = 4;
      for (let round = 0; round <= kills; round++) {
        const { child, url } = await spawnServe(dir);
        const c = new ConvexHttpClient(url);
        const s = (await c.query(q("durable:state"), {})) as State;
        // Every acknowledged seq is present…
        for (const a of acknowledged) expect(s.ranks).toContain(a);
        // …and each transaction is all there or not at all.
        expect([...s.ranks].sort((x, y) => x - y)).toEqual([...s.xs].sort((x, y) => x - y));
        if (round === kills) {
          child.kill("SIGTERM");
          await new Promise((r) => child.once("exit", r));
          break;
        }
        // Four writers in parallel; kill after a random number of acknowledgements.
        const killAfter = 5 + Math.floor(Math.random() * 40);
        let acks = 0;
        let dead = false;
        const writer = async () => {
          while (!dead) {
            const mine = seq++;
            try {
              await c.mutation(m("durable:pair"), { seq: mine });
              // Any answer is an acknowledgement, also one that arrives after the kill was sent.
              acknowledged.add(mine);
              acks += 1;
              if (acks >= killAfter && !dead) {
                dead = true;
                child.kill("SIGKILL");
              }
            } catch {
              return; // the connection died with the process: not acknowledged
            }
          }
        };
        await Promise.all([writer(), writer(), writer(), writer()]);
        if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));
      }
      expect(acknowledged.size).toBeGreaterThan(kills * 5);
    },
  );
});

/** Sends mutation `requestId` of `sessionId` on a fresh protocol socket; returns its response. */
async function sendMutation(
  url: string,
  sessionId: string,
  connectionCount: number,
  requestId: number,
  rank: number | null,
) {
  const s = await RawSocket.open({ url });
  try {
    s.send({ type: "Connect", sessionId, connectionCount, lastCloseReason: connectionCount ? "gone" : null });
    s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] });
    s.send(
      rank === null
        ? { type: "Mutation", requestId, udfPath: "durable:failWithCount", args: [{}] }
        : { type: "Mutation", requestId, udfPath: "durable:insertOne", args: [{ rank }] },
    );
    const r = await s.next("MutationResponse");
    // The client's promise resolves on a Transition at or past the mutation's ts.
    if (r.success) {
      await waitFor(() => {
        const ts = s.received.filter((x) => x.type === "Transition").map((x) => decodeTs(x.endVersion.ts));
        return ts.some((t) => t >= decodeTs(r.ts)) ? true : undefined;
      });
    }
    return r;
  } finally {
    s.close();
  }
}

describe("re-sent mutations across restarts", () => {
  test("a clean stop and start: the re-sent mutation gets its first answer and does not run again", async () => {
    const dir = tempDir();
    const sessionId = "aaaaaaaa-2222-4333-8444-555555555555";
    let rt = await start(dir);
    const failed = await sendMutation(rt.url, sessionId, 0, 0, null);
    expect(failed).toMatchObject({ success: false, errorData: { code: "counted", count: 0 } });
    const r1 = await sendMutation(rt.url, sessionId, 0, 1, 11);
    expect(r1.success).toBe(true);
    await stop(rt); // a snapshot: the outcome is kept there, not in the journal
    expect(readFileSync(join(dir, "journal.ndjson"), "utf8")).toBe("");
    rt = await start(dir);
    const r2 = await sendMutation(rt.url, sessionId, 1, 1, 11);
    expect(r2).toEqual(r1);
    // A failure is answered from its record too (run again, it would count one note).
    expect(await sendMutation(rt.url, sessionId, 1, 0, null)).toEqual(failed);
    // A new request of the same session runs.
    const r3 = await sendMutation(rt.url, sessionId, 2, 2, 12);
    expect(r3.success && r1.success && r3.result !== r1.result).toBe(true);
    const s = (await new ConvexHttpClient(rt.url).query(q("durable:state"), {})) as State;
    expect(s.ranks).toEqual([11, 12]);
  });
});

test("mutation outcomes are kept for an hour: older ones are dropped at the next snapshot", async () => {
  const dir = tempDir();
  let rt = await start(dir);
  await stop(rt);
  const snap = snapshotLines(dir)[0] as { seq: number; n: number; c: number };
  const outcome = { ok: true, v: null, t: "1" };
  const rec = (s: number, key: string, at: number) =>
    JSON.stringify({ s, n: snap.n, c: snap.c, w: [], d: [key, outcome, at] }) + "\n";
  appendFileSync(
    join(dir, "journal.ndjson"),
    rec(snap.seq + 1, "old:1", Date.now() - 2 * 60 * 60 * 1000) + rec(snap.seq + 2, "new:1", Date.now()),
  );
  rt = await start(dir);
  await stop(rt);
  const after = snapshotLines(dir).at(-1) as { d?: [string, unknown, number][] };
  expect((after.d ?? []).map((d) => d[0])).toEqual(["new:1"]);
});

describe("crash safety: re-sent mutations", () => {
  test(
    "SIGKILL after a mutation committed: the re-sent mutation is applied once and gets the original outcome",
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      const sessionId = "bbbbbbbb-2222-4333-8444-555555555555";
      let { child, url } = await spawnServe(dir);
      const r1 = await sendMutation(url, sessionId, 0, 7, 42);
      expect(r1.success).toBe(true);
      // The process dies without a clean stop (no snapshot): only the journal has the mutation.
      child.kill("SIGKILL");
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));
      const journal = readFileSync(join(dir, "journal.ndjson"), "utf8").split("\n").filter(Boolean);

      ({ child, url } = await spawnServe(dir));
      try {
        // The reconnecting client re-sends the mutation it has no answer for (same session and request id).
        const r2 = await sendMutation(url, sessionId, 1, 7, 42);
        expect(r2).toEqual(r1);
        const s = (await new ConvexHttpClient(url).query(q("durable:state"), {})) as State;
        expect(s.ranks).toEqual([42]);
        expect(s.ids).toEqual([r1.success ? r1.result : null]);
        // The outcome was journaled in the same record as the writes (atomic with the commit).
        const rec = journal
          .map((l) => JSON.parse(l) as { w: unknown[]; d?: [string, unknown, number] })
          .find((r) => r.d?.[0] === `${sessionId}:7`);
        expect(rec?.w.length).toBeGreaterThan(0);
      } finally {
        child.kill("SIGTERM");
        if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));
      }
    },
  );
});
