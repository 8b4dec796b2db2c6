/**
 * The shape every singleton settings table shares: one row under `key` ("default"), found through
 * the `by_key` index that model/settings/singleton.ts reads and writes it by.
 */
import { defineTable } from "convex/server";
import { v, type PropertyValidators } from "convex/values";

/** A settings table of these fields, keyed for the singleton helpers. */
export function defineSettingsTable<F extends PropertyValidators>(fields: F) {
  return defineTable({ key: v.string(), ...fields }).index("by_key", ["key"]);
}

/** When an admin last saved the settings, and who. */
export const vSavedBy = { updatedAt: v.number(), updatedBy: v.optional(v.string()) };
