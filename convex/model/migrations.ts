/**
 * What every backfill of kept data shares (convex-helpers migrations, progress in the `migrations`
 * table): recording a series as done without running it, for data a fresh seed wrote already right,
 * and where each migration of a series stands.
 */
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { v } from "convex/values";
import { getStatus } from "convex-helpers/server/migrations";

/** Records each named migration ("module:name") as done, unless it has a row already. */
export async function markMigrationsDone(ctx: MutationCtx, names: readonly string[]) {
  const now = Date.now();
  for (const name of names) {
    const row = await ctx.db
      .query("migrations")
      .withIndex("name", (q) => q.eq("name", name))
      .unique();
    if (row) continue;
    const table = name.split(":")[1];
    await ctx.db.insert("migrations", {
      name,
      table,
      cursor: null,
      isDone: true,
      processed: 0,
      latestStart: now,
      latestEnd: now,
    });
  }
}

/** What `migrationsStatus` answers, for a series' `status` query. */
export const vMigrationsStatus = v.array(v.object({ name: v.string(), processed: v.number(), isDone: v.boolean() }));

/** Processed so far and done or not, per migration of a series. */
export async function migrationsStatus(
  ctx: QueryCtx,
  migrations: NonNullable<Parameters<typeof getStatus>[1]["migrations"]>,
) {
  const rows = await getStatus(ctx, { migrationTable: "migrations", migrations });
  return rows.map((r) => ({ name: r.name, processed: "processed" in r ? r.processed : 0, isDone: r.isDone }));
}
