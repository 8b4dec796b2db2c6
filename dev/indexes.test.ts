/**
 * Sorted indexes (dev/indexes.ts, wired into convex-test's DatabaseFake by dev/convexTest.ts):
 *  - the new path returns exactly what convex-test's own full scan returns, over random documents
 *    of every Convex type and random index ranges (eq/gt/gte/lt/lte, asc/desc, filters, limits,
 *    pages with cursors, end cursors and row limits), with committed data, with a transaction's
 *    pending writes, and after that transaction rolled back (fast-check);
 *  - the index stays sorted and complete through inserts, patches, replaces and deletes;
 *  - the documents a read examines stay flat from 1,000 to 50,000 documents.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { compareValues, convexToJson, type JSONValue, type Value } from "convex/values";
import { Backend } from "./backend";
import { documentsExamined, internals, useFullScans, type DatabaseFake } from "./convexTest";
import { compareKeys, SortedIndex } from "./indexes";
import { FIXTURE_DIR } from "./testkit";
import type { BackendScope } from "./tracker";

const scope = (): BackendScope => ({ alive: true, storageBaseUrl: "http://127.0.0.1:1", onWrite: () => {} });
const json = (v: unknown) => JSON.stringify(convexToJson(v as Value));
const toJsonBound = (v: Value | undefined): JSONValue => (v === undefined ? { $undefined: null } : convexToJson(v));

// ---- random values of every Convex type, with a small pool so that ranges and ties hit ----
const POOL: (Value | undefined)[] = [
  undefined,
  null,
  0n,
  5n,
  -1n,
  0,
  1.5,
  -2,
  NaN,
  Infinity,
  -0,
  true,
  false,
  "",
  "a",
  "b",
  "ab",
  new Uint8Array([1]).buffer,
  [],
  [1],
  [1, "x"],
  {},
  { x: 1 },
];
const scalar: fc.Arbitrary<Value | undefined> = fc.oneof(
  fc.constantFrom(...POOL),
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.uint8Array({ maxLength: 3 }).map((a) => a.buffer as ArrayBuffer),
);
const value: fc.Arbitrary<Value | undefined> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  {
    weight: 1,
    arbitrary: fc.array(
      scalar.filter((v) => v !== undefined),
      { maxLength: 3 },
    ) as fc.Arbitrary<Value>,
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom("x", "y", "k"),
      scalar.filter((v) => v !== undefined),
      { maxKeys: 2 },
    ) as fc.Arbitrary<Value>,
  },
);
type MixedDoc = { a?: Value; b?: Value; o?: Value; tag?: string };
const mixedDoc: fc.Arbitrary<MixedDoc> = fc
  .record({
    a: value,
    b: value,
    o: fc.oneof(value, value.map((k) => (k === undefined ? {} : { k })) as fc.Arbitrary<Value>),
    tag: fc.constantFrom(undefined, "red", "blue"),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as MixedDoc);

type Bound = { type: "Gt" | "Gte" | "Lt" | "Lte"; value: Value | undefined };
type RawQuery = { source: Record<string, unknown>; operators: ({ filter: JSONValue } | { limit: number })[] };
/** A query as convex/server sends it to the database (queryStream / queryPage). */
const rawQuery: fc.Arbitrary<RawQuery> = fc
  .record({
    index: fc.constantFrom("by_a_b", "by_nested", "by_creation_time", "table"),
    eqs: fc.array(value, { maxLength: 2 }),
    lower: fc.option(fc.record({ type: fc.constantFrom("Gt" as const, "Gte" as const), value }), { nil: undefined }),
    upper: fc.option(fc.record({ type: fc.constantFrom("Lt" as const, "Lte" as const), value }), { nil: undefined }),
    order: fc.constantFrom("asc" as const, "desc" as const),
    filterTag: fc.option(fc.constantFrom("red", "blue"), { nil: undefined }),
    limit: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  })
  .map(({ index, eqs, lower, upper, order, filterTag, limit }) => {
    const operators: RawQuery["operators"] = [];
    if (filterTag) operators.push({ filter: { $eq: [{ $field: "tag" }, { $literal: filterTag }] } });
    if (limit !== undefined) operators.push({ limit });
    if (index === "table") return { source: { type: "FullTableScan", tableName: "mixed", order }, operators };
    const fields = index === "by_a_b" ? ["a", "b"] : index === "by_nested" ? ["o.k"] : ["_creationTime"];
    const range: { fieldPath: string; type: string; value: JSONValue }[] = [];
    const used = index === "by_creation_time" ? [] : eqs.slice(0, fields.length);
    for (const [i, v] of used.entries()) range.push({ fieldPath: fields[i], type: "Eq", value: toJsonBound(v) });
    const next = fields[used.length];
    // by_creation_time: bounds are numbers (a creation time); other indexes: any value.
    const asTime = (b: Bound): Bound =>
      index === "by_creation_time" ? { ...b, value: typeof b.value === "number" ? b.value : 0 } : b;
    if (next && lower) range.push({ fieldPath: next, type: lower.type, value: toJsonBound(asTime(lower).value) });
    if (next && upper) range.push({ fieldPath: next, type: upper.type, value: toJsonBound(asTime(upper).value) });
    return { source: { type: "IndexRange", indexName: `mixed.${index}`, range, order }, operators };
  });

