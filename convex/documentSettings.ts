/**
 * Document settings: the company name, address and logo printed on packing slips and pick sheets,
 * and the paper slips are printed on (A4 or Letter). Everyone reads; admins edit.
 */
import { v } from "convex/values";
import { adminCommand, adminMutation, floorQuery } from "./functions";
import { DEFAULT_COMPANY, saveDocumentSettings } from "./model/batches/documentData";
import { settingsRow } from "./model/settings/singleton";
import { vDocumentSettingsFields } from "./model/batches/tables";

export const get = floorQuery({
  args: {},
  returns: v.object({ ...vDocumentSettingsFields, logoUrl: v.union(v.string(), v.null()), saved: v.boolean() }),
  handler: async (ctx) => {
    const row = await settingsRow(ctx, "documentSettings");
    if (!row) return { ...DEFAULT_COMPANY, logoUrl: null, saved: false };
    const { _id: _unusedId, _creationTime: _created, key: _key, updatedAt: _updated, ...settings } = row;
    return {
      ...settings,
      logoUrl: row.logoStorageId ? await ctx.storage.getUrl(row.logoStorageId) : null,
      saved: true,
    };
  },
});

export const save = adminCommand(vDocumentSettingsFields, (ctx, args) => saveDocumentSettings(ctx, ctx.actor, args));

/** Where the logo file (PNG or JPEG) is uploaded before `save` names it. */
export const logoUploadUrl = adminMutation({
  args: {},
  returns: v.string(),
  handler: (ctx) => ctx.storage.generateUploadUrl(),
});
