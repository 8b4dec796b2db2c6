/** The sandbox channel makes its orders in Shopify's and Amazon's shapes and reads them with their parsers. */
import { describe, expect, test } from "vitest";
import { sandboxOrders } from "./sandbox";

const catalog = [
  { sku: "A-1", name: "Alpha", priceMinor: 1999, currency: "USD" as const },
  { sku: "B-2", name: "Beta", priceMinor: 550, currency: "USD" as const },
  { sku: "C-3", name: "Gamma", priceMinor: 12000, currency: "USD" as const },
  { sku: "D-4", name: "Delta", priceMinor: 75, currency: "USD" as const },
];

describe("sandbox orders", () => {
  test("the same cursor gives the same orders; ids, prices and quantities survive the vendors' parsers", () => {
    const at = Date.parse("2025-03-01T12:00:00Z");
    for (let n = 0; n < 40; n += 3) {
      const a = sandboxOrders(n, { catalog, ordersPerPull: 3 }, at);
      expect(sandboxOrders(n, { catalog, ordersPerPull: 3 }, at)).toEqual(a);
      for (const [i, o] of a.entries()) {
        expect(o.externalId).toBe(`SBX-${n + i + 1}`);
        expect(o).toMatchObject({ currency: "USD", paymentStatus: "paid", cancelled: false, placedAt: at });
        expect(o.shipBy).toBeGreaterThan(at);
        expect(o.shipTo.line1).toMatch(/^\d+ /);
        for (const l of o.lines) {
          expect(l.quantity).toBeGreaterThan(0);
          expect(
            catalog.some((p) => l.unitPriceMinor === p.priceMinor || l.unitPriceMinor === p.priceMinor * 2 - 100),
          ).toBe(true);
        }
      }
    }
  });
});
