/**
 * The shapes the validation engine speaks: the facts an order is judged on, the findings it
 * returns (each becomes a typed hold), and the operator-editable settings. Pure: no Convex imports.
 */
import type { AddressInput } from "../address";

export const HOLD_TYPES = [
  "address",
  "payment",
  "fraud",
  "stock",
  "unmapped_sku",
  "stuck",
  "manual",
  "cancel_request",
  "pickup_short",
  /** A channel order chosen for pickup at a location that maps to none of our stores (issue 20). */
  "pickup_location",
] as const;
export type HoldType = (typeof HOLD_TYPES)[number];

export const PAYMENT_STATUSES = ["paid", "pending", "failed", "not_required"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** One fraud rule that fired, with its points and a sentence an operator understands. */
export type FiredRule = { rule: string; points: number; explanation: string };

/** One reason an order cannot be ready yet. */
export type Finding = {
  type: HoldType;
  reason: string;
  detail?: string;
  score?: number;
  firedRules?: FiredRule[];
};

/** Everything the rules look at, gathered by the model in the order's own transaction. */
export type OrderFacts = {
  channel: string;
  kind: string;
  currency: string;
  totalMinor: number;
  shipTo: AddressInput;
  billingCountry?: string;
  /** Undefined means paid (manual orders). */
  paymentStatus?: PaymentStatus;
  /** Orders earlier than this one with the same customer email. */
  priorOrdersByEmail: number;
  /** Orders to the same normalized address in the last hour, this one excluded. */
  ordersToAddressLastHour: number;
  lines: { sku: string; quantity: number }[];
};

export type ValueThreshold = { currency: string; amountMinor: number };

/** Fraud rules, each switchable with its own points; the order is held at `holdAtScore` or more. */
export type FraudSettings = {
  enabled: boolean;
  holdAtScore: number;
  highValueNewCustomer: { enabled: boolean; points: number; thresholds: ValueThreshold[] };
  countryMismatch: { enabled: boolean; points: number };
  addressVelocity: { enabled: boolean; points: number; maxOrdersPerHour: number };
  bulkQuantity: { enabled: boolean; points: number; maxUnitsPerLine: number };
};

export const DEFAULT_FRAUD_SETTINGS: FraudSettings = {
  enabled: true,
  holdAtScore: 50,
  highValueNewCustomer: {
    enabled: true,
    points: 50,
    thresholds: [
      { currency: "USD", amountMinor: 100_000 },
      { currency: "CAD", amountMinor: 130_000 },
      { currency: "GBP", amountMinor: 80_000 },
      { currency: "EUR", amountMinor: 90_000 },
    ],
  },
  countryMismatch: { enabled: true, points: 30 },
  addressVelocity: { enabled: true, points: 40, maxOrdersPerHour: 3 },
  bulkQuantity: { enabled: true, points: 20, maxUnitsPerLine: 50 },
};
