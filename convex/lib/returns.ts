/**
 * Returns (RMA) rules, pure: reason codes, the RMA state machine, how many units of a line can
 * still be returned, and the refund arithmetic in integer minor units. The model (model/returns)
 * and the client both read these tables, so what the page offers is what the server accepts.
 */
import { lineTotal } from "./money";

/** Return reasons and their labels, in the order the forms offer them; the codes are the keys. */
export const REASON_LABELS = {
  damaged_in_transit: "Damaged in transit",
  defective: "Defective",
  wrong_item: "Wrong item sent",
  not_as_described: "Not as described",
  size_or_fit: "Size or fit",
  no_longer_needed: "No longer needed",
  undeliverable: "Undeliverable",
  other: "Other",
} as const satisfies Record<string, string>;
export type ReturnReason = keyof typeof REASON_LABELS;
export const RETURN_REASONS = Object.keys(REASON_LABELS) as ReturnReason[];

/** Reasons where the merchant is at fault: the default policy refunds shipping for these. */
export const MERCHANT_FAULT_REASONS: readonly ReturnReason[] = [
  "damaged_in_transit",
  "defective",
  "wrong_item",
  "not_as_described",
  "undeliverable",
];

/** RMA statuses and their labels, in the order of the lifecycle; the codes are the keys. */
export const RMA_STATUS_LABELS = {
  requested: "Requested",
  approved: "Approved",
  in_transit: "In transit",
  partially_received: "Partially received",
  received: "Received",
  refunded: "Refunded",
  closed: "Closed",
  rejected: "Rejected",
  cancelled: "Cancelled",
} as const satisfies Record<string, string>;
export type RmaStatus = keyof typeof RMA_STATUS_LABELS;
export const RMA_STATUSES = Object.keys(RMA_STATUS_LABELS) as RmaStatus[];

/** Who opened an RMA: the customer (portal, tracking page) or an operator; the returns list filters by it. */
export const RMA_ORIGINS = ["customer", "operator"] as const;
export const RMA_ORIGIN_LABELS: Record<(typeof RMA_ORIGINS)[number], string> = {
  customer: "Customer requests",
  operator: "Operator-issued",
};

/** The RMA state machine: every status change in model/returns is checked against this table. */
export const RMA_TRANSITIONS: Record<RmaStatus, readonly RmaStatus[]> = {
  requested: ["approved", "rejected", "cancelled"],
  approved: ["in_transit", "partially_received", "received", "cancelled"],
  in_transit: ["partially_received", "received", "cancelled"],
  partially_received: ["received", "refunded", "closed"],
  received: ["refunded", "closed"],
  refunded: ["closed"],
  closed: [],
  rejected: [],
  cancelled: [],
};

export function canTransitionRma(from: RmaStatus, to: RmaStatus): boolean {
  return RMA_TRANSITIONS[from].includes(to);
}

/** An RMA in a final status (closed, rejected, cancelled): the state machine has no way out of it. */
export function isFinalRmaStatus(s: RmaStatus): boolean {
  return RMA_TRANSITIONS[s].length === 0;
}

export const DISPOSITIONS = ["restock", "damaged", "missing"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const EXPECTED_DISPOSITIONS = ["restock", "damaged", "inspect"] as const;
export type ExpectedDisposition = (typeof EXPECTED_DISPOSITIONS)[number];

export type RmaLineCounts = { quantity: number; restocked: number; damaged: number; missing: number };

/** Units of an RMA line still expected back (neither received nor declared missing). */
export function outstanding(l: RmaLineCounts): number {
  return l.quantity - l.restocked - l.damaged - l.missing;
}

/**
 * How many more units of an order line may be put on a new RMA: shipped, less what came back
 * already, less what open RMAs still expect.
 */
export function returnableQuantity(line: { shipped: number; returned: number }, openOutstanding: number): number {
  return Math.max(0, line.shipped - line.returned - openOutstanding);
}

/** The received status an RMA's lines imply once at least one unit is settled. */
export function receiptStatus(lines: readonly RmaLineCounts[]): "partially_received" | "received" {
  return lines.every((l) => outstanding(l) === 0) ? "received" : "partially_received";
}

export type RefundPolicy = {
  /** Refund the shipping the customer paid. */
  includeShipping: boolean;
  /** What the customer paid for shipping on the original order, in minor units. */
  shippingMinor: number;
  /** Restocking fee on restocked merchandise, in basis points (1000 = 10 %). */
  restockingFeeBps: number;
};

export type RefundBreakdown = {
  merchandiseMinor: number;
  feeMinor: number;
  shippingMinor: number;
  amountMinor: number;
};

/** Rounds n / d half up for non-negative integers, exactly (no floats on money). */
function divRoundHalfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

/**
 * The refund of an RMA: units that came back (restocked or damaged) at their line's unit price;
 * missing units are not refunded. The restocking fee applies to restocked units only (a damaged
 * return is not the customer's doing); shipping is added when the policy says so and at least one
 * unit came back. All amounts integer minor units.
 */
export function computeRefund(
  lines: readonly (RmaLineCounts & { unitPriceMinor: number })[],
  policy: RefundPolicy,
): RefundBreakdown {
  let merchandiseMinor = 0;
  let restockedMinor = 0;
  let unitsBack = 0;
  for (const l of lines) {
    merchandiseMinor += lineTotal(l.unitPriceMinor, l.restocked + l.damaged);
    restockedMinor += lineTotal(l.unitPriceMinor, l.restocked);
    unitsBack += l.restocked + l.damaged;
  }
  const feeMinor = divRoundHalfUp(restockedMinor * policy.restockingFeeBps, 10_000);
  const shippingMinor = policy.includeShipping && unitsBack > 0 ? policy.shippingMinor : 0;
  const amountMinor = merchandiseMinor - feeMinor + shippingMinor;
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError("Refund out of range");
  return { merchandiseMinor, feeMinor, shippingMinor, amountMinor };
}

/** Field errors of a refund policy (empty when valid). */
export function policyErrors(p: RefundPolicy): Record<string, string> {
  const e: Record<string, string> = {};
  if (!Number.isSafeInteger(p.shippingMinor) || p.shippingMinor < 0)
    e["refundPolicy.shippingMinor"] = "Shipping must be zero or more, in whole cents.";
  if (!Number.isInteger(p.restockingFeeBps) || p.restockingFeeBps < 0 || p.restockingFeeBps > 5000) {
    e["refundPolicy.restockingFeeBps"] = "The restocking fee is between 0 % and 50 %.";
  }
  return e;
}

/** Whether an RMA's refund policy may still change: its refund is not recorded and the RMA is not final. */
export function refundPolicyOpen(rma: { refundStatus?: string; status: RmaStatus }): boolean {
  return rma.refundStatus !== "recorded" && !isFinalRmaStatus(rma.status);
}

/** Reasons whose units are presumed unsellable: they never default to sellable stock. */
export const UNSELLABLE_REASONS: readonly ReturnReason[] = ["defective", "damaged_in_transit"];

/**
 * The disposition a received unit defaults to: damaged when its line's reason says the unit is
 * faulty or broken (whatever the RMA expected), else what the RMA expected (`inspect` → restock,
 * the receiver looks and confirms).
 */
export function defaultDisposition(
  reason: ReturnReason,
  expected: "restock" | "damaged" | "inspect",
): "restock" | "damaged" {
  if (UNSELLABLE_REASONS.includes(reason)) return "damaged";
  return expected === "damaged" ? "damaged" : "restock";
}
