/**
 * Product form values (text as typed) → the server's ProductInput, with the same sentences as
 * convex/model/catalog/products.ts and barcode checks from convex/lib/barcode.ts.
 */
import { z } from "zod";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { barcodeProblem } from "../../../../convex/lib/barcode";
import { CURRENCIES, parseMajor, type Currency } from "../../../../convex/lib/money";
import type { ProductInput } from "../../../lib/api-types";
import { minorToMajorText } from "../../../lib/format";
import { parseWhole, zodValidation, type Validation } from "../../../lib/useForm";

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,39}$/;
export const MEASURES = [
  ["weightGrams", "Weight (g)"],
  ["lengthMm", "Length (mm)"],
  ["widthMm", "Width (mm)"],
  ["heightMm", "Height (mm)"],
] as const;

const vValues = z.object({
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  barcodes: z.array(z.string()),
  weightGrams: z.string(),
  lengthMm: z.string(),
  widthMm: z.string(),
  heightMm: z.string(),
  price: z.string(),
  cost: z.string(),
  currency: z.enum(CURRENCIES),
});
export type ProductFormValues = z.infer<typeof vValues>;

export function productFormValues(p?: Doc<"products">): ProductFormValues {
  if (!p) {
    return {
      sku: "",
      name: "",
      description: "",
      barcodes: [],
      weightGrams: "",
      lengthMm: "",
      widthMm: "",
      heightMm: "",
      price: "",
      cost: "",
      currency: "USD",
    };
  }
  return {
    sku: p.sku,
    name: p.name,
    description: p.description ?? "",
    barcodes: [...p.barcodes],
    weightGrams: String(p.weightGrams),
    lengthMm: String(p.lengthMm),
    widthMm: String(p.widthMm),
    heightMm: String(p.heightMm),
    price: minorToMajorText(p.priceMinor),
    cost: minorToMajorText(p.costMinor),
    currency: p.currency,
  };
}

const schema = vValues
  .superRefine((v, ctx) => {
    const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: path.split("."), message });
    if (!SKU_PATTERN.test(v.sku.trim()))
      add("sku", "SKU must be 1–40 letters, digits, dots, dashes, slashes or underscores.");
    if (!v.name.trim()) add("name", "Name is required.");
    for (const [key] of MEASURES) {
      const n = parseWhole(v[key]);
      if (n === undefined || n <= 0) add(key, "Enter a whole number above zero.");
    }
    for (const [key, path] of [
      ["price", "priceMinor"],
      ["cost", "costMinor"],
    ] as const) {
      const n = parseMajor(v[key], v.currency);
      if (n === undefined || n < 0) add(path, "Enter an amount of zero or more.");
    }
    const seen = new Set<string>();
    v.barcodes.forEach((raw, i) => {
      const code = raw.trim();
      const problem = barcodeProblem(code);
      if (problem) add(`barcodes.${i}`, problem);
      else if (seen.has(code)) add(`barcodes.${i}`, `Barcode ${code} is listed twice.`);
      seen.add(code);
    });
  })
  .transform((v): ProductInput => ({
    sku: v.sku.trim(),
    name: v.name.trim(),
    description: v.description.trim() || undefined,
    barcodes: v.barcodes.map((b) => b.trim()),
    weightGrams: parseWhole(v.weightGrams)!,
    lengthMm: parseWhole(v.lengthMm)!,
    widthMm: parseWhole(v.widthMm)!,
    heightMm: parseWhole(v.heightMm)!,
    priceMinor: parseMajor(v.price, v.currency)!,
    costMinor: parseMajor(v.cost, v.currency)!,
    currency: v.currency as Currency,
  }));

export const validateProductForm = (values: ProductFormValues): Validation<ProductInput> =>
  zodValidation(schema, values);
