import { defineTable } from "convex/server";
import { v, type Infer, type VFloat64 } from "convex/values";
import { LINE_QUANTITY_FIELDS, type LineQuantities } from "../../lib/lines";
import { literals } from "convex-helpers/validators";
import { MANUAL_ORDER_KINDS, ORDER_KINDS, ORDER_STATUSES } from "../../lib/orderStatus";
import { PAYMENT_STATUSES } from "../../lib/validation/types";
import { vAddress } from "../warehouses/tables";
import { vCurrency } from "../catalog/tables";
import { vActorStamp } from "../audit/tables";

export const vOrderStatus = literals(...ORDER_STATUSES);

export const vOrderKind = literals(...ORDER_KINDS);
export type OrderKind = Infer<typeof vOrderKind>;

/** Payment state of an order (issue 10): undefined is treated as paid (manual orders). */
export const vPaymentStatus = literals(...PAYMENT_STATUSES);

export const vCustomer = v.object({
  name: v.string(),
  email: v.string(),
  phone: v.optional(v.string()),
});

export const vOrderLineInput = v.object({
  productId: v.id("products"),
  quantity: v.number(),
  unitPriceMinor: v.number(),
});

export const vManualOrderInput = v.object({
  kind: literals(...MANUAL_ORDER_KINDS),
  originalOrderId: v.optional(v.id("orders")),
  customer: vCustomer,
  shipTo: vAddress,
  currency: vCurrency,
  lines: v.array(vOrderLineInput),
  /** Epoch ms by which the order must leave the building. */
  shipBy: v.optional(v.number()),
  priority: v.optional(v.number()),
  notes: v.optional(v.string()),
  /** Click & collect: the store the customer collects from (issue 20). */
  pickupStoreId: v.optional(v.id("warehouses")),
  /** What the customer pays for shipping, minor units of the order's currency (issue 20); absent = 0. */
  shippingChargedMinor: v.optional(v.number()),
});
export type ManualOrderInput = Infer<typeof vManualOrderInput>;

export const ORDER_EVENT_KINDS = ["status", "created", "lines_cancelled", "allocation", "note", "return"] as const;
export const vOrderEventKind = literals(...ORDER_EVENT_KINDS);

/** What a line is of and at what price: copied from the product onto an order line, and from it onto an RMA line. */
export const vLineProductFields = {
  productId: v.id("products"),
  sku: v.string(),
  name: v.string(),
  unitPriceMinor: v.number(),
};

/** The line's counters, one number each (lib/lines.ts LINE_QUANTITY_FIELDS and its arithmetic). */
const vLineQuantities = Object.fromEntries(LINE_QUANTITY_FIELDS.map((f) => [f, v.number()])) as Record<
  keyof LineQuantities,
  VFloat64<number>
>;

export const orderTables = {
  /**
   * Orders from every source. Status changes only through model/orders/transition.transitionOrder.
   * Read by the orders list (by status / channel, newest first), boards and the floor.
   */
  orders: defineTable({
    number: v.string(),
    kind: vOrderKind,
    /** "manual" for keyed-in orders; otherwise the channel's code. */
    channel: v.string(),
    externalId: v.optional(v.string()),
    originalOrderId: v.optional(v.id("orders")),
    customer: vCustomer,
    shipTo: vAddress,
    currency: vCurrency,
    totalMinor: v.number(),
    status: vOrderStatus,
    /** Where a hold was placed from, so releasing returns there. */
    heldFrom: v.optional(vOrderStatus),
    holdReason: v.optional(v.string()),
    /** Written at creation and by payment webhooks (model/holds/payment.ts). */
    paymentStatus: v.optional(vPaymentStatus),
    /** Billing country when the channel gives one (fraud rule: billing ≠ shipping). */
    billingCountry: v.optional(v.string()),
    priority: v.number(),
    shipBy: v.optional(v.number()),
    notes: v.optional(v.string()),
    placedAt: v.number(),
    createdBy: v.optional(v.id("members")),
    /** lib/search.orderSearchText, written with the order (create) and at PII erasure; search.ts reads it. */
    searchText: v.optional(v.string()),
    /** Click & collect: allocated only from this store; see model/pickup. */
    pickupStoreId: v.optional(v.id("warehouses")),
    /**
     * What the customer paid for shipping (minor units, the order's currency), beside `totalMinor`
     * (the lines). Written at creation only; orders created before issue 20 have none: read as 0.
     */
    shippingChargedMinor: v.optional(v.number()),
    /**
     * Σ of the order's cancellation refunds (minor units), written with each refund row by
     * model/orders/refunds.ts, so the finance export adds them without reading the rows, however
     * many cancels the order had. Absent: no refund yet, or an order refunded before it was kept.
     */
    cancelRefundsMinor: v.optional(v.number()),
  })
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["status", "channel"] })
    .index("by_customer_email", ["customer.email"])
    .index("by_number", ["number"])
    .index("by_status", ["status"])
    // Kept beside by_channel_and_status: the list by channel alone is newest first across statuses.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_channel", ["channel"])
    .index("by_channel_and_status", ["channel", "status"])
    .index("by_channel_and_externalId", ["channel", "externalId"]),
  /** Lines with their exact arithmetic (lib/lines.ts). Written by order, allocation and floor helpers. */
  orderLines: defineTable({
    orderId: v.id("orders"),
    ...vLineProductFields,
    ...vLineQuantities,
  })
    .index("by_orderId", ["orderId"])
    .index("by_productId", ["productId"]),
  /**
   * The order's audit trail: one row per status change (from → to) and per notable action, written
   * in the same transaction as the change. Read newest first on the order page.
   */
  orderEvents: defineTable({
    orderId: v.id("orders"),
    kind: vOrderEventKind,
    from: v.optional(vOrderStatus),
    to: v.optional(vOrderStatus),
    reason: v.optional(v.string()),
    /** Human-readable facts: allocation reasons, cancelled lines. */
    details: v.optional(v.array(v.string())),
    ...vActorStamp,
  }).index("by_orderId", ["orderId"]),
  /** Monotonic counters (order numbers). One row per name; read and bumped in the creating mutation. */
  counters: defineTable({ name: v.string(), value: v.number() }).index("by_name", ["name"]),
};
