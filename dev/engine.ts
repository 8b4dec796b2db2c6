/**
 * The engine: the backend, the clock, the shared query cache and the write → re-run → push loop.
 *
 * Ordering (everything that changes what a client has been told runs in one serial queue):
 *  - a client mutation commits, gets ts T, its MutationResponse goes out, then the flush re-runs
 *    the queries its writes touched and every affected session gets a Transition; the mutating
 *    session gets one with ts ≥ T even when none of its queries changed (its promise resolves on
 *    that Transition, after which it reads its own writes);
 *  - writes made outside the queue (scheduled functions, actions, HTTP actions, crons) schedule a
 *    flush the same way.
 * Re-sent mutations (same sessionId and requestId, after a reconnect) are answered from a record
 * of their first outcome and never run twice. With a data folder the outcome is journaled in the
 * same record as the mutation's writes, so this holds across a restart or a crash too (outcomes
 * are kept for DEDUP_WINDOW_MS, at most DEDUP_LIMIT of them).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { jsonToConvex, convexToJson, type JSONValue, type Value } from "convex/values";
import { Backend, type FunctionKind } from "./backend";
import { Clock } from "./clock";
import { toWireError, type WireError } from "./errors";
import { QueryCache, type QueryRun } from "./queries";
import { addWrite, emptyWrites } from "./writes";
import { insideOwnTransaction, type BackendScope } from "./tracker";
import type { Identity } from "./auth";
import { DataStore, type DedupEntry } from "./persist";
import { attachStore, DEDUP_LIMIT, type Durability } from "./durable";
import { internals } from "./convexTest";

/** A party that shows query results: a WebSocket session. */
export interface Subscriber {
  /** Called at the end of every flush (inside the queue) with the flush's timestamp. */
  afterFlush(ts: bigint): void;
}

export type CallOutcome = { ok: true; value: JSONValue; ts?: bigint } | ({ ok: false } & WireError);

/** The client mutation running in this async context (its outcome goes into its journal record). */
type PendingMutation = { key: string; raw?: string; ts?: bigint; recorded: boolean; done: boolean };
const pendingMutation = new AsyncLocalStorage<PendingMutation>();
// Only the first outermost result counts: later ones in the same context are scheduled functions.
internals.setMutationResultHook((raw) => {
  const p = pendingMutation.getStore();
  if (p && !p.done && p.raw === undefined) p.raw = raw;
});

/** A client mutation's outcome as the journal keeps it. */
function dedupEntry(key: string, out: CallOutcome): DedupEntry {
  const stored: JSONValue = out.ok
    ? { ok: true, v: out.value, t: String(out.ts ?? 0n) }
    : out.errorData === undefined
      ? { ok: false, m: out.message }
      : { ok: false, m: out.message, e: out.errorData };
  return [key, stored, Date.now()];
}

function fromDedupEntry(entry: DedupEntry): CallOutcome {
  const o = entry[1] as { ok: boolean; v?: JSONValue; t?: string; m?: string; e?: JSONValue };
  if (o.ok) return { ok: true, value: o.v ?? null, ts: BigInt(o.t ?? "0") };
  return o.e === undefined
    ? { ok: false, message: o.m ?? "Server Error" }
    : { ok: false, message: o.m ?? "Server Error", errorData: o.e };
}
const UPLOAD_TOKEN_MS = 60 * 60 * 1000;
/** OFFLINE_TRACE=1 logs every flush and mutation with timings. */
const TRACE = process.env.OFFLINE_TRACE === "1";

export type EngineOptions = {
  convexDir: string;
  storageBaseUrl: string;
  /** Fills a fresh backend (the demo seed); called on start (when there is no data yet) and on reset. */
  seed?: (backend: Backend) => Promise<void>;
  /** Runs on a backend restored from the data folder (e.g. settings that follow the environment). */
  resume?: (backend: Backend) => Promise<void>;
  /**
   * The data folder (dev/persist.ts): data survives restarts and crashes. Undefined/null: in
   * memory only (tests).
   */
  dataDir?: string | null;
  /** False: journal without fsync (only to measure what durability costs). */
  fsync?: boolean;
};

/** A mutation called outside a client session (HTTP, the simulator): no dedup, nothing to send before the flush. */
const NO_SESSION = { dedupKey: null, beforeFlush: () => {} };

