/**
 * One WebSocket connection speaking the sync protocol. Versions start at zero on every socket.
 *
 * Invariants:
 *  - every Transition starts at the endVersion of the previous one on this socket, and its ts
 *    never goes down (`send­Transition` is the only place that moves `version`);
 *  - every message that moves versions is sent from inside the engine's queue, so transitions and
 *    mutation responses leave in the order the engine made them;
 *  - nothing is ever answered with FatalError: the client would stop for good. Problems become
 *    QueryFailed, a failed MutationResponse / ActionResponse, or AuthError.
 */
import type { WebSocket } from "ws";
import type { JSONValue } from "convex/values";
import { identityFromToken, type Identity } from "./auth";
import type { CallOutcome, Engine, Subscriber } from "./engine";
import type { QueryRun } from "./queries";
import {
  canonicalUdfPath,
  decodeTs,
  encodeTs,
  parseClientMessage,
  wireVersion,
  type ClientMessage,
  type QueryId,
  type ServerMessage,
  type StateModification,
  type StateVersion,
} from "./protocol";

const PING_MS = 10_000;

type Sub = { run: QueryRun; sent: number; udfPath: string; argsJson: JSONValue; journal: string | null };

export class Session implements Subscriber {
  private version: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  private identity: Identity | null = null;
  private sessionId: string | null = null;
  private readonly subs = new Map<QueryId, Sub>();
  /** A committed mutation's ts this socket must be transitioned past. */
  private awaitingTs: bigint | null = null;
  private readonly ping: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly engine: Engine,
  ) {
    engine.addSubscriber(this);
    this.ping = setInterval(() => this.send({ type: "Ping" }), PING_MS);
    ws.on("message", (data) => this.onMessage(String(data)));
    ws.on("close", () => this.close());
    ws.on("error", () => this.close());
  }

  private send(msg: ServerMessage) {
    if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private sendTransition(
    modifications: StateModification[],
    change: { querySet?: number; identity?: number; ts: bigint },
  ) {
    const end: StateVersion = {
      querySet: change.querySet ?? this.version.querySet,
      identity: change.identity ?? this.version.identity,
      ts: change.ts > this.version.ts ? change.ts : this.version.ts,
    };
    this.send({
      type: "Transition",
      startVersion: wireVersion(this.version),
      endVersion: wireVersion(end),
      modifications,
      serverTs: Date.now(),
    });
    this.version = end;
    if (this.awaitingTs !== null && this.awaitingTs <= end.ts) this.awaitingTs = null;
  }

  /** Modifications for every subscribed query whose run changed since it was last sent. */
  private changes(): StateModification[] {
    const mods: StateModification[] = [];
    for (const [queryId, sub] of this.subs) {
      if (sub.run.version === sub.sent) continue;
      sub.sent = sub.run.version;
      const r = sub.run.result;
      const journal = sub.run.journalString();
      mods.push(
        r.ok
          ? { type: "QueryUpdated", queryId, value: r.value, logLines: [], journal }
          : { type: "QueryFailed", queryId, errorMessage: r.message, errorData: r.errorData, logLines: [], journal },
      );
    }
    return mods;
  }

  afterFlush(ts: bigint) {
    const mods = this.changes();
    if (mods.length > 0 || (this.awaitingTs !== null && this.awaitingTs <= ts)) this.sendTransition(mods, { ts });
  }

  private onMessage(raw: string) {
    const msg = parseClientMessage(raw);
    if (!msg) {
      console.warn("[offline] ignoring unknown client message:", raw.slice(0, 200));
      return;
    }
    this.handle(msg).catch((e: unknown) => console.error("[offline] session error:", e));
  }

  private async handle(msg: ClientMessage) {
    switch (msg.type) {
      case "Connect":
        this.sessionId = msg.sessionId;
        if (msg.maxObservedTimestamp) this.engine.clock.observe(decodeTs(msg.maxObservedTimestamp));
        return;
      case "ModifyQuerySet":
        return this.engine.serial(() => this.modifyQuerySet(msg));
      case "Authenticate":
        return this.engine.serial(() => this.authenticate(msg));
      case "Mutation": {
        const dedupKey = this.sessionId ? `${this.sessionId}:${msg.requestId}` : null;
        await this.engine.mutation(canonicalUdfPath(msg.udfPath), msg.args[0] ?? {}, () => this.identity, {
          dedupKey,
          beforeFlush: (o) => this.mutationResponse(msg.requestId, o),
        });
        return;
      }
      case "Action": {
        const identity = await this.engine.serial(async () => this.identity);
        const o = await this.engine.action(canonicalUdfPath(msg.udfPath), msg.args[0] ?? {}, identity);
        this.send(
          o.ok
            ? { type: "ActionResponse", requestId: msg.requestId, success: true, result: o.value, logLines: [] }
            : {
                type: "ActionResponse",
                requestId: msg.requestId,
                success: false,
                result: o.message,
                errorData: o.errorData,
                logLines: [],
              },
        );
        return;
      }
      case "Event":
        return;
    }
  }

  private mutationResponse(requestId: number, o: CallOutcome) {
    if (o.ok) {
      const ts = o.ts ?? this.engine.clock.current;
      this.send({
        type: "MutationResponse",
        requestId,
        success: true,
        result: o.value,
        ts: encodeTs(ts),
        logLines: [],
      });
      if (this.awaitingTs === null || ts > this.awaitingTs) this.awaitingTs = ts;
    } else {
      this.send({
        type: "MutationResponse",
        requestId,
        success: false,
        result: o.message,
        errorData: o.errorData,
        logLines: [],
      });
    }
  }

  private async modifyQuerySet(msg: Extract<ClientMessage, { type: "ModifyQuerySet" }>) {
    const removed: StateModification[] = [];
    for (const m of msg.modifications) {
      if (m.type === "Add") {
        const udfPath = canonicalUdfPath(m.udfPath);
        const argsJson = m.args[0] ?? {};
        const journal = m.journal ?? null;
        const run = await this.engine.subscribe(udfPath, argsJson, this.identity, journal);
        const previous = this.subs.get(m.queryId);
        if (previous) this.engine.unsubscribe(previous.run);
        this.subs.set(m.queryId, { run, sent: -1, udfPath, argsJson, journal });
      } else {
        const sub = this.subs.get(m.queryId);
        if (sub) {
          this.engine.unsubscribe(sub.run);
          this.subs.delete(m.queryId);
        }
        removed.push({ type: "QueryRemoved", queryId: m.queryId });
      }
    }
    if (this.closed) return;
    this.sendTransition([...removed, ...this.changes()], { querySet: msg.newVersion, ts: this.engine.clock.current });
  }

  private async authenticate(msg: Extract<ClientMessage, { type: "Authenticate" }>) {
    let identity: Identity | null = null;
    if (msg.tokenType === "User") {
      const r = identityFromToken(msg.value ?? "");
      if (!r.ok) {
        this.send({ type: "AuthError", error: r.error, baseVersion: msg.baseVersion, authUpdateAttempted: true });
        return;
      }
      identity = r.identity;
    } else if (msg.tokenType === "Admin") {
      this.send({
        type: "AuthError",
        error: "Offline demo: admin keys are not accepted.",
        baseVersion: msg.baseVersion,
        authUpdateAttempted: true,
      });
      return;
    }
    this.identity = identity;
    // Every subscribed query now runs as the new identity.
    for (const sub of this.subs.values()) {
      sub.journal = sub.run.journalString();
      const run = await this.engine.subscribe(sub.udfPath, sub.argsJson, identity, sub.journal);
      this.engine.unsubscribe(sub.run);
      sub.run = run;
      sub.sent = -1;
    }
    if (this.closed) return;
    this.sendTransition(this.changes(), { identity: msg.baseVersion + 1, ts: this.engine.clock.current });
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ping);
    this.engine.removeSubscriber(this);
    void this.engine.serial(async () => {
      for (const sub of this.subs.values()) this.engine.unsubscribe(sub.run);
      this.subs.clear();
    });
  }
}
