"use node";
/**
 * The built-in table-rate provider: works with no network and no key. Rates come from the zone ×
 * weight tables in lib/shipping/tableRates; a label is a 4×6 in drawn here with a Code 128
 * barcode of its tracking number, in the printer's format like a vendor's: PDF (default) or ZPL II
 * for thermal printers; a PNG printer gets the PDF, and `labelFormat` says so (as a vendor that
 * cannot convert would). Tracking numbers are derived from the package's idempotency key,
 * so buying the same package again (a retried action) yields the very same label.
 */
import { streetLines } from "../../lib/address";
import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import bwipjs from "bwip-js/node";
import { RATE_TABLE, packagePrice, tableQuotes, zoneFor, type Zone } from "../../lib/shipping/tableRates";
import {
  CarrierError,
  type BoughtLabel,
  type BuyRequest,
  type CarrierAddress,
  type CarrierProvider,
  type ProviderRate,
  type RateRequest,
  type TrackingResult,
} from "./types";

type Ref = { carrier: string; service: string; zone: Zone };

/** FNV-1a: a stable 12-digit number from a key. */
function digits(key: string): string {
  let h = 0x811c9dc5;
  let h2 = 0x1505;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
    h2 = (Math.imul(h2, 33) + key.charCodeAt(i)) >>> 0;
  }
  return (String(h).padStart(10, "0") + String(h2 % 100).padStart(2, "0")).slice(0, 12);
}

export function tableTrackingNumber(carrier: string, idempotencyKey: string): string {
  return `TR${carrier
    .replace(/[^A-Za-z]/g, "")
    .slice(0, 3)
    .toUpperCase()}${digits(idempotencyKey)}`;
}

export class TableRateProvider implements CarrierProvider {
  readonly name = "table";

  async getRates(req: RateRequest): Promise<ProviderRate[]> {
    const quotes = tableQuotes(
      req.from,
      req.to,
      req.parcels.map((p) => p.weightGrams),
    );
    if (quotes.length === 0)
      throw new CarrierError(this.name, "no_rates", "no table service reaches this destination at this weight");
    return quotes.map(({ zone, ...q }) => ({
      ...q,
      ref: JSON.stringify({ carrier: q.carrier, service: q.service, zone } satisfies Ref),
    }));
  }

  async buyLabels(req: BuyRequest): Promise<BoughtLabel[]> {
    const ref = JSON.parse(req.ref) as Ref;
    const row = RATE_TABLE.find((r) => r.carrier === ref.carrier && r.service === ref.service);
    if (!row) throw new CarrierError(this.name, "refused", `no table for ${ref.carrier} ${ref.service}`);
    const zone = zoneFor(req.from, req.to);
    const labels: BoughtLabel[] = [];
    const master = tableTrackingNumber(ref.carrier, req.parcels[0].idempotencyKey);
    for (const [i, p] of req.parcels.entries()) {
      const cost = packagePrice(row, zone, p.weightGrams);
      if (cost === undefined)
        throw new CarrierError(this.name, "refused", `package ${i + 1} cannot go ${ref.carrier} ${ref.service}`);
      const trackingNumber = tableTrackingNumber(ref.carrier, p.idempotencyKey);
      const content = {
        from: req.from,
        to: req.to,
        carrier: ref.carrier,
        service: ref.service,
        trackingNumber,
        reference: req.reference,
        piece: `${i + 1} of ${req.parcels.length}`,
        weightGrams: p.weightGrams,
      };
      const zpl = req.labelFormat === "ZPL";
      const labelPdf = zpl ? new TextEncoder().encode(zplLabel(content)) : await drawLabel(content);
      labels.push({
        packageId: p.packageId,
        trackingNumber,
        providerLabelId: trackingNumber,
        costMinor: cost,
        currency: "USD",
        labelPdf,
        labelFormat: zpl ? "ZPL" : "PDF",
        masterTrackingNumber: req.parcels.length > 1 ? master : undefined,
      });
    }
    return labels;
  }

  async voidLabel() {
    return { voided: true, message: "table-rate label voided" };
  }

  async track(req: { trackingNumber: string }): Promise<TrackingResult> {
    return { status: "pre_transit", detail: `Label ${req.trackingNumber} created; awaiting carrier scan`, events: [] };
  }
}

