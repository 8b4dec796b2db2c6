/**
 * Bulk actions on the orders and shipments lists (issue 19). The client sends one page of ids
 * (at most MAX_BULK_IDS) per call and pages through a selection, showing progress between calls
 * (src/components/ui/BulkActionBar.tsx). Each id is decided on its own: it runs in a
 * sub-transaction (`ctx.runMutation` of `bulk.step`), so a refused id leaves nothing half written
 * and the rest of the page still commits. The answer says how many were done and, for each
 * refused id, why in words. The same role as the single verbs (supervisor).
 *
 * `orderIds` / `shipmentIds` page through a list's filter for "select all matching" with the very
 * query the list shows (model/desk/lists.ts).
 */
import { paginationOptsValidator, type PaginationOptions, type PaginationResult } from "convex/server";
import { ConvexError, v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { internalMutation, supervisorMutation, supervisorQuery, type Actor } from "./functions";
import type { MutationCtx } from "./_generated/server";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { appError, isAppErrorData } from "./lib/errors";
import { MAX_BULK_IDS } from "./lib/bounds";
import { orderPage, shipmentPage } from "./model/desk/lists";
import { vOrderFilter, vShipmentFilter } from "./model/desk/tables";
import { orderStep, requireBulkReason, shipmentStep } from "./model/desk/bulk";
import { ORDER_BULK_OPS, SHIPMENT_BULK_OPS, type OrderBulkOp, type ShipmentBulkOp } from "./lib/bulk";

const vOrderBulkOp = literals(...ORDER_BULK_OPS);
const vShipmentBulkOp = literals(...SHIPMENT_BULK_OPS);
const vActor = v.object({ id: v.id("members"), name: v.string() });

export const vBulkResult = v.object({
  done: v.number(),
  refused: v.array(v.object({ id: v.string(), reason: v.string() })),
});
type BulkResult = { done: number; refused: { id: string; reason: string }[] };
const vIdPage = v.object({ ids: v.array(v.string()), isDone: v.boolean(), continueCursor: v.string() });

/** Why an id was refused, in words: the typed refusal's own sentence. */
function reasonOf(e: unknown): string {
  if (e instanceof ConvexError && isAppErrorData(e.data)) return e.data.message;
  console.error("bulk step failed unexpectedly", e);
  return "Not done: an unexpected error (nothing was changed for it).";
}

async function eachInItsOwnTransaction(
  ids: readonly string[],
  run: (id: string) => Promise<null>,
): Promise<BulkResult> {
  if (ids.length > MAX_BULK_IDS)
    throw appError("INVALID_INPUT", `At most ${MAX_BULK_IDS} at once; the list sends larger selections in pages.`);
  const refused: { id: string; reason: string }[] = [];
  let done = 0;
  // A set: an id named twice in one page is done once.
  for (const id of new Set(ids)) {
    try {
      await run(id);
      done++;
    } catch (e) {
      refused.push({ id, reason: reasonOf(e) });
    }
  }
  return { done, refused };
}

/** Runs one op over a page of ids, each id through `bulk.step` in its own sub-transaction. */
async function runBulk(
  ctx: MutationCtx & { actor: Actor },
  step: { kind: "order"; op: OrderBulkOp } | { kind: "shipment"; op: ShipmentBulkOp },
  { ids, reason }: { ids: readonly string[]; reason?: string },
): Promise<BulkResult> {
  requireBulkReason(step.op, reason);
  return eachInItsOwnTransaction(ids, (id) =>
    ctx.runMutation(internal.bulk.step, { ...step, id, actor: ctx.actor, reason: reason?.trim() || undefined }),
  );
}

export const orders = supervisorMutation({
  args: { op: vOrderBulkOp, ids: v.array(v.id("orders")), reason: v.optional(v.string()) },
  returns: vBulkResult,
  handler: async (ctx, { op, ...page }): Promise<BulkResult> => runBulk(ctx, { kind: "order", op }, page),
});

export const shipments = supervisorMutation({
  args: { op: vShipmentBulkOp, ids: v.array(v.id("shipments")), reason: v.optional(v.string()) },
  returns: vBulkResult,
  handler: async (ctx, { op, ...page }): Promise<BulkResult> => runBulk(ctx, { kind: "shipment", op }, page),
});

/** One id of a bulk action, in its own sub-transaction (called only by the two above). */
export const step = internalMutation({
  args: {
    kind: literals("order", "shipment"),
    op: v.union(vOrderBulkOp, vShipmentBulkOp),
    id: v.string(),
    actor: vActor,
    reason: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { kind, op, id, actor, reason }) => {
    if (kind === "order") {
      if (op === "reallocate" || op === "hold" || op === "release" || op === "allocate") {
        await orderStep(ctx, op, id as Id<"orders">, { actor, reason });
      }
    } else if (op === "hold" || op === "release" || op === "reallocate") {
      await shipmentStep(ctx, op, id as Id<"shipments">, { actor, reason });
    } else {
      throw appError("INVALID_INPUT", `Shipments cannot be ${op}d in bulk.`);
    }
    return null;
  },
});

/** A page of a list's filter as ids, at most MAX_BULK_IDS of them. */
const boundedPage = (p: PaginationOptions): PaginationOptions => ({
  ...p,
  numItems: Math.max(1, Math.min(MAX_BULK_IDS, Math.floor(p.numItems))),
});
const idsOf = (page: PaginationResult<{ _id: string }>) => ({
  ids: page.page.map((d) => d._id),
  isDone: page.isDone,
  continueCursor: page.continueCursor,
});

/** Ids of the orders a filter matches, one page at a time ("select all matching"). */
export const orderIds = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator, ...vOrderFilter },
  returns: vIdPage,
  handler: async (ctx, { paginationOpts, ...filter }) =>
    idsOf(await orderPage(ctx, filter, boundedPage(paginationOpts))),
});

/** Ids of the shipments a filter matches, one page at a time. */
export const shipmentIds = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator, ...vShipmentFilter },
  returns: vIdPage,
  handler: async (ctx, { paginationOpts, ...filter }) =>
    idsOf(await shipmentPage(ctx, filter, boundedPage(paginationOpts))),
});
