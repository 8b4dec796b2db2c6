/**
 * The tracking page's return request body, checked by hand (zod here put ~600 KB into every
 * module that loads the HTTP router; see check:deploy).
 */
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, STRING_LIMITS } from "../../lib/bounds";
import { RETURN_REASONS, type ReturnReason } from "../../lib/returns";

export type ReturnBody = { lines: { lineId: string; quantity: number; reason: ReturnReason }[]; note?: string };

/**
 * 1–MAX_ORDER_LINES lines of { lineId ≤ the code limit, whole quantity 1–MAX_LINE_QUANTITY, a known reason },
 * an optional note ≤ the note limit (the shared bounds of lib/bounds). Unknown keys are dropped.
 */
/** What the customer is told when a return request names no items or no reason. */
export const RETURN_BODY_PROBLEM = "Choose the items and a reason for the return.";

export function parseReturnBody(body: unknown): ReturnBody | null {
  if (typeof body !== "object" || body === null) return null;
  const { lines, note } = body as Record<string, unknown>;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_ORDER_LINES) return null;
  if (note !== undefined && (typeof note !== "string" || note.length > STRING_LIMITS.note)) return null;
  const out: ReturnBody["lines"] = [];
  for (const l of lines as unknown[]) {
    if (typeof l !== "object" || l === null) return null;
    const { lineId, quantity, reason } = l as Record<string, unknown>;
    if (typeof lineId !== "string" || lineId.length > STRING_LIMITS.code) return null;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY)
      return null;
    if (typeof reason !== "string" || !(RETURN_REASONS as readonly string[]).includes(reason)) return null;
    out.push({ lineId, quantity, reason: reason as ReturnBody["lines"][number]["reason"] });
  }
  return { lines: out, ...(note !== undefined ? { note: note as string } : {}) };
}
