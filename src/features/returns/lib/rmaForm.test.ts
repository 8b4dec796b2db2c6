import { describe, expect, test } from "vitest";
import type { Id } from "../../../../convex/_generated/dataModel";
import { emptyRmaForm, formPaths, shippingRefunded, toRmaInput, type ReturnableLine } from "./rmaForm";

const line = (id: string, returnable: number): ReturnableLine => ({
  orderLineId: id as Id<"orderLines">,
  sku: id.toUpperCase(),
  name: id,
  unitPriceMinor: 1000,
  shipped: 3,
  returned: 0,
  pending: 0,
  returnable,
});
const lines = [line("a", 3), line("b", 0)];

describe("New RMA form", () => {
  test("a valid form gives the server's argument with the default shipping policy", () => {
    const state = {
      ...emptyRmaForm(),
      quantities: { a: "2" },
      reasons: { a: "defective" as const },
      shipping: "5.95",
      feePercent: "12.5",
    };
    const { draft, errors } = toRmaInput(state, lines, "USD");
    expect(errors).toEqual({});
    expect(draft).toEqual({
      lines: [{ orderLineId: "a", quantity: 2, reason: "defective" }],
      expectedDisposition: "restock",
      refundPolicy: { includeShipping: true, shippingMinor: 595, restockingFeeBps: 1250 },
      note: undefined,
    });
  });

  test("errors are keyed like the server's and map back to the order line", () => {
    const state = { ...emptyRmaForm(), quantities: { a: "4", b: "1" }, reasons: { b: "size_or_fit" as const } };
    const { draft, errors } = toRmaInput(state, lines, "USD");
    expect(draft).toBeUndefined();
    expect(errors).toEqual({
      "lines.0.quantity": "At most 3.",
      "lines.0.reason": "Choose a reason.",
      "lines.1.quantity": "Nothing left to return on this line.",
    });
    const { chosen } = toRmaInput(state, lines, "USD");
    expect(
      formPaths({ ...errors, lines: "Enter a quantity on at least one line.", note: "Too long." }, chosen),
    ).toEqual({
      "quantities.a": "At most 3.",
      "reasons.a": "Choose a reason.",
      "quantities.b": "Nothing left to return on this line.",
      form: "Enter a quantity on at least one line.",
      note: "Too long.",
    });
  });

  test("nothing chosen, bad amounts", () => {
    const { errors } = toRmaInput({ ...emptyRmaForm(), shipping: "abc", feePercent: "60" }, lines, "USD");
    expect(Object.keys(errors).sort()).toEqual([
      "lines",
      "refundPolicy.restockingFeeBps",
      "refundPolicy.shippingMinor",
    ]);
  });

  test("shipping follows the reasons until the operator decides", () => {
    const s = { ...emptyRmaForm(), quantities: { a: "1" }, reasons: { a: "size_or_fit" as const } };
    expect(shippingRefunded(s)).toBe(false);
    expect(shippingRefunded({ ...s, reasons: { a: "wrong_item" } })).toBe(true);
    expect(shippingRefunded({ ...s, includeShipping: true })).toBe(true);
  });
});
