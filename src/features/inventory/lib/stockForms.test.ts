import { describe, expect, it } from "vitest";
import { stockOpErrors } from "../../../../convex/lib/stock";
import { stockValues, validateStock, type StockValues } from "./stockForms";

const filled = (over: Partial<StockValues> = {}): StockValues => ({
  ...stockValues("p1", "SKU-1 — Mug", "w1"),
  quantity: "12",
  delta: "-3",
  reason: "Cycle count",
  ...over,
});

describe("validateStock", () => {
  it("builds each operation's arguments from a filled form", () => {
    expect(validateStock("receive", filled({ unitCost: "4.25", reference: " PO-7 " })).input).toEqual({
      productId: "p1",
      warehouseId: "w1",
      quantity: 12,
      unitCostMinor: 425,
      reference: "PO-7",
    });
    expect(validateStock("adjust", filled()).input).toEqual({
      productId: "p1",
      warehouseId: "w1",
      delta: -3,
      reason: "Cycle count",
    });
    expect(validateStock("transfer", filled({ toWarehouseId: "w2" })).input).toEqual({
      productId: "p1",
      fromWarehouseId: "w1",
      toWarehouseId: "w2",
      quantity: 12,
      reference: undefined,
    });
    expect(validateStock("writeOff", filled({ reason: "Crushed on the dock" })).input).toMatchObject({ quantity: 12 });
  });

  it("refuses what the server refuses, in its words: past one movement's bound, zero, a short reason, the same site", () => {
    const big = validateStock("receive", filled({ quantity: "1000001" }));
    expect(big.input).toBeUndefined();
    expect(big.errors.quantity).toBe("At most 1,000,000 units at once.");
    expect(big.errors.quantity).toBe(stockOpErrors("receive", { quantity: 1_000_001 }).quantity);
    expect(validateStock("adjust", filled({ delta: "0", reason: "x" })).errors).toEqual({
      delta: "Enter a whole number other than zero (negative to remove).",
      reason: "Say why the stock is adjusted (at least 3 characters).",
    });
    expect(validateStock("transfer", filled({ toWarehouseId: "w1", quantity: "1.5" })).errors).toEqual({
      quantity: "Enter a whole number above zero.",
      toWarehouseId: "Choose a different destination warehouse.",
    });
    expect(validateStock("receive", filled({ unitCost: "-1" })).errors.unitCostMinor).toBe(
      "Enter a cost of zero or more.",
    );
  });

  it("asks for the product and the sites before anything else", () => {
    const r = validateStock("transfer", { ...stockValues(), quantity: "1" });
    expect(r.errors).toMatchObject({
      productId: "Choose a product.",
      warehouseId: "Choose a warehouse.",
      toWarehouseId: "Choose a warehouse.",
    });
  });
});
