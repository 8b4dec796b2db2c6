/**
 * The case every vendor adapter must pass (adapter tests): a purchase the vendor carried out but
 * whose answer was lost, then retried twice, costs one charge and gives the same label each time.
 */
import { expect } from "vitest";
import type { FakeVendor } from "./fakeServer.testing";
import { buyRequest, carrierFailure, rateRequest } from "./fixtures.testing";
import type { CarrierProvider } from "./types";

export async function expectRetryBuysOnce(
  provider: CarrierProvider,
  fake: { vendor: FakeVendor; stats: { charges: number } },
  buyCall: RegExp,
) {
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
