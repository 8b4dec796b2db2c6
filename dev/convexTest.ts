/**
 * convex-test, loaded with one change for speed: table scans visit only that table's documents.
 *
 * convex-test's DatabaseFake answers every query (index range, table scan) by walking *all*
 * documents of all tables and filtering by table name, so each read costs O(total documents). A
 * mutation that makes a few dozen reads then costs tens of milliseconds on demo-sized data. We load
 * a copy of convex-test's module that also exports its DatabaseFake class (nothing else differs),
 * and replace `_iterateDocs` with one that keeps a per-table id index, maintained on commit.
 *
 * The copy lives in node_modules/.cache (never committed) and is rebuilt when convex-test changes.
 * The internals touched (`_documents`, `_writes`, `commit`, `_iterateDocs`, `get`) are pinned by
 * dev/contract.test.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as ConvexTestModule from "convex-test";

type Writes = Record<string, unknown>;
type DatabaseFake = {
  _documents: Record<string, unknown>;
  _writes: Writes[];
  get(table: string, id: string): unknown;
  commit(commitTs?: unknown): void;
  _iterateDocs(table: string, callback: (doc: unknown) => void): void;
  /** Ours: table → ids of committed documents, in insertion order. */
  __byTable?: Map<string, Set<string>>;
};
type DatabaseFakeClass = { prototype: DatabaseFake };

const require = createRequire(import.meta.url);
const tableOf = (id: string) => id.replace(/^[0-9]+/, "");

function buildCopy(): string {
  const entry = require.resolve("convex-test");
  const version = (JSON.parse(readFileSync(resolve(dirname(entry), "../package.json"), "utf8")) as { version: string }).version;
  const cacheDir = resolve(dirname(entry), "../../.cache/offline-runtime");
  const file = resolve(cacheDir, `convex-test-${version}.mjs`);
  const source = readFileSync(entry, "utf8");
  const patched =
    source.replace('from "./transactionMetrics.js"', `from ${JSON.stringify(pathToFileURL(resolve(dirname(entry), "transactionMetrics.js")).href)}`) +
    "\nexport { DatabaseFake as __DatabaseFake };\n";
  if (!patched.includes("class DatabaseFake")) throw new Error("convex-test changed: no DatabaseFake class (see dev/convexTest.ts)");
  if (!existsSync(file) || readFileSync(file, "utf8") !== patched) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, patched);
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

function speedUp(cls: DatabaseFakeClass) {
  const proto = cls.prototype;
  const commit = proto.commit;
  proto.commit = function (this: DatabaseFake, commitTs?: unknown) {
    const last = this._writes[this._writes.length - 1];
    commit.call(this, commitTs);
    // Only the outermost commit reaches _documents (nested ones merge into their parent level).
    if (this._writes.length !== 0 || !last) return;
    const index = indexOf(this);
    for (const id of Object.keys(last)) {
      const t = tableOf(id);
      let set = index.get(t);
      if (!set) index.set(t, (set = new Set()));
      if (this._documents[id] === undefined) set.delete(id);
      else set.add(id);
    }
  };
  proto._iterateDocs = function (this: DatabaseFake, table: string, callback: (doc: unknown) => void) {
    const ids = new Set(indexOf(this).get(table) ?? []);
    for (const level of this._writes) for (const id of Object.keys(level)) if (tableOf(id) === table) ids.add(id);
    for (const id of ids) {
      const doc = this.get(table, id);
      if (doc !== null) callback(doc);
    }
  };
}

const mod = (await import(pathToFileURL(buildCopy()).href)) as typeof ConvexTestModule & { __DatabaseFake: DatabaseFakeClass };
speedUp(mod.__DatabaseFake);

export const convexTest = mod.convexTest;
export type { TestConvexForDataModel } from "convex-test";
