/**
 * Shipping: the rule set admins edit together, the quote log of every rate shop, labels per
 * package, per-shipment postage and carrier spend per day. Validators are shared with the public
 * API (args/returns) and the client.
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { LABEL_FORMATS, TRACKING_STATUSES } from "../../integrations/carriers/types";
import { literals } from "convex-helpers/validators";

const vRange = v.object({ min: v.optional(v.number()), max: v.optional(v.number()) });

export const vRuleConditions = v.object({
  channels: v.optional(v.array(v.string())),
  warehouseIds: v.optional(v.array(v.id("warehouses"))),
  countries: v.optional(v.array(v.string())),
  states: v.optional(v.array(v.string())),
  postalPrefixes: v.optional(v.array(v.string())),
  weightGrams: v.optional(vRange),
  orderValueMinor: v.optional(vRange),
});
export type RuleConditionsDoc = Infer<typeof vRuleConditions>;

export const vRuleAction = v.union(
  v.object({ kind: v.literal("cheapest") }),
  v.object({ kind: v.literal("fastest") }),
  v.object({ kind: v.literal("cheapest_within_days"), days: v.number() }),
  v.object({ kind: v.literal("named"), carrier: v.string(), service: v.optional(v.string()) }),
  // Issue 20: the cleanest quote costing at most `withinPct` % more than the cheapest, within `maxDays`.
  v.object({ kind: v.literal("lowest_emissions"), withinPct: v.number(), maxDays: v.number() }),
);
export type RuleActionDoc = Infer<typeof vRuleAction>;

export const vRuleConstraints = v.object({
  excludeCarriers: v.optional(v.array(v.string())),
  maxCostMinor: v.optional(v.number()),
  currency: v.optional(v.string()),
});
export type RuleConstraintsDoc = Infer<typeof vRuleConstraints>;

/** The file a label is bought as (integrations/carriers/types.ts LABEL_FORMATS). */
export const vLabelFormat = literals(...LABEL_FORMATS);

/** A provider's tracking answer (integrations/carriers/types.ts TrackingResult). */
const vTrackingStatus = literals(...TRACKING_STATUSES);
export const vTrackingResult = v.object({
  status: vTrackingStatus,
  detail: v.optional(v.string()),
  events: v.array(v.object({ at: v.string(), status: vTrackingStatus, detail: v.string() })),
});

export const RATE_SHOP_STATUSES = ["pending", "running", "done", "failed"] as const;
export const vRateShopStatus = literals(...RATE_SHOP_STATUSES);
export const vProviderOutcome = v.object({
  provider: v.string(),
  status: literals("ok", "error", "timeout"),
  ms: v.number(),
  quoteCount: v.number(),
  error: v.optional(v.string()),
});
export type ProviderOutcome = Infer<typeof vProviderOutcome>;

/** Which provider sold (or quoted) which carrier's service: a quote, a label, the carrier board's row. */
export const carrierServiceFields = { provider: v.string(), carrier: v.string(), service: v.string() };

/** What postage cost, in minor units of its currency: a bought label, a shipment's total, the carrier board's row. */
export const postageFields = { costMinor: v.number(), currency: v.string() };

/**
 * One provider's quote as the rate-shop action hands it over (integrations/carriers/types.ts
 * ProviderRate and the provider that gave it); the quote log keeps these fields of each.
 */
const quoteFields = {
  ...carrierServiceFields,
  amountMinor: v.number(),
  currency: v.string(),
  deliveryDays: v.optional(v.number()),
  /** What the provider needs to buy this rate (its shipment/order/rate ids), as JSON. */
  ref: v.string(),
};
export const vIncomingQuote = v.object(quoteFields);
export type IncomingQuote = Infer<typeof vIncomingQuote>;

/** A label the provider sold (integrations/carriers/types.ts BoughtLabel), its file stored here when the vendor gave no URL. */
export const vSavedLabel = v.object({
  packageId: v.id("packages"),
  trackingNumber: v.string(),
  providerLabelId: v.string(),
  ...postageFields,
  masterTrackingNumber: v.optional(v.string()),
  labelUrl: v.optional(v.string()),
  labelStorageId: v.optional(v.id("_storage")),
  labelFormat: v.optional(vLabelFormat),
});
export type SavedLabel = Infer<typeof vSavedLabel>;

/**
 * A bought label as a record waiting on one copies it (a batch item, a return label): who carries
 * it, at what service, its tracking number and its postage. Absent until the label is bought.
 */
export const boughtLabelFields = {
  carrier: v.optional(v.string()),
  service: v.optional(v.string()),
  trackingNumber: v.optional(v.string()),
  costMinor: v.optional(v.number()),
  currency: v.optional(v.string()),
};

/** Who asked for a rate shop or a label: the member and their name then (no member for the system; context.ts requesterOf). */
export const requestedByFields = { requestedBy: v.optional(v.id("members")), requestedByName: v.string() };

export const LABEL_STATUSES = ["purchasing", "purchased", "voiding", "voided", "failed"] as const;
export const vLabelStatus = literals(...LABEL_STATUSES);
export type LabelStatus = Infer<typeof vLabelStatus>;

