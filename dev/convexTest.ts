/**
 * convex-test, loaded with one change for speed: a query visits only the documents it can match.
 *
 * convex-test's DatabaseFake answers every query (index range, table scan) by walking *all*
 * documents of all tables and filtering, so each read costs O(total documents). A mutation that
 * makes a few dozen reads then costs tens of milliseconds on demo-sized data. We load a copy of
 * convex-test's module that also exports its DatabaseFake class (nothing else differs) and replace
 * `_iterateDocs` with one that keeps, per table, its ids and, per index whose first field a query
 * fixes with `.eq`, the ids by that field's value; both are maintained on commit. convex-test
 * still applies the full range and sorts, so candidates only need to include every match.
 *
 * The commit hook is also where writes are observed: every outermost commit reports each written
 * document (before and after) to the backend of the committing async context (tracker.BackendScope),
 * whoever wrote it — client mutations, actions, scheduled functions, HTTP actions, crons. Writes
 * of transactions that roll back are never reported.
 *
 * The copy lives in node_modules/.cache (never committed) and is rebuilt when convex-test changes.
 * The internals touched (`_documents`, `_writes`, `commit`, `_iterateDocs`, `get`) are pinned by
 * dev/contract.test.ts.
 */
import type { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as ConvexTestModule from "convex-test";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { backendScope } from "./tracker";

type Writes = Record<string, unknown>;
type Doc = Record<string, unknown>;
type Source = { type: string; indexName?: string; range?: { fieldPath: string; type: string; value: JSONValue }[] };
/** Ids of a table's committed documents by the value of an index's first field. */
type FirstFieldIndex = { field: string; byKey: Map<string, Set<string>>; keyOf: Map<string, string> };
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
  _iterateDocs(table: string, callback: (doc: Doc) => void): void;
  _resolveQuerySource(query: { source: Source }): unknown;
  /** Ours: table → ids of committed documents, in insertion order. */
  __byTable?: Map<string, Set<string>>;
  /** Ours: "table.index" → first-field index, built on first use. */
  __indexes?: Map<string, FirstFieldIndex>;
  /** Ours: the query source being resolved (set around _resolveQuerySource). */
  __source?: Source | null;
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
  const version = (JSON.parse(readFileSync(resolve(dirname(entry), "../package.json"), "utf8")) as { version: string }).version;
  const cacheDir = resolve(dirname(entry), "../../.cache/offline-runtime");
  const file = resolve(cacheDir, `convex-test-${version}.mjs`);
  const source = readFileSync(entry, "utf8");
  const patched =
    source
      .replace('from "./transactionMetrics.js"', `from ${JSON.stringify(pathToFileURL(resolve(dirname(entry), "transactionMetrics.js")).href)}`)
      // A mutation's result (JSON text), handed over before its outermost commit: the journal
      // records it with the commit's writes (dev/durable.ts, re-sent mutations after a restart).
      .replace(MUTATION_RESULT, `${MUTATION_RESULT}\n            if (!isNested) __mutationResultHook?.(rawResult);`) +
    "\nlet __mutationResultHook = null;\nfunction __setMutationResultHook(f) { __mutationResultHook = f; }\n" +
    "export { __setMutationResultHook };\n" +
    "\nexport { DatabaseFake as __DatabaseFake, getDb as __getDb, getConvexGlobal as __getConvexGlobal, " +
    "runScheduledFunction as __runScheduledFunction, convexGlobalStorage as __convexGlobalStorage, " +
    "nestedTxStorage as __nestedTxStorage, frameworkSetTimeout as __frameworkSetTimeout, validateValidator as __validateValidator };\n";
  if (!patched.includes("__mutationResultHook?.(rawResult)")) throw new Error("convex-test changed: no mutation result before commit (see dev/convexTest.ts)");
  if (!patched.includes("class DatabaseFake")) throw new Error("convex-test changed: no DatabaseFake class (see dev/convexTest.ts)");
  if (!existsSync(file) || readFileSync(file, "utf8") !== patched) {
    // Written aside and renamed: another process may be importing it at the same moment.
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, patched);
    renameSync(temp, file);
  }
  return file;
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

