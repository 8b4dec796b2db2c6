/**
 * Reading our PDFs back in tests and benchmarks: page sizes, and every Code 128 barcode on a page
 * decoded from the image embedded in the PDF (the pixels pdf-lib stored, inflated, read by ZXing's
 * Code 128 reader) — the barcode a scanner would see, not the text we meant to encode.
 */
import { inflateSync } from "node:zlib";
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFDict, PDFNumber } from "pdf-lib";
import * as zxingNs from "@zxing/library";

// A CommonJS package: Node's ESM loader gives it as the default export, bundlers as named ones.
const zx = "BinaryBitmap" in zxingNs ? zxingNs : (zxingNs as unknown as { default: typeof zxingNs }).default;
const { BinaryBitmap, Code128Reader, DecodeHintType, HybridBinarizer, RGBLuminanceSource } = zx;

export const pageSizes = (doc: PDFDocument) =>
  doc.getPages().map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]);

/** Decodes one image XObject as a Code 128 barcode (null when it is not one, e.g. a logo). */
function decodeImage(doc: PDFDocument, stream: PDFRawStream): string | null {
  const dict = stream.dict;
  // bwip-js draws black bars on a transparent ground: pdf-lib keeps the alpha as a soft mask.
  const mask = dict.get(PDFName.of("SMask"));
  const maskStream = mask ? doc.context.lookup(mask) : undefined;
  const alpha = maskStream instanceof PDFRawStream ? inflateSync(Buffer.from(maskStream.contents)) : null;
  const w = (dict.get(PDFName.of("Width")) as PDFNumber).asNumber();
  const h = (dict.get(PDFName.of("Height")) as PDFNumber).asNumber();
  const raw = inflateSync(Buffer.from(stream.contents));
  const channels = Math.round(raw.length / (w * h));
  // A white margin (the quiet zone a label has around its barcode), then the pixels as luminance.
  const pad = 20;
  const W = w + 2 * pad;
  const H = h + 2 * pad;
  const lum = new Uint8ClampedArray(W * H).fill(255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const a = alpha ? alpha[i] / 255 : 1;
      lum[(y + pad) * W + x + pad] = Math.round(255 - a * (255 - raw[i * channels]));
    }
  }
  try {
    const hints = new Map<zxingNs.DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
    return new Code128Reader()
      .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, W, H))), hints)
      .getText();
  } catch {
    return null;
  }
}

/** The decoded barcodes drawn on page `index` (in drawing-resource order). */
export function barcodesOnPage(doc: PDFDocument, index: number): string[] {
  const page = doc.getPage(index);
  const resources = page.node.Resources();
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  const out: string[] = [];
  if (!xobjects) return out;
  for (const [, ref] of xobjects.entries()) {
    const obj = doc.context.lookup(ref);
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")) {
      const text = decodeImage(doc, obj);
      if (text !== null) out.push(text);
    }
    // A copied label page draws through a form XObject: look inside it too.
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of("Subtype")) === PDFName.of("Form")) {
      const inner = obj.dict.lookupMaybe(PDFName.of("Resources"), PDFDict)?.lookupMaybe(PDFName.of("XObject"), PDFDict);
      for (const [, r] of inner?.entries() ?? []) {
        const o = doc.context.lookup(r);
        if (o instanceof PDFRawStream && o.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")) {
          const text = decodeImage(doc, o);
          if (text !== null) out.push(text);
        }
      }
    }
  }
  return out;
}

/**
 * The text drawn on page `index` with the standard fonts (pdf-lib writes each `drawText` as a hex
 * string shown with Tj, in a Flate-compressed content stream), lines joined by "\n".
 */
export function textOnPage(doc: PDFDocument, index: number): string {
  const contents = doc.getPage(index).node.Contents();
  const streams: PDFRawStream[] = [];
  for (const item of contents instanceof PDFArray ? contents.asArray() : [contents]) {
    const o = item ? doc.context.lookup(item) : undefined;
    if (o instanceof PDFRawStream) streams.push(o);
  }
  const lines: string[] = [];
  for (const s of streams) {
    const filtered = s.dict.get(PDFName.of("Filter")) === PDFName.of("FlateDecode");
    const ops = (filtered ? inflateSync(Buffer.from(s.contents)) : Buffer.from(s.contents)).toString("latin1");
    for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(Buffer.from(m[1], "hex").toString("latin1"));
  }
  return lines.join("\n");
}
