/**
 * The caller's floor scope (issue 20): the store a floor member is bound to, so the floor pages
 * offer that site only. The server enforces the scope in every floor function (model/floor/scope);
 * this only keeps the pages from offering what would be refused.
 */
import { v } from "convex/values";
import { floorQuery } from "./functions";
import { scopedSite } from "./model/floor/scope";

export const mine = floorQuery({
  args: {},
  returns: v.object({ storeId: v.union(v.null(), v.id("warehouses")) }),
  handler: async (ctx) => ({ storeId: scopedSite(ctx.member) }),
});
