import { describe, expect, test } from "vitest";
import { PDFDocument } from "pdf-lib";
import { TableRateProvider, tableTrackingNumber } from "./tableRate";
import { buyRequest, rateRequest, TO, servicesOf } from "./fixtures.testing";
import { rateAndBuy } from "./purchaseRetry.testing";

const table = new TableRateProvider();

describe("table-rate provider (offline)", () => {
  test("rates per service from the zone × weight table, with delivery days", async () => {
    const rates = await table.getRates(rateRequest(1));
    expect(servicesOf(rates)).toEqual([
      "USPS | Ground Advantage",
      "USPS | Priority Mail",
      "UPS | Ground",
      "UPS | 2nd Day Air",
      "UPS | Next Day Air",
    ]);
    expect(rates[0]).toMatchObject({ amountMinor: 760 + 2 * 140, currency: "USD", deliveryDays: 5 });
    await expect(table.getRates(rateRequest(1, { to: { ...TO, country: "KP" } }))).resolves.toHaveLength(2);
    await expect(
      table.getRates(
        rateRequest(1, { parcels: [{ packageId: "p", weightGrams: 90_000, lengthMm: 1, widthMm: 1, heightMm: 1 }] }),
      ),
    ).rejects.toMatchObject({ kind: "no_rates" });
  });

  test("a label per package: a 4×6 in PDF with the barcode image, cost per package, same key → same label", async () => {
    const { req, rates, labels } = await rateAndBuy(table, 2);
    expect(labels[0].costMinor + labels[1].costMinor).toBe(rates[0].amountMinor);
    expect(labels[0].trackingNumber).toBe(tableTrackingNumber("USPS", "pkg1:1:0"));
    expect(labels[0].trackingNumber).toMatch(/^TRUSP\d{12}$/);
    expect(labels[1].masterTrackingNumber).toBe(labels[0].trackingNumber);
    const pdf = await PDFDocument.load(labels[0].labelPdf!);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
    expect(pdf.getTitle()).toBe(`Label ${labels[0].trackingNumber}`);
    expect(Buffer.from(labels[0].labelPdf!).toString("latin1")).toMatch(/\/Subtype \/Image/);
    const again = await table.buyLabels(buyRequest(req, rates[0], 2));
    expect(again.map((l) => l.trackingNumber)).toEqual(labels.map((l) => l.trackingNumber));
  });

  test("a thermal printer gets ZPL II: one ^XA…^XZ label with a Code 128 of the tracking number; hostile text cannot break a field", async () => {
    const req = rateRequest(1, { to: { ...TO, name: "Pat ^XZ Doe~JA", line1: "500 Märkt St" } });
    const [rate] = await table.getRates(req);
    const [label] = await table.buyLabels({ ...buyRequest(req, rate), labelFormat: "ZPL" });
    const zpl = new TextDecoder().decode(label.labelPdf);
    expect(label.labelFormat).toBe("ZPL");
    expect(zpl.startsWith("^XA")).toBe(true);
    expect(zpl.endsWith("^XZ")).toBe(true);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).toContain(`^BCN,260,N,N,N^FD${label.trackingNumber}^FS`);
    expect(zpl).toContain("^FDPat  XZ Doe JA^FS");
    expect(zpl).toContain("500 M?rkt St");
    const [pdf] = await table.buyLabels({ ...buyRequest(req, rate), labelFormat: "PNG" });
    expect(pdf.labelFormat).toBe("PDF");
  });
});
