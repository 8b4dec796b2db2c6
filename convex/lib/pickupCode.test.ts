import { describe, expect, test } from "vitest";
import { makePickupCode, normalizePickupCode, PICKUP_CODE_ALPHABET } from "./pickupCode";

describe("pickup codes", () => {
  test("made codes normalize to themselves and use only the alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = makePickupCode((n) => crypto.getRandomValues(new Uint8Array(n)));
      expect(code).toMatch(new RegExp(`^PU-[${PICKUP_CODE_ALPHABET}]{8}$`));
      expect(normalizePickupCode(code)).toBe(code);
    }
  });
  test("bytes at or above the rejection limit are skipped (uniform)", () => {
    let call = 0;
    // 240 = 8 × 30 is the limit: 250 must be skipped, 0 → "2", 29 → "Z".
    const code = makePickupCode(() =>
      call++ === 0 ? new Uint8Array([250, 0, 29, 250, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) : new Uint8Array(16),
    );
    expect(code).toBe("PU-2Z222222");
  });
  test.each([
    ["pu 7kq4-xm2d", "PU-7KQ4XM2D"],
    ["7KQ4XM2D", "PU-7KQ4XM2D"],
    ["\x027KQ4XM2D\r\n", "PU-7KQ4XM2D"],
    ["PU-7KQ4XM2", null],
    ["PU-7KQ4XM20", null],
    ["PU-OKQ4XM2D", null],
    ["", null],
  ])("%j → %s", (raw, want) => {
    expect(normalizePickupCode(raw)).toBe(want);
  });
});
