/**
 * The carrier error taxonomy and the vendors' status enums, as pure functions: every documented
 * status has a mapping (nothing the vendor sends lands in "unknown" unless it means unknown), and
 * the classifier never calls a throttle, an outage or a refused key a bad address.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { classifyVendorError, CARRIER_ERROR_TITLES, FINAL_KINDS } from "./types";
import { shipStationDays, shipStationTrackingStatus, shipStationError } from "./shipstation";
import { shippoError, shippoTrackingStatus } from "./shippo";
import { easyPostError, easyPostTrackingStatus, labelFileOf } from "./easypost";
import { describeFailure } from "./rateShop";

describe("carrier error taxonomy", () => {
  test("status decides first: 401/402/403 auth, 429 rate limit, 408/504 timeout, 5xx and no status unavailable", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(401, 402, 403, 429, 408, 504, 500, 502, 503, undefined),
        fc.array(fc.constantFrom("ADDRESS.VERIFY.FAILURE", "invalid_address", "zip", "PARAMETER.REQUIRED", "x")),
        fc.array(fc.constantFrom("address_to", "zip", "weight", "street1")),
        (status, codes, fields) => {
          const kind = classifyVendorError(status, { codes, fields, message: "Invalid address" });
          const expected =
            status === 429
              ? "rate_limited"
              : status === 408 || status === 504
                ? "timeout"
                : status === undefined || status >= 500
                  ? "unavailable"
                  : "auth";
          expect(kind).toBe(expected);
        },
      ),
    );
  });

  test("a 400/422 is an address problem only when the vendor names an address; account words are auth; the rest parameter", () => {
    expect(classifyVendorError(422, { codes: ["ADDRESS.VERIFY.FAILURE"] })).toBe("address");
    expect(classifyVendorError(400, { codes: ["invalid_address"] })).toBe("address");
    expect(classifyVendorError(400, { fields: ["address_to"] })).toBe("address");
    expect(classifyVendorError(422, { codes: ["PARAMETER.REQUIRED"], fields: ["shipment"] })).toBe("parameter");
    expect(classifyVendorError(422, { codes: ["PARCEL.WEIGHT.INVALID"], fields: ["weight"] })).toBe("parameter");
    expect(classifyVendorError(400, { codes: ["request_body_required"] })).toBe("parameter");
    expect(classifyVendorError(400, { codes: ["ACCOUNT.BALANCE.INSUFFICIENT"] })).toBe("auth");
    expect(classifyVendorError(404, { codes: ["NOT_FOUND"] })).toBe("parameter");
    expect(classifyVendorError(400, { message: "The address could not be found" })).toBe("address");
  });

  test("vendor bodies: EasyPost's two error formats, Shippo's field map and detail, ShipEngine's errors[]", () => {
    expect(
      easyPostError("easypost", {
        statusCode: 422,
        code: "PARAMETER.REQUIRED",
        message: "Missing required parameter.",
        errors: [{ field: "shipment", message: "cannot be blank" }],
      }).kind,
    ).toBe("parameter");
    expect(
      easyPostError("easypost", { statusCode: 404, code: "NOT_FOUND", message: "x", errors: ["No eligible insurance"] })
        .message,
    ).toContain("No eligible insurance");
    expect(easyPostError("easypost", new TypeError("socket hang up")).kind).toBe("unavailable");
    expect(
      shippoError("shippo", 400, JSON.stringify({ address_to: ["The address could not be validated."] })).kind,
    ).toBe("address");
    expect(shippoError("shippo", 400, JSON.stringify({ address_to: ["This field is required."] })).kind).toBe(
      "parameter",
    );
    expect(shippoError("shippo", 401, JSON.stringify({ detail: "Invalid token." })).kind).toBe("auth");
    expect(shippoError("shippo", 404, "<h1>Not Found</h1>").message).toBe("shippo: 404 Not Found");
    expect(
      shipStationError("shipstation", 401, {
        errors: [{ error_type: "security", error_code: "unauthorized", message: "The API key is invalid." }],
      }).kind,
    ).toBe("auth");
    expect(
      shipStationError("shipstation", 400, {
        errors: [{ error_type: "validation", error_code: "invalid_address", message: "Invalid ship_to address" }],
      }).kind,
    ).toBe("address");
    expect(
      shipStationError("shipstation", 400, {
        errors: [
          {
            error_type: "validation",
            error_code: "invalid_field_value",
            field_name: "weight",
            message: "weight must be > 0",
          },
        ],
      }).kind,
    ).toBe("parameter");
  });

  test("every kind has a sentence that says which; the kinds a retry cannot fix are final", () => {
    for (const [kind, title] of Object.entries(CARRIER_ERROR_TITLES)) expect(title.length, kind).toBeGreaterThan(10);
    expect([...FINAL_KINDS].sort()).toEqual(["address", "auth", "parameter", "refused"]);
    expect(
      describeFailure(
        shipStationError("shipstation", 429, { errors: [{ error_code: "rate_limit_exceeded", message: "slow down" }] }),
      ),
    ).toBe("Carrier rate limit reached (will retry) [rate_limited]: shipstation: 429 rate_limit_exceeded slow down");
  });
});

describe("tracking status enums", () => {
  test("ShipEngine/ShipStation status_code: every documented code", () => {
    const table = {
      UN: "unknown",
      AC: "pre_transit",
      NY: "pre_transit",
      IT: "in_transit",
      AT: "in_transit",
      DE: "delivered",
      SP: "delivered",
      EX: "failure",
    } as const;
    for (const [code, status] of Object.entries(table)) expect(shipStationTrackingStatus(code), code).toBe(status);
  });
  test("Shippo and EasyPost", () => {
    expect(["PRE_TRANSIT", "TRANSIT", "DELIVERED", "RETURNED", "FAILURE", "UNKNOWN"].map(shippoTrackingStatus)).toEqual(
      ["pre_transit", "in_transit", "delivered", "returned", "failure", "unknown"],
    );
    expect(
      [
        "unknown",
        "pre_transit",
        "in_transit",
        "out_for_delivery",
        "available_for_pickup",
        "delivered",
        "return_to_sender",
        "failure",
        "cancelled",
        "error",
      ].map(easyPostTrackingStatus),
    ).toEqual([
      "unknown",
      "pre_transit",
      "in_transit",
      "in_transit",
      "in_transit",
      "delivered",
      "returned",
      "failure",
      "failure",
      "failure",
    ]);
  });
});

describe("delivery estimates and label files", () => {
  test("ShipStation days from delivery_days, a numeric carrier_delivery_days, or ship date → estimate", () => {
    const base = { rate_id: "r", carrier_id: "c", service_code: "s", shipping_amount: { currency: "usd", amount: 1 } };
    expect(shipStationDays({ ...base, delivery_days: 3 })).toBe(3);
    expect(shipStationDays({ ...base, delivery_days: null, carrier_delivery_days: "2" })).toBe(2);
    expect(
      shipStationDays({
        ...base,
        delivery_days: null,
        carrier_delivery_days: "Thursday 9/2 by 11:00 PM",
        ship_date: "2021-08-27T00:00:00Z",
        estimated_delivery_date: "2021-09-02T23:00:00Z",
      }),
    ).toBe(6);
    expect(shipStationDays({ ...base, delivery_days: null, carrier_delivery_days: "Thursday" })).toBeUndefined();
  });
  test("EasyPost: a URL is the asked-for format only when it is that file", () => {
    const png = {
      label_url: "https://x/l.png",
      label_pdf_url: null,
      label_zpl_url: null,
      label_file_type: "image/png",
    };
    expect(labelFileOf(png, "PNG")).toBe("https://x/l.png");
    expect(labelFileOf(png, "PDF")).toBeUndefined();
    expect(labelFileOf(png, "ZPL")).toBeUndefined();
    expect(labelFileOf({ ...png, label_pdf_url: "https://x/l.pdf" }, "PDF")).toBe("https://x/l.pdf");
  });
});
