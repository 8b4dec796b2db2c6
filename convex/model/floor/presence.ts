/**
 * Presence: who is on which pick list or shipment. The client sends a heartbeat while a page is
 * open and `leave` when it closes; a cron drops rows not refreshed for PRESENCE_TTL_MS. Readers
 * also filter by lastSeen against their own clock, since queries may not read the time.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Actor } from "../../functions";

export const PRESENCE_TTL_MS = 45_000;

export async function heartbeat(ctx: MutationCtx, actor: Actor, place: string) {
  const mine = await ctx.db
    .query("presence")
    .withIndex("by_memberId", (q) => q.eq("memberId", actor.id))
    .take(20);
  const here = mine.find((p) => p.place === place);
  // One place per member: being on a list means leaving the previous one.
  for (const p of mine) if (p !== here) await ctx.db.delete("presence", p._id);
  if (here) await ctx.db.patch("presence", here._id, { lastSeen: Date.now() });
  else await ctx.db.insert("presence", { place, memberId: actor.id, name: actor.name, lastSeen: Date.now() });
}

export async function leave(ctx: MutationCtx, actor: Actor, place: string) {
  const mine = await ctx.db
    .query("presence")
    .withIndex("by_memberId", (q) => q.eq("memberId", actor.id))
    .take(20);
  for (const p of mine) if (p.place === place) await ctx.db.delete("presence", p._id);
}

/** Deletes rows older than the TTL, a bounded batch per run. */
export async function expire(ctx: MutationCtx, now: number) {
  const stale = await ctx.db
    .query("presence")
    .withIndex("by_lastSeen", (q) => q.lt("lastSeen", now - PRESENCE_TTL_MS))
    .take(200);
  for (const p of stale) await ctx.db.delete("presence", p._id);
  return stale.length;
}
