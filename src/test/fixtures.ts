/** Documents component tests share, with every field a reader may touch; `over` replaces any of them. */
import type { Doc, Id } from "../../convex/_generated/dataModel";

export const orderLine = (over: Partial<Doc<"orderLines">> = {}) =>
  ({
    _id: "l1" as Id<"orderLines">,
    sku: "TNT-2P",
    name: "Trail tent",
    unitPriceMinor: 1999,
    quantity: 4,
    unallocated: 0,
    allocated: 2,
    backordered: 2,
    dropshipped: 0,
    cancelled: 0,
    picked: 1,
    shipped: 0,
    returned: 0,
    ...over,
  }) as Doc<"orderLines">;

export const product = (over: Partial<Doc<"products">> = {}) =>
  ({
    _id: "p1" as Id<"products">,
    _creationTime: 0,
    sku: "WID-1",
    name: "Widget",
    barcodes: [],
    weightGrams: 100,
    lengthMm: 10,
    widthMm: 10,
    heightMm: 10,
    priceMinor: 1250,
    costMinor: 500,
    currency: "USD",
    active: true,
    nameLower: "widget",
    ...over,
  }) as Doc<"products">;
