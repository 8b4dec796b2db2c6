/**
 * convex-test, loaded with one change for speed: reads go through sorted indexes.
 *
 * convex-test's DatabaseFake answers every query (index range, table scan, `.first()`,
 * `.take(n)`, `.paginate()`) by walking *all* documents of all tables, filtering, and sorting what
 * matched, so every read costs O(total documents) and lists, live-query re-runs and mutations
 * grow with the data. We load a copy of convex-test's module that also exports its DatabaseFake
 * class and a few of its helpers (nothing else differs) and replace the query paths:
 *  - each index a query uses (and `by_creation_time` for table scans) becomes a sorted index
 *    (dev/indexes.ts) over the committed documents, built on first use and kept up to date at
 *    every outermost commit; a range read binary-searches its start (and a page's cursor) and
 *    walks only its entries, merged with the open transaction's own pending writes (so a
 *    rollback needs nothing: the index only ever holds committed documents);
 *  - `_evaluateQuery` (`collect`, `take`, `first`, `unique`, iteration) stops at its limit, and
 *    `paginate` is convex-test's own page/cursor/split logic over that lazy walk;
 *  - search still walks its table (per table, not all documents), as convex-test does.
 * Results are exactly convex-test's (dev/indexes.test.ts compares both paths with fast-check;
 * `useFullScans(true)` switches back to convex-test's own walk).
 *
 * The commit hook is also where writes are observed: every outermost commit reports each written
 * document (before and after) to the backend of the committing async context (tracker.BackendScope),
 * whoever wrote it — client mutations, actions, scheduled functions, HTTP actions, crons. Writes
 * of transactions that roll back are never reported.
 *
 * The copy lives in node_modules/.cache (never committed) and is rebuilt when convex-test changes.
 * The internals touched (`_documents`, `_writes`, `commit`, `_iterateDocs`, `_evaluateQuery`,
 * `paginate`, `get`) are pinned by dev/contract.test.ts.
 */
