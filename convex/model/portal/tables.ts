/**
 * The customer portal (issue 20, part 5): the secret its session tokens are signed with, its
 * settings (return window, auto-approval rule), and the refunds owed for cancelled units.
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { vReturnReason } from "../returns/tables";
import { defineSettingsTable } from "../settings/tables";

export const REFUND_DUE_STATUSES = ["due", "recorded"] as const;
export const vCancellationRefundStatus = literals(...REFUND_DUE_STATUSES);

export const vPortalSettings = v.object({
  /** Days after a shipment left during which the customer may start a return. */
  returnWindowDays: v.number(),
  /** Customer requests whose every reason is listed here, worth at most maxValueMinor, are approved at once. */
  autoApprove: v.object({ enabled: v.boolean(), reasons: v.array(vReturnReason), maxValueMinor: v.number() }),
});
export type PortalSettings = Infer<typeof vPortalSettings>;
export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  returnWindowDays: 30,
  autoApprove: { enabled: true, reasons: ["damaged_in_transit", "defective", "wrong_item"], maxValueMinor: 20_000 },
};

export const portalTables = {
  /** One row (key "token"): the HMAC key of portal sessions when PORTAL_TOKEN_SECRET is not set. Read and written by the HTTP actions' internal functions only. */
  portalSecrets: defineTable({ key: v.string(), secret: v.string(), createdAt: v.number() }).index("by_key", ["key"]),
  /** One row (key "default"), edited by admins. */
  portalSettings: defineSettingsTable({ ...vPortalSettings.fields, updatedAt: v.number() }),
  /**
   * Money owed back for units cancelled after payment was captured (customer cancels in the portal,
   * an uncollected pickup, and since issue 20 every desk cancel). Written by model/orders/refunds.ts in the cancel's transaction; `due`
   * until a payment provider (or a person) records it.
   */
  cancellationRefunds: defineTable({
    orderId: v.id("orders"),
    orderNumber: v.string(),
    amountMinor: v.number(),
    currency: v.string(),
    reason: v.string(),
    lines: v.array(v.object({ sku: v.string(), quantity: v.number(), amountMinor: v.number() })),
    /** The shipping charged, given back when the cancel left the whole order cancelled (issue 20). */
    shippingMinor: v.optional(v.number()),
    status: vCancellationRefundStatus,
    byName: v.string(),
    createdAt: v.number(),
  })
    .index("by_orderId", ["orderId"])
    .index("by_status_and_createdAt", ["status", "createdAt"]),
};
