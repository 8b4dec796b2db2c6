/**
 * The truth check, three ways in: `verifyPage` (internal query, one page of one check),
 * `verifyInvariants` (internal action: every page of every check, for the CLI —
 * `npx convex run invariants:verifyInvariants`), and `check` (the same report for admins, on the
 * Admin → Data integrity page). Every test scenario ends with the same report (testing/setup.testing.ts).
 */
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { internalAction, internalQuery, type ActionCtx } from "./_generated/server";
import { internal } from "./_generated/api";
import { adminAction } from "./functions";
import { checkPage, INVARIANT_CHECKS, mergeReport, type PageResult, type Violation } from "./model/invariants/check";

const vCheck = literals(...INVARIANT_CHECKS);
const vViolation = v.object({
  invariant: v.string(),
  where: v.string(),
  by: v.optional(v.number()),
  message: v.string(),
});
const vReport = v.object({
  ok: v.boolean(),
  violations: v.array(vViolation),
  checked: v.number(),
  truncated: v.boolean(),
  at: v.number(),
});

/** One page of one check: its violations and the partial sums the report adds across pages. */
export const verifyPage = internalQuery({
  args: { check: vCheck, cursor: v.union(v.string(), v.null()), numItems: v.optional(v.number()) },
  handler: async (ctx, { check, cursor, numItems }) =>
    checkPage(ctx, check, { cursor, numItems: Math.max(1, Math.min(numItems ?? 100, 500)) }),
});

/** Reports at most this many violations (the count of the rest is in `truncated`). */
const MAX_REPORTED = 200;

async function runReport(ctx: Pick<ActionCtx, "runQuery">) {
  const pages: PageResult[] = [];
  for (const check of INVARIANT_CHECKS) {
    let cursor: string | null = null;
    for (;;) {
      const page: PageResult = await ctx.runQuery(internal.invariants.verifyPage, { check, cursor, numItems: 100 });
      pages.push(page);
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
  }
  const { violations, checked } = mergeReport(pages);
  const shown: Violation[] = violations.slice(0, MAX_REPORTED);
  return {
    ok: violations.length === 0,
    violations: shown,
    checked,
    truncated: violations.length > MAX_REPORTED,
    at: Date.now(),
  };
}

/** Every invariant over the whole database: `npx convex run invariants:verifyInvariants`. */
export const verifyInvariants = internalAction({ args: {}, returns: vReport, handler: async (ctx) => runReport(ctx) });

/** The same report for the admin page (reads every row: run it while writes are quiet). */
export const check = adminAction({ args: {}, returns: vReport, handler: async (ctx) => runReport(ctx) });