import type { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as ConvexTestModule from "convex-test";
import { compareValues, convexToJson, getDocumentSize, jsonToConvex, type JSONValue, type Value } from "convex/values";
import {
  before,
  boundsOf,
  compareKeys,
  locate,
  SortedIndex,
  type Key,
  type KeyBounds,
  type RangeExpr,
} from "./indexes";
import { backendScope } from "./tracker";

type Writes = Record<string, unknown>;
type Doc = Record<string, unknown>;
type Source = {
  type: string;
  tableName?: string;
  indexName?: string;
  order?: string | null;
  range?: { fieldPath: string; type: string; value: JSONValue }[];
};
export type DatabaseFake = {
  _documents: Record<string, Doc>;
  _storage: Record<string, Blob>;
  _nextDocId: number;
  _lastCreationTime: number;
  patch(table: string, id: string, value: Record<string, unknown>): void;
  _writes: Writes[];
  _schema: { tables: Map<string, { indexes: { indexDescriptor: string; fields: string[] }[] }> } | null;
  get(table: string, id: string): Doc | null;
  commit(commitTs?: unknown): void;
  _addWrite(id: string, value: unknown): void;
  _iterateDocs(table: string, callback: (doc: Doc) => void): void;
  _evaluateQuery(query: unknown): Doc[];
  _queryResults: Record<number, Doc[]>;
  _nextQueryId: number;
  queryNext(queryId: number): { value: Doc | null; done: boolean };
  paginate(args: unknown): unknown;
  /** Ours: table → ids of committed documents, in insertion order. */
  __byTable?: Map<string, Set<string>>;
  /** Ours: "table.index" → sorted index over the committed documents, built on first use. */
  __sorted?: Map<string, SortedIndex>;
  /** Ours: table → its sorted indexes (kept up to date at every outermost commit). */
  __sortedByTable?: Map<string, SortedIndex[]>;
  /** Ours: documents visited by range reads (see documentsExamined). */
  __examined?: number;
  /**
   * Ours: called at every outermost commit that wrote something, after it applied, with the
   * written ids (dev/durable.ts journals them to disk before the commit returns).
   */
  __journal?: (ids: string[]) => void;
};
type DatabaseFakeClass = { prototype: DatabaseFake };

const require = createRequire(import.meta.url);
const tableOf = (id: string) => id.replace(/^[0-9]+/, "");

/** The first occurrence is runMutationWithHandler's (the query runner's comes after it). */
const MUTATION_RESULT = "const rawResult = await nestedTxStorage.run(childLock, invokeInContext);";

function buildCopy(): string {
  const entry = require.resolve("convex-test");
  const version = (JSON.parse(readFileSync(resolve(dirname(entry), "../package.json"), "utf8")) as { version: string })
    .version;
  const cacheDir = resolve(dirname(entry), "../../.cache/offline-runtime");
  const file = resolve(cacheDir, `convex-test-${version}.mjs`);
  const source = readFileSync(entry, "utf8");
  const patched =
    source
      .replace(
        'from "./transactionMetrics.js"',
        `from ${JSON.stringify(pathToFileURL(resolve(dirname(entry), "transactionMetrics.js")).href)}`,
      )
      // A mutation's result (JSON text), handed over before its outermost commit: the journal
      // records it with the commit's writes (dev/durable.ts, re-sent mutations after a restart).
      .replace(MUTATION_RESULT, `${MUTATION_RESULT}\n            if (!isNested) __mutationResultHook?.(rawResult);`) +
    "\nlet __mutationResultHook = null;\nfunction __setMutationResultHook(f) { __mutationResultHook = f; }\n" +
    "export { __setMutationResultHook };\n" +
    "\nexport { DatabaseFake as __DatabaseFake, getDb as __getDb, getConvexGlobal as __getConvexGlobal, " +
    "runScheduledFunction as __runScheduledFunction, convexGlobalStorage as __convexGlobalStorage, " +
    "nestedTxStorage as __nestedTxStorage, frameworkSetTimeout as __frameworkSetTimeout, validateValidator as __validateValidator, " +
    "evaluateFieldPath as __evaluateFieldPath, evaluateFilter as __evaluateFilter, evaluateRangeFilter as __evaluateRangeFilter, " +
    "evaluateQueryValue as __evaluateQueryValue, validateIndexRangeExpression as __validateIndexRangeExpression };\n";
  if (!patched.includes("__mutationResultHook?.(rawResult)"))
    throw new Error("convex-test changed: no mutation result before commit (see dev/convexTest.ts)");
  if (!patched.includes("class DatabaseFake"))
    throw new Error("convex-test changed: no DatabaseFake class (see dev/convexTest.ts)");
  if (!existsSync(file) || readFileSync(file, "utf8") !== patched) {
    // Written aside and renamed: another process may be importing it at the same moment.
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, patched);
    renameSync(temp, file);
  }
  return file;
}

/** Table → ids of its committed documents (built on first use, then kept at every commit). */
export function idsByTable(db: DatabaseFake): Map<string, Set<string>> {
  return indexOf(db);
}

function indexOf(db: DatabaseFake): Map<string, Set<string>> {
  if (!db.__byTable) {
    db.__byTable = new Map();
    for (const id of Object.keys(db._documents)) {
      const t = tableOf(id);
      let set = db.__byTable.get(t);
      if (!set) db.__byTable.set(t, (set = new Set()));
      set.add(id);
    }
  }
  return db.__byTable;
}

/** Per open transaction level (a `_writes` entry): table → ids written there (kept by `_addWrite`). */
const levelTables = new WeakMap<Writes, Map<string, Set<string>>>();

/** Ids of `table` written by the open transaction levels (each read merges them in). */
function pendingIds(db: DatabaseFake, table: string): Set<string> {
  const ids = new Set<string>();
  for (const level of db._writes) for (const id of levelTables.get(level)?.get(table) ?? []) ids.add(id);
  return ids;
}

/** Reads through sorted indexes (default) or convex-test's own walk over every document (tests compare the two). */
let fullScan = false;
/** Switches every backend of this process to convex-test's original full scans (true) or back to sorted indexes. */
export function useFullScans(on: boolean) {
  fullScan = on;
}

/** Documents a database has handed to range reads so far (index entries and pending writes visited, or every document walked by a full scan). */
export function documentsExamined(db: DatabaseFake): number {
  return db.__examined ?? 0;
}

type Operators = ({ filter: unknown } | { limit: number })[];
type QueryArg = { source: Source; operators: Operators };

