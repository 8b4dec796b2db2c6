/**
 * The data folder's snapshot format 2 (snapshot.ndjson, read as a stream) and the journal read in
 * chunks: round trips of every Convex value type through compact() and load(), torn snapshot and
 * journal tails at any byte and any chunk size, a format 1 folder (snapshot.json, UTF-8 journal)
 * still opening and being replaced at the next snapshot, and the schema check after a change
 * running only over the tables whose validator changed.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { isAscii } from "node:buffer";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { DataFolderDamaged, DataStore, type DedupEntry, type StoredEntry } from "./persist";
import { OVERDUE_BATCH, storedEntry } from "./durable";
import { FIXTURE_DIR, startFixture } from "./testkit";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "offline-snapshot-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Doc = Record<string, unknown>;
/** What load() hands its sink, applied: id → [table or null, value as Convex value]. */
function loadAll(store: DataStore) {
  const docs = new Map<string, { table: string | null; doc: Value }>();
  const state = store.load((id, table, json, encoded) => {
    if (json === null) docs.delete(id);
    else docs.set(id, { table, doc: encoded ? jsonToConvex(json) : (json as Value) });
  });
  return { docs, state };
}

/** Strings with non-ASCII text, surrogate pairs, lone surrogates, quotes, newlines and escapes. */
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("Straße", "naïve — “quoted”", "😀👍🏽", "\ud800 lone", "line\nbreak", 'a"b\\c', "\u0000\u007f\u0080"),
);
/** Convex values of every type (bigint, bytes, NaN/±Infinity/-0 need the encoded form). */
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    text,
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 8 }).map((a) => a.buffer as ArrayBuffer),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,5}$/), tie("v"), { maxKeys: 3 }),
  ),
})).v;

const tables = ["orders", "orderLines", "rmaLines", "_scheduled_functions"];
const ids = fc.uniqueArray(
  fc.tuple(fc.integer({ min: 10000, max: 99999 }), fc.constantFrom(...tables)).map(([n, t]) => `${n}${t}`),
  { maxLength: 25 },
);

function writeSnapshot(dir: string, docs: Map<string, Doc>, dedup: DedupEntry[] = [], seq = 0) {
  const store = DataStore.open(dir, { sync: false });
  store.load();
  // compact() writes "as of the last appended record": bring seq there.
  for (let i = 0; i < seq; i++) store.append(20000, 1, []);
  const byTable = new Map<string, StoredEntry[]>();
  for (const [id, doc] of docs) {
    const t = id.replace(/^[0-9]+/, "");
    if (!byTable.has(t)) byTable.set(t, []);
    byTable.get(t)!.push(storedEntry(id, doc));
  }
  store.compact(20000, 1, byTable.entries(), dedup);
  store.close();
}

