/** A shipment to rate in adapter tests: Columbus, OH to San Francisco; one or two parcels. */
import type { BuyRequest, ProviderRate, RateRequest } from "./types";

export const FROM = {
  name: "Dock 1",
  company: "Acme Goods",
  line1: "1 Main St",
  city: "Columbus",
  region: "OH",
  postalCode: "43004",
  country: "US",
  phone: "6145550100",
};
export const TO = {
  name: "Pat Doe",
  line1: "500 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
};

export function rateRequest(parcels = 1, over: Partial<RateRequest> = {}): RateRequest {
  return {
    reference: "S-1001",
    from: FROM,
    to: TO,
    parcels: Array.from({ length: parcels }, (_, i) => ({
      packageId: `pkg${i + 1}`,
      weightGrams: 1200 + i * 300,
      lengthMm: 300,
      widthMm: 200,
      heightMm: 150,
    })),
    ...over,
  };
}

/** The purchase of `rate` for the parcels of `req`, as the buy action builds it. */
export function buyRequest(req: RateRequest, rate: ProviderRate, attempt = 1): BuyRequest {
  return {
    ...req,
    ref: rate.ref,
    carrier: rate.carrier,
    service: rate.service,
    amountMinor: rate.amountMinor,
    currency: rate.currency,
    purchaseKey: "purchase-1",
    parcels: req.parcels.map((p, i) => ({ ...p, idempotencyKey: `${p.packageId}:1:${i}` })),
    attempt,
  };
}
