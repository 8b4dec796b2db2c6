/**
 * Requests for adapter tests, the vendor contracts and the rate-shop benchmark: by default a
 * shipment from Columbus, OH to San Francisco, one or more parcels. No test runner in here (the
 * contracts also run outside vitest).
 */
import { CarrierError, type BuyRequest, type Parcel, type ProviderRate, type RateRequest } from "./types";
import { usAddress } from "../../testing/address.testing";

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
export const TO = usAddress;

export type ParcelSize = Omit<Parcel, "packageId">;

/**
 * A request to rate `parcels` parcels (`pkg1`, `pkg2`…): each `parcel` when given, else a
 * 300 × 200 × 150 mm box of 1.2 kg, 300 g more per parcel after the first.
 */
export function rateRequest(parcels = 1, over: Partial<RateRequest> & { parcel?: ParcelSize } = {}): RateRequest {
  const { parcel, ...rest } = over;
  return {
    reference: "S-1001",
    from: FROM,
    to: TO,
    parcels: Array.from({ length: parcels }, (_, i) => ({
      packageId: `pkg${i + 1}`,
      ...(parcel ?? { weightGrams: 1200 + i * 300, lengthMm: 300, widthMm: 200, heightMm: 150 }),
    })),
    ...rest,
  };
}

/** The purchase of `rate` for the parcels of `req`, as the buy action builds it. */
export function buyRequest(
  req: RateRequest,
  rate: Pick<ProviderRate, "ref" | "carrier" | "service" | "amountMinor" | "currency">,
  attempt = 1,
  over: Partial<Pick<BuyRequest, "purchaseKey" | "labelFormat">> = {},
): BuyRequest {
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
    ...over,
  };
}

/** The CarrierError a call fails with; a success, or a failure of another kind, throws. */
export async function carrierFailure(p: Promise<unknown>): Promise<CarrierError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (e instanceof CarrierError) return e;
  throw new Error(`expected a CarrierError, got ${e === undefined ? "a success" : String(e)}`);
}

/** "carrier | service" of each rate, in the vendor's order: what a rate test compares. */
export const servicesOf = (rates: ProviderRate[]) => rates.map((r) => `${r.carrier} | ${r.service}`);
