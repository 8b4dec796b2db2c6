/** Pure returns rules: the RMA state machine, returnable quantities and refund arithmetic in minor units. */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  canTransitionRma,
  computeRefund,
  outstanding,
  policyErrors,
  receiptStatus,
  RMA_TRANSITIONS,
  returnableQuantity,
  type RmaStatus,
} from "./returns";

const line = (
  over: Partial<{ quantity: number; restocked: number; damaged: number; missing: number; unitPriceMinor: number }> = {},
) => ({
  quantity: 1,
  restocked: 0,
  damaged: 0,
  missing: 0,
  unitPriceMinor: 1000,
  ...over,
});
const noFee = { includeShipping: false, shippingMinor: 0, restockingFeeBps: 0 };

describe("RMA state machine", () => {
  test("the happy path and its refusals", () => {
    const path: RmaStatus[] = [
      "requested",
      "approved",
      "in_transit",
      "partially_received",
      "received",
      "refunded",
      "closed",
    ];
    for (let i = 0; i + 1 < path.length; i++) expect(canTransitionRma(path[i], path[i + 1])).toBe(true);
    expect(canTransitionRma("requested", "received")).toBe(false);
    expect(canTransitionRma("partially_received", "cancelled")).toBe(false);
    expect(canTransitionRma("refunded", "received")).toBe(false);
    for (const end of ["closed", "rejected", "cancelled"] as const) expect(RMA_TRANSITIONS[end]).toEqual([]);
  });
});

describe("quantities", () => {
  test("returnable = shipped − returned − open outstanding, never negative", () => {
    expect(returnableQuantity({ shipped: 5, returned: 1 }, 2)).toBe(2);
    expect(returnableQuantity({ shipped: 1, returned: 1 }, 1)).toBe(0);
  });
  test("a line settles when every unit is restocked, damaged or missing", () => {
    expect(outstanding(line({ quantity: 3, restocked: 1, missing: 1 }))).toBe(1);
    expect(receiptStatus([line({ quantity: 2, restocked: 1 }), line({ restocked: 1 })])).toBe("partially_received");
    expect(receiptStatus([line({ quantity: 2, damaged: 1, missing: 1 })])).toBe("received");
  });
});

describe("refund arithmetic in minor units", () => {
  test("units back at their price; missing units are not refunded", () => {
    expect(
      computeRefund([line({ quantity: 3, unitPriceMinor: 1999, restocked: 1, damaged: 1, missing: 1 })], noFee),
    ).toEqual({ merchandiseMinor: 3998, feeMinor: 0, shippingMinor: 0, amountMinor: 3998 });
  });
  test("the restocking fee rounds half up and applies to restocked units only", () => {
    // 3 × 19.99 = 59.97; 12.5 % = 7.49625 → 7.50
    const r = computeRefund([line({ quantity: 4, unitPriceMinor: 1999, restocked: 3, damaged: 1 })], {
      includeShipping: false,
      shippingMinor: 0,
      restockingFeeBps: 1250,
    });
    expect(r).toEqual({ merchandiseMinor: 7996, feeMinor: 750, shippingMinor: 0, amountMinor: 7246 });
    // exactly half a cent: 1 × 0.05 at 10 % = 0.005 → 0.01
    expect(
      computeRefund([line({ unitPriceMinor: 5, restocked: 1 })], { ...noFee, restockingFeeBps: 1000 }).feeMinor,
    ).toBe(1);
  });
  test("shipping is refunded when the policy says so and something came back", () => {
    const policy = { includeShipping: true, shippingMinor: 595, restockingFeeBps: 0 };
    expect(computeRefund([line({ restocked: 1 })], policy).amountMinor).toBe(1595);
    expect(computeRefund([line({ missing: 1 })], policy).amountMinor).toBe(0);
  });
  test("amounts are whole minor units and never exceed merchandise + shipping", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unitPriceMinor: fc.integer({ min: 0, max: 10_000_000 }),
            restocked: fc.nat(50),
            damaged: fc.nat(50),
            missing: fc.nat(50),
          }),
          { maxLength: 20 },
        ),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (ls, bps, ship) => {
          const lines = ls.map((l) => ({ ...l, quantity: l.restocked + l.damaged + l.missing }));
          const r = computeRefund(lines, { includeShipping: true, shippingMinor: ship, restockingFeeBps: bps });
          expect(Number.isSafeInteger(r.amountMinor) && Number.isSafeInteger(r.feeMinor)).toBe(true);
          expect(r.amountMinor).toBeGreaterThanOrEqual(0);
          expect(r.amountMinor).toBeLessThanOrEqual(r.merchandiseMinor + ship);
          expect(r.amountMinor).toBe(r.merchandiseMinor - r.feeMinor + r.shippingMinor);
        },
      ),
    );
  });
  test("policy checks name the field", () => {
    expect(policyErrors({ includeShipping: true, shippingMinor: 1.5, restockingFeeBps: 6000 })).toEqual({
      "refundPolicy.shippingMinor": "Shipping must be zero or more, in whole cents.",
      "refundPolicy.restockingFeeBps": "The restocking fee is between 0 % and 50 %.",
    });
  });
});
