/** Catalog API. Reads for every member; writes for admins. */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { adminCommand, adminMutation, floorQuery } from "./functions";
import { vProductInput } from "./model/catalog/tables";
import { createProduct, getProductOrThrow, setProductActive, updateProduct } from "./model/catalog/products";
import { normalizeScan } from "./lib/barcode";
import { resolveProduct } from "./model/floor/codes";
import schema from "./schema";

export const list = floorQuery({
  args: { paginationOpts: paginationOptsValidator, includeInactive: v.optional(v.boolean()) },
  returns: paginationResultValidator(schema.doc("products")),
  handler: async (ctx, { paginationOpts, includeInactive }) => {
    if (includeInactive) return ctx.db.query("products").order("desc").paginate(paginationOpts);
    return ctx.db
      .query("products")
      .withIndex("by_active_and_nameLower", (q) => q.eq("active", true))
      .paginate(paginationOpts);
  },
});

/** Type-ahead for the order form and stock pages: the product a SKU or barcode names (in any case, as on the floor), then name prefixes. */
export const search = floorQuery({
  args: { text: v.string() },
  returns: v.array(schema.doc("products")),
  handler: async (ctx, { text }) => {
    const t = normalizeScan(text);
    if (!t) return [];
    const exact = await resolveProduct(ctx, t);
    const lower = t.toLowerCase();
    const byName = await ctx.db
      .query("products")
      .withIndex("by_active_and_nameLower", (q) =>
        q
          .eq("active", true)
          .gte("nameLower", lower)
          .lt("nameLower", lower + "\uffff"),
      )
      .take(10);
    const seen = new Set<string>();
    return [exact, ...byName].filter((p): p is NonNullable<typeof p> => {
      if (!p || seen.has(p._id)) return false;
      seen.add(p._id);
      return true;
    });
  },
});

export const get = floorQuery({
  args: { id: v.id("products") },
  returns: schema.doc("products"),
  handler: async (ctx, { id }) => getProductOrThrow(ctx, id),
});

export const create = adminMutation({
  args: { product: vProductInput },
  returns: v.id("products"),
  handler: async (ctx, { product }) => createProduct(ctx, ctx.actor, product),
});

export const update = adminCommand({ id: v.id("products"), product: vProductInput }, (ctx, { id, product }) =>
  updateProduct(ctx, ctx.actor, id, product),
);

export const setActive = adminCommand({ id: v.id("products"), active: v.boolean() }, (ctx, { id, active }) =>
  setProductActive(ctx, ctx.actor, id, active),
);
