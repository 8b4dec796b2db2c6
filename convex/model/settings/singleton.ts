/**
 * Singleton settings rows: tables that hold one row under the key "default" (exception, pickup,
 * portal, notification, document and allocation settings), read through their `by_key` index.
 * Until an admin first saves, there is no row and the caller's defaults are in force; a save
 * patches the row (or inserts it with the key) and writes one audit entry in the same transaction.
 */
import type { WithoutSystemFields } from "convex/server";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { recordAudit, type ActorOrSystem } from "../audit/record";

export type SettingsTable =
  | "exceptionSettings"
  | "pickupSettings"
  | "portalSettings"
  | "notificationSettings"
  | "documentSettings"
  | "allocationSettings";

/** The key of the one row. */
export const SETTINGS_KEY = "default";

/** A settings row's own fields (everything but the system fields and the key). */
export type SettingsFields<T extends SettingsTable> = Omit<WithoutSystemFields<Doc<T>>, "key">;

/** The settings row, or null before the first save. */
export async function settingsRow<T extends SettingsTable>(
  ctx: { db: QueryCtx["db"] },
  table: T,
): Promise<Doc<T> | null> {
  // One table at a time: every SettingsTable has the same `by_key` index over the same `key` field.
  const rows = ctx.db.query(table as SettingsTable).withIndex("by_key", (q) => q.eq("key", SETTINGS_KEY));
  return (await rows.unique()) as Doc<T> | null;
}

/** The settings in force: the saved row's values of the defaults' fields, or the defaults. */
export async function readSettingsRow<T extends SettingsTable, S extends Partial<SettingsFields<T>>>(
  ctx: { db: QueryCtx["db"] },
  table: T,
  defaults: S,
): Promise<S> {
  const row = await settingsRow(ctx, table);
  if (!row) return defaults;
  return Object.fromEntries(Object.keys(defaults).map((k) => [k, row[k as keyof typeof row]])) as unknown as S;
}

/** Writes the row: patches it, or inserts it with the key the first time. */
export async function writeSettingsRow<T extends SettingsTable>(ctx: MutationCtx, table: T, fields: SettingsFields<T>) {
  const row = await settingsRow(ctx, table);
  if (row) await ctx.db.patch(table, row._id, fields as unknown as Partial<Doc<T>>);
  else await ctx.db.insert(table, { key: SETTINGS_KEY, ...fields } as unknown as WithoutSystemFields<Doc<T>>);
}

/** Saves the row (writeSettingsRow) and audits it as an "update" of `table`. */
export async function saveSettingsRow<T extends SettingsTable>(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  table: T,
  { fields, summary }: { fields: SettingsFields<T>; summary: string },
) {
  await writeSettingsRow(ctx, table, fields);
  await recordAudit(ctx, actor, { entity: table, entityId: SETTINGS_KEY, action: "update", summary });
}
