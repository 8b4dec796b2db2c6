/**
 * The client's "reason" rule, written once: a lifecycle verb, an adjustment or a short pick must
 * say why in at least `REASON_MIN_LENGTH` characters (the server refuses shorter ones with the
 * same sentence). `vReason` is the zod field for forms on `useForm`.
 */
import { z } from "zod";

export const REASON_MIN_LENGTH = 3;
export const REASON_PROBLEM = `Say why, in at least ${REASON_MIN_LENGTH} characters.`;

export const reasonIsShort = (text: string) => text.trim().length < REASON_MIN_LENGTH;

/** A required reason (trimmed), or an optional note when `optional`. */
export const vReason = (optional = false, problem = REASON_PROBLEM) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => optional || s.length >= REASON_MIN_LENGTH, problem);
