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
import { paginationOptsValidator } from "convex/server";
import { ConvexError, v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { internalMutation, supervisorMutation, supervisorQuery } from "./functions";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { appError, isAppErrorData } from "./lib/errors";
import { MAX_BULK_IDS } from "./lib/bounds";
import { vOrderStatus } from "./model/orders/tables";
import { vShipmentStatus } from "./model/allocation/tables";
import { orderPage, shipmentPage } from "./model/desk/lists";
import { ORDER_BULK_OPS, orderStep, requireBulkReason, SHIPMENT_BULK_OPS, shipmentStep } from "./model/desk/bulk";

const vOrderBulkOp = literals(...ORDER_BULK_OPS);
const vShipmentBulkOp = literals(...SHIPMENT_BULK_OPS);
const vSort = literals("newest", "oldest");
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

export const orders = supervisorMutation({
  args: { op: vOrderBulkOp, ids: v.array(v.id("orders")), reason: v.optional(v.string()) },
  returns: vBulkResult,
  handler: async (ctx, { op, ids, reason }): Promise<BulkResult> => {
    requireBulkReason(op, reason);
    return eachInItsOwnTransaction(ids, (id) =>
      ctx.runMutation(internal.bulk.step, {
        kind: "order",
        op,
        id,
        actor: ctx.actor,
        reason: reason?.trim() || undefined,
      }),
    );
  },
});

export const shipments = supervisorMutation({
  args: { op: vShipmentBulkOp, ids: v.array(v.id("shipments")), reason: v.optional(v.string()) },
  returns: vBulkResult,
  handler: async (ctx, { op, ids, reason }): Promise<BulkResult> => {
    requireBulkReason(op, reason);
    return eachInItsOwnTransaction(ids, (id) =>
      ctx.runMutation(internal.bulk.step, {
        kind: "shipment",
        op,
        id,
        actor: ctx.actor,
        reason: reason?.trim() || undefined,
      }),
    );
  },
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

const pageSize = (n: number) => Math.max(1, Math.min(MAX_BULK_IDS, Math.floor(n)));

/** Ids of the orders a filter matches, one page at a time ("select all matching"). */
export const orderIds = supervisorQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    status: v.optional(vOrderStatus),
    channel: v.optional(v.string()),
    q: v.optional(v.string()),
    sort: v.optional(vSort),
  },
  returns: vIdPage,
  handler: async (ctx, { paginationOpts, ...filter }) => {
    const page = await orderPage(ctx, filter, { ...paginationOpts, numItems: pageSize(paginationOpts.numItems) });
    return { ids: page.page.map((o) => o._id), isDone: page.isDone, continueCursor: page.continueCursor };
  },
});

/** Ids of the shipments a filter matches, one page at a time. */
export const shipmentIds = supervisorQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    status: v.optional(vShipmentStatus),
    warehouseId: v.optional(v.id("warehouses")),
    q: v.optional(v.string()),
    sort: v.optional(vSort),
  },
  returns: vIdPage,
  handler: async (ctx, { paginationOpts, ...filter }) => {
    const page = await shipmentPage(ctx, filter, { ...paginationOpts, numItems: pageSize(paginationOpts.numItems) });
    return { ids: page.page.map((s) => s._id), isDone: page.isDone, continueCursor: page.continueCursor };
  },
});
