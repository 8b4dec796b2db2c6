import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { addressErrors, normalizePostalCode } from "./address";
import { barcodeProblem, gtinCheckDigit, isValidGtin, normalizeScan } from "./barcode";
import {
  cancellableQuantity,
  cancellationOrThrow,
  lineProblems,
  splitCancellation,
  type LineQuantities,
} from "./lines";
import { formatMoney, lineTotal, parseMajor } from "./money";
import { canTransitionShipment, SHIPMENT_TRANSITIONS } from "./statusSets";
import { SHIPMENT_STATUSES } from "../model/allocation/tables";
import { pickupSettingsErrors, portalSettingsErrors } from "./pickupSettings";

const base = { name: "A", line1: "1 St", city: "C", postalCode: "", country: "US", region: "NY" };

describe("address", () => {
  test.each([
    ["US", "12345", true],
    ["US", "12345-6789", true],
    ["US", "1234", false],
    ["US", "ABCDE", false],
    ["CA", "K1A 0B1", true],
    ["CA", "K1A0B1", true],
    ["CA", "D1A 0B1", false],
    ["GB", "SW1A 1AA", true],
    ["GB", "M1 1AE", true],
    ["GB", "12345", false],
    ["DE", "10115", true],
    ["DE", "1011", false],
    ["NL", "1012 AB", true],
    ["NL", "1012AB", true],
    ["NL", "0123 AB", false],
    ["FR", "75008", true],
    ["FR", "99000", false],
    ["FR", "7500", false],
  ])("%s postal code %s valid=%s", (country, postalCode, ok) => {
    const e = addressErrors({ ...base, country, postalCode, region: "ON" });
    expect(e["shipTo.postalCode"] === undefined).toBe(ok);
  });

  test("unknown country and missing fields are named", () => {
    expect(addressErrors({ ...base, country: "ZZ", postalCode: "1" })["shipTo.country"]).toMatch(/do not ship/);
    expect(Object.keys(addressErrors({ name: "", line1: "", city: "", postalCode: "", country: "" })).sort()).toEqual([
      "shipTo.city",
      "shipTo.country",
      "shipTo.line1",
      "shipTo.name",
      "shipTo.postalCode",
    ]);
  });

  test("normalises spacing and case", () => {
    expect(normalizePostalCode("GB", "sw1a1aa")).toBe("SW1A 1AA");
    expect(normalizePostalCode("NL", "1012ab")).toBe("1012 AB");
    expect(normalizePostalCode("US", " 12345 ")).toBe("12345");
  });
});

describe("barcode", () => {
  test("check digits of known codes", () => {
    expect(isValidGtin("036000291452")).toBe(true); // UPC-A
    expect(isValidGtin("4006381333931")).toBe(true); // EAN-13
    expect(isValidGtin("036000291453")).toBe(false);
    expect(barcodeProblem("036000291453")).toMatch(/check digit/);
    expect(barcodeProblem("CODE-128 ok")).toBeUndefined();
    expect(barcodeProblem("")).toMatch(/empty/);
  });
  test("any 11-digit body completed with its check digit is valid", () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{11}$/), (body) => isValidGtin(body + gtinCheckDigit(body))));
  });
  test("scanner input is trimmed of control characters", () => {
    expect(normalizeScan("\u0002 0123\r\n")).toBe("0123");
  });
});

describe("money", () => {
  test("parses major units exactly", () => {
    expect(parseMajor("12.34", "USD")).toBe(1234);
    expect(parseMajor("12", "EUR")).toBe(1200);
    expect(parseMajor("0.1", "USD")).toBe(10);
    expect(parseMajor("1,5", "EUR")).toBe(150);
    expect(parseMajor("1.234", "USD")).toBeUndefined();
    expect(parseMajor("abc", "USD")).toBeUndefined();
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
  });
  test("line totals refuse unsafe integers", () => {
    expect(lineTotal(1999, 3)).toBe(5997);
    // Refused as a typed error a person can read, never a bare RangeError ("Server Error").
    expect(() => lineTotal(Number.MAX_SAFE_INTEGER, 2)).toThrow(
      expect.objectContaining({
        data: expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringMatching(/too large/) }),
      }),
    );
    expect(() => lineTotal(1.5, 2)).toThrow(
      expect.objectContaining({ data: expect.objectContaining({ code: "INVALID_INPUT" }) }),
    );
  });
});

