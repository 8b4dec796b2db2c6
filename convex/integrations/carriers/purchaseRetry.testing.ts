/**
 * The cases every vendor adapter's tests share: a plain purchase (one charge, one label at the
 * rate's cost), a multi-piece purchase, and the case every vendor adapter must pass: a purchase the
 * vendor carried out but whose answer was lost, then retried twice, costs one charge and gives the
 * same label each time.
 */
import { expect } from "vitest";
import type { FakeVendor } from "./fakeServer.testing";
import { buyRequest, carrierFailure, rateRequest } from "./fixtures.testing";
import type { CarrierProvider } from "./types";

type FakeCarrier = { vendor: FakeVendor; stats: { charges: number } };

/** Rates `parcels` parcels and buys the first rate: one label per parcel (`pkg1`…). */
export async function rateAndBuy(provider: CarrierProvider, parcels: number) {
  const req = rateRequest(parcels);
  const rates = await provider.getRates(req);
  const labels = await provider.buyLabels(buyRequest(req, rates[0]));
  expect(labels.map((l) => l.packageId)).toEqual(req.parcels.map((p) => p.packageId));
  return { req, rates, labels };
}

/** Rates one parcel and buys the first rate: one charge, one label for `pkg1` at the rate's cost, in USD. */
export async function expectOneLabelBought(provider: CarrierProvider, fake: FakeCarrier) {
  const before = fake.stats.charges;
  const {
    rates: [rate],
    labels: [label],
  } = await rateAndBuy(provider, 1);
  expect(fake.stats.charges).toBe(before + 1);
  expect(label).toMatchObject({ packageId: "pkg1", costMinor: rate.amountMinor, currency: "USD" });
  return { rate, label };
}

export async function expectRetryBuysOnce(provider: CarrierProvider, fake: FakeCarrier, buyCall: RegExp) {
  const req = rateRequest(1);
  const [rate] = await provider.getRates(req);
  const before = fake.stats.charges;
  fake.vendor.fault({ match: buyCall, times: 1, kind: "drop" });
  expect((await carrierFailure(provider.buyLabels(buyRequest(req, rate, 1)))).kind).toBe("unavailable");
  expect(fake.stats.charges).toBe(before + 1);
  const [again] = await provider.buyLabels(buyRequest(req, rate, 2));
  const [third] = await provider.buyLabels(buyRequest(req, rate, 3));
  expect(fake.stats.charges).toBe(before + 1);
  expect(third.trackingNumber).toBe(again.trackingNumber);
}
