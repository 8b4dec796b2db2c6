/**
 * Returns API (RMAs). Supervisors issue, approve, reject, cancel, refund and close; floor staff
 * look RMAs up and receive units by scan. Customer requests arrive through the internal
 * requestReturnFromCustomer (the tracking page will call it) with the same validation.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import {
  floorMutation,
  floorQuery,
  supervisorCommand,
  supervisorMutation,
  supervisorQuery,
  internalMutation,
} from "./functions";
import { internalQuery } from "./_generated/server";
import {
  vRefundMethod,
  vRefundPolicy,
  vReturnReason,
  vRmaInput,
  vRmaOrigin,
  vRmaStatus,
  vReceiveOutcome,
  vReceiptCounts,
  vRefundBreakdown,
} from "./model/returns/tables";
import { issueRma, returnableLines } from "./model/returns/issue";
import {
  approveRma,
  cancelRma,
  closeRma,
  getRmaOrThrow,
  markInTransit,
  rejectRma,
  rmaLinesOf,
} from "./model/returns/lifecycle";
import { markMissing, receiveUnit } from "./model/returns/receive";
import { recordRefund, refundPreview, refundsBetween, setRefundPolicy } from "./model/returns/refund";
import { findForReceiving } from "./model/returns/lookup";
import { returnStatsPage } from "./model/returns/stats";
import { requestReturnLabel, returnLabelRequest, saveReturnLabel } from "./model/returns/label";
import schema from "./schema";
import { vCurrency } from "./model/catalog/tables";
import { SYSTEM } from "./model/audit/record";
import { rmasOfOrder } from "./model/returns/lifecycle";
import { rowsBy } from "./model/rows";

/** RMAs newest first, narrowed by status and/or origin over their indexes. */
export const list = floorQuery({
  args: { paginationOpts: paginationOptsValidator, status: v.optional(vRmaStatus), origin: v.optional(vRmaOrigin) },
  returns: paginationResultValidator(schema.doc("rmas")),
  handler: async (ctx, { paginationOpts, status, origin }) => {
    const q =
      origin && status
        ? ctx.db.query("rmas").withIndex("by_origin_and_status", (q) => q.eq("origin", origin).eq("status", status))
        : origin
          ? ctx.db.query("rmas").withIndex("by_origin", (q) => q.eq("origin", origin))
          : status
            ? ctx.db.query("rmas").withIndex("by_status", (q) => q.eq("status", status))
            : ctx.db.query("rmas");
    return q.order("desc").paginate(paginationOpts);
  },
});

/** One RMA with its lines, its received units (newest first), its audit trail and the refund as it stands. */
export const get = floorQuery({
  args: { rmaId: v.id("rmas") },
  returns: v.object({
    rma: schema.doc("rmas"),
    lines: v.array(schema.doc("rmaLines")),
    units: v.array(schema.doc("rmaUnits")),
    history: v.array(schema.doc("auditLog")),
    refund: v.object({ currency: vCurrency, ...vRefundBreakdown }),
    returnWarehouseCode: v.optional(v.string()),
    labelFile: v.union(v.null(), v.string()),
  }),
  handler: async (ctx, { rmaId }) => {
    const rma = await getRmaOrThrow(ctx, rmaId);
    const lines = await rmaLinesOf(ctx, rmaId);
    const units = await rowsBy(ctx, "rmaUnits", "by_rmaId", rmaId, { limit: 200, order: "desc" });
    const history = await ctx.db
      .query("auditLog")
      .withIndex("by_entity_and_entityId", (q) => q.eq("entity", "rma").eq("entityId", rmaId))
      .order("desc")
      .take(50);
    const warehouse = rma.returnWarehouseId ? await ctx.db.get("warehouses", rma.returnWarehouseId) : null;
    const labelFile = rma.returnLabel?.storageId ? await ctx.storage.getUrl(rma.returnLabel.storageId) : null;
    return {
      rma,
      lines,
      units,
      history,
      refund: await refundPreview(ctx, rmaId),
      returnWarehouseCode: warehouse?.code,
      labelFile,
    };
  },
});

/** The RMAs of an order, for its page. An order has few. */
export const forOrder = floorQuery({
  args: { orderId: v.id("orders") },
  returns: v.array(schema.doc("rmas")),
  handler: async (ctx, { orderId }) => rmasOfOrder(ctx, orderId),
});

/** An order's lines with how many units can still be returned, for the New RMA form. */
export const returnable = supervisorQuery({
  args: { orderId: v.id("orders") },
  returns: v.array(
    v.object({
      orderLineId: v.id("orderLines"),
      productId: v.id("products"),
      sku: v.string(),
      name: v.string(),
      unitPriceMinor: v.number(),
      shipped: v.number(),
      returned: v.number(),
      pending: v.number(),
      returnable: v.number(),
    }),
  ),
  handler: async (ctx, { orderId }) => returnableLines(ctx, orderId),
});

/** The receiving scanner's first scan: an RMA number, or an order number and its receivable RMAs. */
export const lookup = floorQuery({
  args: { code: v.string() },
  returns: v.union(
    v.object({
      kind: v.union(v.literal("order"), v.literal("rma")),
      orderNumber: v.string(),
      rmas: v.array(schema.doc("rmas")),
      message: v.string(),
    }),
    v.object({ kind: v.literal("none"), rmas: v.array(v.union()), message: v.string() }),
  ),
  handler: async (ctx, { code }) => findForReceiving(ctx, code),
});

