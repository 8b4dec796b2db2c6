import { describe, expect, test } from "vitest";
import { countryCentroid, haversineKm, resolveCoordinates } from "./coordinates";

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
  test("a US ZIP resolves to its tabulation area (Beverly Hills 90210)", () => {
    const r = resolveCoordinates("US", "90210");
    expect(r?.precision).toBe("postal");
    expect(r?.lat).toBeCloseTo(34.1, 1);
    expect(r?.lng).toBeCloseTo(-118.41, 1);
  });

  test("ZIP+4 and surrounding spaces resolve by the first five digits", () => {
    expect(resolveCoordinates("us", " 10001-2345 ")).toEqual(resolveCoordinates("US", "10001"));
    expect(resolveCoordinates("US", "100012345")).toEqual(resolveCoordinates("US", "10001"));
  });

  test("a Canadian postcode resolves to its forward sortation area", () => {
    const r = resolveCoordinates("CA", "k1a 0b1");
    expect(r?.precision).toBe("postal");
    expect(r?.lat).toBeCloseTo(45.42, 1);
    expect(r?.lng).toBeCloseTo(-75.7, 1);
    expect(resolveCoordinates("CA", "K1A0B1")).toEqual(r);
  });

  test("a GB postcode falls back to the United Kingdom's centroid (no bundleable GB postcode data)", () => {
    const r = resolveCoordinates("GB", "SW1A 1AA");
    expect(r?.precision).toBe("country");
    expect(r?.lat).toBeGreaterThan(50);
    expect(r?.lat).toBeLessThan(59);
    expect(r?.lng).toBeGreaterThan(-8);
    expect(r?.lng).toBeLessThan(2);
  });

  test("an unknown or malformed US code falls back to the US centroid", () => {
    for (const code of ["00000", "ABCDE", ""]) {
      const r = resolveCoordinates("US", code);
      expect(r?.precision).toBe("country");
      expect(r).toMatchObject(countryCentroid("US")!);
    }
  });

  test("EU countries resolve at country precision", () => {
    const de = resolveCoordinates("DE", "10115");
    expect(de?.precision).toBe("country");
    expect(haversineKm(de!, { lat: 51.1, lng: 10.4 })).toBeLessThan(100);
  });

  test("an unknown country resolves to undefined", () => {
    expect(resolveCoordinates("XX", "12345")).toBeUndefined();
    expect(resolveCoordinates("__proto__", "1")).toBeUndefined();
  });
});
