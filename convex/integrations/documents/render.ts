"use node";
/**
 * Printable documents drawn with pdf-lib, barcodes by bwip-js (Code 128): the packing slip of a
 * shipment (A4 or Letter), the pick sheet of a pick list (bins in walk order, each with its
 * barcode), and the merge of labels (4×6 in, copied from the carrier's PDF, a PNG placed on a 4×6
 * page, a ZPL file stood in for by a page with its tracking barcode) and slips in one PDF.
 * Pure of Convex: the document actions read the data and store the bytes.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";
import bwipjs from "bwip-js/node";
import { dayKey } from "../../lib/clock";

export type Paper = "Letter" | "A4";
export const PAGE_SIZES: Record<Paper | "Label4x6", [number, number]> = {
  Letter: [612, 792],
  A4: [595.28, 841.89],
  Label4x6: [288, 432],
};

export type Company = {
  name: string;
  addressLines: string[];
  phone?: string;
  email?: string;
  logo?: { bytes: Uint8Array; type: "png" | "jpg" };
};
export type SlipData = {
  orderNumber: string;
  shipmentNumber: string;
  placedAt: number;
  customerName: string;
  shipTo: string[];
  lines: { sku: string; name: string; quantity: number }[];
  packages: number;
  /** The customer tracking page where returns start (order number + e-mail or postal code), when set. */
  returnsUrl: string | null;
  returnNote?: string;
};
export type PickSheetData = {
  number: string;
  warehouse: string;
  kind: string;
  tasks: { seq: number; bin: string; sku: string; name: string; quantity: number; tote: number }[];
};
export type LabelFile = {
  format: "PDF" | "PNG" | "ZPL";
  bytes: Uint8Array | null;
  trackingNumber: string;
  carrier: string;
  service: string;
  /** For the stand-in page: which shipment, and whose label printer setting chose ZPL. */
  shipmentNumber?: string;
  warehouseName?: string;
};

/** Text the standard fonts can draw (WinAnsi): anything else becomes "?". */
export const printable = (s: string) => s.replace(/[^\x20-\x7E\xA0-\xFF]/g, "?");

/** A Code 128 barcode as PNG bytes. */
export function barcodePng(text: string, opts: { scale?: number; height?: number } = {}): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: "code128",
    text,
    scale: opts.scale ?? 3,
    height: opts.height ?? 12,
    includetext: false,
  });
}

type Ctx = { doc: PDFDocument; font: PDFFont; bold: PDFFont; barcodes: Map<string, PDFImage> };

async function makeCtx(doc: PDFDocument): Promise<Ctx> {
  return {
    doc,
    font: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    barcodes: new Map(),
  };
}

async function barcode(c: Ctx, text: string, height = 12): Promise<PDFImage> {
  const key = `${height}:${text}`;
  let img = c.barcodes.get(key);
  if (!img) {
    img = await c.doc.embedPng(await barcodePng(text, { height }));
    c.barcodes.set(key, img);
  }
  return img;
}

const text = (page: PDFPage, s: string, at: { x: number; y: number; font: PDFFont; size?: number }) =>
  page.drawText(printable(s), { size: 10, ...at, color: rgb(0, 0, 0) });

/** Cuts text to fit `width` at `size`. */
function fit(font: PDFFont, s: string, size: number, width: number) {
  let t = printable(s);
  while (t.length > 1 && font.widthOfTextAtSize(t, size) > width) t = t.slice(0, -2) + ".";
  return t;
}

