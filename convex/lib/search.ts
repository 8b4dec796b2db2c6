/**
 * Search text for the Convex search indexes (pure). One function per table builds the field from
 * the document's own values; the one writer of each table calls it (orders: model/orders/create.ts
 * and the PII erasure; products: model/catalog/products.ts) so the field is never stale.
 *
 * Exact lookups (order number, customer email, SKU, barcode) go through ordinary indexes first;
 * the search index answers names and partial words. `classifyQuery` decides which.
 */

/** Results of one search (the header box shows this many of each kind). */
export const SEARCH_PAGE = 8;

/** Terms a search text keeps; Convex search reads at most 16 terms of a query. */
const MAX_TERMS = 400;

function terms(values: readonly (string | undefined)[]): string {
  const seen = new Set<string>();
  for (const value of values) {
    for (const t of (value ?? "").toLowerCase().split(/\s+/)) if (t && seen.size < MAX_TERMS) seen.add(t);
  }
  return [...seen].join(" ");
}

/** Order number (and its digits), customer name and email, and every line's SKU and product name. */
export function orderSearchText(o: {
  number: string;
  customer: { name: string; email: string };
  lines: readonly { sku: string; name: string }[];
}): string {
  const digits = o.number.replace(/^[A-Za-z]+-/, "");
  return terms([o.number, digits, o.customer.name, o.customer.email, ...o.lines.flatMap((l) => [l.sku, l.name])]);
}

/**
 * A shipment is found by the same words as its order (number, customer name and email, SKUs and
 * product names: the order's own search text) and by its own number ("SO-100042-2").
 */
export function shipmentSearchText(shipmentNumber: string, orderText: string): string {
  return terms([shipmentNumber, orderText]);
}

/** Product name, SKU and barcodes. */
export function productSearchText(p: { sku: string; name: string; barcodes: readonly string[] }): string {
  return terms([p.name, p.sku, ...p.barcodes]);
}

export type QueryKind =
  | { kind: "email"; email: string }
  | { kind: "orderNumber"; number: string }
  | { kind: "code"; code: string }
  | { kind: "text"; text: string };

/**
 * What a typed query most likely is: an email (exact index on the customer's email), an order
 * number ("SO-100042" or "100042"), a code (SKU or barcode: one word with a digit), or words.
 */
export function classifyQuery(raw: string): QueryKind {
  const t = raw.trim();
  if (/^[^\s@]+@[^\s@]+$/.test(t)) return { kind: "email", email: t.toLowerCase() };
  const n = t.toUpperCase();
  if (/^[A-Z]{2}-\d+$/.test(n)) return { kind: "orderNumber", number: n };
  if (/^\d{1,9}$/.test(n)) return { kind: "orderNumber", number: `SO-${n}` };
  if (!/\s/.test(t) && /\d/.test(t)) return { kind: "code", code: t };
  return { kind: "text", text: t };
}
