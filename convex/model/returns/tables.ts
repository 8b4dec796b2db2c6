import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { DISPOSITIONS, EXPECTED_DISPOSITIONS, RETURN_REASONS, RMA_ORIGINS, RMA_STATUSES } from "../../lib/returns";
import { vCurrency } from "../catalog/tables";
import { scanRecordFields } from "../floor/tables";
import { vLineProductFields } from "../orders/tables";
import { boughtLabelFields } from "../shipping/tables";

/** Validators mirror the pure lists in lib/returns.ts (one source of truth per list). */
export const vReturnReason = literals(...RETURN_REASONS);
export const vRmaStatus = literals(...RMA_STATUSES);
export const vRmaOrigin = literals(...RMA_ORIGINS);
export const vExpectedDisposition = literals(...EXPECTED_DISPOSITIONS);
export const vDisposition = literals(...DISPOSITIONS);
export const REFUND_STATUSES = ["not_due", "due", "recorded"] as const;
export const vRefundStatus = literals(...REFUND_STATUSES);
export const REFUND_METHODS = ["original_payment", "store_credit", "manual"] as const;
export const vRefundMethod = literals(...REFUND_METHODS);
export const vRefundPolicy = v.object({
  includeShipping: v.boolean(),
  shippingMinor: v.number(),
  restockingFeeBps: v.number(),
});
export const vReturnLabel = v.object({
  status: literals("requested", "bought", "failed"),
  provider: v.optional(v.string()),
  ...boughtLabelFields,
  /** The label PDF when the provider made one here (table rates); vendors give a URL. */
  storageId: v.optional(v.id("_storage")),
  labelUrl: v.optional(v.string()),
  message: v.optional(v.string()),
  requestedAt: v.number(),
  boughtAt: v.optional(v.number()),
});
export const RECEIVE_RESULTS = ["ok", "refused", "missing"] as const;
export const vReceiveResult = literals(...RECEIVE_RESULTS);
/** What receiving one unit answers; `filled`: orders whose backorders the restocked unit filled. */
export const vReceiveOutcome = v.object({
  result: vReceiveResult,
  message: v.string(),
  sku: v.optional(v.string()),
  disposition: v.optional(vDisposition),
  rmaStatus: vRmaStatus,
  filled: v.optional(v.array(v.string())),
});

export const vRmaLineInput = v.object({ orderLineId: v.id("orderLines"), quantity: v.number(), reason: vReturnReason });
export const vRmaInput = v.object({
  orderId: v.id("orders"),
  lines: v.array(vRmaLineInput),
  expectedDisposition: vExpectedDisposition,
  refundPolicy: v.optional(vRefundPolicy),
  note: v.optional(v.string()),
});
export type RmaInput = Infer<typeof vRmaInput>;
export type RmaOrigin = Infer<typeof vRmaOrigin>;

/** A refund in parts, integer minor units (lib/returns.computeRefund): the preview and the recorded refund. */
export const vRefundBreakdown = {
  merchandiseMinor: v.number(),
  feeMinor: v.number(),
  shippingMinor: v.number(),
  amountMinor: v.number(),
};

/** What became of a line's returned units: put back to stock, held as damaged, never arrived. */
export const vReceiptCounts = { restocked: v.number(), damaged: v.number(), missing: v.number() };

export const returnTables = {
  /**
   * One return authorisation against an original order. Written only by model/returns (issue,
   * lifecycle, receive, refund); status changes go through model/returns/lifecycle.transitionRma.
   * Read by the returns page (by status / origin, newest first), the order page and finance.
   */
  rmas: defineTable({
    number: v.string(),
    orderId: v.id("orders"),
    orderNumber: v.string(),
    status: vRmaStatus,
    origin: vRmaOrigin,
    /** The reasons on its lines, for the list and filters. */
    reasons: v.array(vReturnReason),
    expectedDisposition: vExpectedDisposition,
    /** Where restocked units go unless the receiver picks another: the order's shipping warehouse. */
    returnWarehouseId: v.optional(v.id("warehouses")),
    currency: vCurrency,
    refundPolicy: vRefundPolicy,
    /** Kept current with every receipt (lib/returns.computeRefund); frozen when recorded. */
    refundAmountMinor: v.number(),
    refundStatus: vRefundStatus,
    refund: v.optional(
      v.object({
        ...vRefundBreakdown,
        method: vRefundMethod,
        reference: v.optional(v.string()),
        byName: v.string(),
      }),
    ),
    refundedAt: v.optional(v.number()),
    unitsAuthorised: v.number(),
    unitsSettled: v.number(),
    note: v.optional(v.string()),
    statusReason: v.optional(v.string()),
    trackingNumber: v.optional(v.string()),
    /** A prepaid return label bought through the carrier providers (model/returns/label.ts). */
    returnLabel: v.optional(vReturnLabel),
    createdByName: v.string(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_number", ["number"])
    .index("by_status", ["status"])
    .index("by_origin_and_status", ["origin", "status"])
    // Kept beside by_origin_and_status: the RMA list by origin alone is newest first across statuses.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_origin", ["origin"])
    .index("by_orderId", ["orderId"])
    .index("by_refundStatus_and_refundedAt", ["refundStatus", "refundedAt"]),
  /** Lines of an RMA with their receipt counters. Written by model/returns; read with the RMA. */
  rmaLines: defineTable({
    rmaId: v.id("rmas"),
    orderId: v.id("orders"),
    orderLineId: v.id("orderLines"),
    ...vLineProductFields,
    reason: vReturnReason,
    /** Authorised units; restocked + damaged + missing never exceeds it. */
    quantity: v.number(),
    ...vReceiptCounts,
  })
    .index("by_rmaId", ["rmaId"])
    .index("by_orderLineId", ["orderLineId"]),
  /**
   * Every receiving event: an accepted unit with its disposition, a refused scan (unknown code,
   * not on the RMA, beyond the authorised quantity) or units declared missing. Append-only;
   * written by model/returns/receive in the scan's transaction; read on the RMA detail.
   */
  rmaUnits: defineTable({
    rmaId: v.id("rmas"),
    rmaLineId: v.optional(v.id("rmaLines")),
    productId: v.optional(v.id("products")),
    sku: v.optional(v.string()),
    ...scanRecordFields,
    result: vReceiveResult,
    disposition: v.optional(vDisposition),
    warehouseId: v.optional(v.id("warehouses")),
    quantity: v.number(),
  })
    .index("by_rmaId", ["rmaId"])
    .index("by_scanId", ["scanId"]),
  /**
   * Return aggregate per product × reason, updated in the same mutation as the authorisation or
   * receipt (model/returns/stats.ts). Read by the boards' "return ratio by SKU and reason".
   */
  returnStats: defineTable({
    productId: v.id("products"),
    sku: v.string(),
    reason: vReturnReason,
    authorised: v.number(),
    ...vReceiptCounts,
  })
    .index("by_productId_and_reason", ["productId", "reason"])
    .index("by_reason", ["reason"]),
};
