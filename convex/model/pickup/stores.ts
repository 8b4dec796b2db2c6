/**
 * A store's options (ship-from-store switch, daily capacity, opening hours) and which store a member
 * works at: set by admins on the Stores page, audited. Allocation reads the options at once through
 * the cached source list (model/allocation/settings).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { ObjectType } from "convex/values";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { storeOptionsErrors } from "../../lib/pickupSettings";
import { recordAudit } from "../audit/record";
import { syncSources } from "../allocation/settings";
import type { vStoreOptions } from "./tables";
import { rowOrThrow } from "../rows";

export async function setStoreOptions(
  ctx: MutationCtx,
  actor: Actor,
  storeId: Id<"warehouses">,
  { shipFromStore, dailyCapacity, pickupHours }: ObjectType<typeof vStoreOptions>,
) {
  const w = await ctx.db.get("warehouses", storeId);
  if (!w || w.kind !== "store") throw appError("NOT_FOUND", "That store no longer exists.");
  throwIfFieldErrors(storeOptionsErrors({ dailyCapacity, pickupHours }));
  await ctx.db.patch("warehouses", storeId, {
    shipFromStore,
    dailyCapacity: dailyCapacity ?? undefined,
    pickupHours: pickupHours?.trim() || undefined,
  });
  await syncSources(ctx);
  const cap = dailyCapacity ? `${dailyCapacity.limit} ${dailyCapacity.unit}/day` : "no capacity limit";
  await recordAudit(ctx, actor, {
    entity: "warehouse",
    entityId: storeId,
    action: "store",
    summary: `${w.code}: ship-from-store ${shipFromStore ? "on" : "off"}, ${cap}`,
  });
}

/** Binds a member to the store they work at (null: not bound). */
export async function assignStore(
  ctx: MutationCtx,
  actor: Actor,
  memberId: Id<"members">,
  storeId: Id<"warehouses"> | null,
) {
  const m = await rowOrThrow(ctx, "members", memberId, "member");
  const store = storeId ? await ctx.db.get("warehouses", storeId) : null;
  if (storeId && (!store || store.kind !== "store"))
    throw appError("INVALID_INPUT", "Choose a store.", { storeId: "Choose a store." });
  await ctx.db.patch("members", memberId, { storeId: storeId ?? undefined });
  await recordAudit(ctx, actor, {
    entity: "member",
    entityId: memberId,
    action: "store",
    summary: store ? `${m.name} works at ${store.code}` : `${m.name} is bound to no store`,
  });
}
