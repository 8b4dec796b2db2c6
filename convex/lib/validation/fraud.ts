/**
 * Fraud scoring: each rule is a pure function of the order's facts and its own settings that
 * either fires (points + an explanation) or stays silent. The score is the sum of points, capped
 * at 100; the order is held for review when the score reaches the configured level. New rules
 * plug in by adding an entry to FRAUD_RULES.
 */
import { formatMoney } from "../money";
import type { FiredRule, FraudSettings, OrderFacts } from "./types";

type Rule = { name: string; label: string; check: (f: OrderFacts, s: FraudSettings) => FiredRule | null };

export const FRAUD_RULES: readonly Rule[] = [
  {
    name: "highValueNewCustomer",
    label: "High value from a new customer",
    check: (f, s) => {
      const r = s.highValueNewCustomer;
      if (!r.enabled || f.priorOrdersByEmail > 0) return null;
      const threshold = r.thresholds.find((t) => t.currency === f.currency);
      if (!threshold || f.totalMinor < threshold.amountMinor) return null;
      return {
        rule: "highValueNewCustomer",
        points: r.points,
        explanation: `First order from this customer worth ${formatMoney(f.totalMinor, f.currency)} (threshold ${formatMoney(threshold.amountMinor, f.currency)}).`,
      };
    },
  },
  {
    name: "countryMismatch",
    label: "Billing and shipping country differ",
    check: (f, s) => {
      const billing = f.billingCountry?.trim().toUpperCase();
      const shipping = f.shipTo.country.trim().toUpperCase();
      if (!s.countryMismatch.enabled || !billing || billing === shipping) return null;
      return {
        rule: "countryMismatch",
        points: s.countryMismatch.points,
        explanation: `Billing country ${billing} differs from shipping country ${shipping}.`,
      };
    },
  },
  {
    name: "addressVelocity",
    label: "Many orders to one address in an hour",
    check: (f, s) => {
      const r = s.addressVelocity;
      if (!r.enabled || f.ordersToAddressLastHour < r.maxOrdersPerHour) return null;
      return {
        rule: "addressVelocity",
        points: r.points,
        explanation: `${f.ordersToAddressLastHour + 1} orders to this address within an hour (more than ${r.maxOrdersPerHour}).`,
      };
    },
  },
  {
    name: "bulkQuantity",
    label: "Unusually large quantity on a line",
    check: (f, s) => {
      const r = s.bulkQuantity;
      const big = f.lines.filter((l) => l.quantity > r.maxUnitsPerLine);
      if (!r.enabled || big.length === 0) return null;
      return {
        rule: "bulkQuantity",
        points: r.points,
        explanation: `${big.map((l) => `${l.quantity} × ${l.sku}`).join(", ")} (more than ${r.maxUnitsPerLine} units on a line).`,
      };
    },
  },
];

/** Each rule's label by name: the exception settings page shows the same words. */
export const FRAUD_RULE_LABELS: Record<string, string> = Object.fromEntries(FRAUD_RULES.map((r) => [r.name, r.label]));

export type FraudResult = { score: number; fired: FiredRule[]; hold: boolean };

/** Scores an order: the rules that fired, their total (≤ 100), and whether it is held. */
export function scoreFraud(facts: OrderFacts, settings: FraudSettings): FraudResult {
  if (!settings.enabled) return { score: 0, fired: [], hold: false };
  const fired = FRAUD_RULES.map((r) => r.check(facts, settings)).filter((r): r is FiredRule => r !== null);
  const score = Math.min(
    100,
    fired.reduce((sum, r) => sum + r.points, 0),
  );
  return { score, fired, hold: fired.length > 0 && score >= settings.holdAtScore };
}

/** One paragraph explaining a score: total, threshold, and each rule with its points. */
export function explainFraud(result: Pick<FraudResult, "score" | "fired">, holdAtScore: number): string {
  if (result.fired.length === 0) return `Score 0/100: no fraud rule fired.`;
  const parts = result.fired.map((r) => `+${r.points} ${r.explanation}`);
  return `Score ${result.score}/100 (held at ${holdAtScore}): ${parts.join(" ")}`;
}
