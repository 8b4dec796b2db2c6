import { describe, expect, it } from "vitest";
import { ConvexError } from "convex/values";
import { ERROR_CODES, type AppErrorData } from "../../convex/lib/errors";
import { ERROR_MESSAGES, GENERIC_ERROR, INVALID_LINK_ERROR, errorCode, errorMessage, fieldErrors } from "./errors";

const refusal = (data: Partial<AppErrorData> & { code: AppErrorData["code"] }) => new ConvexError(data as AppErrorData);

describe("errorMessage", () => {
  it("uses the server's message when there is one", () => {
    expect(errorMessage(refusal({ code: "INSUFFICIENT_STOCK", message: "Only 3 on hand; cannot remove 5." }))).toBe(
      "Only 3 on hand; cannot remove 5.",
    );
  });

  it("falls back to a sentence per code when the message is missing or blank", () => {
    for (const code of ERROR_CODES) {
      expect(errorMessage(refusal({ code, message: "" }))).toBe(ERROR_MESSAGES[code]);
    }
    expect(errorMessage(refusal({ code: "FORBIDDEN" } as AppErrorData))).toBe("You do not have permission to do that.");
    expect(errorMessage(refusal({ code: "INVALID_TRANSITION", message: " " }))).toMatch(/not possible/);
  });

  it("has a sentence for every code the server can send", () => {
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code]).toMatch(/\.$/);
  });

  it("never shows a stack trace or server internals for other errors", () => {
    const bug = new Error(
      "[CONVEX M(orders:createManual)] Uncaught TypeError: x is undefined\n    at handler (orders.ts:12:3)",
    );
    expect(errorMessage(bug)).toBe(GENERIC_ERROR);
    expect(errorMessage("boom")).toBe(GENERIC_ERROR);
    expect(errorMessage(undefined)).toBe(GENERIC_ERROR);
  });

  it("explains a malformed id in the URL", () => {
    expect(errorMessage(new Error("ArgumentValidationError: Value does not match validator. Path: .id"))).toBe(
      INVALID_LINK_ERROR,
    );
  });
});

describe("fieldErrors / errorCode", () => {
  it("returns the server's field map", () => {
    const e = refusal({
      code: "INVALID_INPUT",
      message: "Please correct the highlighted fields.",
      fields: { "shipTo.postalCode": "Bad." },
    });
    expect(fieldErrors(e)).toEqual({ "shipTo.postalCode": "Bad." });
    expect(errorCode(e)).toBe("INVALID_INPUT");
  });

  it("is empty for errors without fields", () => {
    expect(fieldErrors(refusal({ code: "NOT_FOUND", message: "Gone." }))).toEqual({});
    expect(fieldErrors(new Error("x"))).toEqual({});
    expect(errorCode(new Error("x"))).toBeUndefined();
  });
});
