/**
 * Binds a backend's in-memory database (convex-test's DatabaseFake) to a data folder
 * (persist.ts): restores documents, counters, stored files and scheduled functions, checks the
 * stored data against convex/schema.ts, and journals every commit to disk before it returns.
 */
import { createHash } from "node:crypto";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Backend } from "./backend";
import { idsByTable, internals, type ConvexGlobal, type DatabaseFake } from "./convexTest";
import type { DataStore, DedupEntry, LoadedState, StoredEntry } from "./persist";

/**
 * Client mutation outcomes (re-sent mutations are answered from them) are kept this long, and at
 * most this many: a reconnecting client re-sends within seconds of coming back.
 */
export const DEDUP_WINDOW_MS = 60 * 60 * 1000;
export const DEDUP_LIMIT = 20_000;
/** Scheduled functions overdue at a start run this many at a time (see attachStore). */
export const OVERDUE_BATCH = 25;

type Doc = Record<string, unknown>;
type FieldSpec = { fieldType: unknown; optional: boolean };
type DocumentType = { type: string; value?: Record<string, FieldSpec> };
type Schema = { schemaValidation: boolean; tables: Map<string, { documentType?: DocumentType }> } | null;

/** Stored documents that convex/schema.ts no longer accepts. */
export class SchemaMismatch extends Error {
  constructor(
    readonly problems: { table: string; field: string; count: number; example: string; reason: string }[],
    dataDir: string,
  ) {
    const lines = problems
      .slice(0, 12)
      .map(
        (p) =>
          `  - table "${p.table}", field "${p.field}": ${p.reason} (${p.count} document${p.count === 1 ? "" : "s"}, e.g. ${p.example})`,
      );
    super(
      [
        `The data in ${dataDir} no longer fits convex/schema.ts:`,
        ...lines,
        ...(problems.length > 12 ? [`  … and ${problems.length - 12} more`] : []),
        "Nothing was changed. Choose one:",
        "  - migrate: make the field optional (v.optional) or widen its type in convex/schema.ts, start again,",
        "    run a migration that rewrites those documents, then tighten the schema;",
        "  - reset: `npm run reset` moves the data folder aside (it is kept as a backup) and starts with fresh demo data.",
      ].join("\n"),
    );
    this.name = "SchemaMismatch";
  }
}

/** The table of a document id (digits, then the table's name). */
function tableOfId(id: string): string {
  let i = 0;
  while (i < id.length && id.charCodeAt(i) >= 48 && id.charCodeAt(i) <= 57) i++;
  return id.slice(i);
}

const short = (v: unknown) => {
  const s = (() => {
    try {
      return JSON.stringify(convexToJson(v as Value));
    } catch {
      return String(v);
    }
  })();
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
};

/**
 * Checks every document against its table's validator; names table and field of each misfit.
 * `only`: the tables to check (the others are known to fit); default every table.
 */
export function checkSchema(db: DatabaseFake, dataDir: string, only?: Set<string>) {
  const schema = (db as unknown as { _schema: Schema })._schema;
  if (!schema || !schema.schemaValidation) return;
  const found = new Map<string, { table: string; field: string; count: number; example: string; reason: string }>();
  const note = (table: string, field: string, id: string, reason: string) => {
    const key = `${table}\u0000${field}\u0000${reason}`;
    const p = found.get(key);
    if (p) p.count += 1;
    else found.set(key, { table, field, count: 1, example: id, reason });
  };
  for (const [table, ids] of idsByTable(db)) {
    if (table.startsWith("_") || (only && !only.has(table))) continue;
    const type = schema.tables.get(table)?.documentType;
    if (!type) continue; // a table the schema does not name: kept as it is
    for (const id of ids) checkDocument({ table, type, id, doc: db._documents[id] }, note);
  }
  if (found.size > 0) throw new SchemaMismatch([...found.values()], dataDir);
}

function checkDocument(
  { table, type, id, doc }: { table: string; type: DocumentType; id: string; doc: Doc },
  note: (table: string, field: string, id: string, reason: string) => void,
) {
  if (type.type !== "object" || !type.value) {
    try {
      internals.validateValidator(type, stripSystem(doc));
    } catch (e) {
      note(table, "(document)", id, (e as Error).message);
    }
    return;
  }
  for (const [field, spec] of Object.entries(type.value)) {
    const value = doc[field];
    if (value === undefined) {
      if (!spec.optional) note(table, field, id, "missing, but the schema requires it");
      continue;
    }
    try {
      internals.validateValidator(spec.fieldType, value);
    } catch (e) {
      note(
        table,
        field,
        id,
        `the stored value ${short(value)} does not match (${(e as Error).message.replace(/^Validator error: /, "")})`,
      );
    }
  }
  for (const field of Object.keys(doc)) {
    if (field === "_id" || field === "_creationTime" || field in type.value) continue;
    note(table, field, id, "stored, but the schema no longer has this field");
  }
}

