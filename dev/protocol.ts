/**
 * The Convex sync protocol as this runtime speaks it (the client side lives in
 * node_modules/convex/src/browser/sync/protocol.ts). JSON frames over a WebSocket.
 *
 * Invariants the client checks and this module helps keep:
 *  - `ts` travels as a u64: 8 little-endian bytes, base64. It never decreases on a socket.
 *  - A Transition's startVersion equals the endVersion of the previous Transition on that
 *    socket (versions start at {querySet: 0, identity: 0, ts: 0} on every new socket).
 */
import type { JSONValue } from "convex/values";

export type QueryId = number;

export type StateVersion = { querySet: number; identity: number; ts: bigint };

export type AddQuery = {
  type: "Add";
  queryId: QueryId;
  udfPath: string;
  args: JSONValue[];
  journal?: string | null;
  componentPath?: string;
};
export type RemoveQuery = { type: "Remove"; queryId: QueryId };

export type ClientMessage =
  | {
      type: "Connect";
      sessionId: string;
      connectionCount: number;
      lastCloseReason: string | null;
      maxObservedTimestamp?: string;
      clientTs?: number;
    }
  | { type: "ModifyQuerySet"; baseVersion: number; newVersion: number; modifications: (AddQuery | RemoveQuery)[] }
  | { type: "Mutation"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Action"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Authenticate"; tokenType: "User" | "Admin" | "None"; value?: string; baseVersion: number }
  | { type: "Event"; eventType: string; event: unknown };

export type StateModification =
  | { type: "QueryUpdated"; queryId: QueryId; value: JSONValue; logLines: string[]; journal: string | null }
  | {
      type: "QueryFailed";
      queryId: QueryId;
      errorMessage: string;
      logLines: string[];
      errorData?: JSONValue;
      journal: string | null;
    }
  | { type: "QueryRemoved"; queryId: QueryId };

type WireVersion = { querySet: number; identity: number; ts: string };

export type ServerMessage =
  | {
      type: "Transition";
      startVersion: WireVersion;
      endVersion: WireVersion;
      modifications: StateModification[];
      serverTs?: number;
    }
  | { type: "MutationResponse"; requestId: number; success: true; result: JSONValue; ts: string; logLines: string[] }
  | {
      type: "MutationResponse";
      requestId: number;
      success: false;
      result: string;
      logLines: string[];
      errorData?: JSONValue;
    }
  | { type: "ActionResponse"; requestId: number; success: true; result: JSONValue; logLines: string[] }
  | {
      type: "ActionResponse";
      requestId: number;
      success: false;
      result: string;
      logLines: string[];
      errorData?: JSONValue;
    }
  | { type: "AuthError"; error: string; baseVersion: number; authUpdateAttempted: boolean }
  | { type: "Ping" };

/** u64 → 8 bytes little-endian → base64, as `longToU64` in the client. */
export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt.asUintN(64, ts));
  return bytes.toString("base64");
}

export function decodeTs(encoded: string): bigint {
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== 8) throw new Error(`bad u64: ${encoded}`);
  return bytes.readBigUInt64LE();
}

export function wireVersion(v: StateVersion): WireVersion {
  return { querySet: v.querySet, identity: v.identity, ts: encodeTs(v.ts) };
}

/** Parses one client frame; returns null for anything that is not a known message. */
export function parseClientMessage(raw: string): ClientMessage | null {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof msg !== "object" || msg === null || typeof (msg as { type?: unknown }).type !== "string") return null;
  const type = (msg as { type: string }).type;
  const known = ["Connect", "ModifyQuerySet", "Mutation", "Action", "Authenticate", "Event"];
  return known.includes(type) ? (msg as ClientMessage) : null;
}

/** "orders.js:list" / "orders:list" / "orders" → "orders:list" / "orders:default". */
export function canonicalUdfPath(udfPath: string): string {
  const at = udfPath.lastIndexOf(":");
  let mod = at === -1 ? udfPath : udfPath.slice(0, at);
  const fn = at === -1 ? "default" : udfPath.slice(at + 1);
  if (mod.endsWith(".js")) mod = mod.slice(0, -3);
  return `${mod}:${fn}`;
}
