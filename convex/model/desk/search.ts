/**
 * Search across orders and products (issue 19): an exact index first when the text is an email,
 * an order number, a SKU or a barcode, else the search index (lib/search.ts builds the field).
 * Each finder reads at most `limit` documents (+1 for a barcode row), so one search reads no more
 * than its result page + 1 (bench/search.ts: search_docs_read).
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { classifyQuery } from "../../lib/search";
import { normalizeScan } from "../../lib/barcode";
import { orderByNumber } from "../orders/lines";
import { resolveProduct } from "../floor/codes";

export async function findOrders(ctx: QueryCtx, text: string, limit: number): Promise<Doc<"orders">[]> {
  const k = classifyQuery(text);
  if (k.kind === "email") {
    const hits = await ctx.db
      .query("orders")
      .withIndex("by_customer_email", (q) => q.eq("customer.email", k.email))
      .order("desc")
      .take(limit);
    if (hits.length > 0) return hits;
  }
  if (k.kind === "orderNumber") {
    const hit = await orderByNumber(ctx, k.number);
    if (hit) return [hit];
  }
  const words = text.trim();
  if (!words) return [];
  return ctx.db
    .query("orders")
    .withSearchIndex("search_text", (q) => q.search("searchText", words))
    .take(limit);
}

export async function findProducts(
  ctx: QueryCtx,
  text: string,
  limit: number,
  opts: { activeOnly?: boolean } = {},
): Promise<Doc<"products">[]> {
  const code = normalizeScan(text);
  if (code && !/\s/.test(code)) {
    const exact = await resolveProduct(ctx, code);
    if (exact) return [exact];
  }
  const words = text.trim();
  if (!words) return [];
  return ctx.db
    .query("products")
    .withSearchIndex("search_text", (q) =>
      opts.activeOnly ? q.search("searchText", words).eq("active", true) : q.search("searchText", words),
    )
    .take(limit);
}
