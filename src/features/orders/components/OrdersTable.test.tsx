import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { OrdersTable } from "./OrdersTable";
import { emptyOrderForm, orderTotalMinor, validateOrderForm } from "../lib/orderForm";
import { MAX_LINE_QUANTITY, STRING_LIMITS } from "../../../../convex/lib/bounds";

const order = (name: string) =>
  ({
    _id: "o1" as Id<"orders">,
    _creationTime: 0,
    number: "SO-100001",
    kind: "phone",
    channel: "c".repeat(64),
    customer: { name, email: "a@b.co" },
    shipTo: { name, line1: "1 Main St", city: "X", postalCode: "1", country: "US" },
    currency: "USD",
    totalMinor: 100,
    status: "ready",
    priority: 0,
    placedAt: 0,
  }) as Doc<"orders">;

describe("orders list with long text", () => {
  it("wraps and clamps a long customer name in its cell, the whole name in the tooltip", () => {
    const long = "Ü".repeat(5_000);
    render(
      <MemoryRouter>
        <OrdersTable orders={[order(long)]} />
      </MemoryRouter>,
    );
    const cell = screen.getByTitle(long);
    expect(cell).toHaveClass("cell-text");
    expect(cell.closest("td")).toHaveAttribute("data-label", "Customer");
  });
});

describe("order form limits match the server", () => {
  it("refuses text over its kind's limit, a quantity over the line bound and a total it cannot compute exactly", () => {
    const v = emptyOrderForm();
    v.customer = { name: "n".repeat(STRING_LIMITS.name + 1), email: "a@example.com", phone: "" };
    v.lines = [
      {
        ...v.lines[0],
        productId: "p1",
        productCurrency: "USD",
        quantity: String(MAX_LINE_QUANTITY + 1),
        unitPrice: "1.00",
      },
    ];
    const { errors } = validateOrderForm(v, undefined);
    expect(errors["customer.name"]).toMatch(/At most 200 characters/);
    expect(errors["lines.0.quantity"]).toMatch(/At most 100,000/);
    expect(
      orderTotalMinor({ currency: "USD", lines: [{ ...v.lines[0], quantity: "100000", unitPrice: "999999999.99" }] }),
    ).toBeUndefined();
    expect(orderTotalMinor({ currency: "USD", lines: [{ ...v.lines[0], quantity: "3", unitPrice: "19.99" }] })).toBe(
      5997,
    );
  });

  it("names a product listed twice", () => {
    const v = emptyOrderForm();
    const line = { ...v.lines[0], productId: "p1", productCurrency: "USD", quantity: "1", unitPrice: "1.00" };
    v.lines = [line, { ...line, key: "k2" }];
    expect(validateOrderForm(v, undefined).errors["lines.1.productId"]).toMatch(/already on the order/);
  });
});
