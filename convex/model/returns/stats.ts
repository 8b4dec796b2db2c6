/**
 * The returns aggregate: one row per product × reason with units authorised, restocked, damaged
 * and missing, bumped in the same transaction as the change that caused it, so the boards' "return
 * ratio by SKU and reason" reads a few rows whatever the number of RMAs. The ratio's denominator
 * (units shipped per SKU) is the boards' own aggregate.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { ReturnReason } from "../../lib/returns";
import { mapPage } from "../../lib/pages";

export type ReturnStatDelta = Partial<Pick<Doc<"returnStats">, "authorised" | "restocked" | "damaged" | "missing">>;

/** Adds `delta` to the product × reason row (created on first use). Call inside the changing mutation. */
export async function bumpReturnStats(
  ctx: MutationCtx,
  key: { productId: Id<"products">; sku: string; reason: ReturnReason },
  delta: ReturnStatDelta,
) {
  const row = await ctx.db
    .query("returnStats")
    .withIndex("by_productId_and_reason", (q) => q.eq("productId", key.productId).eq("reason", key.reason))
    .unique();
  const next = {
    authorised: (row?.authorised ?? 0) + (delta.authorised ?? 0),
    restocked: (row?.restocked ?? 0) + (delta.restocked ?? 0),
    damaged: (row?.damaged ?? 0) + (delta.damaged ?? 0),
    missing: (row?.missing ?? 0) + (delta.missing ?? 0),
  };
  if (row) await ctx.db.patch("returnStats", row._id, next);
  else await ctx.db.insert("returnStats", { productId: key.productId, sku: key.sku, reason: key.reason, ...next });
}

export type ReturnStatRow = {
  productId: Id<"products">;
  sku: string;
  reason: ReturnReason;
  authorised: number;
  returned: number;
  restocked: number;
  damaged: number;
  missing: number;
};
/** One page of rows for a board (bounded by products × reasons, never by RMAs). */
export async function returnStatsPage(
  ctx: QueryCtx,
  reason: ReturnReason | undefined,
  paginationOpts: { numItems: number; cursor: string | null },
) {
  const q = reason
    ? ctx.db.query("returnStats").withIndex("by_reason", (q) => q.eq("reason", reason))
    : ctx.db.query("returnStats");
  const page = await q.paginate(paginationOpts);
  return mapPage(page, toRow);
}
function toRow(r: Doc<"returnStats">): ReturnStatRow {
  return {
    productId: r.productId,
    sku: r.sku,
    reason: r.reason,
    authorised: r.authorised,
    returned: r.restocked + r.damaged,
    restocked: r.restocked,
    damaged: r.damaged,
    missing: r.missing,
  };
}