export class Engine {
  readonly clock = new Clock();
  readonly cache = new QueryCache();
  private backendRef: Backend | null = null;
  private readonly subscribers = new Set<Subscriber>();
  private dirty = emptyWrites();
  private flushQueued = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly done = new Map<string, Promise<CallOutcome>>();
  private readonly options: EngineOptions;
  /**
   * Runs a callback in the (empty) async context the engine was made in. A flush requested from
   * inside a write must not inherit the writer's convex-test context (its nested-transaction lock
   * would make our re-runs look nested in a transaction that is over).
   */
  private readonly outside = AsyncLocalStorage.snapshot();
  private store: DataStore | null = null;
  /** True when start() seeded fresh data (nothing was restored). */
  seededAtStart = false;
  private readonly uploadTokens = new Map<string, number>();
  private durability: Durability | null = null;

  constructor(options: EngineOptions) {
    this.options = options;
  }

  get backend(): Backend {
    if (!this.backendRef) throw new Error("engine not started");
    return this.backendRef;
  }

  /**
   * Builds the backend: with a data folder, restores what it holds (or seeds it when empty);
   * without, a fresh seeded backend in memory.
   */
  async start() {
    if (!this.options.dataDir) {
      this.backendRef = await this.freshBackend();
      this.seededAtStart = true;
      return;
    }
    const store = DataStore.open(this.options.dataDir, { sync: this.options.fsync !== false });
    this.store = store;
    try {
      if (store.isEmpty()) {
        const backend = await this.freshBackend(false);
        this.durability = await attachStore(backend, store, false, this.claim);
        // The seed is journaled as it goes (no snapshots meanwhile); one snapshot after it keeps
        // the next start fast.
        this.durability.holdCompaction(true);
        try {
          if (this.options.seed) await this.options.seed(backend);
        } finally {
          this.durability.holdCompaction(false);
        }
        this.durability.compact();
        this.backendRef = backend;
        this.seededAtStart = true;
      } else {
        const started = performance.now();
        const backend = await this.freshBackend(false);
        this.durability = await attachStore(backend, store, true, this.claim);
        for (const entry of this.durability.dedup) {
          const outcome = fromDedupEntry(entry);
          if (outcome.ok && outcome.ts !== undefined) this.clock.observe(outcome.ts);
          this.remember(entry[0], Promise.resolve(outcome));
        }
        this.backendRef = backend;
        if (this.options.resume) await this.options.resume(backend);
        const r = this.durability.restored;
        if (process.env.OFFLINE_QUIET !== "1") {
          console.log(
            `[offline] resumed ${r.documents} documents from ${store.dir} in ${(performance.now() - started).toFixed(0)} ms` +
              (r.files ? `, ${r.files} stored files` : "") +
              (r.scheduled ? `, ${r.scheduled} scheduled functions` : "") +
              (r.interrupted ? `, ${r.interrupted} scheduled functions interrupted by the stop (marked failed)` : "") +
              (r.missingFiles ? ` (${r.missingFiles} stored files missing from ${store.filesDir})` : ""),
          );
        }
      }
    } catch (e) {
      store.close();
      this.store = null;
      throw e;
    }
  }

  /**
   * Called by the journal at every commit: the outcome of the client mutation making it (its ts is
   * taken here), journaled with its writes; undefined for any other commit.
   */
  private readonly claim = (): DedupEntry | undefined => {
    const p = pendingMutation.getStore();
    if (!p || p.done || p.recorded || p.raw === undefined) return undefined;
    p.recorded = true;
    p.ts = this.clock.tick();
    return dedupEntry(p.key, { ok: true, value: JSON.parse(p.raw) as JSONValue, ts: p.ts });
  };

  /** Journals an outcome no commit carried (a failure, no writes, a corrected value). */
  private recordOutcome(p: PendingMutation, out: CallOutcome) {
    try {
      this.durability?.recordOutcome(dedupEntry(p.key, out));
    } catch (e) {
      // Nothing of this mutation is lost but its answer to a re-send after a restart.
      console.error("[offline] cannot journal a mutation outcome:", e);
    }
  }

  /** What the last start restored from the data folder (null: nothing was restored). */
  get durabilityRestored(): Durability["restored"] | null {
    return this.seededAtStart ? null : (this.durability?.restored ?? null);
  }

  /** The data folder in use (null: in memory). */
  get dataStore(): DataStore | null {
    return this.store;
  }

  private async freshBackend(seed = true): Promise<Backend> {
    const scope: BackendScope = {
      alive: true,
      storageBaseUrl: this.options.storageBaseUrl,
      issueUploadToken: () => this.issueUploadToken(),
      onWrite: (table, id, versions) => {
        // Only the current backend's writes count (not a seeding or a reset one's late timers).
        if (scope !== this.backendRef?.scope) return;
        addWrite(this.dirty, table, id, versions);
        this.scheduleFlush();
      },
    };
    const backend = await Backend.create(this.options.convexDir, scope);
    if (seed && this.options.seed) await this.options.seed(backend);
    return backend;
  }

