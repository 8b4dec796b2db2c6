/**
 * The checks on a catalog product, pure and keyed by field: the server refuses with them
 * (model/catalog/products.ts, before it looks for a SKU or barcode already in use) and the product
 * form shows them before it sends, so the two cannot disagree.
 */
import { barcodeProblem } from "./barcode";
import { MAX_BARCODES } from "./bounds";

/** 1–40 letters, digits, dots, dashes, slashes or underscores, not starting with a sign. */
const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,39}$/;

/** A product as the server takes it (numbers the form could not read are NaN). */
export type ProductFields = {
  sku: string;
  name: string;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  priceMinor: number;
  costMinor: number;
  imageUrl?: string;
  barcodes: string[];
};

/** Field → sentence for a product's own fields (barcodes keyed "barcodes.<i>"); empty when it may be saved. */
export function productFieldErrors(p: ProductFields): Record<string, string> {
  const e: Record<string, string> = {};
  if (!SKU_PATTERN.test(p.sku)) e.sku = "SKU must be 1–40 letters, digits, dots, dashes, slashes or underscores.";
  if (!p.name.trim()) e.name = "Name is required.";
  for (const f of ["weightGrams", "lengthMm", "widthMm", "heightMm"] as const) {
    if (!Number.isInteger(p[f]) || p[f] <= 0) e[f] = "Enter a whole number above zero.";
  }
  for (const f of ["priceMinor", "costMinor"] as const) {
    if (!Number.isSafeInteger(p[f]) || p[f] < 0) e[f] = "Enter an amount of zero or more.";
  }
  if (p.imageUrl !== undefined && !/^https:\/\/\S{1,490}$/.test(p.imageUrl))
    e.imageUrl = "An https:// address of at most 500 characters.";
  if (p.barcodes.length > MAX_BARCODES) e.barcodes = `A product has at most ${MAX_BARCODES} barcodes.`;
  const seen = new Set<string>();
  p.barcodes.forEach((code, i) => {
    const problem = barcodeProblem(code);
    if (problem) e[`barcodes.${i}`] = problem;
    else if (seen.has(code)) e[`barcodes.${i}`] = `Barcode ${code} is listed twice.`;
    seen.add(code);
  });
  return e;
}
