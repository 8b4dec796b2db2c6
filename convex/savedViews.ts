/**
 * Saved views API (issue 19): each member's named filters and visible columns for the orders and
 * shipments lists, kept server-side. Every member may keep their own; nobody sees another's.
 */
import { v } from "convex/values";
import schema from "./schema";
import { floorCommand, floorMutation, floorQuery } from "./functions";
import { vSavedViewList, vViewFilters } from "./model/desk/tables";
import { createView, removeView, renameView, setDefaultView, updateView, viewsOf } from "./model/desk/savedViews";

/** The caller's views of one list, by name. */
export const list = floorQuery({
  args: { list: vSavedViewList },
  returns: v.array(schema.doc("savedViews")),
  handler: async (ctx, { list }) => viewsOf(ctx, ctx.member._id, list),
});

export const create = floorMutation({
  args: {
    list: vSavedViewList,
    name: v.string(),
    filters: vViewFilters,
    columns: v.array(v.string()),
    isDefault: v.optional(v.boolean()),
  },
  returns: v.id("savedViews"),
  handler: async (ctx, { list, name, filters, columns, isDefault }) =>
    createView(ctx, ctx.member._id, { list, name, state: { filters, columns }, isDefault: isDefault ?? false }),
});

export const rename = floorCommand({ viewId: v.id("savedViews"), name: v.string() }, (ctx, { viewId, name }) =>
  renameView(ctx, ctx.member._id, viewId, name),
);

export const update = floorCommand(
  { viewId: v.id("savedViews"), filters: vViewFilters, columns: v.array(v.string()) },
  (ctx, { viewId, ...state }) => updateView(ctx, ctx.member._id, viewId, state),
);

export const remove = floorCommand({ viewId: v.id("savedViews") }, (ctx, { viewId }) =>
  removeView(ctx, ctx.member._id, viewId),
);

export const setDefault = floorCommand(
  { list: vSavedViewList, viewId: v.union(v.id("savedViews"), v.null()) },
  (ctx, { list, viewId }) => setDefaultView(ctx, ctx.member._id, list, viewId),
);
