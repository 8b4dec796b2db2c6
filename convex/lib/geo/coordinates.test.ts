import { describe, expect, test } from "vitest";
import { countryCentroid, haversineKm, postcodeKeys, resolveCoordinates } from "./coordinates";

describe("haversineKm", () => {
  test("New York to Los Angeles is about 3,940 km", () => {
    const km = haversineKm({ lat: 40.7128, lng: -74.006 }, { lat: 34.0522, lng: -118.2437 });
    expect(km).toBeGreaterThan(3900);
    expect(km).toBeLessThan(3990);
  });

  test("is zero for the same point and symmetric", () => {
    const a = { lat: 51.5, lng: -0.12 };
    const b = { lat: 48.85, lng: 2.35 };
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
    expect(haversineKm(a, b)).toBeGreaterThan(330);
    expect(haversineKm(a, b)).toBeLessThan(350);
  });

  test("antipodes are half the circumference, not NaN", () => {
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe("resolveCoordinates", () => {
  test("a postcode row's point is used at postal precision", () => {
    expect(resolveCoordinates("US", { lat: 40.749, lng: -73.9865 })).toEqual({
      lat: 40.749,
      lng: -73.9865,
      precision: "postal",
    });
  });

  test("without a row (or with a broken one) the country's centroid stands in", () => {
    for (const postal of [undefined, null, { lat: NaN, lng: 1 }]) {
      const r = resolveCoordinates("gb", postal);
      expect(r?.precision).toBe("country");
      expect(r?.lat).toBeGreaterThan(50);
      expect(r?.lat).toBeLessThan(59);
    }
    const de = resolveCoordinates("DE");
    expect(haversineKm(de!, { lat: 51.1, lng: 10.4 })).toBeLessThan(100);
  });

  test("an unknown country resolves to undefined", () => {
    expect(resolveCoordinates("XX")).toBeUndefined();
    expect(resolveCoordinates("__proto__")).toBeUndefined();
    expect(countryCentroid("constructor")).toBeUndefined();
  });
});

describe("postcodeKeys", () => {
  test("US: the 5-digit ZIP, ZIP+4 by its first five; anything else is no key", () => {
    expect(postcodeKeys("us", " 10001-2345 ")).toEqual(["10001"]);
    expect(postcodeKeys("US", "100012345")).toEqual(["10001"]);
    for (const bad of ["", "ABCDE", "1234", "123456"]) expect(postcodeKeys("US", bad)).toEqual([]);
  });

  test("CA: the forward sortation area, spaces and case ignored", () => {
    expect(postcodeKeys("CA", "k1a 0b1")).toEqual(["K1A"]);
    expect(postcodeKeys("CA", "K1A")).toEqual(["K1A"]);
    expect(postcodeKeys("CA", "12345")).toEqual([]);
  });

  test("GB: full postcode, then district, then area", () => {
    expect(postcodeKeys("GB", "SW1A 1AA")).toEqual(["SW1A1AA", "SW1A", "SW"]);
    expect(postcodeKeys("GB", "m1 1ae")).toEqual(["M11AE", "M1", "M"]);
    expect(postcodeKeys("GB", "EC1")).toEqual(["EC1", "EC"]);
    expect(postcodeKeys("GB", "12345")).toEqual([]);
  });

  test("elsewhere: the compact code; never anything longer than a key may be", () => {
    expect(postcodeKeys("NL", "1012 AB")).toEqual(["1012AB"]);
    expect(postcodeKeys("DE", "10115")).toEqual(["10115"]);
    expect(postcodeKeys("FR", "")).toEqual([]);
    expect(postcodeKeys("FR", "1".repeat(13))).toEqual([]);
    expect(postcodeKeys("FR", "75<001")).toEqual([]);
  });
});
