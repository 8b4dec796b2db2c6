/**
 * A package's measures typed on the floor, parsed as the server checks them: the rules are
 * `gramsProblem` / `mmProblem` (convex/lib/floor.ts), so a form refuses exactly what
 * `floor.openPackage` and `floor.weighPackage` refuse, with the same sentence.
 */
import { z } from "zod";
import { gramsProblem } from "../../../../convex/lib/floor";
import { parseWhole } from "../../../lib/useForm";

/** The whole number in `text` when `problemOf` accepts it; else the issue at `path` and 0. */
export function measureOf(
  ctx: z.RefinementCtx,
  a: { path: string; text: string; problemOf: (n: number) => string | undefined },
): number {
  const n = parseWhole(a.text);
  const problem = a.problemOf(n ?? Number.NaN);
  if (problem) ctx.addIssue({ code: "custom", path: [a.path], message: problem });
  return n ?? 0;
}

/** A scale reading typed in grams. */
export const weighSchema = z.object({ grams: z.string() }).transform((v, ctx) => ({
  weightGrams: measureOf(ctx, { path: "weightGrams", text: v.grams, problemOf: (n) => gramsProblem(n) }),
}));
