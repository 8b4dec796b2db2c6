import { describe, expect, test } from "vitest";
import { EasyPostProvider } from "./easypost";
import { easyPostFake } from "./fakeEasyPost.testing";
import { buyRequest, carrierFailure, rateRequest, TO, servicesOf } from "./fixtures.testing";
import { serveFake } from "./serveFake.testing";
import { expectOneLabelBought, expectRetryBuysOnce } from "./purchaseRetry.testing";
import { CarrierError } from "./types";
import { shopRates } from "./rateShop";

const fake = easyPostFake("EZTK_test");
let ep: EasyPostProvider;
serveFake(fake, { onStart: () => (ep = new EasyPostProvider("EZTK_test", fake.baseUrl())) });

const kindOf = async (p: Promise<unknown>) => (await carrierFailure(p)).kind;

describe("EasyPost adapter through @easypost/api", () => {
  test("rates: one parcel is a shipment; the request carries ounces and inches, Basic auth", async () => {
    const rates = await ep.getRates(rateRequest(1));
    expect(servicesOf(rates)).toEqual(["USPS | GroundAdvantage", "USPS | Priority", "UPS | Ground"]);
    expect(rates[0]).toMatchObject({ currency: "USD", deliveryDays: 4 });
    expect(rates[0].amountMinor).toBe(Math.round((5.1 + (0.6 * 42.3) / 16) * 100));
    const sent = fake.vendor.requests.at(-1)!;
    expect(sent.path).toBe("/v2/shipments");
    expect((sent.body as { shipment: { parcel: object; to_address: object } }).shipment).toMatchObject({
      parcel: { weight: 42.3, length: 11.8 },
      to_address: { zip: "94105", street1: "500 Market St" },
    });
    expect(JSON.parse(rates[0].ref)).toMatchObject({ kind: "shipment" });
  });

  test("buy, then void (refund), then track", async () => {
    const { label } = await expectOneLabelBought(ep, fake);
    expect(label.trackingNumber).toMatch(/^9400/);
    expect(label).toMatchObject({ labelFormat: "PDF", labelUrl: expect.stringMatching(/\/labels\/shp_.*\.pdf$/) });
    expect(await ep.voidLabel({ providerLabelId: label.providerLabelId })).toEqual({
      voided: true,
      message: "refund submitted",
    });
    expect((await ep.track({ trackingNumber: label.trackingNumber, carrier: "USPS" })).status).toBe("in_transit");
  });

  test("the printer's format is asked for at creation; a label delivered in another format is converted, never passed off", async () => {
    const req = { ...rateRequest(1), labelFormat: "ZPL" as const };
    const [rate] = await ep.getRates(req);
    expect((fake.vendor.requests.at(-1)!.body as { shipment: { options: object } }).shipment.options).toEqual({
      label_format: "ZPL",
    });
    const [zpl] = await ep.buyLabels({ ...buyRequest(req, rate), labelFormat: "ZPL" });
    expect(zpl).toMatchObject({ labelFormat: "ZPL", labelUrl: expect.stringMatching(/\.zpl$/) });
    // Rated without a format (EasyPost's default PNG), bought for a PDF printer: converted once.
    const before = fake.stats.conversions;
    const plain = rateRequest(1);
    const [r2] = await ep.getRates({ ...plain, labelFormat: "PNG" });
    const [pdf] = await ep.buyLabels({ ...buyRequest(plain, r2), labelFormat: "PDF" });
    expect(fake.stats.conversions).toBe(before + 1);
    expect(fake.vendor.requests.at(-1)!.query.get("file_format")).toBe("PDF");
    expect(pdf).toMatchObject({ labelFormat: "PDF", labelUrl: expect.stringMatching(/\.pdf$/) });
  });

  test("multi-package goes through an order: one label per parcel, the first the master", async () => {
    const req = rateRequest(2);
    const rates = await ep.getRates(req);
    expect(fake.vendor.requests.at(-1)!.path).toBe("/v2/orders");
    const ground = rates.find((r) => r.service === "Ground")!;
    const labels = await ep.buyLabels(buyRequest(req, ground));
    expect(labels.map((l) => l.packageId)).toEqual(["pkg1", "pkg2"]);
    expect(new Set(labels.map((l) => l.trackingNumber)).size).toBe(2);
    expect(labels.every((l) => l.masterTrackingNumber === labels[0].trackingNumber)).toBe(true);
    expect(labels[0].costMinor + labels[1].costMinor).toBe(ground.amountMinor);
  });

  test("a retried purchase after the vendor bought (response lost) returns the same label, no second charge", () =>
    expectRetryBuysOnce(ep, fake, /^POST \/v2\/shipments\/.*\/buy$/));

  test("errors: bad address, no rates, 429, bad key", async () => {
    expect(await kindOf(ep.getRates(rateRequest(1, { to: { ...TO, postalCode: "00000" } })))).toBe("address");
    const none = await ep.getRates(rateRequest(1, { to: { ...TO, country: "KP" } })).catch((e: CarrierError) => e);
    expect(none).toMatchObject({ kind: "no_rates", message: "easypost: USPS Destination country is not served." });
    fake.vendor.fault({
      match: /^POST \/v2\/shipments$/,
      times: 1,
      kind: "status",
      status: 429,
      body: { error: { code: "RATE_LIMITED", message: "Too many requests", errors: [] } },
    });
    expect(await kindOf(ep.getRates(rateRequest(1)))).toBe("rate_limited");
    expect(await kindOf(new EasyPostProvider("wrong", fake.baseUrl()).getRates(rateRequest(1)))).toBe("auth");
  });

  test("a vendor that does not answer is cut off at the time limit", async () => {
    fake.vendor.fault({ match: /^POST \/v2\/shipments$/, times: 1, kind: "hang" });
    const [out] = await shopRates([ep], rateRequest(1), { timeoutMs: 150 });
    expect(out).toMatchObject({
      provider: "easypost",
      status: "timeout",
      rates: [],
      error: "Carrier did not answer in time [timeout]: easypost: no answer within 150 ms",
    });
    expect(out.ms).toBeGreaterThanOrEqual(140);
  });
});
