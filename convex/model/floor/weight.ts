/**
 * Declared package weight. A package's weight starts as an estimate — the box's tare plus its
 * contents' catalog grams, kept current as units are scanned in — until a scale reading (typed, or
 * from a scale the browser reads) replaces it. A label is never bought for a declared weight below
 * the contents' catalog weight (carriers bill the difference later) unless a supervisor overrides
 * that exact weight with a reason, which is audited.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { recordAudit } from "../audit/record";
import { rowOrThrow } from "../rows";
import { overrideReasonProblem } from "../../lib/floor";

type Items = Doc<"packages">["items"];

/** Catalog grams of the items in a package (a product no longer in the catalog counts 0). */
export async function contentsGrams(ctx: Pick<QueryCtx, "db">, items: Items): Promise<number> {
  let grams = 0;
  for (const i of items) {
    const p = await ctx.db.get("products", i.productId);
    grams += (p?.weightGrams ?? 0) * i.quantity;
  }
  return grams;
}

/** The estimate a package shows until it is weighed: tare + contents. */
export async function estimatedWeight(
  ctx: Pick<QueryCtx, "db">,
  pkg: Pick<Doc<"packages">, "items" | "tareGrams">,
): Promise<number> {
  return (pkg.tareGrams ?? 0) + (await contentsGrams(ctx, pkg.items));
}

/** Whether the declared weight stands: covers the contents, or a supervisor overrode this very weight. */
export function declaredWeightProblem(
  pkg: Pick<Doc<"packages">, "index" | "weightGrams" | "weightOverride">,
  contents: number,
): string | undefined {
  if (pkg.weightGrams >= contents) return undefined;
  if (pkg.weightOverride && pkg.weightOverride.grams === pkg.weightGrams) return undefined;
  return `Package ${pkg.index} is declared at ${pkg.weightGrams} g but its contents weigh ${contents} g by the catalog. Weigh it again, or ask a supervisor to override with a reason.`;
}

/** Refuses a label purchase while any package's declared weight is below its contents' weight. */
export async function assertDeclaredWeights(ctx: Pick<QueryCtx, "db">, packages: Doc<"packages">[]) {
  for (const pkg of packages) {
    const problem = declaredWeightProblem(pkg, await contentsGrams(ctx, pkg.items));
    if (problem) throw appError("CONFLICT", problem);
  }
}

/** A supervisor accepts a package's current declared weight though it is below its contents' weight. */
export async function overrideDeclaredWeight(
  ctx: MutationCtx,
  actor: Actor,
  packageId: Id<"packages">,
  reason: string,
) {
  const pkg = await rowOrThrow(ctx, "packages", packageId, "package");
  const why = reason.trim();
  const problem = overrideReasonProblem(why);
  if (problem) throwIfFieldErrors({ reason: problem });
  const contents = await contentsGrams(ctx, pkg.items);
  if (pkg.weightGrams >= contents)
    throw appError(
      "INVALID_INPUT",
      `Package ${pkg.index} already covers its contents (${pkg.weightGrams} g ≥ ${contents} g); nothing to override.`,
    );
  await ctx.db.patch("packages", packageId, {
    weightOverride: { grams: pkg.weightGrams, reason: why, by: actor.id, byName: actor.name, at: Date.now() },
  });
  const s = await ctx.db.get("shipments", pkg.shipmentId);
  await recordAudit(ctx, actor, {
    entity: "package",
    entityId: packageId,
    action: "weight_override",
    summary: `Declared ${pkg.weightGrams} g for package ${pkg.index} of ${s?.number ?? "a shipment"} below its contents' ${contents} g: ${why}`,
  });
}
