/**
 * What a typed or scanned code means, on the floor and in the desk's product searches. People key in what the screen shows: a SKU, any
 * of the product's barcodes or a bin code, in any case. The task's own product and bin are matched
 * case-insensitively in full; any other code is resolved through the catalog's exact indexes, tried
 * as typed, upper- and lower-cased (SKUs and Code 128 values are stored as their owners wrote them).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { normalizeScan } from "../../lib/barcode";
import { recordAudit } from "../audit/record";
import { rowOrThrow } from "../rows";
import { barcodeRow, productBySku } from "../catalog/products";

/** Case-insensitive equality of two codes (scanners and keyboards differ only in case here). */
export const sameCode = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** Whether `code` names this product: its SKU or one of its barcodes, in any case. */
export function namesProduct(product: Pick<Doc<"products">, "sku" | "barcodes">, code: string): boolean {
  return sameCode(product.sku, code) || product.barcodes.some((b) => sameCode(b, code));
}

function variants(code: string): string[] {
  return [...new Set([code, code.toUpperCase(), code.toLowerCase()])];
}

/** The product a code names (barcode first, then SKU), or null. At most six index reads. */
export async function resolveProduct(ctx: Pick<QueryCtx, "db">, raw: string): Promise<Doc<"products"> | null> {
  const code = normalizeScan(raw);
  if (!code) return null;
  for (const c of variants(code)) {
    const row = await barcodeRow(ctx, c);
    if (row) return ctx.db.get("products", row.productId);
  }
  for (const c of variants(code)) {
    const p = await productBySku(ctx, c);
    if (p) return p;
  }
  return null;
}

/** "BSK-OCEA (Ocean basket)" — how refusals name a product. */
export const productLabel = (p: Pick<Doc<"products">, "sku" | "name">) => `${p.sku} (${p.name})`;

type ScanEveryUnit = { productId: Id<"products">; scanEveryUnit: boolean };

/** Serialized or high-value goods are scanned unit by unit (the count keypad is refused); audited. */
export async function setScanEveryUnit(ctx: MutationCtx, actor: Actor, a: ScanEveryUnit) {
  const { productId, scanEveryUnit } = a;
  const p = await rowOrThrow(ctx, "products", productId, "product");
  await ctx.db.patch("products", productId, { scanEveryUnit });
  await recordAudit(ctx, actor, {
    entity: "product",
    entityId: productId,
    action: "scan_every_unit",
    summary: `${p.sku}: ${scanEveryUnit ? "scan every unit" : "scan once and count"}`,
  });
}