describe("line arithmetic", () => {
  const line = (over: Partial<LineQuantities>): LineQuantities => ({
    quantity: 10,
    unallocated: 0,
    allocated: 6,
    backordered: 3,
    dropshipped: 0,
    cancelled: 1,
    picked: 2,
    shipped: 0,
    returned: 0,
    ...over,
  });
  test("a consistent line has no problems; broken ones are named", () => {
    expect(lineProblems(line({}))).toEqual([]);
    expect(lineProblems(line({ allocated: 7 }))[0]).toMatch(/ordered 10/);
    expect(lineProblems(line({ shipped: 1, returned: 2 }))).toEqual([expect.stringMatching(/returned 2 > shipped 1/)]);
  });
  test("a cancellation beyond what can still be cancelled is refused with one sentence, the field marked when named", () => {
    const l = { ...line({}), sku: "MUG" };
    expect(cancellationOrThrow(l, 7)).toEqual(splitCancellation(l, 7));
    const refusal = (field?: string) => {
      try {
        cancellationOrThrow(l, 8, field);
      } catch (e) {
        return (e as { data: unknown }).data;
      }
    };
    const message = "Only 7 of MUG can still be cancelled.";
    expect(refusal()).toEqual({ code: "INVALID_INPUT", message });
    expect(refusal("lines.x")).toEqual({ code: "INVALID_INPUT", message, fields: { "lines.x": "At most 7." } });
  });
  test("cancellation takes waiting units first, never picked ones, and keeps the sum", () => {
    fc.assert(
      fc.property(
        fc.nat(5),
        fc.nat(5),
        fc.nat(5),
        fc.nat(5),
        fc.nat(20),
        (unallocated, backordered, allocated, pickedRaw, qty) => {
          const picked = Math.min(pickedRaw, allocated);
          const l = line({
            quantity: unallocated + backordered + allocated + 1,
            unallocated,
            backordered,
            allocated,
            cancelled: 1,
            picked,
          });
          const split = splitCancellation(l, qty);
          if (qty > cancellableQuantity(l)) return split === undefined;
          const after = {
            ...l,
            unallocated: l.unallocated - split!.fromUnallocated,
            backordered: l.backordered - split!.fromBackordered,
            allocated: l.allocated - split!.fromAllocated,
            cancelled: l.cancelled + qty,
          };
          return (
            lineProblems(after).length === 0 &&
            after.allocated >= picked &&
            (split!.fromAllocated === 0 ||
              split!.fromUnallocated + split!.fromBackordered === unallocated + backordered)
          );
        },
      ),
    );
  });
});

describe("the shipment state machine", () => {
  test("finished shipments never change; the floor's way is open → picking → picked → packed → shipped", () => {
    for (const to of SHIPMENT_STATUSES) {
      expect(canTransitionShipment("shipped", to)).toBe(false);
      expect(canTransitionShipment("cancelled", to)).toBe(false);
    }
    const floor = ["open", "picking", "picked", "packed", "shipped"] as const;
    for (let i = 1; i < floor.length; i++) expect(canTransitionShipment(floor[i - 1], floor[i])).toBe(true);
    // A picked shipment is packed, never sent back or dropped; a packed one ships or (pickup) goes back to the shelf.
    expect(SHIPMENT_TRANSITIONS.picked).toEqual(["packed"]);
    expect(canTransitionShipment("packed", "cancelled")).toBe(false);
  });
});

describe("pickup and portal settings (one rule for the server and the forms)", () => {
  test("hold 1–60 whole days, remind before the hold ends; a 0–365 day window and a limit of 0 or more", () => {
    expect(pickupSettingsErrors({ holdDays: 60, reminderDays: 59 })).toEqual({});
    expect(Object.keys(pickupSettingsErrors({ holdDays: 61, reminderDays: 3 }))).toEqual(["holdDays"]);
    expect(Object.keys(pickupSettingsErrors({ holdDays: 7, reminderDays: 7 }))).toEqual(["reminderDays"]);
    expect(Object.keys(pickupSettingsErrors({ holdDays: NaN, reminderDays: 1.5 })).sort()).toEqual([
      "holdDays",
      "reminderDays",
    ]);
    expect(portalSettingsErrors({ returnWindowDays: 0, maxValueMinor: 0 })).toEqual({});
    expect(Object.keys(portalSettingsErrors({ returnWindowDays: 366, maxValueMinor: -1 })).sort()).toEqual([
      "maxValueMinor",
      "returnWindowDays",
    ]);
  });
});
