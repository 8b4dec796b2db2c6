/**
 * The query cache: one run per (function, args, identity, journal), shared by every subscriber
 * with that key, re-run only when a write touches what it read.
 *
 * Invariants:
 *  - `run.version` changes exactly when the result sent to clients changes (compared as JSON), so
 *    a subscriber that has seen version v needs nothing while the run stays at v.
 *  - A run's read set is the one of its latest execution (reads can change with the data).
 *  - A paginated run's end cursor is pinned after its first execution (see tracker.PageJournal)
 *    and kept for the run's lifetime; the journal is sent to clients so they can resubscribe
 *    with it after a reconnect.
 */
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Backend } from "./backend";
import type { Identity } from "./auth";
import { identityKey } from "./auth";
import { toWireError, type WireError } from "./errors";
import { newRunScope, runScope, type PageJournal, type ReadSet } from "./tracker";
import { touches, type WriteSet } from "./writes";

export type RunResult = { ok: true; value: JSONValue } | ({ ok: false } & WireError);

export class QueryRun {
  readonly key: string;
  readonly udfPath: string;
  readonly args: Record<string, Value>;
  readonly identity: Identity | null;
  journal: PageJournal | null;
  reads: ReadSet = { tables: new Set(), docs: new Set(), ranges: [] };
  result: RunResult = { ok: false, message: "not run yet" };
  version = 0;
  subscribers = 0;
  private resultJson = "";

  constructor(
    key: string,
    udfPath: string,
    args: Record<string, Value>,
    identity: Identity | null,
    journal: PageJournal | null,
  ) {
    this.key = key;
    this.udfPath = udfPath;
    this.args = args;
    this.identity = identity;
    this.journal = journal;
  }

  /** Executes the query, recording its reads; bumps `version` when the result changed. */
  async execute(backend: Backend): Promise<boolean> {
    const scope = newRunScope(this.journal);
    let result: RunResult;
    try {
      const value = await runScope.run(scope, () => backend.call("query", this.udfPath, this.args, this.identity));
      result = { ok: true, value: convexToJson(value as Value) };
    } catch (e) {
      result = { ok: false, ...toWireError(e, `query ${this.udfPath}`) };
    }
    this.reads = scope.reads;
    if (!this.journal && scope.journalOut) this.journal = scope.journalOut;
    const json = JSON.stringify(result);
    if (json === this.resultJson) return false;
    this.resultJson = json;
    this.result = result;
    this.version += 1;
    return true;
  }

  /** Do these writes touch what this run read? */
  affectedBy(w: WriteSet): boolean {
    return touches(this.reads, w);
  }

  journalString(): string | null {
    return this.journal ? JSON.stringify(this.journal) : null;
  }
}

export function parseJournal(journal: string | null | undefined): PageJournal | null {
  if (!journal) return null;
  try {
    const j = JSON.parse(journal) as { endCursor?: unknown };
    return typeof j.endCursor === "string" ? { endCursor: j.endCursor } : null;
  } catch {
    return null;
  }
}

/**
 * Key under which runs are shared. `paginationOpts.id` only tells a client's paginated hooks
 * apart and never changes a result, so it is left out: two tabs showing the same list share a run.
 */
export function runKey(
  udfPath: string,
  argsJson: JSONValue,
  identity: Identity | null,
  journal: string | null,
): string {
  let keyArgs = argsJson;
  if (keyArgs && typeof keyArgs === "object" && !Array.isArray(keyArgs)) {
    const opts = keyArgs.paginationOpts;
    if (opts && typeof opts === "object" && !Array.isArray(opts) && "id" in opts) {
      const { id: _id, ...rest } = opts;
      keyArgs = { ...keyArgs, paginationOpts: rest };
    }
  }
  return `${udfPath}\u0000${identityKey(identity)}\u0000${JSON.stringify(keyArgs)}\u0000${journal ?? ""}`;
}

export class QueryCache {
  private readonly runs = new Map<string, QueryRun>();

  /** The shared run for this key, created (not yet executed) when new. */
  acquire(
    udfPath: string,
    argsJson: JSONValue,
    identity: Identity | null,
    journal: string | null,
  ): { run: QueryRun; fresh: boolean } {
    const key = runKey(udfPath, argsJson, identity, journal);
    const existing = this.runs.get(key);
    if (existing) {
      existing.subscribers += 1;
      return { run: existing, fresh: false };
    }
    const run = new QueryRun(
      key,
      udfPath,
      jsonToConvex(argsJson) as Record<string, Value>,
      identity,
      parseJournal(journal),
    );
    run.subscribers = 1;
    this.runs.set(key, run);
    return { run, fresh: true };
  }

  release(run: QueryRun) {
    run.subscribers -= 1;
    if (run.subscribers <= 0) this.runs.delete(run.key);
  }

  affectedBy(w: WriteSet): QueryRun[] {
    return [...this.runs.values()].filter((r) => r.affectedBy(w));
  }

  all(): QueryRun[] {
    return [...this.runs.values()];
  }

  get size() {
    return this.runs.size;
  }
}
