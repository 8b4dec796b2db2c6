/**
 * Saved views API (issue 19): each member's named filters and visible columns for the orders and
 * shipments lists, kept server-side. Every member may keep their own; nobody sees another's.
 */
import { v } from "convex/values";
import { floorMutation, floorQuery } from "./functions";
import { vSavedViewList, vViewFilters } from "./model/desk/tables";
import { createView, removeView, renameView, setDefaultView, updateView, viewsOf } from "./model/desk/savedViews";

const vView = v.object({
  _id: v.id("savedViews"),
  _creationTime: v.number(),
  memberId: v.id("members"),
  list: vSavedViewList,
  name: v.string(),
  filters: vViewFilters,
  columns: v.array(v.string()),
  isDefault: v.boolean(),
  updatedAt: v.number(),
});

/** The caller's views of one list, by name. */
export const list = floorQuery({
  args: { list: vSavedViewList },
  returns: v.array(vView),
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

export const rename = floorMutation({
  args: { viewId: v.id("savedViews"), name: v.string() },
  returns: v.null(),
  handler: async (ctx, { viewId, name }) => {
    await renameView(ctx, ctx.member._id, viewId, name);
    return null;
  },
});

export const update = floorMutation({
  args: { viewId: v.id("savedViews"), filters: vViewFilters, columns: v.array(v.string()) },
  returns: v.null(),
  handler: async (ctx, { viewId, filters, columns }) => {
    await updateView(ctx, ctx.member._id, viewId, { filters, columns });
    return null;
  },
});

export const remove = floorMutation({
  args: { viewId: v.id("savedViews") },
  returns: v.null(),
  handler: async (ctx, { viewId }) => {
    await removeView(ctx, ctx.member._id, viewId);
    return null;
  },
});

export const setDefault = floorMutation({
  args: { list: vSavedViewList, viewId: v.union(v.id("savedViews"), v.null()) },
  returns: v.null(),
  handler: async (ctx, { list, viewId }) => {
    await setDefaultView(ctx, ctx.member._id, list, viewId);
    return null;
  },
});