  /** Replaces all data with a fresh seed; every subscriber gets the new results. */
  async reset() {
    const fresh = await this.freshBackend();
    await this.serial(async () => {
      this.backendRef?.dispose();
      if (this.store) {
        // The old data goes; the fresh seed is written as the folder's new snapshot.
        this.durability?.detach();
        this.store.wipe();
        this.durability = await attachStore(fresh, this.store, false, this.claim);
        this.durability.compact();
      }
      this.backendRef = fresh;
      this.dirty = emptyWrites();
      for (const run of this.cache.all()) {
        run.journal = null;
        await run.execute(fresh);
      }
      this.announce(this.clock.tick());
    });
  }

  /** Stops; with a data folder, writes a snapshot (a fast next start) and releases the folder. */
  stop() {
    this.backendRef?.dispose();
    if (this.store) {
      try {
        this.durability?.compact();
      } catch (e) {
        console.error("[offline] could not write a snapshot at stop (the journal has every write):", e);
      }
      this.durability?.detach();
      this.store.close();
      this.store = null;
    }
  }

  /** Runs `fn` after everything queued before it; nothing else of the queue runs meanwhile. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  addSubscriber(s: Subscriber) {
    this.subscribers.add(s);
  }

  removeSubscriber(s: Subscriber) {
    this.subscribers.delete(s);
  }

  private scheduleFlush() {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.outside(() => {
      void this.serial(async () => {
        this.flushQueued = false;
        await this.flush();
      });
    });
  }

  /**
   * Re-runs the queries touched by the writes seen so far and tells every subscriber. Must run
   * inside the queue. Re-runs wait for convex-test's transaction lock, so they see the writes'
   * transactions committed.
   */
  async flush(force = false) {
    if (!force && this.dirty.tables.size === 0) return;
    const writes = this.dirty;
    this.dirty = emptyWrites();
    const ts = this.clock.tick();
    const started = performance.now();
    const affected = this.cache.affectedBy(writes);
    for (const run of affected) await run.execute(this.backend);
    if (TRACE) {
      const ms = (performance.now() - started).toFixed(1);
      console.log(
        `[offline] flush: ${affected.length}/${this.cache.size} runs in ${ms} ms (${[...writes.tables].join(",")}) ${affected.map((r) => r.udfPath).join(" ")}`,
      );
    }
    this.announce(ts);
  }

  private announce(ts: bigint) {
    for (const s of this.subscribers) s.afterFlush(ts);
  }

  /** Subscribes to a shared run, executing it when new. Inside the queue. */
  async subscribe(
    udfPath: string,
    argsJson: JSONValue,
    identity: Identity | null,
    journal: string | null,
  ): Promise<QueryRun> {
    const { run, fresh } = this.cache.acquire(udfPath, argsJson, identity, journal);
    if (fresh) {
      const fn = await this.backend.resolve(udfPath);
      if (!fn.ok || fn.kind !== "query" || !fn.isPublic) {
        run.result = { ok: false, message: fn.ok ? `Could not find public function for '${udfPath}'.` : fn.error };
        run.version += 1;
      } else {
        await run.execute(this.backend);
      }
    }
    return run;
  }

  unsubscribe(run: QueryRun) {
    this.cache.release(run);
  }

  /** Checks a client may call `udfPath` as `kind` (public, right kind). */
  private async check(kind: FunctionKind, udfPath: string): Promise<WireError | null> {
    const fn = await this.backend.resolve(udfPath);
    if (!fn.ok) return { message: fn.error };
    if (!fn.isPublic || fn.kind !== kind) return { message: `Could not find public function for '${udfPath}'.` };
    return null;
  }

