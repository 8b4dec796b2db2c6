/**
 * What the document actions read and write (model/batches/documentData.ts). Never called from
 * the client.
 */
import { requirePickListAccess, requireSiteAccess } from "./model/floor/scope";
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { internalMutation } from "./functions";
import {
  batchDocumentPage,
  companyInput,
  pickSheetInput,
  selectionDocuments,
  shipmentForCode,
  slipInput,
} from "./model/batches/documentData";
import { shipmentOrThrow } from "./model/shipping/context";
import { vDocumentKind } from "./model/batches/tables";

export const company = internalQuery({ args: {}, handler: (ctx) => companyInput(ctx) });

export const slip = internalQuery({
  /** `site`: the store the calling floor member is bound to (model/floor/scope); another site's shipment is refused. */
  args: { shipmentId: v.id("shipments"), site: v.optional(v.id("warehouses")) },
  handler: async (ctx, { shipmentId, site }) => {
    const shipment = await shipmentOrThrow(ctx, shipmentId);
    if (site) requireSiteAccess({ role: "floor", storeId: site }, shipment.warehouseId);
    return slipInput(ctx, shipment);
  },
});

export const pickSheet = internalQuery({
  args: { pickListId: v.id("pickLists"), site: v.optional(v.id("warehouses")) },
  handler: async (ctx, { pickListId, site }) => {
    if (site) await requirePickListAccess(ctx, { role: "floor", storeId: site }, pickListId);
    return pickSheetInput(ctx, pickListId);
  },
});

export const batchPage = internalQuery({
  args: { batchId: v.id("batches"), cursor: v.union(v.string(), v.null()) },
  handler: async (ctx, { batchId, cursor }) => {
    const batch = await ctx.db.get("batches", batchId);
    if (!batch) return null;
    return { number: batch.number, ...(await batchDocumentPage(ctx, batchId, cursor)) };
  },
});

export const selection = internalQuery({
  args: { orderIds: v.array(v.id("orders")), shipmentIds: v.array(v.id("shipments")) },
  handler: (ctx, ids) => selectionDocuments(ctx, ids),
});

export const forCode = internalQuery({
  args: { code: v.string() },
  handler: async (ctx, { code }) => {
    const { as, shipment } = await shipmentForCode(ctx, code);
    return { as, ...(await slipInput(ctx, shipment)) };
  },
});

/** Records a stored PDF; a batch's merged PDF becomes the batch's current document. */
export const save = internalMutation({
  args: {
    kind: vDocumentKind,
    storageId: v.id("_storage"),
    pages: v.number(),
    bytes: v.number(),
    title: v.string(),
    createdByName: v.string(),
    batchId: v.optional(v.id("batches")),
    shipmentId: v.optional(v.id("shipments")),
    pickListId: v.optional(v.id("pickLists")),
  },
  returns: v.id("documents"),
  handler: async (ctx, args) => {
    const id = await ctx.db.insert("documents", { ...args, createdAt: Date.now() });
    if (args.kind === "batch" && args.batchId) await ctx.db.patch("batches", args.batchId, { documentId: id });
    return id;
  },
});
