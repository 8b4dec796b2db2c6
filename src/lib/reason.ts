/**
 * The client's "reason" rule, written once: a lifecycle verb, an adjustment or a short pick must
 * say why in at least `MIN_REASON_LENGTH` characters — the server's own bound and check
 * (convex/lib/bounds.ts), so the two cannot disagree. `vReason` is the zod field for forms on
 * `useForm`.
 */
import { z } from "zod";
import { isReasonTooShort, MIN_REASON_LENGTH } from "../../convex/lib/bounds";

export const REASON_PROBLEM = `Say why, in at least ${MIN_REASON_LENGTH} characters.`;
export { isReasonTooShort };

/** A required reason (trimmed), or an optional note when `optional`. */
export const vReason = (optional = false, problem = REASON_PROBLEM) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => optional || !isReasonTooShort(s), problem);