  /**
   * A client mutation, at most once per (sessionId, requestId). `identity` is read inside the
   * queue (after any Authenticate queued before it). `beforeFlush` runs inside the queue right
   * after the commit (the session sends its MutationResponse there), then the flush.
   */
  mutation(
    udfPath: string,
    argsJson: JSONValue,
    identity: () => Identity | null,
    session: { dedupKey: string | null; beforeFlush: (outcome: CallOutcome) => void } = NO_SESSION,
  ): Promise<CallOutcome> {
    const { dedupKey, beforeFlush } = session;
    const seen = dedupKey ? this.done.get(dedupKey) : undefined;
    if (seen) {
      return seen.then((outcome) =>
        this.serial(async () => {
          beforeFlush(outcome);
          this.announce(this.clock.current);
          return outcome;
        }),
      );
    }
    const outcome = this.serial(async () => {
      const refused = await this.check("mutation", udfPath);
      let out: CallOutcome;
      if (refused) out = { ok: false, ...refused };
      else {
        const p: PendingMutation | null =
          dedupKey && this.durability ? { key: dedupKey, recorded: false, done: false } : null;
        try {
          const started = performance.now();
          const call = () =>
            this.backend.call("mutation", udfPath, jsonToConvex(argsJson) as Record<string, Value>, identity());
          const value = await (p ? pendingMutation.run(p, call) : call());
          if (TRACE) console.log(`[offline] mutation ${udfPath} in ${(performance.now() - started).toFixed(1)} ms`);
          const json = convexToJson(value as Value);
          out = { ok: true, value: json, ts: p?.ts ?? this.clock.tick() };
          if (p) {
            p.done = true;
            // Journaled with the commit unless it wrote nothing (or its value changed at commit).
            if (!p.recorded || p.raw !== JSON.stringify(json)) this.recordOutcome(p, out);
          }
        } catch (e) {
          out = { ok: false, ...toWireError(e, `mutation ${udfPath}`) };
          if (p) {
            p.done = true;
            this.recordOutcome(p, out);
          }
        }
      }
      beforeFlush(out);
      await this.flush(true);
      return out;
    });
    if (dedupKey) this.remember(dedupKey, outcome);
    return outcome;
  }

  private remember(key: string, outcome: Promise<CallOutcome>) {
    this.done.set(key, outcome);
    if (this.done.size > DEDUP_LIMIT) this.done.delete(this.done.keys().next().value as string);
  }

  /** A client action: runs outside the queue (it may take long); its writes flush as they happen. */
  async action(udfPath: string, argsJson: JSONValue, identity: Identity | null): Promise<CallOutcome> {
    const refused = await this.check("action", udfPath);
    if (refused) return { ok: false, ...refused };
    try {
      const value = await this.backend.call(
        "action",
        udfPath,
        jsonToConvex(argsJson) as Record<string, Value>,
        identity,
      );
      return { ok: true, value: convexToJson(value as Value) };
    } catch (e) {
      return { ok: false, ...toWireError(e, `action ${udfPath}`) };
    }
  }

  /**
   * A single-use upload token, valid for an hour (as a deployment's upload URLs): the upload
   * endpoint stores a file only for a token issued here and not used yet.
   */
  issueUploadToken(): string {
    const now = Date.now();
    for (const [t, expires] of this.uploadTokens) if (expires <= now) this.uploadTokens.delete(t);
    const token = randomBytes(24).toString("base64url");
    this.uploadTokens.set(token, now + UPLOAD_TOKEN_MS);
    return token;
  }

  /** Uses up an upload token; false when it was never issued, was used, or expired. */
  takeUploadToken(token: string | null): boolean {
    if (!token) return false;
    const expires = this.uploadTokens.get(token);
    if (expires === undefined) return false;
    this.uploadTokens.delete(token);
    return expires > Date.now();
  }

  /** Stores an uploaded file (POST to an upload URL); returns its storage id. */
  storeFile(blob: Blob): Promise<string> {
    const b = this.backend;
    return insideOwnTransaction.run(true, () => b.within(() => b.t.run((ctx) => ctx.storage.store(blob))));
  }

  /** A stored file, or null. */
  async getFile(storageId: string): Promise<Blob | null> {
    const b = this.backend;
    // t.run returns only Convex values, so the blob leaves through a closure.
    let blob: Blob | null = null;
    try {
      await b.within(() =>
        b.t.run(async (ctx) => {
          blob = await ctx.storage.get(storageId);
          return null;
        }),
      );
    } catch {
      return null;
    }
    return blob;
  }

  /** A one-off query (HTTP API): not cached, not subscribed. */
  async query(udfPath: string, argsJson: JSONValue, identity: Identity | null): Promise<CallOutcome> {
    const refused = await this.check("query", udfPath);
    if (refused) return { ok: false, ...refused };
    try {
      const value = await this.backend.call(
        "query",
        udfPath,
        jsonToConvex(argsJson) as Record<string, Value>,
        identity,
      );
      return { ok: true, value: convexToJson(value as Value), ts: this.clock.current };
    } catch (e) {
      return { ok: false, ...toWireError(e, `query ${udfPath}`) };
    }
  }
}