function fieldValue(doc: Doc | undefined, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split(".")) v = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Doc)[part] : undefined;
  return v;
}

function keyOfValue(v: unknown): string {
  if (v === undefined) return "\u0000undefined";
  try {
    return JSON.stringify(convexToJson(v as Value));
  } catch {
    return "\u0000opaque"; // e.g. a commit-ts placeholder: no .eq can match it by key
  }
}

/** The index and value when a source fixes its index's first field with .eq. */
function firstEq(db: DatabaseFake, source: Source | null | undefined): { index: string; field: string; key: string } | null {
  if (!source || source.type !== "IndexRange" || !source.indexName || !source.range?.length) return null;
  const [table, index] = source.indexName.split(".");
  const first = source.range[0];
  if (first.type !== "Eq") return null;
  const field =
    index === "by_creation_time" ? "_creationTime" : index === "by_id" ? "_id" : db._schema?.tables.get(table)?.indexes.find((i) => i.indexDescriptor === index)?.fields[0];
  if (!field || first.fieldPath !== field) return null;
  const raw = first.value;
  const value = typeof raw === "object" && raw !== null && !Array.isArray(raw) && "$undefined" in raw ? undefined : jsonToConvex(raw);
  return { index: source.indexName, field, key: keyOfValue(value) };
}

function firstFieldIndex(db: DatabaseFake, table: string, name: string, field: string): FirstFieldIndex {
  db.__indexes ??= new Map();
  let idx = db.__indexes.get(name);
  if (!idx) {
    idx = { field, byKey: new Map(), keyOf: new Map() };
    for (const id of indexOf(db).get(table) ?? []) indexDoc(idx, id, db._documents[id]);
    db.__indexes.set(name, idx);
  }
  return idx;
}

function indexDoc(idx: FirstFieldIndex, id: string, doc: Doc | undefined) {
  const old = idx.keyOf.get(id);
  if (old !== undefined) {
    idx.byKey.get(old)?.delete(id);
    idx.keyOf.delete(id);
  }
  if (doc === undefined) return;
  const key = keyOfValue(fieldValue(doc, idx.field));
  let set = idx.byKey.get(key);
  if (!set) idx.byKey.set(key, (set = new Set()));
  set.add(id);
  idx.keyOf.set(id, key);
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
      if (this._documents[id] === undefined) set.delete(id);
      else set.add(id);
      for (const [name, idx] of this.__indexes ?? []) if (name.startsWith(`${t}.`)) indexDoc(idx, id, this._documents[id]);
      // Tell the backend whose transaction this is (its async context) what changed, with the
      // document before and after: the engine re-runs the queries whose reads these touch.
      if (scope?.alive) {
        const versions = [before[i], this._documents[id]].filter((d): d is Doc => d !== undefined) as Record<string, Value>[];
        scope.onWrite(t, id, versions);
      }
    }
  };
  const resolve = proto._resolveQuerySource;
  proto._resolveQuerySource = function (this: DatabaseFake, query: { source: Source }) {
    this.__source = query.source;
    try {
      return resolve.call(this, query);
    } finally {
      this.__source = null;
    }
  };
  proto._iterateDocs = function (this: DatabaseFake, table: string, callback: (doc: Doc) => void) {
    const eq = firstEq(this, this.__source);
    const committed =
      eq && eq.index.startsWith(`${table}.`) ? firstFieldIndex(this, table, eq.index, eq.field).byKey.get(eq.key) : indexOf(this).get(table);
    const ids = new Set(committed ?? []);
    for (const level of this._writes) for (const id of Object.keys(level)) if (tableOf(id) === table) ids.add(id);
    for (const id of ids) {
      const doc = this.get(table, id);
      if (doc !== null) callback(doc);
    }
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
  scheduler: { timerScheduled(): void; timerFired(): void; add(p: Promise<unknown>): void; finish(p: Promise<unknown>): void };
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
