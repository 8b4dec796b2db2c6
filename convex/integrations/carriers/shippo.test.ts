import { describe, expect, test } from "vitest";
import { ShippoProvider } from "./shippo";
import { shippoFake } from "./fakeShippo.testing";
import { carrierFailure, rateRequest, TO, servicesOf } from "./fixtures.testing";
import { serveFake } from "./serveFake.testing";
import { expectOneLabelBought, expectRetryBuysOnce, rateAndBuy } from "./purchaseRetry.testing";
import { shopRates } from "./rateShop";

const fake = shippoFake("shippo_test_key");
let shippo: ShippoProvider;
serveFake(fake, { onStart: (url) => (shippo = new ShippoProvider("shippo_test_key", url)) });

describe("Shippo adapter over its REST API (pinned version)", () => {
  test("rates from a synchronous shipment: grams and centimetres, ShippoToken auth", async () => {
    const rates = await shippo.getRates(rateRequest(1));
    expect(servicesOf(rates)).toEqual(["USPS | Ground Advantage", "USPS | Priority Mail", "FedEx | Home Delivery"]);
    expect(rates[1]).toMatchObject({
      amountMinor: Math.round((8.9 + 1.6 * 1.2) * 100),
      currency: "USD",
      deliveryDays: 2,
    });
    const sent = fake.vendor.requests.at(-1)!;
    expect(sent.headers.authorization).toBe("ShippoToken shippo_test_key");
    expect(sent.body).toMatchObject({
      async: false,
      metadata: "S-1001",
      parcels: [{ weight: "1200", mass_unit: "g", length: "30.0", distance_unit: "cm" }],
      address_to: { zip: "94105" },
    });
  });

  test("buy is a transaction; void is a refund; tracking by carrier and number", async () => {
    const { rate, label } = await expectOneLabelBought(shippo, fake);
    expect(label.labelUrl).toMatch(/\.pdf$/);
    expect(fake.vendor.requests.at(-1)!.body).toMatchObject({
      rate: JSON.parse(rate.ref).rateId,
      label_file_type: "PDF_4x6",
      async: false,
    });
    expect(await shippo.voidLabel({ providerLabelId: label.providerLabelId })).toEqual({
      voided: true,
      message: "refund QUEUED",
    });
    expect(fake.refunds).toContain(label.providerLabelId);
    expect((await shippo.track({ trackingNumber: label.trackingNumber, carrier: "USPS" })).status).toBe("in_transit");
  });

  test("multi-piece: one rate for both parcels, one transaction per parcel listed by rate", async () => {
    const { rates, labels } = await rateAndBuy(shippo, 2);
    expect(labels[0].costMinor + labels[1].costMinor).toBe(rates[0].amountMinor);
    expect(labels[1].masterTrackingNumber).toBe(labels[0].trackingNumber);
  });

  test("a retry after the vendor bought finds the transactions of the rate and buys nothing", () =>
    expectRetryBuysOnce(shippo, fake, /^POST \/transactions$/));

  test("errors: bad address, no rates, 429, bad token, time limit", async () => {
    const bad = await carrierFailure(shippo.getRates(rateRequest(1, { to: { ...TO, postalCode: "00000" } })));
    expect(bad).toMatchObject({ kind: "address", status: 400 });
    expect(bad.message).toMatch(/address_to: The address could not be validated/);
    expect(await carrierFailure(shippo.getRates(rateRequest(1, { to: { ...TO, country: "KP" } })))).toMatchObject({
      kind: "no_rates",
      message: "shippo: USPS Destination country is not served.",
    });
    fake.vendor.fault({
      match: /^POST \/shipments$/,
      times: 1,
      kind: "status",
      status: 429,
      body: { detail: "Request was throttled. Expected available in 1 second." },
    });
    expect(await carrierFailure(shippo.getRates(rateRequest(1)))).toMatchObject({
      kind: "rate_limited",
      message: "shippo: 429 Request was throttled. Expected available in 1 second.",
    });
    expect((await carrierFailure(new ShippoProvider("nope", fake.vendor.url).getRates(rateRequest(1)))).kind).toBe(
      "auth",
    );
    fake.vendor.fault({ match: /^POST \/shipments$/, times: 1, kind: "hang" });
    const [out] = await shopRates([shippo], rateRequest(1), { timeoutMs: 150 });
    expect(out).toMatchObject({
      status: "timeout",
      error: "Carrier did not answer in time [timeout]: shippo: no answer within 150 ms",
    });
  });
});
