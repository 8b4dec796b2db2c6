/**
 * Helpers for component tests that mock convex/react at the module boundary: answer a query or
 * mutation by its function name ("products:search"), as the real client would by reference.
 */
import { getFunctionName, type FunctionReference } from "convex/server";

export function nameOf(ref: unknown): string {
  return getFunctionName(ref as FunctionReference<"query" | "mutation">);
}
