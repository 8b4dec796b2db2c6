/**
 * Exceptions: typed holds on orders (and on one shipment or line of an order), the exception
 * settings (fraud rules, stuck thresholds, address verification), the fingerprints fraud rules
 * count over, and the customer tracking page's rate-limit buckets.
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { vAddress } from "../warehouses/tables";
import { HOLD_TYPES } from "../../lib/validation/types";
import { vOrderStatus } from "../orders/tables";
import { defineSettingsTable, vSavedBy } from "../settings/tables";

/** cancel_request: the buyer asked the channel to cancel; a supervisor cancels or releases. */
export const vHoldType = literals(...HOLD_TYPES);

export const HOLD_RESOLUTIONS = [
  "released",
  "address_corrected",
  "suggestion_accepted",
  "payment_confirmed",
  "cancelled",
  "rerouted",
  "cleared",
  "transferred",
  "switched_to_delivery",
] as const;
export const vHoldResolution = literals(...HOLD_RESOLUTIONS);
export type HoldResolution = Infer<typeof vHoldResolution>;

export const vFiredRule = v.object({ rule: v.string(), points: v.number(), explanation: v.string() });

/** order: the whole order is on hold; shipment: only that shipment waits; line: a flag on one line. */
export const HOLD_SCOPES = ["order", "shipment", "line"] as const;
export const vHoldScope = literals(...HOLD_SCOPES);

export const vFraudSettings = v.object({
  enabled: v.boolean(),
  holdAtScore: v.number(),
  highValueNewCustomer: v.object({
    enabled: v.boolean(),
    points: v.number(),
    thresholds: v.array(v.object({ currency: v.string(), amountMinor: v.number() })),
  }),
  countryMismatch: v.object({ enabled: v.boolean(), points: v.number() }),
  addressVelocity: v.object({ enabled: v.boolean(), points: v.number(), maxOrdersPerHour: v.number() }),
  bulkQuantity: v.object({ enabled: v.boolean(), points: v.number(), maxUnitsPerLine: v.number() }),
});

export const vStuckSettings = v.object({
  /** Hours an order may sit awaiting fulfilment (ready → packed) without a status change. */
  awaitingFulfilmentHours: v.number(),
  /** Hours after shipping with no carrier scan. */
  noScanHours: v.number(),
  /** Flag channel acknowledgements due within this many hours. */
  ackWarningHours: v.number(),
});

export const vVerificationResult = v.union(
  v.object({ status: v.literal("verified") }),
  v.object({ status: v.literal("corrected"), suggestion: vAddress, messages: v.array(v.string()) }),
  v.object({ status: v.literal("invalid"), messages: v.array(v.string()), suggestion: v.optional(vAddress) }),
  v.object({ status: v.literal("unavailable"), error: v.string() }),
);

export const ADDRESS_VERIFICATION_PROVIDERS = ["off", "easypost", "shippo"] as const;
export const vAddressVerification = literals(...ADDRESS_VERIFICATION_PROVIDERS);

/** The exception settings an admin edits: the settings row's fields, the API's argument and answer. */
export const vExceptionSettings = v.object({
  fraud: vFraudSettings,
  stuck: vStuckSettings,
  addressVerification: vAddressVerification,
});
export type ExceptionSettings = Infer<typeof vExceptionSettings>;

const vHoldFields = {
  orderId: v.id("orders"),
  type: vHoldType,
  scope: vHoldScope,
  blocking: v.boolean(),
  shipmentId: v.optional(v.id("shipments")),
  orderLineId: v.optional(v.id("orderLines")),
  status: literals("open", "resolved"),
  reason: v.string(),
  detail: v.optional(v.string()),
  score: v.optional(v.number()),
  firedRules: v.optional(v.array(vFiredRule)),
  /** Carrier address verification's corrected address, offered to the operator. */
  suggestion: v.optional(vAddress),
  /** De-duplicates system flags (e.g. "idle:<orderId>"). */
  key: v.optional(v.string()),
  createdAt: v.number(),
  resolvedAt: v.optional(v.number()),
  resolvedBy: v.optional(v.string()),
  resolution: v.optional(vHoldResolution),
  note: v.optional(v.string()),
};

/** An open hold as the queue and the order page show it: the hold with its order's number, status, customer and address. */
export const vHoldView = v.object({
  _id: v.id("orderHolds"),
  _creationTime: v.number(),
  ...vHoldFields,
  orderNumber: v.string(),
  orderStatus: v.optional(vOrderStatus),
  customerName: v.optional(v.string()),
  shipTo: v.optional(vAddress),
  shipmentNumber: v.optional(v.string()),
  sku: v.optional(v.string()),
});

export const exceptionTables = {
  /**
   * Typed holds. Written by model/holds (validation, payment webhooks, the stuck scan, the
   * queue's resolution actions); read by the exception queue (open, by type, oldest first) and
   * the order page. An order is `on_hold` while any open blocking order-scope hold exists; a
   * shipment-scope hold keeps only that shipment off pick lists (shipments.onHold).
   */
  orderHolds: defineTable(vHoldFields)
    .index("by_status_and_type_and_createdAt", ["status", "type", "createdAt"])
    .index("by_status_and_createdAt", ["status", "createdAt"])
    .index("by_orderId_and_status", ["orderId", "status"])
    .index("by_shipmentId_and_status", ["shipmentId", "status"])
    .index("by_orderLineId_and_status", ["orderLineId", "status"])
    .index("by_key_and_status", ["key", "status"]),
  /** One row (key "default"), edited by admins on the settings page; read by validation and the stuck scan. */
  exceptionSettings: defineSettingsTable({ ...vExceptionSettings.fields, ...vSavedBy }),
  /** Who ordered and where to, one row per order: fraud rules count prior orders by email and recent ones per address. Written at validation. */
  orderFingerprints: defineTable({
    email: v.string(),
    addressKey: v.string(),
    orderId: v.id("orders"),
    at: v.number(),
  })
    .index("by_email_and_at", ["email", "at"])
    .index("by_addressKey_and_at", ["addressKey", "at"]),
  /** Token buckets of the public tracking endpoints, keyed "ip:<addr>" / "order:<number>". Written by the HTTP actions' internal mutation only. */
  rateLimits: defineTable({ key: v.string(), tokens: v.number(), updatedAt: v.number() })
    .index("by_key", ["key"])
    .index("by_updatedAt", ["updatedAt"]),
};
