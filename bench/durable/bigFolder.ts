/**
 * A big data folder for restart measurements, without seeding 100× the demo (≈ 12 minutes):
 * `writeBigFolder(dir, n)` seeds the demo once in memory, then writes a data folder of `n`
 * documents in the runtime's own format (through DataStore, so it is whatever format the runtime
 * writes) holding copies of the demo's per-order tables (orders, order lines, events,
 * notifications, shipments, movements, audit, …). Each copy has its own ids, and the ids inside its
 * documents (an order line's order, an event's order, …) point at the same copy, so the data is as
 * connected as the demo's; catalogue and settings tables (members, products, warehouses, channels,
 * counters, board counters …) are kept once, as in a shop that simply has more orders. The folder's
 * schema fingerprint is the project's, so a start skips the document-by-document check (as after
 * any clean stop). Board aggregates are the demo's (they do not count the copies): the folder is for
 * measuring restarts, not for invariant checks.
 *
 *   node --import tsx bench/durable/bigFolder.ts <dir> <documents>
 */
import { resolve } from "node:path";
import { startRuntime } from "../../dev/runtime";
import { internals, type DatabaseFake } from "../../dev/convexTest";
import { schemaRecord, storedEntry } from "../../dev/durable";
import { DataStore, type StoredEntry } from "../../dev/persist";

/** Tables that grow with orders: copied. Everything else is kept once. */
export const COPIED_TABLES = [
  "orders",
  "orderLines",
  "orderEvents",
  "notifications",
  "shipments",
  "orderFingerprints",
  "openOrders",
  "inventoryMovements",
  "auditLog",
  "backorders",
  "orderHolds",
  "scanEvents",
] as const;

const ID = /^([0-9]+)([A-Za-z_]+)$/;

type Doc = Record<string, unknown>;

/** A deep copy of `v` with every id in `remap` replaced. */
function remapValue(v: unknown, remap: (id: string) => string | undefined): unknown {
  if (typeof v === "string") return remap(v) ?? v;
  if (Array.isArray(v)) return v.map((x) => remapValue(x, remap));
  if (v !== null && typeof v === "object") {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v as Doc)) out[k] = remapValue(x, remap);
    return out;
  }
  return v;
}

export type BigFolder = { documents: number; copies: number; templateDocuments: number; ms: number };

/**
 * Writes a data folder of about `n` documents (whole copies of the demo's orders: within one
 * copy, ≈ 3,400 documents, of `n`) into `dir`, which must be empty or absent.
 */
export async function writeBigFolder(dir: string, n: number, convexDir = resolve(import.meta.dirname, "../../convex")) {
  const started = performance.now();
  const quiet = process.env.OFFLINE_QUIET;
  process.env.OFFLINE_QUIET = "1";
  const rt = await startRuntime({ port: 0, httpActionsPort: null, seed: "demo", crons: false, convexDir });
  let db: DatabaseFake | null = null;
  const b = rt.engine.backend;
  await b.within(() =>
    b.t.run(async () => {
      db = internals.getDb();
      return null;
    }),
  );
  if (!db) throw new Error("no database");
  const fake = db as DatabaseFake;
  const schema = schemaRecord(fake);
  // The template: every committed document but scheduled functions still to run (they would fire
  // during the measurement) and stored files (their bytes are not copied).
  const kept: [string, Doc][] = [];
  const copied: [string, Doc][] = [];
  const copiedTables = new Set<string>(COPIED_TABLES);
  for (const [id, doc] of Object.entries(fake._documents)) {
    const table = id.replace(/^[0-9]+/, "");
    if (table === "_storage") continue;
    if (table === "_scheduled_functions" && (doc.state as { kind: string }).kind !== "success") continue;
    (copiedTables.has(table) ? copied : kept).push([id, structuredClone(doc)]);
  }
  const nextDocId = fake._nextDocId;
  const lastCreationTime = fake._lastCreationTime;
  await rt.stop();
  if (quiet === undefined) delete process.env.OFFLINE_QUIET;
  else process.env.OFFLINE_QUIET = quiet;
  if (copied.length === 0) throw new Error("the demo seed wrote none of the copied tables");

  // About n documents: whole copies only (each copy's orders keep their lines, events, …).
  const copies = Math.max(1, Math.round((n - kept.length) / copied.length));
  const span = nextDocId - 10000;
  const templateIds = new Set(copied.map(([id]) => id));
  const idOf = (id: string, k: number) => {
    const [, counter, table] = ID.exec(id)!;
    return (Number(counter) + k * span).toString().padStart(counter.length, "0") + table;
  };
  const byTable = new Map<string, [string, Doc][]>();
  for (const [id, doc] of [...kept, ...copied]) {
    const table = id.replace(/^[0-9]+/, "");
    let list = byTable.get(table);
    if (!list) byTable.set(table, (list = []));
    list.push([id, doc]);
  }
  let written = 0;
  function* entries(table: string, docs: [string, Doc][]): Generator<StoredEntry> {
    if (!copiedTables.has(table)) {
      for (const [id, doc] of docs) {
        written += 1;
        yield storedEntry(id, doc);
      }
      return;
    }
    for (let k = 0; k < copies; k++) {
      const remap = (s: string) => (templateIds.has(s) ? idOf(s, k) : undefined);
      for (const [, doc] of docs) {
        written += 1;
        const copy = (k === 0 ? doc : remapValue(doc, remap)) as Doc;
        // Order numbers stay unique across copies (SO-100001 → SO-103530 …).
        if (k > 0 && typeof copy.number === "string" && /^SO-\d+$/.test(copy.number))
          copy.number = `SO-${Number(copy.number.slice(3)) + k * span}`;
        yield storedEntry(copy._id as string, copy);
      }
    }
  }
  function* tables(): Generator<[string, Iterable<StoredEntry>]> {
    for (const [table, docs] of byTable) yield [table, entries(table, docs)];
  }
  const store = DataStore.open(dir);
  try {
    if (!store.isEmpty()) throw new Error(`${dir} already holds data`);
    store.load();
    store.compact(10000 + copies * span, lastCreationTime, tables());
    store.writeJson("schema.json", schema);
  } finally {
    store.close();
  }
  return {
    documents: written,
    copies,
    templateDocuments: kept.length + copied.length,
    ms: Math.round(performance.now() - started),
  } satisfies BigFolder;
}

if (process.argv[1]?.endsWith("bigFolder.ts")) {
  const [dir, n] = process.argv.slice(2);
  if (!dir || !n) {
    console.error("usage: node --import tsx bench/durable/bigFolder.ts <dir> <documents>");
    process.exit(2);
  }
  console.log(JSON.stringify(await writeBigFolder(resolve(dir), Number(n))));
  process.exit(0);
}