const write = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), doc: mixedDoc }),
  fc.record({ kind: fc.constant("patch" as const), at: fc.nat(), doc: mixedDoc }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), doc: mixedDoc }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

type Ctx = {
  db: {
    insert(t: string, d: object): Promise<string>;
    patch(t: string, id: string, d: object): Promise<void>;
    replace(t: string, id: string, d: object): Promise<void>;
    delete(t: string, id: string): Promise<void>;
  };
};
async function applyWrites(ctx: Ctx, ids: string[], writes: Write[]) {
  for (const w of writes) {
    if (w.kind === "insert") {
      ids.push(await ctx.db.insert("mixed", w.doc));
      continue;
    }
    if (ids.length === 0) continue;
    const at = w.at % ids.length;
    if (w.kind === "patch") await ctx.db.patch("mixed", ids[at], { a: w.doc.a, b: w.doc.b });
    else if (w.kind === "replace") await ctx.db.replace("mixed", ids[at], w.doc);
    else {
      await ctx.db.delete("mixed", ids[at]);
      ids.splice(at, 1);
    }
  }
}

/** Runs a DatabaseFake read with sorted indexes and with convex-test's full scan; both must agree. */
function both<T>(read: () => T): { indexed: string; scanned: string } {
  useFullScans(true);
  let scanned: string;
  try {
    scanned = json(read());
  } finally {
    useFullScans(false);
  }
  return { indexed: json(read()), scanned };
}

function evaluate(db: DatabaseFake, q: RawQuery): unknown {
  return db._evaluateQuery(structuredClone(q));
}

type Page = {
  page: unknown[];
  isDone: boolean;
  continueCursor: string;
  splitCursor: string | null;
  pageStatus: string | null;
};
/** Walks every page of a query, comparing each page (and its cursors) on both paths. */
function comparePages(
  db: DatabaseFake,
  q: RawQuery,
  pageSize: number,
  maximumRowsRead: number | undefined,
  endAt: number | null,
) {
  const query = { ...q, operators: q.operators.filter((o) => !("limit" in o)) };
  let cursor: string | null = null;
  // An end cursor: the cursor after the endAt-th document of the first full walk.
  let endCursor: string | null = null;
  if (endAt !== null) {
    const first = db.paginate({ query: structuredClone(query), cursor: null, pageSize: endAt + 1 }) as Page;
    endCursor = first.isDone ? null : first.continueCursor;
  }
  for (let n = 0; n < 60; n++) {
    const args = () => ({ query: structuredClone(query), cursor, endCursor, pageSize, maximumRowsRead });
    const { indexed, scanned } = both(() => db.paginate(args()));
    expect(indexed).toBe(scanned);
    const page = db.paginate(args()) as Page;
    if (page.isDone || endCursor) return;
    cursor = page.continueCursor;
  }
}

async function withDb<T>(b: Backend, fn: (db: DatabaseFake, ctx: Ctx) => Promise<T>): Promise<T> {
  return b.t.run(async (ctx) => fn(internals.getDb(), ctx as unknown as Ctx)) as Promise<T>;
}

