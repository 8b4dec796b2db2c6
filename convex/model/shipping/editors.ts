/**
 * Who is on the shipping-rules page and which rule (and field) they are editing, so admins see
 * each other live. The page sends a heartbeat every few seconds and `leave` when it closes; each
 * heartbeat also sweeps a few rows nobody refreshed for EDITOR_TTL_MS, so no cron is needed.
 * Readers filter by lastSeen against their own clock (queries may not read the time).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";

export const EDITOR_TTL_MS = 30_000;

export async function editorHeartbeat(
  ctx: MutationCtx,
  actor: Actor,
  at: { ruleId?: Id<"shippingRules">; field?: string },
) {
  const now = Date.now();
  const mine = await ctx.db
    .query("ruleEditors")
    .withIndex("by_memberId", (q) => q.eq("memberId", actor.id))
    .first();
  const row = { memberId: actor.id, name: actor.name, ruleId: at.ruleId, field: at.field, lastSeen: now };
  if (mine) await ctx.db.replace("ruleEditors", mine._id, row);
  else await ctx.db.insert("ruleEditors", row);
  const stale = await ctx.db
    .query("ruleEditors")
    .withIndex("by_lastSeen", (q) => q.lt("lastSeen", now - EDITOR_TTL_MS))
    .take(20);
  for (const s of stale) await ctx.db.delete("ruleEditors", s._id);
}

export async function editorLeave(ctx: MutationCtx, actor: Actor) {
  const mine = await ctx.db
    .query("ruleEditors")
    .withIndex("by_memberId", (q) => q.eq("memberId", actor.id))
    .first();
  if (mine) await ctx.db.delete("ruleEditors", mine._id);
}

/** Everyone with a recent heartbeat row, most recent first (the client drops rows past the TTL). */
export async function listEditors(ctx: QueryCtx) {
  return ctx.db.query("ruleEditors").withIndex("by_lastSeen").order("desc").take(50);
}
