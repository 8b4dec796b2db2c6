/**
 * Dependency tracking by syscall interception. convex-test has no commit hook and no read sets,
 * but every database call a Convex function makes goes through `globalThis.Convex.syscall /
 * asyncSyscall / jsSyscall` (convex/server → convex-test's syscall implementation). We wrap that
 * global once and:
 *
 *  - record, for the query run in the current `runScope` (AsyncLocalStorage), the tables it read
 *    by range (queryStream / queryPage / count) and the documents it read by id (get);
 *  - report every write (insert, patch, replace, delete, schedule, storage) to the backend in the
 *    current `backendScope`, whoever made it: client mutations, actions' runMutation, scheduled
 *    functions (their timers inherit the scope), HTTP actions and crons;
 *  - pin a paginated query's end cursor (our stand-in for Convex's query journals) so a page keeps
 *    its range when rows are inserted, which keeps `usePaginatedQuery` gapless;
 *  - rewrite storage URLs to this runtime's own HTTP endpoints.
 *
 * Invariant: a write is reported while its transaction still holds convex-test's transaction lock,
 * so any query re-run started after the report runs after that transaction committed (or rolled
 * back, in which case the re-run is merely redundant).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import { parseCursor, rangeOf, type IndexFields, type QuerySource, type RangeRead } from "./ranges";

/**
 * What one query run read: index ranges (precise), whole tables (search, count, or an index we
 * cannot resolve) and single documents fetched by id.
 */
export type ReadSet = { tables: Set<string>; docs: Set<string>; ranges: RangeRead[] };

/** A written document's versions (before and/or after the write); undefined = not known. */
export type DocVersions = Record<string, Value>[] | undefined;

/** The end cursor a paginated query's page is pinned to ("_end_cursor" = open end). */
export type PageJournal = { endCursor: string };

export type RunScope = { reads: ReadSet; journalIn: PageJournal | null; journalOut: PageJournal | null };

export type BackendScope = {
  /** False once the backend was reset or stopped: its late timers must not notify anyone. */
  alive: boolean;
  onWrite(table: string, id: string | null, versions: DocVersions): void;
  /** Index fields from the schema, to turn index reads into ranges. */
  indexFields?: IndexFields;
  /** Base URL for storage links, e.g. http://127.0.0.1:3210. */
  storageBaseUrl: string;
};

export const runScope = new AsyncLocalStorage<RunScope>();
export const backendScope = new AsyncLocalStorage<BackendScope>();

export const newRunScope = (journalIn: PageJournal | null): RunScope => ({
  reads: { tables: new Set(), docs: new Set(), ranges: [] },
  journalIn,
  journalOut: null,
});

/** convex-test ids are "<digits><tableName>" (contract-tested in dev/contract.test.ts). */
export function tableOfId(id: string): string {
  return id.replace(/^[0-9]+/, "");
}

function tableOfSource(source: QuerySource): string {
  return source.type === "FullTableScan" ? source.tableName : source.indexName.split(".")[0];
}

/** Records a range read (or the whole table when the range cannot be resolved). */
function noteRange(run: RunScope, source: QuerySource, bounds?: Pick<RangeRead, "after" | "upTo">) {
  const range = rangeOf(source, backendScope.getStore()?.indexFields);
  if (range) run.reads.ranges.push({ ...range, ...bounds });
  else run.reads.tables.add(tableOfSource(source));
}

type Syscalls = {
  syscall(op: string, json: string): string;
  asyncSyscall(op: string, json: string): Promise<string>;
  jsSyscall(op: string, args: Record<string, unknown>): Promise<unknown>;
};

const MARK = Symbol.for("order-platform.offline-runtime.tracker");

function noteWrite(table: string, id: string | null, versions?: DocVersions) {
  const backend = backendScope.getStore();
  if (backend?.alive) backend.onWrite(table, id, versions);
}

/** The document as the current transaction sees it (not recorded as a read). */
async function peek(inner: Syscalls, table: string, id: string): Promise<Record<string, Value> | null> {
  const json = JSON.parse(await inner.asyncSyscall("1.0/get", JSON.stringify({ id, table }))) as JSONValue;
  return json === null ? null : (jsonToConvex(json) as Record<string, Value>);
}

const versions = (...docs: (Record<string, Value> | null)[]) => docs.filter((d): d is Record<string, Value> => d !== null);