/** Every sorted index holds exactly the committed documents of its table, in order. */
function checkIndexes(db: DatabaseFake) {
  for (const [name, idx] of db.__sorted ?? []) {
    idx.check();
    const table = name.split(".")[0];
    const ids = Object.keys(db._documents)
      .filter((id) => id.replace(/^[0-9]+/, "") === table)
      .sort();
    expect(
      idx
        .entries()
        .map((e) => e.id)
        .sort(),
    ).toEqual(ids);
  }
}

describe("sorted indexes return what convex-test's full scans return", () => {
  test("random documents, random ranges: committed, pending writes, rolled back", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mixedDoc, { minLength: 0, maxLength: 40 }),
        fc.array(write, { maxLength: 15 }),
        fc.array(write, { maxLength: 10 }),
        fc.array(
          fc.record({
            q: rawQuery,
            pageSize: fc.integer({ min: 1, max: 7 }),
            rows: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
            endAt: fc.option(fc.nat(8), { nil: null }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (docs, committedWrites, pendingWrites, queries) => {
          const b = await Backend.create(FIXTURE_DIR, scope());
          const ids: string[] = [];
          // Committed in a few transactions (index maintenance at commit), then changed.
          for (let i = 0; i < docs.length; i += 10) {
            await withDb(b, async (_db, ctx) => {
              for (const d of docs.slice(i, i + 10)) ids.push(await ctx.db.insert("mixed", d));
              return null;
            });
          }
          // Build the indexes now, so the writes below maintain them (rather than building late).
          await withDb(b, async (db) => {
            for (const { q } of queries) evaluate(db, q);
            return null;
          });
          await withDb(b, async (_db, ctx) => {
            await applyWrites(ctx, ids, committedWrites);
            return null;
          });
          const check = async () =>
            withDb(b, async (db) => {
              for (const { q, pageSize, rows, endAt } of queries) {
                const { indexed, scanned } = both(() => evaluate(db, q));
                expect(indexed).toBe(scanned);
                comparePages(db, q, pageSize, rows, endAt);
              }
              checkIndexes(db);
              return null;
            });
          await check();
          // Pending writes of an open transaction are merged in; then it fails and rolls back.
          const pendingIds = [...ids];
          await expect(
            withDb(b, async (db, ctx) => {
              await applyWrites(ctx, pendingIds, pendingWrites);
              for (const { q, pageSize, rows } of queries) {
                const { indexed, scanned } = both(() => evaluate(db, q));
                expect(indexed).toBe(scanned);
                comparePages(db, q, pageSize, rows, null);
              }
              throw new Error("roll back");
            }),
          ).rejects.toThrow("roll back");
          await check();
        },
      ),
      { numRuns: Number(process.env.INDEX_PROPERTY_RUNS ?? 60) },
    );
  }, 240_000);

  /** The untyped range builder (the fixture's generic data model types `mixed` loosely). */
  type Loose = {
    eq(f: string, v: unknown): Loose;
    gt(f: string, v: unknown): Loose;
    lte(f: string, v: unknown): Loose;
  };
  test("the same through ctx.db: withIndex/take/first/unique/paginate and search", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope());
    await b.t.run(async (ctx) => {
      for (let i = 0; i < 300; i++)
        await ctx.db.insert("mixed", {
          a: i % 7,
          b: i % 3 === 0 ? String(i) : i,
          tag: i % 5 === 0 ? "red fox" : "blue",
        });
      return null;
    });
    const reads = async () =>
      json(
        await b.t.run(async (ctx) => {
          const q = ctx.db.query("mixed");
          return {
            eq: await q.withIndex("by_a_b", (r) => r.eq("a", 3)).take(5),
            range: await ctx.db
              .query("mixed")
              .withIndex("by_a_b", (r) => (r as unknown as Loose).eq("a", 2).gt("b", 10).lte("b", "9") as never)
              .order("desc")
              .collect(),
            first: await ctx.db
              .query("mixed")
              .withIndex("by_a_b", (r) => r.gte("a", 6))
              .first(),
            unique: await ctx.db
              .query("mixed")
              .withIndex("by_a_b", (r) => (r as unknown as Loose).eq("a", 1).eq("b", 1) as never)
              .unique(),
            scan: await ctx.db.query("mixed").order("desc").take(3),
            filtered: await ctx.db
              .query("mixed")
              .withIndex("by_a_b", (r) => r.eq("a", 4))
              .filter((f) => f.eq(f.field("tag"), "red fox"))
              .take(2),
            search: await ctx.db
              .query("mixed")
              .withSearchIndex("search_tag", (s) => s.search("tag", "red"))
              .take(4),
            page: await ctx.db
              .query("mixed")
              .withIndex("by_a_b", (r) => r.eq("a", 5))
              .paginate({ numItems: 4, cursor: null }),
          };
        }),
      );
    const indexed = await reads();
    useFullScans(true);
    let scanned: string;
    try {
      scanned = await reads();
    } finally {
      useFullScans(false);
    }
    expect(indexed).toBe(scanned);
    expect(JSON.parse(indexed).first).not.toBeNull();
  });
});