export const shippingTables = {
  /**
   * The ordered rule set (by `position`; the default rule last). Written only by admins through the
   * granular rule mutations, each checking `version` so a stale edit is refused; read by the rules
   * page and by every rate shop.
   */
  shippingRules: defineTable({
    name: v.string(),
    position: v.number(),
    enabled: v.boolean(),
    isDefault: v.boolean(),
    conditions: vRuleConditions,
    action: vRuleAction,
    constraints: vRuleConstraints,
    version: v.number(),
    updatedAt: v.number(),
    updatedBy: v.optional(v.id("members")),
    updatedByName: v.string(),
  }).index("by_position", ["position"]),
  /** Shipments chosen per rule (hit counts), kept apart from the rule so edits and hits never collide. Written by the rate-shop save. */
  shippingRuleStats: defineTable({ ruleId: v.id("shippingRules"), hits: v.number(), lastHitAt: v.number() }).index(
    "by_ruleId",
    ["ruleId"],
  ),
  /**
   * One rate shop: the intent (written by the request mutation), then progress and outcome per
   * provider, and the rule's choice (written by the save mutation). The shipping panel watches it.
   */
  rateShopRequests: defineTable({
    shipmentId: v.id("shipments"),
    packageIds: v.array(v.id("packages")),
    status: vRateShopStatus,
    /** Buy the chosen quote as soon as it is chosen (pack station "shop & buy", relabel). */
    autoBuy: v.boolean(),
    ...requestedByFields,
    requestedAt: v.number(),
    finishedAt: v.optional(v.number()),
    outcomes: v.array(vProviderOutcome),
    selectedQuoteId: v.optional(v.id("shippingQuotes")),
    ruleId: v.optional(v.id("shippingRules")),
    ruleName: v.optional(v.string()),
    reason: v.optional(v.string()),
    error: v.optional(v.string()),
  }).index("by_shipmentId", ["shipmentId"]),
  /** The quote log: every quote of every rate shop, kept for audit. Append-only (selection flag set once, in the same save). */
  shippingQuotes: defineTable({
    shipmentId: v.id("shipments"),
    requestId: v.id("rateShopRequests"),
    ...quoteFields,
    /** Estimated CO₂e of this service for the shipment, grams (lib/shipping/emissions.ts). */
    co2eGrams: v.optional(v.number()),
    quotedAt: v.number(),
    selected: v.boolean(),
  })
    .index("by_requestId", ["requestId"])
    .index("by_shipmentId", ["shipmentId"]),
  /**
   * Labels, one per package per purchase. The row is written (status purchasing, idempotencyKey)
   * before any provider is called; the provider's answer fills it in. Voided rows stay for audit.
   */
  shippingLabels: defineTable({
    shipmentId: v.id("shipments"),
    packageId: v.id("packages"),
    quoteId: v.id("shippingQuotes"),
    /** Shared by the labels bought in one provider call. */
    purchaseKey: v.string(),
    idempotencyKey: v.string(),
    ...carrierServiceFields,
    status: vLabelStatus,
    attempts: v.number(),
    trackingNumber: v.optional(v.string()),
    masterTrackingNumber: v.optional(v.string()),
    providerLabelId: v.optional(v.string()),
    costMinor: v.optional(v.number()),
    currency: v.string(),
    labelStorageId: v.optional(v.id("_storage")),
    labelUrl: v.optional(v.string()),
    /** The file the carrier delivered (PDF, ZPL or PNG), for the printer. */
    labelFormat: v.optional(vLabelFormat),
    error: v.optional(v.string()),
    ...requestedByFields,
    createdAt: v.number(),
    purchasedAt: v.optional(v.number()),
    voidedAt: v.optional(v.number()),
    /** Carrier tracking, polled by shippingActions.pollTracking until the first scan. */
    trackingStatus: v.optional(v.string()),
    trackedAt: v.optional(v.number()),
    /** When the carrier first scanned the package; absent while it waits for pickup. */
    firstScanAt: v.optional(v.number()),
  })
    .index("by_shipmentId", ["shipmentId"])
    // Purchased labels still waiting for a first carrier scan, oldest first (tracking poll, stuck scan).
    .index("by_status_and_firstScanAt_and_purchasedAt", ["status", "firstScanAt", "purchasedAt"])
    .index("by_packageId", ["packageId"])
    // Tracking webhooks and polls find the label by its tracking number (model/tracking/ingest.ts).
    .index("by_trackingNumber", ["trackingNumber"])
    .index("by_purchaseKey", ["purchaseKey"])
    .index("by_idempotencyKey", ["idempotencyKey"]),
  /** Per shipment: the latest rate shop, its choice and the postage spent. Written with each save; read by the order page. */
  shipmentPostage: defineTable({
    shipmentId: v.id("shipments"),
    lastRequestId: v.optional(v.id("rateShopRequests")),
    selectedQuoteId: v.optional(v.id("shippingQuotes")),
    ruleId: v.optional(v.id("shippingRules")),
    ...postageFields,
    labels: v.number(),
  }).index("by_shipmentId", ["shipmentId"]),
  /** Carrier spend per UTC day × carrier × service × currency, net of voids. Written in the label save/void transactions; read by boards. */
  carrierSpend: defineTable({
    day: v.string(),
    carrier: v.string(),
    service: v.string(),
    currency: v.string(),
    amountMinor: v.number(),
    labels: v.number(),
    voids: v.number(),
  }).index("by_day_and_carrier_and_service_and_currency", ["day", "carrier", "service", "currency"]),
};
