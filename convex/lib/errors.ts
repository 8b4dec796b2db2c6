/**
 * Typed error codes shared by server and client. Every refusal the server makes is a
 * `ConvexError<AppErrorData>`; the client maps `code` to a sentence (src/lib/errors.ts) and shows
 * `fields` next to the inputs they name. Pure: no Convex server imports beyond ConvexError.
 */
import { ConvexError } from "convex/values";

export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "DUPLICATE",
  "INVALID_TRANSITION",
  "INSUFFICIENT_STOCK",
  "CONFLICT",
  "CARRIER_UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type AppErrorData = {
  code: ErrorCode;
  message: string;
  /** Field path → message, for form inputs (e.g. "shipTo.postalCode"). */
  fields?: Record<string, string>;
};

export function appError(code: ErrorCode, message: string, fields?: Record<string, string>) {
  const data: AppErrorData = fields ? { code, message, fields } : { code, message };
  return new ConvexError(data);
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code)
  );
}

/** Throws INVALID_INPUT naming every field at once, or returns when there is nothing to say. */
export function throwIfFieldErrors(fields: Record<string, string>, summary = "Please correct the highlighted fields.") {
  const keys = Object.keys(fields);
  if (keys.length === 0) return;
  const message = keys.length === 1 ? fields[keys[0]] : summary;
  throw appError("INVALID_INPUT", message, fields);
}