/**
 * A fingerprint of what convex/schema.ts accepts (every table's document validator, and whether
 * validation is on). The data folder keeps the fingerprint its data was last checked or written
 * under (`schema.json`): every write is validated against the schema when it is made, so while
 * the fingerprint matches, the stored data fits and the document-by-document check at start
 * (seconds at 100,000s of documents) is skipped. Any schema change runs the full check.
 */
export function schemaFingerprint(db: DatabaseFake): string {
  const schema = (db as unknown as { _schema: Schema })._schema;
  if (!schema) return "none";
  const tables = [...schema.tables.entries()]
    .map(([name, t]) => [name, t.documentType ?? null])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return createHash("sha256")
    .update(JSON.stringify({ validation: schema.schemaValidation, tables }))
    .digest("hex");
}
const SCHEMA_FILE = "schema.json";

/**
 * What `schema.json` holds: the schema's fingerprint, and each table's (its document validator
 * and whether validation is on), so a schema change checks only the tables whose validator
 * changed (the others' documents were validated against the same validator when written).
 */
export type SchemaRecord = { sha256: string; tables: Record<string, string> };

export function schemaRecord(db: DatabaseFake): SchemaRecord {
  const schema = (db as unknown as { _schema: Schema })._schema;
  const tables: Record<string, string> = {};
  for (const [name, t] of schema?.tables ?? []) {
    tables[name] = createHash("sha256")
      .update(JSON.stringify({ validation: schema!.schemaValidation, type: t.documentType ?? null }))
      .digest("hex");
  }
  return { sha256: schemaFingerprint(db), tables };
}

function stripSystem(doc: Doc): Doc {
  const { _id, _creationTime, ...rest } = doc;
  void _id;
  void _creationTime;
  return rest;
}

