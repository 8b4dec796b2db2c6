import { describe, expect, test } from "vitest";
import { signPortalToken, verifyPortalToken } from "./token";

const SECRET = "s".repeat(48);

describe("portal tokens", () => {
  test("a signed token verifies until it expires", async () => {
    const token = await signPortalToken(SECRET, { orderId: "k123", expiresAt: 2_000 });
    expect(await verifyPortalToken(SECRET, token, 1_999)).toEqual({ orderId: "k123", expiresAt: 2_000 });
    expect(await verifyPortalToken(SECRET, token, 2_000)).toBeNull();
  });
  test("another secret, a changed payload, a bare order id or junk are refused", async () => {
    const token = await signPortalToken(SECRET, { orderId: "k123", expiresAt: 2_000 });
    expect(await verifyPortalToken("t".repeat(48), token, 1)).toBeNull();
    const [, sig] = token.split(".");
    const forged = `${btoa(JSON.stringify({ o: "k999", x: 2_000 })).replace(/=+$/, "")}.${sig}`;
    expect(await verifyPortalToken(SECRET, forged, 1)).toBeNull();
    for (const junk of ["k123", "", ".", "a.b.c", `${token}x`, 42, null, "é.é"])
      expect(await verifyPortalToken(SECRET, junk, 1)).toBeNull();
  });
});