/** What a range read walks: the index, the part of it inside the range, the order. */
type Plan = {
  table: string;
  index: SortedIndex;
  bounds: KeyBounds;
  range: Source["range"] & object;
  order: "asc" | "desc";
  /** What convex-test sorts by (FullTableScan: _creationTime only); cursors add _id. */
  sortFields: string[];
};

/** The sorted index `table.index` with these key fields, built from the committed documents on first use. */
function sortedIndex(db: DatabaseFake, table: string, name: string, fields: string[]): SortedIndex {
  db.__sorted ??= new Map();
  let idx = db.__sorted.get(name);
  if (!idx) {
    const ev = mod.__evaluateFieldPath;
    idx = new SortedIndex(fields, (doc) => fields.map((f) => ev(f, doc)));
    const ids = indexOf(db).get(table) ?? new Set<string>();
    idx.build(
      (function* () {
        for (const id of ids) yield [id, db._documents[id]] as [string, Doc];
      })(),
    );
    db.__sorted.set(name, idx);
    let list = db.__sortedByTable?.get(table);
    if (!list) (db.__sortedByTable ??= new Map()).set(table, (list = []));
    list.push(idx);
  }
  return idx;
}

/** The plan of an index range or table scan; null for anything else (search: convex-test's own walk). */
function planOf(db: DatabaseFake, source: Source): Plan | null {
  const order = (source.order ?? "asc") as "asc" | "desc";
  if (source.type === "FullTableScan" && source.tableName) {
    const table = source.tableName;
    const index = sortedIndex(db, table, `${table}.by_creation_time`, ["_creationTime", "_id"]);
    return { table, index, bounds: boundsOf([]), range: [], order, sortFields: ["_creationTime"] };
  }
  if (source.type !== "IndexRange" || !source.indexName || !source.range) return null;
  const [table, indexName] = source.indexName.split(".");
  let fields: string[];
  if (indexName === "by_creation_time") fields = ["_creationTime", "_id"];
  else if (indexName === "by_id") fields = ["_id"];
  else {
    const declared = db._schema?.tables.get(table)?.indexes.find((i) => i.indexDescriptor === indexName);
    if (!declared) return null; // convex-test's own path throws its error
    fields = [...declared.fields, "_creationTime", "_id"];
  }
  mod.__validateIndexRangeExpression(source, fields);
  const range = source.range;
  const bounds = boundsOf(
    range.map((r) => ({
      fieldPath: r.fieldPath,
      type: r.type as RangeExpr["type"],
      value: mod.__evaluateQueryValue(r.value),
    })),
  );
  return { table, index: sortedIndex(db, table, source.indexName, fields), bounds, range, order, sortFields: fields };
}

/**
 * The documents of a plan's range in its order — committed ones from the index, merged with the
 * open transaction's own writes — starting after `cursor` (a key over the plan's key fields)
 * when given. Lazy: only what the caller pulls is visited.
 */
function* rangeDocs(db: DatabaseFake, plan: Plan, cursor: Key | null): Generator<Doc> {
  const { index, order } = plan;
  const ev = mod.__evaluateFieldPath;
  const fields = index.fields;
  const asc = order === "asc";
  // "After the cursor" as convex-test's _docIsAfterCursor decides it (over every key field).
  const cursorCmp = (key: Key) => {
    for (let i = 0; i < key.length; i++) {
      const c = compareValues(key[i] as Value, cursor![i] as Value);
      if (c !== 0) return c;
    }
    return 0;
  };
  const inRange = (doc: Doc) => plan.range.every((r) => mod.__evaluateRangeFilter(doc, r));
  // Pending writes of this table, in every open transaction level: they shadow committed versions.
  const shadowed = pendingIds(db, plan.table);
  const pending: { key: Key; doc: Doc }[] = [];
  for (const id of shadowed) {
    const doc = db.get(plan.table, id);
    if (doc === null || !inRange(doc)) continue;
    const key = fields.map((f) => ev(f, doc));
    if (cursor && (asc ? cursorCmp(key) <= 0 : cursorCmp(key) >= 0)) continue;
    pending.push({ key, doc });
  }
  pending.sort((a, b) => (asc ? compareKeys(a.key, b.key) : compareKeys(b.key, a.key)));
  let { from, to } = locate(index, plan.bounds);
  if (cursor) {
    if (asc) {
      const after = index.lowerBound((k) => cursorCmp(k) > 0);
      if (before(from, after)) from = after;
    } else {
      const atOrAfter = index.lowerBound((k) => cursorCmp(k) >= 0);
      if (before(atOrAfter, to)) to = atOrAfter;
    }
  }
  const committed = asc ? index.forward(from, to) : index.backward(from, to);
  let p = 0;
  for (const entry of committed) {
    if (shadowed.has(entry.id)) continue;
    while (
      p < pending.length &&
      (asc ? compareKeys(pending[p].key, entry.key) < 0 : compareKeys(pending[p].key, entry.key) > 0)
    ) {
      db.__examined = (db.__examined ?? 0) + 1;
      yield pending[p++].doc;
    }
    const doc = db._documents[entry.id];
    db.__examined = (db.__examined ?? 0) + 1;
    // The index and the range expression agree; checking again costs little and guards the bounds.
    if (inRange(doc)) yield doc;
  }
  while (p < pending.length) {
    db.__examined = (db.__examined ?? 0) + 1;
    yield pending[p++].doc;
  }
}