describe("SortedIndex", () => {
  test("stays sorted and complete through many inserts, moves and removals (chunks split and empty)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined })),
          { minLength: 1, maxLength: 4000 },
        ),
        (ops) => {
          const idx = new SortedIndex(["v", "_id"], (d) => [d.v as Value, d._id as Value]);
          const model = new Map<string, number>();
          for (const [n, v] of ops) {
            const id = `id${n}`;
            idx.set(id, v === undefined ? undefined : { _id: id, v });
            if (v === undefined) model.delete(id);
            else model.set(id, v);
          }
          idx.check();
          const expected = [...model].map(([id, v]) => [v, id] as [number, string]).sort((a, b) => compareKeys(a, b));
          expect(idx.entries().map((e) => e.key)).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });

  test("keys follow Convex's value order", () => {
    const ordered: Value[] = [
      null,
      -5n,
      7n,
      -Infinity,
      -1,
      0,
      2.5,
      NaN,
      false,
      true,
      "",
      "a",
      "b",
      new Uint8Array([0]).buffer,
      [],
      [0],
      {},
      { a: 1 },
    ];
    const idx = new SortedIndex(["v", "_id"], (d) => [d.v as Value, d._id as Value]);
    idx.set("u", { _id: "u" }); // undefined comes first
    for (const [i, v] of [...ordered.entries()].reverse()) idx.set(`id${i}`, { _id: `id${i}`, v });
    expect(idx.entries().map((e) => e.id)).toEqual(["u", ...ordered.map((_, i) => `id${i}`)]);
    for (let i = 1; i < ordered.length; i++) expect(compareValues(ordered[i - 1], ordered[i])).toBeLessThan(0);
  });
});