describe("snapshot format 2", () => {
  test("round trip: every Convex value type, any text, any chunk size; the file is ASCII", () => {
    fc.assert(
      fc.property(
        ids,
        fc.array(value, { minLength: 25, maxLength: 25 }),
        fc.integer({ min: 1, max: 300 }),
        (docIds, values, chunk) => {
          const dir = tempDir();
          const docs = new Map<string, Doc>();
          docIds.forEach((id, i) => docs.set(id, { _id: id, _creationTime: 1000 + i, v: values[i] }));
          const dedup: DedupEntry[] = [["s:1", { ok: true, v: "é", t: "5" }, 123]];
          writeSnapshot(dir, docs, dedup, 3);
          const bytes = readFileSync(join(dir, "snapshot.ndjson"));
          expect(isAscii(bytes)).toBe(true);
          const store = DataStore.open(dir, { sync: false, readChunkBytes: chunk });
          const { docs: read, state } = loadAll(store);
          store.close();
          expect(state.seq).toBe(3);
          expect(state.nextDocId).toBe(20000);
          expect(state.snapshotDocuments).toBe(docs.size);
          expect(state.dedup).toEqual(dedup);
          expect([...read.keys()].sort()).toEqual([...docs.keys()].sort());
          for (const [id, doc] of docs) {
            const got = read.get(id)!;
            expect(got.table).toBe(id.replace(/^[0-9]+/, ""));
            // Compared as convexToJson: the same Convex value (bigint, bytes, -0, NaN included).
            expect(JSON.stringify(convexToJson(got.doc))).toBe(JSON.stringify(convexToJson(doc as Value)));
          }
          rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 60 },
    );
  });

  test("a document longer than the read chunk is read whole", () => {
    const dir = tempDir();
    const big = "x".repeat(50_000);
    writeSnapshot(dir, new Map([["10001orders", { _id: "10001orders", _creationTime: 1, note: big }]]));
    const store = DataStore.open(dir, { sync: false, readChunkBytes: 64 });
    const { docs } = loadAll(store);
    store.close();
    expect((docs.get("10001orders")!.doc as Doc).note).toBe(big);
  });

  test("a snapshot cut short at any byte, or with a line that is not JSON, is refused by name; nothing on disk changes", () => {
    const dir = tempDir();
    const docs = new Map<string, Doc>();
    for (let i = 0; i < 12; i++) docs.set(`${10000 + i}orders`, { _id: `${10000 + i}orders`, _creationTime: i, n: i });
    writeSnapshot(dir, docs);
    const whole = readFileSync(join(dir, "snapshot.ndjson"));
    const lineStarts = [0];
    for (let i = 0; i < whole.length - 1; i++) if (whole[i] === 10) lineStarts.push(i + 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: whole.length - 1 }),
        fc.constantFrom("cut", "garbage"),
        fc.integer({ min: 1, max: 200 }),
        (at, how, chunk) => {
          const copy = tempDir();
          cpSync(dir, copy, { recursive: true });
          rmSync(join(copy, "LOCK"), { force: true });
          const file = join(copy, "snapshot.ndjson");
          if (how === "cut") truncateSync(file, at);
          else {
            // A line that is not JSON put before a whole line.
            const start = lineStarts.filter((s) => s <= at).at(-1)!;
            writeFileSync(
              file,
              Buffer.concat([whole.subarray(0, start), Buffer.from('{"t":\n'), whole.subarray(start)]),
            );
          }
          const before = readFileSync(file);
          const journal = readFileSync(join(copy, "journal.ndjson"));
          const store = DataStore.open(copy, { sync: false, readChunkBytes: chunk });
          let error: unknown = null;
          try {
            store.load();
          } catch (e) {
            error = e;
          }
          store.close();
          expect(error).toBeInstanceOf(DataFolderDamaged);
          expect((error as Error).message).toMatch(/snapshot\.ndjson is damaged/);
          expect((error as Error).message).toMatch(/npm run reset/);
          expect(readFileSync(file).equals(before)).toBe(true);
          expect(readFileSync(join(copy, "journal.ndjson")).equals(journal)).toBe(true);
          rmSync(copy, { recursive: true, force: true });
        },
      ),
      { numRuns: 80 },
    );
  });

  test("a journal torn at any byte keeps every whole record before the tear, at any chunk size", () => {
    const dir = tempDir();
    const store = DataStore.open(dir, { sync: false });
    store.load();
    for (let i = 0; i < 8; i++)
      store.append(10000 + i + 1, i, [[`${10000 + i}notes`, { _id: `${10000 + i}notes`, _creationTime: i, t: "ü" }]]);
    store.close();
    const journal = readFileSync(join(dir, "journal.ndjson"));
    expect(isAscii(journal)).toBe(true);
    const ends: number[] = [];
    for (let i = 0; i < journal.length; i++) if (journal[i] === 10) ends.push(i + 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: journal.length }), fc.integer({ min: 1, max: 300 }), (at, chunk) => {
        const copy = tempDir();
        cpSync(dir, copy, { recursive: true });
        rmSync(join(copy, "LOCK"), { force: true });
        truncateSync(join(copy, "journal.ndjson"), at);
        const s = DataStore.open(copy, { sync: false, readChunkBytes: chunk });
        const { docs, state } = loadAll(s);
        const whole = ends.filter((e) => e <= at).length;
        expect(state.journalRecords).toBe(whole);
        expect(docs.size).toBe(whole);
        // The torn tail is cut off the file: the next record follows the last whole one.
        expect(s.journalSize).toBe(whole === 0 ? 0 : ends[whole - 1]);
        s.close();
        rmSync(copy, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });
});

const m = (p: string) => makeFunctionReference<"mutation">(p);
const q = (p: string) => makeFunctionReference<"query">(p);
type State = { ranks: number[]; xs: number[]; ids: string[] };

describe("format 1 folders", () => {
  test("an old snapshot.json with a UTF-8 journal opens; the next snapshot replaces it with snapshot.ndjson", async () => {
    // Make a folder, then rewrite it as format 1 wrote it.
    const dir = tempDir();
    let rt = await startFixture({ dataDir: dir });
    let c = new ConvexHttpClient(rt.url);
    const first = (await c.mutation(m("durable:insertOne"), { rank: 1 })) as string;
    const gone = (await c.mutation(m("durable:insertOne"), { rank: 2 })) as string;
    await rt.stop();
    const lines = readFileSync(join(dir, "snapshot.ndjson"), "utf8").split("\n").filter(Boolean);
    const header = JSON.parse(lines[0]) as { seq: number; n: number; c: number };
    const trailer = JSON.parse(lines.at(-1)!) as { d?: DedupEntry[] };
    const docs = lines.slice(1, -1).filter((l) => l.startsWith("["));
    writeFileSync(
      join(dir, "snapshot.json"),
      JSON.stringify({
        format: 1,
        seq: header.seq,
        n: header.n,
        c: header.c,
        docs: docs.map((l) => JSON.parse(l) as JSONValue),
        d: trailer.d,
      }),
    );
    rmSync(join(dir, "snapshot.ndjson"));
    // Format 1 journal records after it, raw UTF-8 (not escaped): a rename and a deletion.
    const doc = (docs.map((l) => JSON.parse(l) as [string, Doc]).find((e) => e[0] === first) ?? [])[1]!;
    appendFileSync(
      join(dir, "journal.ndjson"),
      JSON.stringify({ s: header.seq + 1, n: header.n, c: header.c, w: [[first, { ...doc, text: "Straße — é" }]] }) +
        "\n" +
        JSON.stringify({ s: header.seq + 2, n: header.n, c: header.c, w: [[gone, null]] }) +
        "\n",
    );
    rt = await startFixture({ dataDir: dir });
    c = new ConvexHttpClient(rt.url);
    let s = (await c.query(q("durable:state"), {})) as State;
    expect(s.ids).toEqual([first]);
    expect(rt.engine.durabilityRestored?.phases?.journalRecords).toBe(2);
    const note = await rt.engine.backend.t.run(async (ctx) => ctx.db.get(first as never));
    expect((note as { text?: string } | null)?.text).toBe("Straße — é");
    await rt.stop();
    expect(existsSync(join(dir, "snapshot.json"))).toBe(false);
    expect(existsSync(join(dir, "snapshot.ndjson"))).toBe(true);
    rt = await startFixture({ dataDir: dir });
    c = new ConvexHttpClient(rt.url);
    s = (await c.query(q("durable:state"), {})) as State;
    expect(s.ids).toEqual([first]);
    // Ids still follow the old counter.
    const next = (await c.mutation(m("durable:insertOne"), { rank: 3 })) as string;
    expect(Number.parseInt(next, 10)).toBeGreaterThan(Number.parseInt(gone, 10));
    await rt.stop();
  });
});

