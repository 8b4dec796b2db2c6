/**
 * Presence: who is on which pick list or shipment, and who is on the shipping-rules page editing
 * which rule, in one table keyed by place (`lib/presence.ts` names the places and the time-to-live
 * the client shares). The client sends a heartbeat while a page is open and `leave` when it closes;
 * a cron drops rows not refreshed for PRESENCE_TTL_MS. Readers also filter by lastSeen against their
 * own clock, since queries may not read the time.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { PRESENCE_TTL_MS } from "../../lib/presence";
import type { PresenceEditing } from "./tables";
import { rowsBy } from "../rows";

/**
 * Says the actor is at `place` now (and, on the rules page, what they are editing). One place per
 * member: being somewhere means leaving the previous place.
 */
export async function heartbeat(ctx: MutationCtx, actor: Actor, place: string, editing?: PresenceEditing) {
  const mine = await rowsBy(ctx, "presence", "by_memberId", actor.id, { limit: 20 });
  const here = mine.find((p) => p.place === place);
  for (const p of mine) if (p !== here) await ctx.db.delete("presence", p._id);
  const row = { place, memberId: actor.id, name: actor.name, lastSeen: Date.now(), editing };
  if (here) await ctx.db.replace("presence", here._id, row);
  else await ctx.db.insert("presence", row);
}

export async function leave(ctx: MutationCtx, actor: Actor, place: string) {
  const mine = await rowsBy(ctx, "presence", "by_memberId", actor.id, { limit: 20 });
  for (const p of mine) if (p.place === place) await ctx.db.delete("presence", p._id);
}

/** The people at a place, most recent heartbeat first (the client drops rows past the TTL). */
export async function presentAt(ctx: QueryCtx, place: string, limit = 20) {
  return rowsBy(ctx, "presence", "by_place_and_lastSeen", place, { limit, order: "desc" });
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