async function drawCompany(c: Ctx, page: PDFPage, company: Company, top: number) {
  const { width: w } = page.getSize();
  let x = 40;
  if (company.logo) {
    const img =
      company.logo.type === "png" ? await c.doc.embedPng(company.logo.bytes) : await c.doc.embedJpg(company.logo.bytes);
    const scale = Math.min(120 / img.width, 50 / img.height, 1);
    page.drawImage(img, { x: 40, y: top - img.height * scale, width: img.width * scale, height: img.height * scale });
    x = 40 + img.width * scale + 12;
  }
  text(page, fit(c.bold, company.name, 14, w - x - 40), { x, y: top - 14, font: c.bold, size: 14 });
  const rest = [...company.addressLines, company.phone, company.email].filter((s): s is string => !!s);
  rest.forEach((s, i) => text(page, fit(c.font, s, 9, w - x - 40), { x, y: top - 28 - i * 11, font: c.font, size: 9 }));
  return top - Math.max(56, 30 + rest.length * 11);
}

const SLIP_ROWS_FIRST = 22;
const SLIP_ROWS_NEXT = 40;

/** Draws one shipment's packing slip into `doc` (one page, more for long orders). Returns the pages added. */
export async function drawPackingSlip(c: Ctx, data: SlipData, company: Company, paper: Paper): Promise<number> {
  const size = PAGE_SIZES[paper];
  const chunks: SlipData["lines"][] = [data.lines.slice(0, SLIP_ROWS_FIRST)];
  for (let i = SLIP_ROWS_FIRST; i < data.lines.length; i += SLIP_ROWS_NEXT)
    chunks.push(data.lines.slice(i, i + SLIP_ROWS_NEXT));
  const [w, h] = size;
  for (const [n, rows] of chunks.entries()) {
    const page = c.doc.addPage(size);
    let y = h - 40;
    if (n === 0) {
      y = await drawCompany(c, page, company, y);
      text(page, "PACKING SLIP", { x: w - 180, y: h - 54, font: c.bold, size: 16 });
      y -= 16;
      text(page, `Order ${data.orderNumber}`, { x: 40, y, font: c.bold, size: 13 });
      text(
        page,
        `Shipment ${data.shipmentNumber} · ${data.packages} ${data.packages === 1 ? "package" : "packages"}`.replace(
          "·",
          "-",
        ),
        { x: 40, y: y - 15, font: c.font, size: 10 },
      );
      text(page, `Placed ${dayKey(data.placedAt)}`, {
        x: 40,
        y: y - 28,
        font: c.font,
        size: 10,
      });
      const code = await barcode(c, data.orderNumber);
      const bw = Math.min(220, code.width * 0.8);
      page.drawImage(code, { x: w - 40 - bw, y: y - 36, width: bw, height: 44 });
      text(page, data.orderNumber, { x: w - 40 - bw, y: y - 48, font: c.font, size: 9 });
      y -= 70;
      text(page, "SHIP TO", { x: 40, y, font: c.bold, size: 9 });
      data.shipTo.forEach((s, i) =>
        text(page, fit(c.font, s, 11, w / 2), { x: 40, y: y - 14 - i * 13, font: c.font, size: 11 }),
      );
      y -= 24 + data.shipTo.length * 13;
    } else {
      text(page, `Order ${data.orderNumber} - packing slip, page ${n + 1} of ${chunks.length}`, {
        x: 40,
        y,
        font: c.bold,
        size: 11,
      });
      y -= 24;
    }
    text(page, "SKU", { x: 40, y, font: c.bold, size: 9 });
    text(page, "ITEM", { x: 170, y, font: c.bold, size: 9 });
    text(page, "QTY", { x: w - 80, y, font: c.bold, size: 9 });
    page.drawLine({ start: { x: 40, y: y - 4 }, end: { x: w - 40, y: y - 4 }, thickness: 0.5 });
    y -= 18;
    for (const line of rows) {
      text(page, fit(c.font, line.sku, 10, 120), { x: 40, y, font: c.font, size: 10 });
      text(page, fit(c.font, line.name, 10, w - 170 - 100), { x: 170, y, font: c.font, size: 10 });
      text(page, String(line.quantity), { x: w - 80, y, font: c.bold, size: 10 });
      y -= 15;
    }
    if (n === chunks.length - 1) {
      const units = data.lines.reduce((s, l) => s + l.quantity, 0);
      text(page, `${units} ${units === 1 ? "unit" : "units"} in total`, {
        x: w - 160,
        y: y - 4,
        font: c.font,
        size: 9,
      });
      drawReturns(c, page, data);
    }
  }
  return chunks.length;
}