function filterOf(query: QueryArg): (doc: Doc) => boolean {
  const filters = query.operators.filter((o): o is { filter: unknown } => "filter" in o).map((o) => o.filter);
  return (doc) => filters.every((f) => mod.__evaluateFilter(doc, f));
}

/** convex-test's cursor decoding (null = undefined field; others JSON of convexToJson). */
function decodeCursor(c: string | null): Key | null {
  if (!c) return null;
  return (JSON.parse(c) as (string | null)[]).map((k) =>
    k === null ? undefined : jsonToConvex(JSON.parse(k) as JSONValue),
  );
}

function encodeCursor(doc: Doc, fields: string[]): string {
  return JSON.stringify(
    fields
      .map((f) => mod.__evaluateFieldPath(f, doc))
      .map((k) => (k === undefined ? null : JSON.stringify(convexToJson(k as Value)))),
  );
}

type PaginateArgs = {
  query: QueryArg;
  cursor: string | null;
  endCursor?: string | null;
  pageSize: number;
  maximumRowsRead?: number;
  maximumBytesRead?: number;
};

/** convex-test's paginate (same page, cursors, split rules), reading only from the cursor on. */
function paginateIndexed(db: DatabaseFake, plan: Plan, args: PaginateArgs) {
  const { cursor, endCursor, pageSize, maximumRowsRead, maximumBytesRead } = args;
  const filterFn = filterOf(args.query);
  const cursorFields = plan.sortFields.includes("_id") ? plan.sortFields : [...plan.sortFields, "_id"];
  const dir = plan.order === "asc" ? 1 : -1;
  const afterCursor = (doc: Doc, keys: Key) => {
    for (let i = 0; i < cursorFields.length; i++) {
      const c = compareValues(mod.__evaluateFieldPath(cursorFields[i], doc) as Value, keys[i] as Value);
      if (c !== 0) return c * dir;
    }
    return 0;
  };
  if (cursor === "_end_cursor")
    return { page: [], isDone: true, continueCursor: "_end_cursor", splitCursor: null, pageStatus: null };
  const cursorKeys = decodeCursor(cursor);
  const hasEndBoundary = !!endCursor && endCursor !== "_end_cursor";
  const endCursorKeys = hasEndBoundary ? decodeCursor(endCursor) : null;
  const page: Doc[] = [];
  let continueCursor = "_end_cursor";
  let splitCursor: string | null = null;
  let pageStatus: string | null = null;
  let rowsRead = 0;
  let bytesRead = 0;
  const readDocCursors: string[] = [];
  const docs = rangeDocs(db, plan, cursorKeys);
  let next = docs.next();
  while (!next.done) {
    const doc = next.value;
    next = docs.next();
    const isLastDoc = !!next.done;
    if (hasEndBoundary && endCursorKeys) {
      const cmp = afterCursor(doc, endCursorKeys);
      if (cmp >= 0) {
        if (cmp === 0) {
          rowsRead += 1;
          bytesRead += getDocumentSize(doc as Record<string, Value>);
          readDocCursors.push(encodeCursor(doc, cursorFields));
          if (filterFn(doc)) page.push(doc);
          continueCursor = encodeCursor(doc, cursorFields);
        }
        break;
      }
    }
    rowsRead += 1;
    bytesRead += getDocumentSize(doc as Record<string, Value>);
    readDocCursors.push(encodeCursor(doc, cursorFields));
    let hitLimit = false;
    if (maximumRowsRead && rowsRead >= maximumRowsRead) hitLimit = true;
    if (maximumBytesRead && bytesRead >= maximumBytesRead) hitLimit = true;
    if (filterFn(doc)) page.push(doc);
    if (hitLimit) {
      pageStatus = "SplitRequired";
      continueCursor = encodeCursor(doc, cursorFields);
      break;
    }
    if (!endCursor && page.length >= pageSize) {
      if (!isLastDoc) continueCursor = encodeCursor(doc, cursorFields);
      break;
    }
  }
  const isDone = continueCursor === "_end_cursor";
  if (pageStatus === "SplitRequired" && readDocCursors.length >= 2) {
    splitCursor = readDocCursors[Math.floor((readDocCursors.length - 1) / 2)];
  } else if (pageStatus === null && rowsRead > pageSize + 1 && readDocCursors.length >= 2) {
    pageStatus = "SplitRecommended";
    splitCursor = readDocCursors[Math.floor((readDocCursors.length - 1) / 2)];
  }
  return { page, isDone, continueCursor, splitCursor, pageStatus };
}

