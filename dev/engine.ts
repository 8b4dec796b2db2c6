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
 * of their first outcome and never run twice.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { jsonToConvex, convexToJson, type JSONValue, type Value } from "convex/values";
import { Backend, type FunctionKind } from "./backend";
import { Clock } from "./clock";
import { toWireError, type WireError } from "./errors";
import { QueryCache, type QueryRun } from "./queries";
import { addWrite, emptyWrites } from "./writes";
import type { BackendScope } from "./tracker";
import type { Identity } from "./auth";

/** A party that shows query results: a WebSocket session. */
export interface Subscriber {
  /** Called at the end of every flush (inside the queue) with the flush's timestamp. */
  afterFlush(ts: bigint): void;
}

export type CallOutcome = { ok: true; value: JSONValue; ts?: bigint } | ({ ok: false } & WireError);

const DEDUP_LIMIT = 20_000;
/** OFFLINE_TRACE=1 logs every flush and mutation with timings. */
const TRACE = process.env.OFFLINE_TRACE === "1";

export type EngineOptions = {
  convexDir: string;
  storageBaseUrl: string;
  /** Fills a fresh backend (the demo seed); called on start and on reset. */
  seed?: (backend: Backend) => Promise<void>;
};

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

  constructor(options: EngineOptions) {
    this.options = options;
  }

  get backend(): Backend {
    if (!this.backendRef) throw new Error("engine not started");
    return this.backendRef;
  }

  /** Builds a fresh backend and seeds it. */
  async start() {
    this.backendRef = await this.freshBackend();
  }

  private async freshBackend(): Promise<Backend> {
    const scope: BackendScope = {
      alive: true,
      storageBaseUrl: this.options.storageBaseUrl,
      onWrite: (table, id, versions) => {
        // Only the current backend's writes count (not a seeding or a reset one's late timers).
        if (scope !== this.backendRef?.scope) return;
        addWrite(this.dirty, table, id, versions);
        this.scheduleFlush();
      },
    };
    const backend = await Backend.create(this.options.convexDir, scope);
    if (this.options.seed) await this.options.seed(backend);
    return backend;
  }

  /** Replaces all data with a fresh seed; every subscriber gets the new results. */
  async reset() {
    const fresh = await this.freshBackend();
    await this.serial(async () => {
      this.backendRef?.dispose();
      this.backendRef = fresh;
      this.dirty = emptyWrites();
      for (const run of this.cache.all()) {
        run.journal = null;
        await run.execute(fresh);
      }
      this.announce(this.clock.tick());
    });
  }

  stop() {
    this.backendRef?.dispose();
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
      console.log(`[offline] flush: ${affected.length}/${this.cache.size} runs in ${ms} ms (${[...writes.tables].join(",")}) ${affected.map((r) => r.udfPath).join(" ")}`);
    }
    this.announce(ts);
  }

  private announce(ts: bigint) {
    for (const s of this.subscribers) s.afterFlush(ts);
  }

  /** Subscribes to a shared run, executing it when new. Inside the queue. */
  async subscribe(udfPath: string, argsJson: JSONValue, identity: Identity | null, journal: string | null): Promise<QueryRun> {
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
    dedupKey: string | null,
    udfPath: string,
    argsJson: JSONValue,
    identity: () => Identity | null,
    beforeFlush: (outcome: CallOutcome) => void,
  ): Promise<CallOutcome> {
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
        try {
          const started = performance.now();
          const value = await this.backend.call("mutation", udfPath, jsonToConvex(argsJson) as Record<string, Value>, identity());
          if (TRACE) console.log(`[offline] mutation ${udfPath} in ${(performance.now() - started).toFixed(1)} ms`);
          out = { ok: true, value: convexToJson(value as Value), ts: this.clock.tick() };
        } catch (e) {
          out = { ok: false, ...toWireError(e, `mutation ${udfPath}`) };
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
      const value = await this.backend.call("action", udfPath, jsonToConvex(argsJson) as Record<string, Value>, identity);
      return { ok: true, value: convexToJson(value as Value) };
    } catch (e) {
      return { ok: false, ...toWireError(e, `action ${udfPath}`) };
    }
  }

  /** Stores an uploaded file (POST to an upload URL); returns its storage id. */
  storeFile(blob: Blob): Promise<string> {
    const b = this.backend;
    return b.within(() => b.t.run((ctx) => ctx.storage.store(blob)));
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
      const value = await this.backend.call("query", udfPath, jsonToConvex(argsJson) as Record<string, Value>, identity);
      return { ok: true, value: convexToJson(value as Value), ts: this.clock.current };
    } catch (e) {
      return { ok: false, ...toWireError(e, `query ${udfPath}`) };
    }
  }
}