/** True when `v` survives JSON as it is (no bigint, bytes, NaN/±Infinity/-0): stored without conversion. */
function isPlain(v: unknown): boolean {
  switch (typeof v) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      return Number.isFinite(v) && !Object.is(v, -0);
    case "object": {
      if (v === null) return true;
      if (Array.isArray(v)) return v.every(isPlain);
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const k in v) if (!isPlain((v as Record<string, unknown>)[k])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** A document as the data folder stores it (see StoredEntry). */
export function storedEntry(id: string, doc: Doc | undefined): StoredEntry {
  if (doc === undefined) return [id, null];
  return isPlain(doc) ? [id, doc as JSONValue] : [id, convexToJson(doc as Value), 1];
}

/** The hex file key of a `_storage` document (convex-test keeps a base64 sha256). */
const fileKeyOf = (meta: Doc) => Buffer.from(String(meta.sha256 ?? ""), "base64").toString("hex");

export type Durability = {
  /** Snapshot + empty journal now (on a clean stop, after a seed). */
  compact(): void;
  /**
   * While held (a seed writing the whole demo), a big journal does not trigger a snapshot: each
   * would rewrite every document so far; the seed ends with one compact() instead.
   */
  holdCompaction(on: boolean): void;
  /** Stops journaling (the backend is being replaced). */
  detach(): void;
  /**
   * Journals a client mutation's outcome on its own (`w: []`): a failure, a mutation that wrote
   * nothing, or a correction of the outcome journaled with the commit.
   */
  recordOutcome(entry: DedupEntry): void;
  /** Restored client mutation outcomes (at most DEDUP_WINDOW_MS old), oldest first. */
  dedup: DedupEntry[];
  /** What was restored. */
  restored: {
    documents: number;
    scheduled: number;
    interrupted: number;
    files: number;
    missingFiles: number;
    schemaChecked: boolean;
    /** The tables checked document by document (null: all of them, or none when not schemaChecked). */
    schemaCheckedTables: string[] | null;
    /** Where the restore's time went (null: nothing was restored). */
    phases: RestorePhases | null;
  };
};

export type RestorePhases = {
  snapshotMs: number;
  journalMs: number;
  countersMs: number;
  schemaCheckMs: number;
  snapshotDocuments: number;
  journalRecords: number;
};

/** The DatabaseFake and convex-test global of a backend (read inside one of its transactions). */
async function internalsOf(backend: Backend): Promise<{ db: DatabaseFake; global: ConvexGlobal }> {
  let db: DatabaseFake | null = null;
  let global: ConvexGlobal | null = null;
  await backend.within(() =>
    backend.t.run(async () => {
      db = internals.getDb();
      global = internals.getConvexGlobal();
      return null;
    }),
  );
  if (!db || !global) throw new Error("convex-test internals not found (see dev/contract.test.ts)");
  return { db, global };
}

/**
 * Restores the folder's data into `backend` (when `restore`) and journals its commits from now
 * on. Throws SchemaMismatch (nothing changed on disk) when the data does not fit the schema.
 * `claim` is asked at every commit for the outcome of the client mutation making it (journaled in
 * the same record, so it is on disk exactly when the writes are).
 */
export async function attachStore(
  backend: Backend,
  store: DataStore,
  restore: boolean,
  claim: () => DedupEntry | undefined = () => undefined,
): Promise<Durability> {
  const { db, global } = await internalsOf(backend);
  /** The outcomes the next snapshot keeps. */
  const dedup = new Map<string, DedupEntry>();
  const keep = (entry: DedupEntry) => {
    dedup.delete(entry[0]);
    dedup.set(entry[0], entry);
    if (dedup.size > DEDUP_LIMIT) dedup.delete(dedup.keys().next().value as string);
  };
  const recent = () => {
    const since = Date.now() - DEDUP_WINDOW_MS;
    for (const [key, entry] of dedup) {
      if (entry[2] >= since) break; // oldest first
      dedup.delete(key);
    }
    return [...dedup.values()];
  };
  const restored: Durability["restored"] = {
    documents: 0,
    scheduled: 0,
    interrupted: 0,
    files: 0,
    missingFiles: 0,
    schemaChecked: false,
    schemaCheckedTables: null,
    phases: null,
  };
  const fingerprint = schemaFingerprint(db);
  const rearm: { id: string; name: string; args: unknown; at: number }[] = [];
  const interrupted: string[] = [];
  if (restore) {
    const t0 = performance.now();
    // Straight into the DatabaseFake (no copy of the data in between), with the table → ids map
    // its reads use (so nothing walks every id to find its table later).
    const docs = db._documents;
    const byTable = new Map<string, Set<string>>();
    const idsOf = (table: string) => {
      let ids = byTable.get(table);
      if (!ids) byTable.set(table, (ids = new Set()));
      return ids;
    };
    let state: LoadedState;
    try {
      state = store.load((id, table, json, encoded) => {
        const t = table ?? tableOfId(id);
        if (json === null) {
          delete docs[id];
          byTable.get(t)?.delete(id);
          return;
        }
        docs[id] = (encoded ? jsonToConvex(json) : json) as Doc;
        idsOf(t).add(id);
      });
    } catch (e) {
      db._documents = {};
      throw e;
    }
    for (const entry of state.dedup) keep(entry);
    const t1 = performance.now();
    db._nextDocId = Math.max(db._nextDocId, state.nextDocId);
    db._lastCreationTime = Math.max(db._lastCreationTime, state.lastCreationTime);
    for (const [table, ids] of byTable) if (ids.size === 0) byTable.delete(table);
    db.__byTable = byTable;
    db.__sorted = undefined;
    db.__sortedByTable = undefined;
    for (const ids of byTable.values()) restored.documents += ids.size;
    const t2 = performance.now();
    try {
      const saved = store.readJson<Partial<SchemaRecord>>(SCHEMA_FILE);
      if (saved?.sha256 !== fingerprint) {
        const now = schemaRecord(db);
        // Only tables whose validator changed (all when the folder does not say per table).
        const changed = saved?.tables
          ? new Set(Object.keys(now.tables).filter((t) => saved.tables![t] !== now.tables[t]))
          : undefined;
        checkSchema(db, store.dir, changed);
        restored.schemaChecked = true;
        restored.schemaCheckedTables = changed ? [...changed].sort() : null;
        store.writeJson(SCHEMA_FILE, now);
      }
    } catch (e) {
      db._documents = {};
      db.__byTable = undefined;
      throw e;
    }
    const t3 = performance.now();
    restored.phases = {
      snapshotMs: Math.round(state.snapshotMs),
      journalMs: Math.round(state.journalMs),
      countersMs: Math.round(t2 - t1),
      schemaCheckMs: Math.round(t3 - t2),
      snapshotDocuments: state.snapshotDocuments,
      journalRecords: state.journalRecords,
    };
    if (process.env.OFFLINE_PROFILE === "1")
      console.log(
        `[offline] restore: snapshot ${state.snapshotMs.toFixed(0)} ms (${state.snapshotDocuments} documents), journal ${state.journalMs.toFixed(0)} ms (${state.journalRecords} records), schema check ${(t3 - t2).toFixed(0)} ms; ${(t3 - t0).toFixed(0)} ms in all`,
      );
    for (const id of byTable.get("_storage") ?? []) {
      const file = store.readFile(fileKeyOf(docs[id]));
      if (file) {
        db._storage[id] = new Blob([new Uint8Array(file.bytes)], { type: file.type });
        restored.files += 1;
      } else restored.missingFiles += 1;
    }
    for (const id of byTable.get("_scheduled_functions") ?? []) {
      const doc = docs[id];
      const kind = (doc.state as { kind: string }).kind;
      if (kind === "pending")
        rearm.push({ id, name: String(doc.name), args: (doc.args as unknown[])[0], at: Number(doc.scheduledTime) });
      else if (kind === "inProgress") interrupted.push(id);
    }
  } else {
    store.load(); // opens the journal (empty after a wipe)
    store.writeJson(SCHEMA_FILE, schemaRecord(db)); // everything from now on is written under it
  }

  let attached = true;
  let compactQueued = false;
  let held = false;
  const compact = () => {
    compactQueued = false;
    if (!attached) return;
    const docs = db._documents;
    const byTable = idsByTable(db);
    const entries = function* (ids: Set<string>) {
      for (const id of ids) yield storedEntry(id, docs[id]);
    };
    const tables = function* (): Generator<[string, Iterable<StoredEntry>]> {
      for (const [table, ids] of byTable) yield [table, entries(ids)];
    };
    store.compact(db._nextDocId, db._lastCreationTime, tables(), recent());
    const files = new Set<string>();
    for (const id of byTable.get("_storage") ?? []) files.add(fileKeyOf(docs[id]));
    store.pruneFiles(files);
  };
  db.__journal = (ids) => {
    if (!attached) return;
    const outcome = claim();
    store.append(
      db._nextDocId,
      db._lastCreationTime,
      ids.map((id) => storedEntry(id, db._documents[id])),
      outcome,
    );
    if (outcome) keep(outcome);
    if (store.needsCompaction && !compactQueued && !held) {
      compactQueued = true;
      setImmediate(compact);
    }
  };
  backend.scope.saveFile = (bytes, type) => {
    if (attached) store.saveFile(bytes, type);
  };

  // A scheduled function that was running when the process died: mutations and actions are not
  // retried (a mutation may have committed without its "success" mark, an action may have had
  // effects); it is marked failed, as Convex does for an action whose runtime stopped.
  if (interrupted.length > 0) {
    await backend.within(() =>
      backend.t.run(async () => {
        for (const id of interrupted)
          internals.getDb().patch("_scheduled_functions", id, { state: { kind: "failed" }, completedTime: Date.now() });
        return null;
      }),
    );
    restored.interrupted = interrupted.length;
  }
  // Pending scheduled functions run at their time. Those whose time passed while stopped run in
  // their order, OVERDUE_BATCH at a time, each batch once the one before has finished: a stop with
  // thousands of sends pending (40,000 at 100× the demo) must not make every client request after
  // the start wait behind all of them (it waits for one batch at most).
  const arm = (job: (typeof rearm)[number], delay: number) =>
    new Promise<void>((done) => {
      backend
        .within(async () =>
          internals.nestedTxStorage.exit(() => {
            global.scheduler.timerScheduled();
            internals.frameworkSetTimeout(() => {
              global.scheduler.timerFired();
              if (!backend.scope.alive) return done();
              const promise: Promise<void> = internals.convexGlobalStorage
                .run(global, () =>
                  internals.runScheduledFunction({
                    db,
                    jobId: job.id,
                    componentPath: "",
                    functionPath: { udfPath: job.name, componentPath: "" },
                    args: job.args,
                    name: job.name,
                  }),
                )
                .finally(() => global.scheduler.finish(promise));
              global.scheduler.add(promise);
              promise.then(done, done);
            }, delay);
          }),
        )
        .catch((e: unknown) => {
          console.error("[offline] cannot re-schedule", job.name, e);
          done();
        });
    });
  const now = Date.now();
  const overdue = rearm.filter((job) => job.at <= now).sort((a, b) => a.at - b.at);
  for (const job of rearm) if (job.at > now) void arm(job, job.at - now);
  void (async () => {
    for (let i = 0; i < overdue.length && backend.scope.alive; i += OVERDUE_BATCH) {
      await Promise.all(overdue.slice(i, i + OVERDUE_BATCH).map((job) => arm(job, 0)));
      await new Promise((r) => setTimeout(r, 0)); // requests waiting meanwhile go first
    }
  })();
  restored.scheduled = rearm.length;

  return {
    compact,
    recordOutcome(entry) {
      if (!attached) return;
      store.append(db._nextDocId, db._lastCreationTime, [], entry);
      keep(entry);
      if (store.needsCompaction && !compactQueued && !held) {
        compactQueued = true;
        setImmediate(compact);
      }
    },
    dedup: recent(),
    holdCompaction(on) {
      held = on;
    },
    detach() {
      attached = false;
      db.__journal = undefined;
      backend.scope.saveFile = undefined;
    },
    restored,
  };
}
