/* eslint-disable @convex-dev/no-process-env -- the tests set the deployment's settings for the run */
/**
 * Documents read back: page count and sizes parsed with pdf-lib, every barcode decoded from the
 * pixels in the PDF (documents.testing.ts), labels and slips of a batch in pick order, the paper
 * setting, a pick sheet's bins in walk order, the print station's scan, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { errorOf, expectCode, expectInvariants, setupTest } from "./testing/setup.testing";
import { packedShipment } from "./testing/shipping.testing";
import { itemsOf, waitForBatch } from "./testing/batches.testing";
import { barcodesOnPage, pageSizes, textOnPage } from "./testing/documents.testing";
import { insertRow } from "./testing/rows.testing";
import { setupPacked } from "./testing/packed.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, { BATCH_MAX_CONCURRENT: "1", SHIPPING_RETRY_BASE_MS: "10" });
});
afterAll(() => {
  process.env = saved;
});

const LABEL = [288, 432];
const LETTER = [612, 792];
const A4 = [595, 842];

async function pdfOf(b: Backend, documentId: Id<"documents">) {
  const bytes = await b.t.run(async (ctx) => {
    const d = (await ctx.db.get("documents", documentId))!;
    return (await ctx.storage.get(d.storageId))!.arrayBuffer();
  });
  return PDFDocument.load(new Uint8Array(bytes));
}

async function boughtBatch(b: Backend, n: number) {
  const shipments = [];
  for (let i = 0; i < n; i++) shipments.push(await packedShipment(b, [1000 + i]));
  const { batchId } = await b.supervisor.mutation(api.batches.create, {
    shipmentIds: shipments.map((s) => s.shipmentId),
  });
  await b.supervisor.mutation(api.batches.buy, { batchId });
  expect((await waitForBatch(b, batchId)).counts.bought).toBe(n);
  return { batchId, shipments };
}

/** A plain 40×20 PNG (a logo). */
function logoPng() {
  const png = new PNG({ width: 40, height: 20 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([30, 90, 200, 255], i);
  return new Uint8Array(PNG.sync.write(png));
}

describe("documents", () => {
  test("a batch prints as one PDF: each shipment's 4×6 label then its slip, every barcode readable; the paper setting decides the slips", async () => {
    const b = await setupTest();
    const { batchId } = await boughtBatch(b, 3);
    expect((await errorOf(b.floor.action(api.documents.batchPdf, { batchId }))).code).toBe("FORBIDDEN");
    const printed = await b.supervisor.action(api.documents.batchPdf, { batchId });
    expect(printed).toMatchObject({ pages: 6, title: expect.stringMatching(/^Batch B-\d+: 3 shipments$/) });
    expect(await b.supervisor.query(api.batches.get, { batchId })).toMatchObject({
      documentPages: 6,
      documentUrl: printed.url,
    });
    let pdf = await pdfOf(b, printed.documentId);
    expect(pageSizes(pdf)).toEqual([LABEL, LETTER, LABEL, LETTER, LABEL, LETTER]);
    const items = await itemsOf(b, batchId);
    // Never picked on a list: shipment number order. Label barcode = tracking number, slip barcode = order number.
    const byNumber = [...items].sort((x, y) => x.shipmentNumber.localeCompare(y.shipmentNumber));
    for (const [i, item] of byNumber.entries()) {
      expect(barcodesOnPage(pdf, 2 * i)).toEqual([item.trackingNumber]);
      expect(barcodesOnPage(pdf, 2 * i + 1)).toEqual([item.orderNumber]);
    }

    // Admin settings: A4 slips, the company's name, address and logo.
    const uploadUrl = await b.admin.mutation(api.documentSettings.logoUploadUrl, {});
    expect(uploadUrl).toBeTruthy();
    const logoStorageId = await b.t.run((ctx) => ctx.storage.store(new Blob([logoPng()], { type: "image/png" })));
    const settings = (companyName: string) => ({
      companyName,
      address: { line1: "1", city: "c", postalCode: "1", country: "US" },
      paperSize: "A4" as const,
    });
    await expectCode(b.supervisor.mutation(api.documentSettings.save, settings("X")), "FORBIDDEN");
    await expectCode(b.admin.mutation(api.documentSettings.save, settings("  ")), "INVALID_INPUT");
    // Printed on every slip: an email address that is not one is refused by field, as the form refuses it.
    expect(
      (await errorOf(b.admin.mutation(api.documentSettings.save, { ...settings("Harbor"), email: "ops@harbor" })))
        .fields,
    ).toEqual({ email: "Enter an email address like ops@example.com." });
    await b.admin.mutation(api.documentSettings.save, {
      companyName: "Harbor Goods Co.",
      address: { line1: "12 Pier Road", city: "Oakland", region: "CA", postalCode: "94607", country: "US" },
      paperSize: "A4",
      logoStorageId,
      returnNote: "Free returns within 30 days.",
    });
    expect(await b.floor.query(api.documentSettings.get, {})).toMatchObject({
      companyName: "Harbor Goods Co.",
      paperSize: "A4",
      saved: true,
      logoUrl: expect.any(String),
    });
    pdf = await pdfOf(b, (await b.supervisor.action(api.documents.batchPdf, { batchId })).documentId);
    expect(pageSizes(pdf)).toEqual([LABEL, A4, LABEL, A4, LABEL, A4]);
    // The logo is an image too, but not a barcode: still one barcode per slip.
    expect(barcodesOnPage(pdf, 1)).toEqual([byNumber[0].orderNumber]);
    expect(pdf.getPage(1).node.Resources()!.toString()).toMatch(/Image|XObject/);
    await expectInvariants(b.t);
  });

  test("the pick sheet lists the bins in walk order, each bin's barcode readable", async () => {
    const { b, ...s } = await setupPacked([1000], { pack: false });
    const pickListId = await b.t.run(async (ctx) => {
      const shipment = (await ctx.db.get("shipments", s.shipmentId))!;
      const id = await insertRow(ctx, "pickLists", {
        warehouseId: shipment.warehouseId,
        shipmentIds: [s.shipmentId],
        number: "PL-7001",
        requireBinScan: true,
        unitsTotal: 3,
        createdAt: Date.now(),
      });
      const bins = ["A-01-1", "A-02-3", "B-07-2"];
      for (const [i, line] of [...shipment.lines, shipment.lines[0]].entries()) {
        await insertRow(ctx, "pickTasks", {
          pickListId: id,
          shipmentId: s.shipmentId,
          orderLineId: line.orderLineId,
          productId: line.productId,
          seq: i + 1,
          sku: line.sku,
          name: `Item ${i}`,
          bin: bins[i],
        });
      }
      return id;
    });
    const printed = await b.floor.action(api.documents.pickSheet, { pickListId });
    const pdf = await pdfOf(b, printed.documentId);
    expect(pageSizes(pdf)).toEqual([LETTER]);
    expect(barcodesOnPage(pdf, 0).sort()).toEqual(["A-01-1", "A-02-3", "B-07-2", "PL-7001"]);
  });

  test("print station: scanning the order number prints that shipment's label and slip; unknown and unlabelled codes are refused in words", async () => {
    const b = await setupTest();
    const { batchId, shipments } = await boughtBatch(b, 1);
    const [item] = await itemsOf(b, batchId);
    const printed = await b.floor.action(api.documents.printCode, { code: ` ${item.orderNumber.toLowerCase()} ` });
    expect(printed).toMatchObject({ pages: 2, as: `order ${item.orderNumber}` });
    const pdf = await pdfOf(b, printed.documentId);
    expect(pageSizes(pdf)).toEqual([LABEL, LETTER]);
    expect(barcodesOnPage(pdf, 0)).toEqual([item.trackingNumber]);
    expect((await errorOf(b.floor.action(api.documents.printCode, { code: "SO-999999" }))).message).toMatch(
      /Nothing known as SO-999999/,
    );
    const unlabelled = await packedShipment(b, [900]);
    const order = await b.t.run((ctx) => ctx.db.get("orders", unlabelled.orderId));
    expect((await errorOf(b.floor.action(api.documents.printCode, { code: order!.number }))).code).toBe(
      "INVALID_TRANSITION",
    );
    // The slip alone, for a shipment without labels too.
    const slip = await b.floor.action(api.documents.packingSlip, { shipmentId: unlabelled.shipmentId });
    expect(barcodesOnPage(await pdfOf(b, slip.documentId), 0)).toEqual([order!.number]);
    expect(shipments).toHaveLength(1);
    // Nothing bought yet in a new batch: nothing to print.
    const { batchId: empty } = await b.supervisor.mutation(api.batches.create, {
      shipmentIds: [unlabelled.shipmentId],
    });
    expect((await errorOf(b.supervisor.action(api.documents.batchPdf, { batchId: empty }))).code).toBe("INVALID_INPUT");
  });
  test("labels print as PDF on the default path; a warehouse set to ZPL gets a page that says it is not a label and what to do", async () => {
    const b = await setupTest();
    const { batchId } = await boughtBatch(b, 1);
    let pdf = await pdfOf(b, (await b.supervisor.action(api.documents.batchPdf, { batchId })).documentId);
    const [item] = await itemsOf(b, batchId);
    // Default printer setting: the carrier's PDF label, copied as it came.
    expect(textOnPage(pdf, 0)).not.toMatch(/NOT A SHIPPING LABEL/);
    expect(textOnPage(pdf, 0)).toMatch(/TRACKING/);
    expect(barcodesOnPage(pdf, 0)).toEqual([item.trackingNumber]);

    // A thermal printer's warehouse: the table-rate carrier delivers ZPL, which a PDF cannot show.
    const zpl = await packedShipment(b, [800]);
    const warehouse = await b.t.run(async (ctx) => {
      const s = (await ctx.db.get("shipments", zpl.shipmentId))!;
      await ctx.db.patch("warehouses", s.warehouseId, { labelFormat: "ZPL" });
      return (await ctx.db.get("warehouses", s.warehouseId))!;
    });
    const { batchId: thermal } = await b.supervisor.mutation(api.batches.create, { shipmentIds: [zpl.shipmentId] });
    await b.supervisor.mutation(api.batches.buy, { batchId: thermal });
    expect((await waitForBatch(b, thermal)).counts.bought).toBe(1);
    const [zItem] = await itemsOf(b, thermal);
    pdf = await pdfOf(b, (await b.supervisor.action(api.documents.batchPdf, { batchId: thermal })).documentId);
    expect(pageSizes(pdf)).toEqual([LABEL, LETTER]);
    const standIn = textOnPage(pdf, 0);
    expect(standIn).toContain(`Shipment ${zItem.shipmentNumber}: NOT A SHIPPING LABEL.`);
    expect(standIn).toContain("bought as ZPL for a thermal printer");
    expect(standIn).toContain(`(the label printer setting of ${warehouse.name}).`);
    expect(standIn).toMatch(/set the warehouse's label\nprinter to PDF/);
    expect(standIn).toContain(`Tracking number only: ${zItem.trackingNumber}`);
    expect(barcodesOnPage(pdf, 0)).toEqual([zItem.trackingNumber]);
  });
});
