/**
 * The validation engine: runs every check an order must pass before it is ready and returns one
 * finding per failed check (empty = ready). Pure; the model turns findings into typed holds.
 *   address — format checks per country (lib/address), the same sentences as the order form;
 *   payment — not yet paid → held until payment confirms; failed → held for cancellation;
 *   fraud   — configurable rules with a score and the rules that fired (fraud.ts).
 * Stock findings come after allocation (stockFindings), on the lines concerned.
 */
import { addressErrors, foldAddressText } from "../address";
import { explainFraud, scoreFraud } from "./fraud";
import type { Finding, FraudSettings, OrderFacts } from "./types";

export function addressFinding(facts: Pick<OrderFacts, "shipTo">): Finding | null {
  const errors = addressErrors(facts.shipTo);
  const messages = Object.values(errors);
  if (messages.length === 0) return null;
  return {
    type: "address",
    reason: messages.length === 1 ? messages[0] : `${messages.length} problems with the shipping address`,
    detail: messages.join(" "),
  };
}

export function paymentFinding(facts: Pick<OrderFacts, "paymentStatus">): Finding | null {
  if (facts.paymentStatus === "pending")
    return { type: "payment", reason: "Awaiting payment", detail: "Released automatically when the payment confirms." };
  if (facts.paymentStatus === "failed")
    return { type: "payment", reason: "Payment failed", detail: "Collect payment again or cancel the order." };
  return null;
}

export function fraudFinding(facts: OrderFacts, settings: FraudSettings): Finding | null {
  const result = scoreFraud(facts, settings);
  if (!result.hold) return null;
  return {
    type: "fraud",
    reason: `Fraud score ${result.score} — review before fulfilment`,
    detail: explainFraud(result, settings.holdAtScore),
    score: result.score,
    firedRules: result.fired,
  };
}

/** Every finding for an order, in the order an operator would resolve them. */
export function validateOrder(facts: OrderFacts, settings: { fraud: FraudSettings }): Finding[] {
  return [addressFinding(facts), paymentFinding(facts), fraudFinding(facts, settings.fraud)].filter(
    (f): f is Finding => f !== null,
  );
}

/** Lines that allocation could not cover from stock: one stock finding per backordered line. */
export function stockFindings<L extends { sku: string; backordered: number; quantity: number }>(
  lines: L[],
): { line: L; finding: Finding }[] {
  return lines
    .filter((l) => l.backordered > 0)
    .map((line) => ({
      line,
      finding: {
        type: "stock" as const,
        reason: `${line.backordered} of ${line.quantity} × ${line.sku} out of stock`,
        detail:
          "Stock was gone when the order was allocated; the units wait in the backorder queue. The other lines ship on their own.",
      },
    }));
}

/** A normalized key for "the same address": country, postal code, first line, case and spaces folded. */
export function addressKey(a: { country: string; postalCode: string; line1: string }): string {
  const fold = foldAddressText;
  return `${fold(a.country)}|${fold(a.postalCode).replace(/ /g, "")}|${fold(a.line1)}`;
}