async function trackedAsync(inner: Syscalls, op: string, json: string): Promise<string> {
  const run = runScope.getStore();
  switch (op) {
    case "1.0/get": {
      const a = JSON.parse(json) as { id: string; table?: string };
      run?.reads.docs.add(a.id);
      return inner.asyncSyscall(op, json);
    }
    case "1.0/count": {
      run?.reads.tables.add((JSON.parse(json) as { table: string }).table);
      return inner.asyncSyscall(op, json);
    }
    case "1.0/queryPage":
      return trackedPage(inner, run, json);
    case "1.0/insert": {
      const table = (JSON.parse(json) as { table: string }).table;
      const out = await inner.asyncSyscall(op, json);
      const id = (JSON.parse(out) as { _id: string })._id;
      noteWrite(table, id, versions(await peek(inner, table, id)));
      return out;
    }
    case "1.0/shallowMerge":
    case "1.0/replace":
    case "1.0/remove": {
      const a = JSON.parse(json) as { id: string; table?: string };
      const table = a.table ?? tableOfId(a.id);
      const before = await peek(inner, table, a.id);
      const out = await inner.asyncSyscall(op, json);
      const after = op === "1.0/remove" ? null : await peek(inner, table, a.id);
      noteWrite(table, a.id, versions(before, after));
      return out;
    }
    case "1.0/schedule":
    case "1.0/actions/schedule": {
      const out = await inner.asyncSyscall(op, json);
      noteWrite("_scheduled_functions", JSON.parse(out) as string);
      return out;
    }
    case "1.0/cancel_job":
    case "1.0/actions/cancel_job": {
      const out = await inner.asyncSyscall(op, json);
      noteWrite("_scheduled_functions", (JSON.parse(json) as { id: string }).id);
      return out;
    }
    case "1.0/storageDelete": {
      const out = await inner.asyncSyscall(op, json);
      noteWrite("_storage", (JSON.parse(json) as { storageId: string }).storageId);
      return out;
    }
    case "1.0/storageGenerateUploadUrl": {
      const base = backendScope.getStore()?.storageBaseUrl ?? "http://127.0.0.1:3210";
      return JSON.stringify(`${base}/api/storage/upload?token=${Math.random().toString(36).slice(2)}`);
    }
    case "1.0/storageGetUrl": {
      const { storageId } = JSON.parse(json) as { storageId: string };
      run?.reads.docs.add(storageId);
      const original = JSON.parse(await inner.asyncSyscall(op, json)) as string | null;
      const base = backendScope.getStore()?.storageBaseUrl ?? "http://127.0.0.1:3210";
      return JSON.stringify(original === null ? null : `${base}/api/storage/${storageId}`);
    }
    default:
      return inner.asyncSyscall(op, json);
  }
}

/** queryPage: table-level read, plus the end-cursor journal (see PageJournal). */
async function trackedPage(inner: Syscalls, run: RunScope | undefined, json: string): Promise<string> {
  const a = JSON.parse(json) as { query: { source: QuerySource }; cursor: string | null; endCursor: string | null };
  if (!run) return inner.asyncSyscall("1.0/queryPage", json);
  const pinned = a.endCursor == null ? run.journalIn?.endCursor : undefined;
  const out = JSON.parse(
    await inner.asyncSyscall("1.0/queryPage", pinned === undefined ? json : JSON.stringify({ ...a, endCursor: pinned })),
  ) as { continueCursor: string; isDone: boolean };
  if (pinned !== undefined && pinned !== "_end_cursor") {
    // As on Convex: a page bounded by an end cursor continues exactly there.
    out.continueCursor = pinned;
    out.isDone = false;
  }
  run.journalOut = { endCursor: pinned ?? a.endCursor ?? out.continueCursor };
  // The page depends on its range between its cursor and its end (open at the end when done).
  noteRange(run, a.query.source, { after: parseCursor(a.cursor), upTo: out.isDone ? undefined : parseCursor(run.journalOut.endCursor) });
  return JSON.stringify(out);
}

function trackedSync(inner: Syscalls, op: string, json: string): string {
  if (op === "1.0/queryStream") {
    const run = runScope.getStore();
    if (run) noteRange(run, (JSON.parse(json) as { query: { source: QuerySource } }).query.source);
  }
  return inner.syscall(op, json);
}

async function trackedJs(inner: Syscalls, op: string, args: Record<string, unknown>): Promise<unknown> {
  if (op === "storage/getBlob") runScope.getStore()?.reads.docs.add(args.storageId as string);
  const out = await inner.jsSyscall(op, args);
  if (op === "storage/storeBlob") noteWrite("_storage", out as string);
  return out;
}

/**
 * Wraps convex-test's global syscall proxy. Call after the first `convexTest()` (which installs
 * that proxy once per process); idempotent.
 */
export function installTracker() {
  const g = globalThis as unknown as { Convex?: Syscalls & { [MARK]?: true } };
  const inner = g.Convex;
  if (!inner) throw new Error("convex-test did not install globalThis.Convex (contract broken)");
  if (inner[MARK]) return;
  g.Convex = {
    [MARK]: true,
    syscall: (op, json) => trackedSync(inner, op, json),
    asyncSyscall: (op, json) => trackedAsync(inner, op, json),
    jsSyscall: (op, args) => trackedJs(inner, op, args),
  };
}