describe("a read's cost does not grow with the table", () => {
  test("documents examined per query: the same at 1,000 and 50,000 documents (a full scan examines them all)", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope());
    const fill = async (from: number, to: number) => {
      for (let start = from; start < to; start += 5000) {
        await b.t.run(async (ctx) => {
          for (let i = start; i < Math.min(to, start + 5000); i++)
            await ctx.db.insert("notes", { text: `n${i}`, rank: i % 50 });
          return null;
        });
      }
    };
    type Cost = Record<string, number>;
    /** Documents examined by each read (through ctx.db, as functions read). */
    const costs = async (): Promise<Cost> =>
      (await b.t.run(async (ctx) => {
        const db = internals.getDb();
        const out: Cost = {};
        const measure = async (name: string, read: () => Promise<unknown>) => {
          const before = documentsExamined(db);
          await read();
          out[name] = documentsExamined(db) - before;
        };
        await measure("take10_eq", () =>
          ctx.db
            .query("notes")
            .withIndex("by_rank", (q) => q.eq("rank", 20))
            .take(10),
        );
        await measure("first_gt", () =>
          ctx.db
            .query("notes")
            .withIndex("by_rank", (q) => q.gt("rank", 40))
            .first(),
        );
        await measure("take25_desc", () => ctx.db.query("notes").withIndex("by_rank").order("desc").take(25));
        await measure("table_first", () => ctx.db.query("notes").first());
        await measure("table_last", () => ctx.db.query("notes").order("desc").first());
        return out;
      })) as Cost;
    /** A page of 25 in the middle of the index, after a cursor (one paginate per function). */
    const pageCost = async () =>
      (await b.t.run(async (ctx) => {
        const db = internals.getDb();
        const first = await ctx.db
          .query("notes")
          .withIndex("by_rank", (q) => q.gte("rank", 25))
          .first();
        const before = documentsExamined(db);
        const cursor = JSON.stringify([first!.rank, first!._creationTime, first!._id].map((k) => JSON.stringify(k)));
        const page = await ctx.db.query("notes").withIndex("by_rank").paginate({ numItems: 25, cursor });
        expect(page.page).toHaveLength(25);
        return documentsExamined(db) - before;
      })) as number;
    await fill(0, 1000);
    const small = { ...(await costs()), page25: await pageCost() };
    await fill(1000, 50_000);
    const large = { ...(await costs()), page25: await pageCost() };
    expect(large).toEqual(small);
    for (const n of Object.values(large)) expect(n).toBeLessThanOrEqual(26);
    // convex-test's own path examines every document of the table for the same read.
    useFullScans(true);
    try {
      const scanned = await costs();
      expect(scanned.take10_eq).toBeGreaterThanOrEqual(50_000);
    } finally {
      useFullScans(false);
    }
  }, 120_000);
});

describe("indexes after a restart", () => {
  test("restored from snapshot + journal (documents written after the index was built), reads equal the full scan", async () => {
    const { cpSync, mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { startFixture } = await import("./testkit");
    const dir = mkdtempSync(join(tmpdir(), "indexes-restart-"));
    try {
      process.env.OFFLINE_QUIET = "1";
      const rt = await startFixture({ dataDir: dir, httpActionsPort: null });
      const b = rt.engine.backend;
      const ids = (await b.t.run(async (ctx) => {
        const out: string[] = [];
        for (let i = 0; i < 300; i++) out.push(await ctx.db.insert("notes", { text: `n${i}`, rank: i % 13 }));
        return out;
      })) as string[];
      await b.t.run(
        async (ctx) =>
          (
            await ctx.db
              .query("notes")
              .withIndex("by_rank", (q) => q.eq("rank", 3))
              .take(5)
          ).length,
      ); // builds the index
      await rt.stop(); // snapshot
      const rt2 = await startFixture({ dataDir: dir, httpActionsPort: null });
      const b2 = rt2.engine.backend;
      await b2.t.run(async (ctx) => {
        for (const id of ids.slice(0, 100)) await ctx.db.patch("notes", id as never, { rank: 100 });
        for (const id of ids.slice(100, 150)) await ctx.db.delete("notes", id as never);
        for (let i = 0; i < 50; i++) await ctx.db.insert("notes", { text: `m${i}`, rank: 3 });
        return null;
      });
      // A crash: the folder as it is while rt2 runs (the changes are in its journal only).
      const copy = mkdtempSync(join(tmpdir(), "indexes-restart-copy-"));
      cpSync(dir, copy, { recursive: true });
      rmSync(join(copy, "LOCK"));
      await rt2.stop();
      const rt3 = await startFixture({ dataDir: copy, httpActionsPort: null });
      const b3 = rt3.engine.backend;
      const read = async () =>
        json(
          await b3.t.run(async (ctx) => ({
            three: await ctx.db
              .query("notes")
              .withIndex("by_rank", (q) => q.eq("rank", 3))
              .collect(),
            hundred: await ctx.db
              .query("notes")
              .withIndex("by_rank", (q) => q.gte("rank", 100))
              .order("desc")
              .take(7),
            newest: await ctx.db.query("notes").order("desc").take(3),
          })),
        );
      const indexed = await read();
      useFullScans(true);
      let scanned: string;
      try {
        scanned = await read();
      } finally {
        useFullScans(false);
      }
      expect(indexed).toBe(scanned);
      expect(JSON.parse(indexed).three.length).toBeGreaterThan(50);
      await rt3.stop();
      rmSync(copy, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