function speedUp(cls: DatabaseFakeClass) {
  const proto = cls.prototype;
  const commit = proto.commit;
  proto.commit = function (this: DatabaseFake, commitTs?: unknown) {
    const last = this._writes[this._writes.length - 1];
    // Only the outermost commit reaches _documents (nested ones merge into their parent level).
    const outermost = this._writes.length === 1 && last !== undefined;
    const before = outermost ? Object.keys(last).map((id) => this._documents[id]) : [];
    commit.call(this, commitTs);
    if (!outermost) return;
    if (this.__journal && before.length > 0) {
      try {
        this.__journal(Object.keys(last));
      } catch (e) {
        // The commit is applied in memory but not on disk: nobody has been told yet, and nobody
        // may be (a later acknowledged write could depend on it). Stop rather than lie.
        console.error("[offline] cannot write the journal; stopping so that no unsaved write is acknowledged:", e);
        process.exit(70);
      }
    }
    const index = indexOf(this);
    const scope = backendScope.getStore();
    for (const [i, id] of Object.keys(last).entries()) {
      const t = tableOf(id);
      let set = index.get(t);
      if (!set) index.set(t, (set = new Set()));
      const doc = this._documents[id];
      if (doc === undefined) set.delete(id);
      else set.add(id);
      for (const idx of this.__sortedByTable?.get(t) ?? []) idx.set(id, doc);
      // Tell the backend whose transaction this is (its async context) what changed, with the
      // document before and after: the engine re-runs the queries whose reads these touch.
      if (scope?.alive) {
        const versions = [before[i], doc].filter((d): d is Doc => d !== undefined) as Record<string, Value>[];
        scope.onWrite(t, id, versions);
      }
    }
  };
  const addWrite = proto._addWrite;
  proto._addWrite = function (this: DatabaseFake, id: string, value: unknown) {
    addWrite.call(this, id, value);
    const level = this._writes[this._writes.length - 1];
    let tables = levelTables.get(level);
    if (!tables) levelTables.set(level, (tables = new Map()));
    const t = tableOf(id);
    let ids = tables.get(t);
    if (!ids) tables.set(t, (ids = new Set()));
    ids.add(id);
  };
  const iterateAll = proto._iterateDocs;
  // Search (and convex-test's own path when an index is unknown) walks one table's documents.
  proto._iterateDocs = function (this: DatabaseFake, table: string, callback: (doc: Doc) => void) {
    const count = (doc: Doc) => {
      this.__examined = (this.__examined ?? 0) + 1;
      callback(doc);
    };
    if (fullScan) return iterateAll.call(this, table, count);
    const ids = new Set(indexOf(this).get(table) ?? []);
    for (const id of pendingIds(this, table)) ids.add(id);
    for (const id of ids) {
      const doc = this.get(table, id);
      if (doc !== null) count(doc);
    }
  };
  const evaluate = proto._evaluateQuery;
  const queryNext = proto.queryNext;
  proto._evaluateQuery = function (this: DatabaseFake, query: QueryArg) {
    const plan = fullScan ? null : planOf(this, query.source);
    if (!plan) return evaluate.call(this, query);
    const filterFn = filterOf(query);
    const limit = query.operators.find((o): o is { limit: number } => "limit" in o)?.limit ?? null;
    const out: Doc[] = [];
    if (limit === 0) return out;
    for (const doc of rangeDocs(this, plan, null)) {
      if (!filterFn(doc)) continue;
      out.push(doc);
      if (limit !== null && out.length >= limit) break;
    }
    return out;
  };
  // convex-test keeps every query's (emptied) result array forever (its queryCleanup does
  // nothing): millions of entries after a large seed. A finished stream's entry goes.
  proto.queryNext = function (this: DatabaseFake, queryId: number) {
    const results = this._queryResults[queryId];
    if (results === undefined && queryId < this._nextQueryId) return { value: null, done: true };
    if (results !== undefined && results.length === 0) {
      delete this._queryResults[queryId];
      return { value: null, done: true };
    }
    return queryNext.call(this, queryId);
  };
  const paginate = proto.paginate;
  proto.paginate = function (this: DatabaseFake, args: PaginateArgs) {
    const plan = fullScan ? null : planOf(this, args.query.source);
    return plan ? paginateIndexed(this, plan, args) : paginate.call(this, args);
  };
}