function drawReturns(c: Ctx, page: PDFPage, data: SlipData) {
  const { width: w } = page.getSize();
  page.drawRectangle({ x: 40, y: 40, width: w - 80, height: 92, borderWidth: 0.75, borderColor: rgb(0, 0, 0) });
  text(page, "RETURNS", { x: 50, y: 118, font: c.bold, size: 10 });
  const how = data.returnsUrl
    ? [
        `Start a return at ${data.returnsUrl} with order number ${data.orderNumber} and your e-mail or postal code.`,
        "Choose the items and the reason; you get a return number (RMA) and, where offered, a label.",
        "Write the RMA number on the parcel and keep this slip inside.",
      ]
    : [
        `Contact us with order number ${data.orderNumber} to start a return; you get a return number (RMA).`,
        "Write the RMA number on the parcel and keep this slip inside.",
      ];
  const lines = data.returnNote ? [...how, data.returnNote] : how;
  lines
    .slice(0, 5)
    .forEach((s, i) => text(page, fit(c.font, s, 8.5, w - 100), { x: 50, y: 104 - i * 12, font: c.font, size: 8.5 }));
}

/** A pick sheet: the list's stops in walk order, each bin with its barcode. */
export async function drawPickSheet(c: Ctx, data: PickSheetData, company: Company, paper: Paper): Promise<number> {
  const size = PAGE_SIZES[paper];
  const [w, h] = size;
  const ROWS_FIRST = 12;
  const ROWS_NEXT = 15;
  const chunks: PickSheetData["tasks"][] = [data.tasks.slice(0, ROWS_FIRST)];
  for (let i = ROWS_FIRST; i < data.tasks.length; i += ROWS_NEXT) chunks.push(data.tasks.slice(i, i + ROWS_NEXT));
  for (const [n, rows] of chunks.entries()) {
    const page = c.doc.addPage(size);
    let y = h - 40;
    if (n === 0) {
      text(page, fit(c.bold, company.name, 10, w / 2), { x: 40, y, font: c.bold, size: 10 });
      y -= 28;
      text(page, `PICK SHEET ${data.number}`, { x: 40, y, font: c.bold, size: 16 });
      text(page, `${data.warehouse} - ${data.kind} - ${data.tasks.length} stops`, {
        x: 40,
        y: y - 16,
        font: c.font,
        size: 10,
      });
      const code = await barcode(c, data.number);
      page.drawImage(code, { x: w - 240, y: y - 24, width: 200, height: 40 });
      y -= 50;
    } else {
      text(page, `Pick sheet ${data.number}, page ${n + 1} of ${chunks.length}`, { x: 40, y, font: c.bold, size: 11 });
      y -= 24;
    }
    text(page, "#", { x: 40, y, font: c.bold, size: 9 });
    text(page, "BIN", { x: 62, y, font: c.bold, size: 9 });
    text(page, "SKU / ITEM", { x: 250, y, font: c.bold, size: 9 });
    text(page, "QTY", { x: w - 110, y, font: c.bold, size: 9 });
    text(page, "TOTE", { x: w - 70, y, font: c.bold, size: 9 });
    page.drawLine({ start: { x: 40, y: y - 4 }, end: { x: w - 40, y: y - 4 }, thickness: 0.5 });
    y -= 12;
    for (const t of rows) {
      y -= 40;
      text(page, String(t.seq), { x: 40, y: y + 14, font: c.font, size: 10 });
      const code = await barcode(c, t.bin, 8);
      page.drawImage(code, { x: 62, y: y + 8, width: Math.min(150, code.width * 0.6), height: 26 });
      text(page, t.bin, { x: 62, y: y - 2, font: c.bold, size: 9 });
      text(page, fit(c.bold, t.sku, 10, w - 250 - 120), { x: 250, y: y + 20, font: c.bold, size: 10 });
      text(page, fit(c.font, t.name, 9, w - 250 - 120), { x: 250, y: y + 8, font: c.font, size: 9 });
      text(page, String(t.quantity), { x: w - 110, y: y + 14, font: c.bold, size: 12 });
      text(page, t.tote ? String(t.tote) : "-", { x: w - 70, y: y + 14, font: c.font, size: 10 });
    }
  }
  return chunks.length;
}