describe("schema check per table", () => {
  test("after a schema change only the changed table is checked, and a misfit there is still refused by name", async () => {
    const dir = tempDir();
    let rt = await startFixture({ dataDir: dir });
    await new ConvexHttpClient(rt.url).mutation(m("durable:insertOne"), { rank: 5 });
    await rt.stop();
    const project = tempDir();
    cpSync(FIXTURE_DIR, project, { recursive: true });
    const schemaFile = join(project, "schema.ts");
    const schema = readFileSync(schemaFile, "utf8");
    writeFileSync(schemaFile, schema.replace("rank: v.number(),", "rank: v.number(), mood: v.optional(v.string()),"));
    rt = await startFixture({ dataDir: dir, convexDir: project });
    expect(rt.engine.durabilityRestored?.schemaChecked).toBe(true);
    expect(rt.engine.durabilityRestored?.schemaCheckedTables).toEqual(["notes"]);
    await rt.stop();
    // Now a change the stored note does not fit (another folder: modules are imported once per path):
    // refused, naming table and field.
    const project2 = tempDir();
    cpSync(FIXTURE_DIR, project2, { recursive: true });
    writeFileSync(join(project2, "schema.ts"), schema.replace("rank: v.number()", "rank: v.string()"));
    const err = await startFixture({ dataDir: dir, convexDir: project2 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/table "notes", field "rank"/);
  });
});

describe("scheduled functions overdue at a start", () => {
  test("all run, once each, in the order of their scheduled time (not the order they were stored in)", async () => {
    const dir = tempDir();
    let rt = await startFixture({ dataDir: dir });
    const c = new ConvexHttpClient(rt.url);
    const N = 60;
    // Stored in seq order, due in reverse order: seq i is due at base - 20 i.
    const base = Date.now() + 3000 + N * 20;
    for (let i = 0; i < N; i++) await c.mutation(m("durable:scheduleBump"), { seq: i, ms: base - i * 20 - Date.now() });
    await rt.stop();
    // Past every due time (a request's latency adds to its due time).
    await new Promise((r) => setTimeout(r, Math.max(0, base - Date.now() + 2000)));
    rt = await startFixture({ dataDir: dir });
    const ranks = async () =>
      rt.engine.backend.t.run(async (ctx) => (await ctx.db.query("notes").collect()).map((n) => n.rank as number));
    const until = Date.now() + 30_000;
    let done: number[] = [];
    while (Date.now() < until) {
      done = await ranks();
      if (done.length >= N) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Each once; in batches of OVERDUE_BATCH in order of due time (within a batch they run
    // concurrently): the latest-stored, earliest-due first.
    expect([...done].sort((a, b) => a - b)).toEqual([...Array(N).keys()]);
    const jobs = await rt.engine.backend.t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).map((f) => ({
        seq: (f.args[0] as { seq: number }).seq,
        at: f.scheduledTime,
      })),
    );
    const dueOrder = jobs.sort((a, b) => a.at - b.at).map((j) => j.seq);
    const batchOfRun = done.map((_, position) => Math.floor(position / OVERDUE_BATCH));
    const batchOfDue = done.map((seq) => Math.floor(dueOrder.indexOf(seq) / OVERDUE_BATCH));
    expect(batchOfRun).toEqual(batchOfDue);
    // Due in about the opposite order of storage (run in storage order, they fail the line above).
    expect(dueOrder[0]).toBeGreaterThan(N / 2);
    await new Promise((r) => setTimeout(r, 200));
    expect((await ranks()).length).toBe(N);
    await rt.stop();
  });
});
