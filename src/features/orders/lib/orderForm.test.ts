import { describe, expect, it } from "vitest";
import { addressErrors } from "../../../../convex/lib/address";
import type { Id } from "../../../../convex/_generated/dataModel";
import { emptyOrderForm, validateOrderForm, type OrderFormValues } from "./orderForm";

function validValues(): OrderFormValues {
  const v = emptyOrderForm();
  v.customer = { name: "Grace Hopper", email: "grace@example.com", phone: "" };
  v.shipTo = {
    ...v.shipTo,
    name: "Grace Hopper",
    line1: "1 Main St",
    city: "Arlington",
    region: "VA",
    postalCode: "22201",
    country: "US",
  };
  v.lines = [
    {
      ...v.lines[0],
      productId: "p1",
      productLabel: "SKU-1 — Widget",
      productSku: "SKU-1",
      productCurrency: "USD",
      quantity: "2",
      unitPrice: "12.50",
    },
  ];
  return v;
}

describe("validateOrderForm", () => {
  it("builds the server input from a valid form, money in minor units", () => {
    const { errors, input } = validateOrderForm(validValues(), undefined);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      kind: "phone",
      customer: { name: "Grace Hopper", email: "grace@example.com" },
      shipTo: { postalCode: "22201", country: "US", region: "VA" },
      currency: "USD",
      lines: [{ productId: "p1", quantity: 2, unitPriceMinor: 1250 }],
      priority: 0,
    });
  });

  it("says what the server says about a malformed postal code", () => {
    const v = validValues();
    v.shipTo.postalCode = "1234";
    const { errors, input } = validateOrderForm(v, undefined);
    expect(input).toBeUndefined();
    const server = addressErrors({ ...v.shipTo, company: undefined, line2: undefined });
    expect(errors["shipTo.postalCode"]).toBe(server["shipTo.postalCode"]);
  });

  it("refuses a total past its bound on the line that passes it, in the server's words", () => {
    const v = validValues();
    v.lines[0].quantity = "100000";
    v.lines[0].unitPrice = "1000000000.00";
    const { errors, input } = validateOrderForm(v, undefined);
    expect(input).toBeUndefined();
    expect(errors["lines.0.unitPriceMinor"]).toBe("The order total is too large.");
    expect(errors.lines).toBeUndefined();
  });

  it("keys line errors like the server", () => {
    const v = validValues();
    v.lines[0].quantity = "0";
    v.lines[0].unitPrice = "abc";
    const { errors } = validateOrderForm(v, undefined);
    expect(errors["lines.0.quantity"]).toBe("Quantity must be a whole number above zero.");
    expect(errors["lines.0.unitPriceMinor"]).toBeDefined();
  });

  it("refuses a product priced in another currency", () => {
    const v = validValues();
    v.currency = "EUR";
    expect(validateOrderForm(v, undefined).errors["lines.0.productId"]).toMatch(
      /priced in USD, but this order is in EUR/,
    );
  });

  it("needs a found original order for a replacement", () => {
    const v = { ...validValues(), kind: "replacement" as const };
    expect(validateOrderForm(v, undefined).errors.originalOrderId).toBe("A replacement must name the original order.");
    v.originalNumber = "SO-1";
    expect(validateOrderForm(v, null).errors.originalOrderId).toMatch(/No order has the number/);
    const found = { _id: "o1" as Id<"orders">, number: "SO-1" };
    expect(validateOrderForm(v, found).input?.originalOrderId).toBe("o1");
  });
});

describe("shipping charged (issue 20)", () => {
  it("is sent in minor units; empty or 0 sends none; a bad amount is an error on its field", () => {
    const v = validValues();
    v.shippingCharged = "4.99";
    expect(validateOrderForm(v, undefined).input?.shippingChargedMinor).toBe(499);
    for (const none of ["", "  ", "0", "0.00"]) {
      v.shippingCharged = none;
      expect(validateOrderForm(v, undefined).input?.shippingChargedMinor).toBeUndefined();
    }
    for (const bad of ["abc", "-1", "4.999", "1e3"]) {
      v.shippingCharged = bad;
      const r = validateOrderForm(v, undefined);
      expect(r.input).toBeUndefined();
      expect(r.errors.shippingChargedMinor).toMatch(/amount like 4.99/);
    }
    v.shippingCharged = "1000000001"; // 100,000,000,100 minor units: one amount's bound is 10^11
    expect(validateOrderForm(v, undefined).errors.shippingChargedMinor).toMatch(/too large/);
  });
});