/** A label's pages: a carrier PDF copied as is; a PNG placed on a 4×6 page; ZPL (thermal only) stood in for by its tracking barcode. */
export async function drawLabel(c: Ctx, label: LabelFile): Promise<number> {
  if (label.format === "PDF" && label.bytes) {
    const src = await PDFDocument.load(label.bytes);
    const pages = await c.doc.copyPages(src, src.getPageIndices());
    for (const p of pages) c.doc.addPage(p);
    return pages.length;
  }
  const page = c.doc.addPage(PAGE_SIZES.Label4x6);
  if (label.format === "PNG" && label.bytes) {
    const img = await c.doc.embedPng(label.bytes);
    const scale = Math.min(288 / img.width, 432 / img.height);
    page.drawImage(img, {
      x: (288 - img.width * scale) / 2,
      y: (432 - img.height * scale) / 2,
      width: img.width * scale,
      height: img.height * scale,
    });
    return 1;
  }
  // No printable file: a page that says so and what to do, never one that looks like a label.
  text(page, `${label.carrier} ${label.service}`, { x: 16, y: 404, font: c.bold, size: 12 });
  const what = label.shipmentNumber ? `Shipment ${label.shipmentNumber}: ` : "";
  const steps =
    label.format === "ZPL"
      ? [
          `${what}NOT A SHIPPING LABEL.`,
          "This label was bought as ZPL for a thermal printer",
          `(the label printer setting of ${label.warehouseName ?? "its warehouse"}).`,
          "Print it on the thermal printer from the order's page",
          "(Shipping, Print), or set the warehouse's label",
          "printer to PDF so its labels print with these pages.",
        ]
      : [
          `${what}NOT A SHIPPING LABEL.`,
          "The carrier's label file could not be loaded.",
          "Print it from the order's page (Shipping, Print).",
        ];
  steps.forEach((line, i) =>
    text(page, line, { x: 16, y: 384 - i * 13, font: i === 0 ? c.bold : c.font, size: i === 0 ? 10 : 9 }),
  );
  const code = await barcode(c, label.trackingNumber);
  page.drawImage(code, { x: 16, y: 200, width: 256, height: 80 });
  text(page, `Tracking number only: ${label.trackingNumber}`, { x: 16, y: 186, font: c.font, size: 10 });
  return 1;
}

/** One merged PDF: for each shipment, its labels then its packing slip, in the order given (pick order). */
export async function renderMerged(
  entries: { labels: LabelFile[]; slip: SlipData | null }[],
  company: Company,
  paper: Paper,
) {
  const doc = await PDFDocument.create();
  const c = await makeCtx(doc);
  for (const e of entries) {
    for (const l of e.labels) await drawLabel(c, l);
    if (e.slip) await drawPackingSlip(c, e.slip, company, paper);
  }
  doc.setTitle("Labels and packing slips");
  const bytes = await doc.save();
  return { bytes, pages: doc.getPageCount() };
}

export async function renderPickSheet(data: PickSheetData, company: Company, paper: Paper) {
  const doc = await PDFDocument.create();
  const c = await makeCtx(doc);
  await drawPickSheet(c, data, company, paper);
  doc.setTitle(`Pick sheet ${data.number}`);
  const bytes = await doc.save();
  return { bytes, pages: doc.getPageCount() };
}
