/**
 * How a thrown error reaches a client. A `ConvexError` keeps its `data` (sent as `errorData`, so
 * the UI can map `code` to a sentence); anything else becomes a bare "Server Error", as on a
 * production deployment: no message, no stack trace. The details go to the runtime's log.
 */
import { convexToJson, type JSONValue, type Value } from "convex/values";

export type WireError = { message: string; errorData?: JSONValue };

function isConvexError(e: unknown): e is Error & { data: Value } {
  return typeof e === "object" && e !== null && Symbol.for("ConvexError") in e && "data" in e;
}

export function toWireError(e: unknown, where: string, log = true): WireError {
  if (isConvexError(e)) return { message: e.message, errorData: convexToJson(e.data) };
  if (log) console.error(`[offline] ${where} failed:`, e instanceof Error ? (e.stack ?? e.message) : e);
  return { message: "Server Error" };
}
