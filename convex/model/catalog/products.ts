import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { productFieldErrors } from "../../lib/catalog";
import { MAX_BARCODES } from "../../lib/bounds";
import { recordActivation, recordAudit, type ActorOrSystem } from "../audit/record";
import { productSearchText } from "../../lib/search";
import type { ProductInput } from "./tables";
import { rowBy, rowOrThrow, rowsBy } from "../rows";

/** The product with exactly this SKU, or null (a SKU names one product: saving refuses a taken one). */
export async function productBySku(ctx: { db: QueryCtx["db"] }, sku: string) {
  return rowBy(ctx, "products", "by_sku", sku, "first");
}

/** The barcode row for exactly this code, or null (a code belongs to one product: saving refuses a taken one). */
export async function barcodeRow(ctx: { db: QueryCtx["db"] }, code: string) {
  return rowBy(ctx, "barcodes", "by_code", code, "first");
}

async function assertUnique(ctx: MutationCtx, p: ProductInput, self?: Id<"products">) {
  const e: Record<string, string> = {};
  const sameSku = await productBySku(ctx, p.sku);
  if (sameSku && sameSku._id !== self) e.sku = `SKU ${p.sku} is already used by “${sameSku.name}”.`;
  for (const [i, code] of p.barcodes.entries()) {
    const row = await barcodeRow(ctx, code);
    if (row && row.productId !== self) {
      const other = await ctx.db.get("products", row.productId);
      e[`barcodes.${i}`] = `Barcode ${code} already belongs to ${other?.sku ?? "another product"}.`;
    }
  }
  if (Object.keys(e).length > 0) {
    const only = Object.values(e);
    throw appError("DUPLICATE", only.length === 1 ? only[0] : "Some values are already in use.", e);
  }
}

function clean(p: ProductInput): ProductInput {
  return { ...p, sku: p.sku.trim(), name: p.name.trim(), barcodes: p.barcodes.map((b) => b.trim()) };
}

/** Creates a product and its barcode rows. Refuses bad fields and duplicate SKU or barcode. */
export async function createProduct(ctx: MutationCtx, actor: ActorOrSystem, input: ProductInput) {
  const p = clean(input);
  throwIfFieldErrors(productFieldErrors(p));
  await assertUnique(ctx, p);
  const id = await ctx.db.insert("products", {
    ...p,
    active: true,
    nameLower: p.name.toLowerCase(),
    searchText: productSearchText(p),
  });
  for (const code of p.barcodes) await ctx.db.insert("barcodes", { code, productId: id });
  await recordAudit(ctx, actor, {
    entity: "product",
    entityId: id,
    action: "create",
    summary: `Created ${p.sku} “${p.name}”`,
  });
  return id;
}

/** Replaces a product's editable fields, keeping barcode rows in step. */
export async function updateProduct(ctx: MutationCtx, actor: Actor, id: Id<"products">, input: ProductInput) {
  const existing = await getProductOrThrow(ctx, id);
  const p = clean(input);
  throwIfFieldErrors(productFieldErrors(p));
  await assertUnique(ctx, p, id);
  const rows = await rowsBy(ctx, "barcodes", "by_productId", id, { limit: MAX_BARCODES });
  for (const row of rows) if (!p.barcodes.includes(row.code)) await ctx.db.delete("barcodes", row._id);
  for (const code of p.barcodes)
    if (!rows.some((r) => r.code === code)) await ctx.db.insert("barcodes", { code, productId: id });
  await ctx.db.patch("products", id, { ...p, nameLower: p.name.toLowerCase(), searchText: productSearchText(p) });
  const changed = (Object.keys(p) as (keyof ProductInput)[]).filter(
    (k) => JSON.stringify(existing[k]) !== JSON.stringify(p[k]),
  );
  await recordAudit(ctx, actor, {
    entity: "product",
    entityId: id,
    action: "update",
    summary: changed.length ? `Changed ${changed.join(", ")}` : "Saved without changes",
  });
}

export async function setProductActive(ctx: MutationCtx, actor: Actor, id: Id<"products">, active: boolean) {
  const p = await getProductOrThrow(ctx, id);
  if (p.active === active) return;
  await ctx.db.patch("products", id, { active });
  await recordActivation(ctx, actor, { entity: "product", entityId: id, active, name: p.sku });
}

export async function getProductOrThrow(ctx: { db: QueryCtx["db"] }, id: Id<"products">): Promise<Doc<"products">> {
  return rowOrThrow(ctx, "products", id, "product");
}
