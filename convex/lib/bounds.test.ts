/** The shared bounds (lib/bounds) and the strict CSV number parsing built on them, pure. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  argBoundProblems,
  checkedProduct,
  checkedSum,
  firstDuplicate,
  MAX_LINE_QUANTITY,
  MAX_MONEY_MINOR,
  MAX_MOVEMENT_QUANTITY,
  MAX_TOTAL_MINOR,
  numberProblem,
  refuseDuplicates,
  STRING_LIMITS,
  MAX_PAGE_ITEMS,
} from "./bounds";
import { checkCsv, parseCsvPrice, parseCsvQuantity, rowErrors } from "./channels/csv";
import { csvRow } from "../testing/csv.testing";

const typed = (code: string) => expect.objectContaining({ data: expect.objectContaining({ code }) });

describe("edge guard", () => {
  test("every number finite and within its kind, every text within its kind, arrays within the item limit", () => {
    expect(
      argBoundProblems({ quantity: 3, unitPriceMinor: 1999, reason: "count", shipBy: Date.UTC(2026, 0, 1) }),
    ).toEqual({});
    expect(
      Object.keys(
        argBoundProblems({
          quantity: Number.NaN,
          delta: Number.POSITIVE_INFINITY,
          unitCostMinor: MAX_MONEY_MINOR + 1,
          shipBy: 5,
          priority: 1e300,
        }),
      ).sort(),
    ).toEqual(["delta", "priority", "quantity", "shipBy", "unitCostMinor"]);
    expect(
      argBoundProblems({
        order: { customer: { name: "x".repeat(STRING_LIMITS.name + 1), email: "e".repeat(STRING_LIMITS.email) } },
      }),
    ).toEqual({ "order.customer.name": expect.stringMatching(/At most 200 characters/) });
    expect(argBoundProblems({ reason: "r".repeat(STRING_LIMITS.reason + 1) }).reason).toMatch(/500/);
    expect(argBoundProblems({ lines: Array.from({ length: 1_001 }, () => ({ quantity: 1 })) }).lines).toMatch(
      /1,000 items/,
    );
    expect(argBoundProblems({ paginationOpts: { numItems: 10, cursor: null, maximumBytesRead: 1e300 } })).toEqual({});
    for (const numItems of [0, 2.5, MAX_PAGE_ITEMS + 1, 1e9, NaN])
      expect(argBoundProblems({ paginationOpts: { numItems, cursor: null } })).toEqual({
        "paginationOpts.numItems": "A page holds 1 to 200 rows.",
      });
    expect(argBoundProblems({ paginationOpts: { numItems: MAX_PAGE_ITEMS, cursor: null } })).toEqual({});
  });

  test("the guard is not strict about fractions and signs (the domain's messages name those)", () => {
    expect(argBoundProblems({ quantity: 1.5, priceMinor: -1 })).toEqual({});
    expect(numberProblem(1.5, "quantity")).toMatch(/whole number/);
    expect(numberProblem(MAX_MOVEMENT_QUANTITY + 1, "quantity")).toMatch(/At most/);
    expect(numberProblem(0, "dateRange")).toBeUndefined();
    expect(numberProblem(0, "date")).toMatch(/between 2000 and 2100/);
  });
});

describe("money totals are checked before they are computed", () => {
  test("products and sums refuse (typed) instead of losing precision", () => {
    expect(checkedProduct(MAX_MONEY_MINOR, 10_000)).toBe(MAX_TOTAL_MINOR);
    // The largest price × the largest line is beyond the total bound: refused, not rounded.
    expect(() => checkedProduct(MAX_MONEY_MINOR, MAX_LINE_QUANTITY)).toThrow(typed("INVALID_INPUT"));
    expect(() => checkedProduct(MAX_MONEY_MINOR, MAX_TOTAL_MINOR)).toThrow(typed("INVALID_INPUT"));
    expect(() => checkedProduct(0.5, 2)).toThrow(typed("INVALID_INPUT"));
    expect(() => checkedSum([MAX_TOTAL_MINOR, 1])).toThrow(typed("INVALID_INPUT"));
  });

  test("any bounded sum is exact in any order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -MAX_MOVEMENT_QUANTITY, max: MAX_MOVEMENT_QUANTITY }), { maxLength: 200 }),
        (xs) => {
          const forward = xs.reduce((a, b) => a + b, 0);
          const backward = [...xs].reverse().reduce((a, b) => a + b, 0);
          expect(forward).toBe(backward);
          expect(checkedSum(xs)).toBe(forward);
        },
      ),
    );
  });
});

describe("duplicates", () => {
  test("the first repeated key is found and refused as DUPLICATE", () => {
    expect(firstDuplicate(["a", "b", "a"])).toBe("a");
    expect(firstDuplicate(["a", "b"])).toBeUndefined();
    expect(() => refuseDuplicates(["l1", "l1"], "line")).toThrow(typed("DUPLICATE"));
  });
});

describe("strict CSV numbers", () => {
  test("quantities are plain digits within the line bound", () => {
    expect(parseCsvQuantity("3")).toBe(3);
    expect(parseCsvQuantity(String(MAX_LINE_QUANTITY))).toBe(MAX_LINE_QUANTITY);
    for (const bad of [
      "0",
      "-1",
      "1.5",
      "1.0",
      "1e3",
      "0x10",
      "2,000",
      "+2",
      " 2",
      "",
      String(MAX_LINE_QUANTITY + 1),
      "99999999999999999999",
      "٣",
    ]) {
      expect(parseCsvQuantity(bad), bad).toBeUndefined();
    }
  });

  test("prices have at most the currency's decimals and are never rounded", () => {
    expect(parseCsvPrice("19.99")).toBe(1999);
    expect(parseCsvPrice("$5")).toBe(500);
    expect(parseCsvPrice("5.5")).toBe(550);
    expect(parseCsvPrice("0")).toBe(0);
    for (const bad of [
      "12.345",
      "0.999",
      "1,000.00",
      "1e2",
      "-2.00",
      "19,99",
      "$",
      ".5",
      "5.",
      "Infinity",
      "NaN",
      "1000000000000.00",
    ]) {
      expect(parseCsvPrice(bad), bad).toBeUndefined();
    }
    expect(rowErrors({ unit_price: "0.999" }).unit_price).toMatch(/more decimals than the currency has/);
  });

  test("a row with a lenient number is a row error, never an order", () => {
    const row = csvRow({ unit_price: "1.00" });
    expect(checkCsv([{ ...row, quantity: "1e3" }]).orders).toEqual([]);
    expect(checkCsv([{ ...row, quantity: "2" }]).orders[0].order.lines[0]).toMatchObject({
      quantity: 2,
      unitPriceMinor: 100,
    });
    expect(rowErrors({ ...row, quantity: "2", placed_at: "tomorrow" }).placed_at).toBeDefined();
    expect(rowErrors({ ...row, quantity: "2", notes: "n".repeat(STRING_LIMITS.note + 1) }).notes).toMatch(
      /At most 2,000/,
    );
  });
});
