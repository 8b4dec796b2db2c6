/**
 * Read tracking by syscall interception. convex-test has no read sets, but every database call a
 * Convex function makes goes through `globalThis.Convex.syscall / asyncSyscall / jsSyscall`
 * (convex/server → convex-test's syscall implementation). We wrap that global once and:
 *
 *  - record, for the query run in the current `runScope` (AsyncLocalStorage), the index ranges
 *    it read (queryStream / queryPage), whole tables (count, search) and documents read by id;
 *  - pin a paginated query's end cursor (our stand-in for Convex's query journals) so a page keeps
 *    its range when rows are inserted, which keeps `usePaginatedQuery` gapless;
 *  - rewrite storage URLs to this runtime's own HTTP endpoints.
 *
 * Writes are observed at commit (convex-test has no commit hook; convexTest.ts adds one) and
 * reported to the `backendScope` of the committing async context, so a query re-run started after
 * the report sees the write. Scheduled functions' timers inherit the scope that scheduled them.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Value } from "convex/values";
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
  /** Writes a file's bytes to disk (durable runtime) before its `_storage` document commits. */
  saveFile?(bytes: Uint8Array, contentType: string): void;
  /**
   * The promise of the transaction holding convex-test's lock, or null when none does. An
   * action's `ctx.storage.store` must start when no other function's transaction is open:
   * convex-test would take that transaction for the action's own and write into it (and fail
   * with "Write outside of transaction" when it commits first).
   */
  openTransaction?(): Promise<void> | null;
  /** A fresh single-use upload token (the upload endpoint refuses any other). */
  issueUploadToken?(): string;
};

export const runScope = new AsyncLocalStorage<RunScope>();
/** Set around the runtime's own `t.run` that stores an uploaded file (it holds the lock itself). */
export const insideOwnTransaction = new AsyncLocalStorage<boolean>();
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
    case "1.0/storageGenerateUploadUrl": {
      const scope = backendScope.getStore();
      if (!scope?.issueUploadToken) throw new Error("storage uploads need a runtime backend scope");
      return JSON.stringify(`${scope.storageBaseUrl}/api/storage/upload?token=${scope.issueUploadToken()}`);
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
    await inner.asyncSyscall(
      "1.0/queryPage",
      pinned === undefined ? json : JSON.stringify({ ...a, endCursor: pinned }),
    ),
  ) as { continueCursor: string; isDone: boolean };
  if (pinned !== undefined && pinned !== "_end_cursor") {
    // As on Convex: a page bounded by an end cursor continues exactly there.
    out.continueCursor = pinned;
    out.isDone = false;
  }
  run.journalOut = { endCursor: pinned ?? a.endCursor ?? out.continueCursor };
  // The page depends on its range between its cursor and its end (open at the end when done).
  noteRange(run, a.query.source, {
    after: parseCursor(a.cursor),
    upTo: out.isDone ? undefined : parseCursor(run.journalOut.endCursor),
  });
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
  if (op === "storage/storeBlob") {
    const scope = backendScope.getStore();
    const blob = args.blob as Blob;
    if (scope?.saveFile)
      scope.saveFile(new Uint8Array(await blob.arrayBuffer()), blob.type || "application/octet-stream");
    // Wait for the lock to be free, then call in the same tick (no await in between), so
    // convex-test opens a transaction of its own (the condition-variable loop its begin() uses).
    const open = scope?.openTransaction;
    if (open && !insideOwnTransaction.getStore()) for (let p = open(); p !== null; p = open()) await p;
  }
  return inner.jsSyscall(op, args);
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