/** convex-test internals the durable runtime needs (pinned by dev/contract.test.ts). */
export type Internals = {
  getDb(): DatabaseFake;
  getConvexGlobal(): ConvexGlobal;
  runScheduledFunction(a: {
    db: DatabaseFake;
    jobId: string;
    componentPath: string;
    functionPath: { udfPath: string; componentPath: string };
    args: unknown;
    name: string;
  }): Promise<void>;
  convexGlobalStorage: AsyncLocalStorage<ConvexGlobal>;
  nestedTxStorage: AsyncLocalStorage<unknown>;
  frameworkSetTimeout(cb: () => void, ms: number): unknown;
  validateValidator(validator: unknown, value: unknown): void;
  /** Called with the result (JSON text) of every outermost mutation, right before its commit. */
  setMutationResultHook(f: ((rawResult: string) => void) | null): void;
};
export type ConvexGlobal = {
  transactionManager: { _waitOnCurrentFunction: Promise<void> | null };
  scheduler: {
    timerScheduled(): void;
    timerFired(): void;
    add(p: Promise<unknown>): void;
    finish(p: Promise<unknown>): void;
  };
};

const mod = (await import(pathToFileURL(buildCopy()).href)) as typeof ConvexTestModule & {
  __DatabaseFake: DatabaseFakeClass;
  __getDb: Internals["getDb"];
  __getConvexGlobal: Internals["getConvexGlobal"];
  __runScheduledFunction: Internals["runScheduledFunction"];
  __convexGlobalStorage: Internals["convexGlobalStorage"];
  __nestedTxStorage: Internals["nestedTxStorage"];
  __frameworkSetTimeout: Internals["frameworkSetTimeout"];
  __validateValidator: Internals["validateValidator"];
  __setMutationResultHook: Internals["setMutationResultHook"];
  __evaluateFieldPath(fieldPath: string, doc: Doc): Value | undefined;
  __evaluateFilter(doc: Doc, filter: unknown): boolean;
  __evaluateRangeFilter(doc: Doc, expr: { fieldPath: string; type: string; value: JSONValue }): boolean;
  __evaluateQueryValue(value: JSONValue): Value | undefined;
  __validateIndexRangeExpression(source: Source, fields: string[]): void;
};
speedUp(mod.__DatabaseFake);

export const internals: Internals = {
  getDb: mod.__getDb,
  getConvexGlobal: mod.__getConvexGlobal,
  runScheduledFunction: mod.__runScheduledFunction,
  convexGlobalStorage: mod.__convexGlobalStorage,
  nestedTxStorage: mod.__nestedTxStorage,
  frameworkSetTimeout: mod.__frameworkSetTimeout,
  validateValidator: mod.__validateValidator,
  setMutationResultHook: mod.__setMutationResultHook,
};

export const convexTest = mod.convexTest;
export type { TestConvexForDataModel } from "convex-test";
