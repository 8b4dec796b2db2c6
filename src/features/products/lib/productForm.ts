/**
 * Product form values (text as typed) → the server's ProductInput, with the same sentences as
 * convex/model/catalog/products.ts and barcode checks from convex/lib/barcode.ts.
 */
import { z } from "zod";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { productFieldErrors } from "../../../../convex/lib/catalog";
import { CURRENCIES, parseMajor, type Currency } from "../../../../convex/lib/money";
import type { ProductInput } from "../../../lib/api-types";
import { minorToMajorText } from "../../../lib/format";
import { parseWhole, zodValidation, type Validation } from "../../../lib/useForm";

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

const schema = vValues.transform((v, ctx): ProductInput => {
  const input: ProductInput = {
    sku: v.sku.trim(),
    name: v.name.trim(),
    description: v.description.trim() || undefined,
    barcodes: v.barcodes.map((b) => b.trim()),
    weightGrams: parseWhole(v.weightGrams) ?? Number.NaN,
    lengthMm: parseWhole(v.lengthMm) ?? Number.NaN,
    widthMm: parseWhole(v.widthMm) ?? Number.NaN,
    heightMm: parseWhole(v.heightMm) ?? Number.NaN,
    priceMinor: parseMajor(v.price, v.currency) ?? Number.NaN,
    costMinor: parseMajor(v.cost, v.currency) ?? Number.NaN,
    currency: v.currency as Currency,
  };
  for (const [path, message] of Object.entries(productFieldErrors(input)))
    ctx.addIssue({ code: "custom", path: path.split("."), message });
  return input;
});

export const validateProductForm = (values: ProductFormValues): Validation<ProductInput> =>
  zodValidation(schema, values);