const lines = (a: CarrierAddress) => [a.name, a.company, ...streetLines(a), a.country].filter((x): x is string => !!x);

/** What a table-rate label shows, in either format. */
export type LabelContent = {
  from: CarrierAddress;
  to: CarrierAddress;
  carrier: string;
  service: string;
  trackingNumber: string;
  reference: string;
  piece: string;
  weightGrams: number;
};

/** ZPL II text safe in a ^FD field (no control characters, no field delimiters). */
const zplText = (s: string) => s.replace(/[\^~\\]/g, " ").replace(/[^\x20-\x7E]/g, "?");

/** The same 4×6 in label in ZPL II at 203 dpi (812 × 1218 dots), for thermal printers. */
export function zplLabel(l: LabelContent): string {
  const out = ["^XA", "^CI28", "^PW812", "^LL1218", "^FO30,30^A0N,22,22^FDFROM^FS"];
  lines(l.from).forEach((s, i) => out.push(`^FO30,${60 + i * 26}^A0N,24,24^FD${zplText(s)}^FS`));
  out.push("^FO0,250^GB812,4,4^FS", "^FO30,270^A0N,26,26^FDSHIP TO^FS");
  lines(l.to).forEach((s, i) => out.push(`^FO60,${310 + i * 42}^A0N,36,36^FD${zplText(s)}^FS`));
  out.push(
    "^FO0,600^GB812,4,4^FS",
    `^FO30,630^A0N,44,44^FD${zplText(`${l.carrier} ${l.service}`.toUpperCase())}^FS`,
    `^FO30,690^A0N,24,24^FD${zplText(`Ref ${l.reference} - package ${l.piece} - ${(l.weightGrams / 1000).toFixed(2)} kg`)}^FS`,
    `^FO60,760^BY3^BCN,260,N,N,N^FD${zplText(l.trackingNumber)}^FS`,
    `^FO30,1060^A0N,34,34^FDTRACKING # ${zplText(l.trackingNumber)}^FS`,
    "^FO30,1160^A0N,18,18^FDTable-rate label (offline provider)^FS",
    "^XZ",
  );
  return out.join("\n");
}

/** A 4×6 in shipping label: addresses, service, piece count and a Code 128 barcode of the tracking number. */
export async function drawLabel(l: LabelContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Label ${l.trackingNumber}`);
  const page = doc.addPage([288, 432]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const text = (s: string, at: { x: number; y: number; size?: number; font?: PDFFont }) =>
    page.drawText(s, { size: 9, font, ...at, color: rgb(0, 0, 0) });
  text("FROM", { x: 12, y: 410, size: 7, font: bold });
  lines(l.from).forEach((s, i) => text(s, { x: 12, y: 398 - i * 10, size: 8 }));
  page.drawLine({ start: { x: 0, y: 330 }, end: { x: 288, y: 330 }, thickness: 1.5 });
  text("SHIP TO", { x: 12, y: 314, size: 8, font: bold });
  lines(l.to).forEach((s, i) => text(s, { x: 24, y: 298 - i * 14, size: 12, font: i === 0 ? bold : font }));
  page.drawLine({ start: { x: 0, y: 200 }, end: { x: 288, y: 200 }, thickness: 1.5 });
  text(`${l.carrier} ${l.service}`.toUpperCase(), { x: 12, y: 182, size: 14, font: bold });
  text(`Ref ${l.reference} · package ${l.piece} · ${(l.weightGrams / 1000).toFixed(2)} kg`, { x: 12, y: 166, size: 8 });
  const png = await bwipjs.toBuffer({
    bcid: "code128",
    text: l.trackingNumber,
    scale: 3,
    height: 14,
    includetext: false,
  });
  const image = await doc.embedPng(png);
  const width = 264;
  const height = Math.min(90, (image.height / image.width) * width);
  page.drawImage(image, { x: 12, y: 50, width, height });
  text(`TRACKING # ${l.trackingNumber}`, { x: 12, y: 30, size: 11, font: bold });
  text("Table-rate label (offline provider)", { x: 12, y: 12, size: 6 });
  return doc.save();
}