export const issue = supervisorMutation({
  args: { rma: vRmaInput },
  returns: v.object({ rmaId: v.id("rmas"), number: v.string() }),
  handler: async (ctx, { rma }) => issueRma(ctx, ctx.actor, rma, "operator"),
});

export const approve = supervisorMutation({
  args: { rmaId: v.id("rmas") },
  returns: vRmaStatus,
  handler: async (ctx, { rmaId }) => (await approveRma(ctx, ctx.actor, rmaId)).status,
});

export const reject = supervisorMutation({
  args: { rmaId: v.id("rmas"), reason: v.string() },
  returns: vRmaStatus,
  handler: async (ctx, { rmaId, reason }) => (await rejectRma(ctx, ctx.actor, rmaId, reason)).status,
});

export const cancel = supervisorMutation({
  args: { rmaId: v.id("rmas"), reason: v.string() },
  returns: vRmaStatus,
  handler: async (ctx, { rmaId, reason }) => (await cancelRma(ctx, ctx.actor, rmaId, reason)).status,
});

export const inTransit = supervisorMutation({
  args: { rmaId: v.id("rmas"), trackingNumber: v.optional(v.string()) },
  returns: vRmaStatus,
  handler: async (ctx, { rmaId, trackingNumber }) =>
    (await markInTransit(ctx, ctx.actor, rmaId, trackingNumber)).status,
});

export const close = supervisorMutation({
  args: { rmaId: v.id("rmas"), note: v.optional(v.string()) },
  returns: vRmaStatus,
  handler: async (ctx, { rmaId, note }) => (await closeRma(ctx, ctx.actor, rmaId, note)).status,
});

export const setPolicy = supervisorCommand(
  { rmaId: v.id("rmas"), refundPolicy: vRefundPolicy },
  (ctx, { rmaId, refundPolicy }) => setRefundPolicy(ctx, ctx.actor, rmaId, refundPolicy),
);

export const refund = supervisorMutation({
  args: { rmaId: v.id("rmas"), method: vRefundMethod, reference: v.optional(v.string()) },
  returns: v.number(),
  handler: async (ctx, { rmaId, ...a }) => (await recordRefund(ctx, ctx.actor, rmaId, a)).refundAmountMinor,
});

/** One scanned unit with its disposition (restock or damaged); refusals come back as results. */
export const receive = floorMutation({
  args: {
    rmaId: v.id("rmas"),
    code: v.string(),
    disposition: v.optional(literals("restock", "damaged")),
    warehouseId: v.optional(v.id("warehouses")),
    scanId: v.string(),
  },
  returns: vReceiveOutcome,
  handler: async (ctx, args) => receiveUnit(ctx, ctx.actor, args),
});

/** Units of a line that never arrived: recorded without a scan; nothing moves. */
export const missing = floorMutation({
  args: { rmaId: v.id("rmas"), rmaLineId: v.id("rmaLines"), quantity: v.number(), scanId: v.string() },
  returns: vReceiveOutcome,
  handler: async (ctx, args) => markMissing(ctx, ctx.actor, args),
});

/** Recorded refunds in [from, to), oldest first: the finance export reads these pages. */
export const refunds = supervisorQuery({
  args: { from: v.number(), to: v.number(), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(
    v.object({
      rmaId: v.id("rmas"),
      number: v.string(),
      orderNumber: v.string(),
      refundedAt: v.number(),
      currency: vCurrency,
      ...vRefundBreakdown,
      method: vRefundMethod,
      reference: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, { from, to, paginationOpts }) => refundsBetween(ctx, from, to, paginationOpts),
});

/** Returns by SKU × reason (authorised, restocked, damaged, missing), for the boards. */
export const stats = supervisorQuery({
  args: { reason: v.optional(vReturnReason), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(
    v.object({
      productId: v.id("products"),
      sku: v.string(),
      reason: vReturnReason,
      authorised: v.number(),
      returned: v.number(),
      ...vReceiptCounts,
    }),
  ),
  handler: async (ctx, { reason, paginationOpts }) => returnStatsPage(ctx, reason, paginationOpts),
});

/** A customer's return request from the tracking page: lands as `requested`, waiting for approval. */
export const requestReturnFromCustomer = internalMutation({
  args: { rma: vRmaInput },
  handler: async (ctx, { rma }) => issueRma(ctx, SYSTEM, { ...rma, refundPolicy: undefined }, "customer"),
});

/** Buys a prepaid return label through the carrier providers (scheduled; the RMA shows its status). */
export const requestLabel = supervisorCommand({ rmaId: v.id("rmas") }, (ctx, { rmaId }) =>
  requestReturnLabel(ctx, ctx.actor, rmaId),
);

/** Input of returnLabels.buy. */
export const labelRequest = internalQuery({
  args: { rmaId: v.id("rmas") },
  handler: async (ctx, { rmaId }) => returnLabelRequest(ctx, rmaId),
});

/** Output of returnLabels.buy. */
export const saveLabel = internalMutation({
  args: {
    rmaId: v.id("rmas"),
    outcome: v.union(
      v.object({
        status: v.literal("bought"),
        provider: v.string(),
        carrier: v.string(),
        service: v.string(),
        trackingNumber: v.string(),
        costMinor: v.number(),
        currency: v.string(),
        storageId: v.optional(v.id("_storage")),
        labelUrl: v.optional(v.string()),
      }),
      v.object({ status: v.literal("failed"), message: v.string() }),
    ),
  },
  handler: async (ctx, { rmaId, outcome }) => saveReturnLabel(ctx, rmaId, outcome),
});
