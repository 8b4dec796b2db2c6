/**
 * Turns whatever a Convex call threw into something a person can read. Server refusals are
 * `ConvexError<AppErrorData>` (convex/lib/errors.ts): we show `data.message`, or a sentence per
 * `data.code` when the message is missing, and hand `data.fields` to the form. Anything else
 * (network, a bug) becomes a generic sentence: stack traces and server internals are never shown.
 */
import { ConvexError } from "convex/values";
import { isAppErrorData, type AppErrorData, type ErrorCode } from "../../convex/lib/errors";

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in to continue.",
  FORBIDDEN: "You do not have permission to do that.",
  NOT_FOUND: "We could not find that. It may have been removed.",
  INVALID_INPUT: "Please correct the highlighted fields.",
  DUPLICATE: "That already exists.",
  INVALID_TRANSITION: "That action is not possible in the order's current status.",
  INSUFFICIENT_STOCK: "There is not enough stock for that.",
  CONFLICT: "Someone else changed this at the same time. Please try again.",
  CARRIER_UNAVAILABLE: "The carrier is not answering right now. Please try again in a moment.",
};

export const GENERIC_ERROR = "Something went wrong. Please try again.";
export const INVALID_LINK_ERROR = "That link does not point to a record we know.";

/** The typed payload of a server refusal, if `error` is one. */
export function appErrorData(error: unknown): AppErrorData | undefined {
  if (error instanceof ConvexError && isAppErrorData(error.data)) return error.data;
  // Errors crossing module copies may fail instanceof; accept the shape.
  if (
    typeof error === "object" &&
    error !== null &&
    "data" in error &&
    isAppErrorData((error as { data: unknown }).data)
  ) {
    return (error as { data: AppErrorData }).data;
  }
  return undefined;
}

/** One sentence for a person. */
export function errorMessage(error: unknown): string {
  const data = appErrorData(error);
  if (data) return data.message?.trim() ? data.message : (ERROR_MESSAGES[data.code] ?? GENERIC_ERROR);
  if (error instanceof ConvexError && typeof error.data === "string" && error.data.trim()) return error.data;
  const text = error instanceof Error ? error.message : "";
  // An id from a hand-typed or stale URL fails the server's argument validator.
  if (/ArgumentValidationError|does not match validator|Invalid argument `id`|is not a valid ID/i.test(text)) {
    return INVALID_LINK_ERROR;
  }
  return GENERIC_ERROR;
}

/** Field path → message from a server refusal (e.g. "shipTo.postalCode"); empty otherwise. */
export function fieldErrors(error: unknown): Record<string, string> {
  return appErrorData(error)?.fields ?? {};
}

export function errorCode(error: unknown): ErrorCode | undefined {
  return appErrorData(error)?.code;
}
