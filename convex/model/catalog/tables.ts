import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { CURRENCIES } from "../../lib/money";

export const vCurrency = literals(...CURRENCIES);

/** Outer dimensions in millimetres: of a product, a box type, a packed package. */
export const dimensionsFields = { lengthMm: v.number(), widthMm: v.number(), heightMm: v.number() };

export const vProductFields = {
  sku: v.string(),
  name: v.string(),
  description: v.optional(v.string()),
  /** UPC-A / EAN-13 / Code 128 values; each is unique across the catalog (see `barcodes`). */
  barcodes: v.array(v.string()),
  weightGrams: v.number(),
  ...dimensionsFields,
  priceMinor: v.number(),
  costMinor: v.number(),
  currency: vCurrency,
  /** A picture for the pack station (https URL), optional. */
  imageUrl: v.optional(v.string()),
};
export const vProductInput = v.object(vProductFields);
export type ProductInput = Infer<typeof vProductInput>;

export const catalogTables = {
  /** The catalog. Written by admins (products.ts); read by orders, inventory, floor, channels. */
  products: defineTable({
    ...vProductFields,
    active: v.boolean(),
    nameLower: v.string(),
    /** Floor: serialized or high-value goods are scanned unit by unit, never counted (floor.setScanEveryUnit). */
    scanEveryUnit: v.optional(v.boolean()),
    /** lib/search.productSearchText (name, SKU, barcodes), written with the product (model/catalog/products.ts). */
    searchText: v.optional(v.string()),
  })
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["active"] })
    .index("by_sku", ["sku"])
    .index("by_active_and_nameLower", ["active", "nameLower"]),
  /**
   * One row per barcode value → product. Kept in step with products.barcodes by model/catalog,
   * so uniqueness is one index read and a scan resolves to a product in one read.
   */
  barcodes: defineTable({ code: v.string(), productId: v.id("products") })
    .index("by_code", ["code"])
    .index("by_productId", ["productId"]),
};
