import { describe, expect, test } from "vitest";
import { ShipStationProvider } from "./shipstation";
import { shipStationFake } from "./fakeShipStation.testing";
import { carrierFailure, rateRequest, TO, servicesOf } from "./fixtures.testing";
import { serveFake } from "./serveFake.testing";
import { expectOneLabelBought, expectRetryBuysOnce, rateAndBuy } from "./purchaseRetry.testing";
import { shopRates } from "./rateShop";

const fake = shipStationFake("ss_test_key");
let ss: ShipStationProvider;
serveFake(fake, { onStart: (url) => (ss = new ShipStationProvider("ss_test_key", ["se-100", "se-200"], url)) });

describe("ShipStation v2 adapter over fetch", () => {
  test("rates: the shipment with grams and centimetres, carrier ids, API-Key header", async () => {
    const rates = await ss.getRates(rateRequest(1));
    expect(servicesOf(rates)).toEqual([
      "Stamps.com | USPS Ground Advantage",
      "UPS | UPS® Ground",
      "UPS | UPS Next Day Air®",
    ]);
    expect(rates[1]).toMatchObject({
      amountMinor: Math.round((9.95 + 0.9 * 1.2) * 100),
      currency: "USD",
      deliveryDays: 3,
    });
    const sent = fake.vendor.requests.at(-1)!;
    expect(sent.headers["api-key"]).toBe("ss_test_key");
    expect(sent.body).toMatchObject({
      rate_options: { carrier_ids: ["se-100", "se-200"] },
      shipment: {
        ship_to: { postal_code: "94105", country_code: "US" },
        packages: [{ weight: { value: 1200, unit: "gram" } }],
      },
    });
  });

  test("buy a label from the rate, void it, track it", async () => {
    const { label } = await expectOneLabelBought(ss, fake);
    expect(label.trackingNumber).toMatch(/^1Z/);
    expect(fake.vendor.requests.at(-1)!.body).toMatchObject({ label_format: "pdf" });
    expect(
      (await ss.track({ trackingNumber: label.trackingNumber, providerLabelId: label.providerLabelId })).status,
    ).toBe("in_transit");
    expect(await ss.voidLabel({ providerLabelId: label.providerLabelId })).toMatchObject({ voided: true });
    expect(await ss.voidLabel({ providerLabelId: label.providerLabelId })).toMatchObject({
      voided: false,
      message: "This label has already been voided.",
    });
  });

  test("multi-package: one label with a master tracking number and one per package", async () => {
    const { rates, labels } = await rateAndBuy(ss, 3);
    expect(labels.every((l) => l.masterTrackingNumber === labels[0].trackingNumber)).toBe(true);
    expect(new Set(labels.map((l) => l.trackingNumber)).size).toBe(3);
    expect(labels.reduce((s, l) => s + l.costMinor, 0)).toBe(rates[0].amountMinor);
  });

  test("a retry after the vendor labelled the shipment finds the label and buys nothing", () =>
    expectRetryBuysOnce(ss, fake, /^POST \/v2\/labels\/rates\//));

  test("errors: bad address, no rates, 429, bad key, time limit", async () => {
    expect(await carrierFailure(ss.getRates(rateRequest(1, { to: { ...TO, postalCode: "00000" } })))).toMatchObject({
      kind: "address",
      message: "shipstation: 400 invalid_address Invalid ship_to address: postal_code 00000 is not valid.",
    });
    expect(await carrierFailure(ss.getRates(rateRequest(1, { to: { ...TO, country: "KP" } })))).toMatchObject({
      kind: "no_rates",
      message: "shipstation: No carrier serves the destination country.",
    });
    fake.vendor.fault({
      match: /^POST \/v2\/rates$/,
      times: 1,
      kind: "status",
      status: 429,
      body: {
        request_id: "r",
        errors: [
          {
            error_source: "shipstation",
            error_type: "system",
            error_code: "rate_limit_exceeded",
            message: "You have exceeded the rate limit.",
          },
        ],
      },
    });
    expect((await carrierFailure(ss.getRates(rateRequest(1)))).kind).toBe("rate_limited");
    expect(
      (await carrierFailure(new ShipStationProvider("bad", ["se-100"], fake.vendor.url).getRates(rateRequest(1)))).kind,
    ).toBe("auth");
    fake.vendor.fault({ match: /^POST \/v2\/rates$/, times: 1, kind: "hang" });
    const [out] = await shopRates([ss], rateRequest(1), { timeoutMs: 150 });
    expect(out).toMatchObject({
      status: "timeout",
      error: "Carrier did not answer in time [timeout]: shipstation: no answer within 150 ms",
    });
  });
});
