/**
 * Batches API: make a batch from a selection (orders map to their open shipments) or from a
 * filter, buy it as background work (model/batches/run.ts), watch it live, retry the failed ones,
 * void it. Supervisors and up (a batch spends postage in bulk).
 */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { doc } from "convex-helpers/validators";
import schema from "./schema";
import { supervisorCommand, supervisorMutation, supervisorQuery } from "./functions";
import { appError } from "./lib/errors";
import { addToBatch, newBatch } from "./model/batches/items";
import { BATCH_PAGE_SIZE } from "./lib/bounds";
import { pump, retryFailed, startBatch, voidBatch } from "./model/batches/run";
import { readyCandidates } from "./model/batches/filter";
import { vBatchItemStatus } from "./model/batches/tables";

const vAddResult = v.object({
  batchId: v.id("batches"),
  added: v.number(),
  refused: v.array(v.object({ id: v.string(), reason: v.string() })),
  /** Shipments the batch still takes (at most MAX_BATCH_ITEMS in all). */
  room: v.number(),
});
const vSelection = {
  orderIds: v.optional(v.array(v.id("orders"))),
  shipmentIds: v.optional(v.array(v.id("shipments"))),
};

/** Creates a batch from a page of selected orders/shipments (at most BATCH_PAGE_SIZE ids; add the rest with `add`). */
export const create = supervisorMutation({
  args: vSelection,
  returns: vAddResult,
  handler: async (ctx, { orderIds, shipmentIds }) => {
    const n = (orderIds?.length ?? 0) + (shipmentIds?.length ?? 0);
    if (n === 0) throw appError("INVALID_INPUT", "Choose at least one order or shipment for the batch.");
    const batchId = await newBatch(
      ctx,
      ctx.actor,
      orderIds?.length ? `${orderIds.length}+ selected orders` : `${n}+ selected shipments`,
    );
    return addToBatch(ctx, batchId, { orderIds, shipmentIds });
  },
});

/** Adds a further page of orders/shipments; a running batch starts buying them at once. */
export const add = supervisorMutation({
  args: { batchId: v.id("batches"), ...vSelection },
  returns: vAddResult,
  handler: async (ctx, { batchId, orderIds, shipmentIds }) => {
    const r = await addToBatch(ctx, batchId, { orderIds, shipmentIds });
    await pump(ctx);
    return r;
  },
});

/** A batch from a filter: packed shipments of a warehouse still needing labels (optionally whose chosen rate is one carrier service), up to `limit`. */
export const createFromFilter = supervisorMutation({
  args: { warehouseId: v.id("warehouses"), service: v.optional(v.string()), limit: v.number() },
  returns: vAddResult,
  handler: async (ctx, { warehouseId, service, limit }) => {
    if (!Number.isInteger(limit) || limit < 1 || limit > BATCH_PAGE_SIZE)
      throw appError("INVALID_INPUT", `Take between 1 and ${BATCH_PAGE_SIZE} shipments at a time.`, {
        limit: `1 … ${BATCH_PAGE_SIZE}`,
      });
    const { warehouse, shipmentIds } = await readyCandidates(ctx, { warehouseId, service, limit });
    if (shipmentIds.length === 0)
      throw appError(
        "NOT_FOUND",
        `No packed shipment of ${warehouse.name}${service ? ` chosen for ${service}` : ""} is waiting for a label.`,
      );
    const batchId = await newBatch(
      ctx,
      ctx.actor,
      `Ready in ${warehouse.name}${service ? `, ${service}` : ""}, up to ${limit}`,
    );
    return addToBatch(ctx, batchId, { shipmentIds });
  },
});

/** How many shipments the filter would take now (a preview for the form). */
export const previewFilter = supervisorQuery({
  args: { warehouseId: v.id("warehouses"), service: v.optional(v.string()), limit: v.number() },
  returns: v.object({ count: v.number() }),
  handler: async (ctx, { warehouseId, service, limit }) => {
    const { shipmentIds } = await readyCandidates(ctx, {
      warehouseId,
      service,
      limit: Math.max(1, Math.min(BATCH_PAGE_SIZE, Math.floor(limit) || 1)),
    });
    return { count: shipmentIds.length };
  },
});

/** "Buy": every shipment waiting in the batch is rated and bought in the background. Returns how many were queued. */
export const buy = supervisorMutation({
  args: { batchId: v.id("batches") },
  returns: v.number(),
  handler: (ctx, { batchId }) => startBatch(ctx, batchId),
});

/** Queues the failed shipments again (all, or the ones named) for a fresh rate shop and purchase. */
export const retry = supervisorMutation({
  args: { batchId: v.id("batches"), itemIds: v.optional(v.array(v.id("batchItems"))) },
  returns: v.number(),
  handler: (ctx, { batchId, itemIds }) => retryFailed(ctx, batchId, itemIds),
});

/** Voids every label the batch bought (the normal void path) and lets the unbought shipments go. */
export const voidBatchLabels = supervisorCommand({ batchId: v.id("batches") }, (ctx, { batchId }) =>
  voidBatch(ctx, ctx.actor, batchId),
);

const vBatchView = v.object({
  ...doc(schema, "batches").fields,
  documentUrl: v.union(v.string(), v.null()),
  documentPages: v.union(v.number(), v.null()),
});

/** Batches, newest first. */
export const list = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(doc(schema, "batches")),
  handler: (ctx, { paginationOpts }) =>
    ctx.db.query("batches").withIndex("by_createdAt").order("desc").paginate(paginationOpts),
});

/** One batch with its counts and the latest merged PDF. */
export const get = supervisorQuery({
  args: { batchId: v.id("batches") },
  returns: v.union(vBatchView, v.null()),
  handler: async (ctx, { batchId }) => {
    const batch = await ctx.db.get("batches", batchId);
    if (!batch) return null;
    const document = batch.documentId ? await ctx.db.get("documents", batch.documentId) : null;
    return {
      ...batch,
      documentUrl: document ? await ctx.storage.getUrl(document.storageId) : null,
      documentPages: document?.pages ?? null,
    };
  },
});

/** The batch's shipments by number (or only those in one status), live. */
export const items = supervisorQuery({
  args: { batchId: v.id("batches"), status: v.optional(vBatchItemStatus), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(doc(schema, "batchItems")),
  handler: (ctx, { batchId, status, paginationOpts }) =>
    status
      ? ctx.db
          .query("batchItems")
          .withIndex("by_batchId_and_status", (q) => q.eq("batchId", batchId).eq("status", status))
          .paginate(paginationOpts)
      : ctx.db
          .query("batchItems")
          .withIndex("by_batchId_and_shipmentNumber", (q) => q.eq("batchId", batchId))
          .paginate(paginationOpts),
});
