/**
 * Search API (issue 19): the header's search box (orders and products at once), and the search of
 * the products and inventory lists. Exact indexes for order number, email, SKU and barcode; the
 * search indexes for names and words (model/desk/search.ts).
 */
import { vLevelRow } from "./model/inventory/tables";
import { findLevel, levelRow } from "./model/inventory/ledger";
import { v } from "convex/values";
import { floorQuery } from "./functions";
import { vOrderStatus } from "./model/orders/tables";
import { findOrders, findProducts } from "./model/desk/search";
import { SEARCH_PAGE } from "./lib/search";
import schema from "./schema";

/** Results of a list's search (products, inventory): the best matches, no further pages. */
const LIST_SEARCH_LIMIT = 50;

const vOrderHit = v.object({
  _id: v.id("orders"),
  number: v.string(),
  customerName: v.string(),
  email: v.string(),
  status: vOrderStatus,
});
const vProductHit = v.object({ _id: v.id("products"), sku: v.string(), name: v.string(), active: v.boolean() });

/** The header box: up to SEARCH_PAGE orders and SEARCH_PAGE products. */
export const global = floorQuery({
  args: { text: v.string() },
  returns: v.object({ orders: v.array(vOrderHit), products: v.array(vProductHit) }),
  handler: async (ctx, { text }) => {
    if (!text.trim()) return { orders: [], products: [] };
    const orders = await findOrders(ctx, text, SEARCH_PAGE);
    const products = await findProducts(ctx, text, SEARCH_PAGE);
    return {
      orders: orders.map((o) => ({
        _id: o._id,
        number: o.number,
        customerName: o.customer.name,
        email: o.customer.email,
        status: o.status,
      })),
      products: products.map((p) => ({ _id: p._id, sku: p.sku, name: p.name, active: p.active })),
    };
  },
});

/** The products list's search: name, SKU or barcode. */
export const products = floorQuery({
  args: { text: v.string(), includeInactive: v.optional(v.boolean()) },
  returns: v.array(schema.doc("products")),
  handler: async (ctx, { text, includeInactive }) =>
    findProducts(ctx, text, LIST_SEARCH_LIMIT, { activeOnly: !includeInactive }),
});

/** The inventory list's search: the levels, in one warehouse, of the products that match. */
export const inventory = floorQuery({
  args: { text: v.string(), warehouseId: v.id("warehouses") },
  returns: v.array(vLevelRow),
  handler: async (ctx, { text, warehouseId }) => {
    const found = await findProducts(ctx, text, LIST_SEARCH_LIMIT);
    const rows = [];
    for (const product of found) {
      const level = await findLevel(ctx, product._id, warehouseId);
      if (level) rows.push(levelRow(level, product));
    }
    return rows;
  },
});
