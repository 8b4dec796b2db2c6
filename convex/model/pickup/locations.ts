/**
 * Click & collect chosen on a channel (issue 20, part 1 gap 1): Shopify names the pickup location
 * on the order's fulfillment orders; each channel maps its locations to our stores
 * (`channelLocations`, set by admins on the channel's page). On import:
 *
 *  - a mapped location → the order is created as a pickup at that store (allocated from it only);
 *    an order with no shipping address gets the store's address (the customer collects there);
 *  - an unmapped location, or an order partly collected and partly shipped (`mixed`) → the order is
 *    created on a blocking `pickup_location` hold in the exception queue, saying which location and
 *    what to do — never allocated as a delivery, so it cannot ship by mistake;
 *  - mapping the location later releases every order waiting on it (`pickupLocationWaits`): each
 *    becomes a pickup at the store and allocates, in the mapping's transaction (25 at a time, the
 *    rest scheduled).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import type { Finding } from "../../lib/validation/types";
import type { NormalizedOrder } from "../../lib/channels/order";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { locationIdProblem } from "../../lib/pickupSettings";
import { recordAudit, type ActorOrSystem } from "../audit/record";
import { appendOrderEvent } from "../orders/transition";
import { checkPickupStore, createPickupRow } from "./record";
import { resolveHold } from "../orders/pipeline";
import { openHolds } from "../holds/holds";
import { channelByCode } from "../channels/views";
import { drainBatch, rowsBy } from "../rows";

type PickupLocation = NonNullable<NormalizedOrder["pickupLocation"]>;
export const RELEASE_LOCATION_BATCH = 25;

export async function locationMapping(ctx: QueryCtx, channel: string, locationId: string) {
  return ctx.db
    .query("channelLocations")
    .withIndex("by_channel_and_locationId", (q) => q.eq("channel", channel).eq("locationId", locationId))
    .unique();
}

const label = (loc: PickupLocation) =>
  loc.name ? `"${loc.name}" (location ${loc.id || "unnamed"})` : `location ${loc.id || "(none)"}`;

/**
 * What an imported order's pickup location means here: the store it maps to, or the finding that
 * holds the order (unmapped, mapped to a store that cannot take pickups, or a mixed order).
 */
export async function resolvePickupLocation(
  ctx: QueryCtx,
  channel: string,
  loc: PickupLocation,
): Promise<{ store: Doc<"warehouses"> } | { finding: Finding; waits: boolean }> {
  if (loc.mixed)
    return {
      waits: false,
      finding: {
        type: "pickup_location",
        reason: `The buyer chose pickup at ${label(loc)} for part of this order and delivery (or another location) for the rest`,
        detail:
          "Pickup orders here are collected whole at one store. Split it on the channel, or cancel it here, or release it to ship everything to the address.",
      },
    };
  const mapping = loc.id ? await locationMapping(ctx, channel, loc.id) : null;
  if (!mapping)
    return {
      waits: Boolean(loc.id),
      finding: {
        type: "pickup_location",
        reason: `The buyer chose pickup at ${channel} ${label(loc)}, which is mapped to none of our stores`,
        detail: `Map the location to a store on the ${channel} channel's page: this order then becomes a pickup there and allocates. Or cancel it.`,
      },
    };
  const store = await ctx.db.get("warehouses", mapping.storeId);
  const problem = await checkPickupStore(ctx, mapping.storeId);
  if (!store || problem)
    return {
      waits: true,
      finding: {
        type: "pickup_location",
        reason: `${channel} ${label(loc)} is mapped to a store that takes no pickup orders: ${problem ?? "it no longer exists"}`,
        detail: `Map the location to another store on the ${channel} channel's page, or reactivate the store.`,
      },
    };
  return { store };
}

/** The store's address as the order's destination, for a pickup order the channel sent without one. */
export function storeAsDestination(store: Doc<"warehouses">, customerName: string) {
  const { name: _name, ...a } = store.address;
  return { ...a, name: customerName || store.name };
}

/** Remembers an order held for its unmapped location, so the mapping releases it. */
export async function waitForLocation(
  ctx: MutationCtx,
  a: { channel: string; loc: PickupLocation; orderId: Id<"orders"> },
) {
  await ctx.db.insert("pickupLocationWaits", {
    channel: a.channel,
    locationId: a.loc.id,
    locationName: a.loc.name,
    orderId: a.orderId,
    createdAt: Date.now(),
  });
}

/**
 * Maps (or, with `storeId` null, unmaps) a channel's location to a store, audited, and releases the
 * orders waiting on it. Returns how many were released and whether more remain.
 */
export async function mapLocation(
  ctx: MutationCtx,
  actor: Actor,
  a: { channel: string; locationId: string; locationName?: string; storeId: Id<"warehouses"> | null },
) {
  const channel = await channelByCode(ctx, a.channel);
  if (!channel) throw appError("NOT_FOUND", `There is no channel ${a.channel}.`, { channel: "No such channel." });
  const locationId = a.locationId.trim();
  const idProblem = locationIdProblem(locationId);
  if (idProblem) throwIfFieldErrors({ locationId: idProblem });
  const locationName = a.locationName?.trim().slice(0, 200) || undefined;
  const existing = await locationMapping(ctx, a.channel, locationId);
  if (a.storeId === null) {
    if (existing) await ctx.db.delete("channelLocations", existing._id);
    await recordAudit(ctx, actor, {
      entity: "channel",
      entityId: channel._id,
      action: "pickup_location",
      summary: `${a.channel} location ${locationId} mapped to no store`,
    });
    return { released: 0, more: false };
  }
  const problem = await checkPickupStore(ctx, a.storeId);
  if (problem) throw appError("INVALID_INPUT", problem, { storeId: problem });
  const store = (await ctx.db.get("warehouses", a.storeId))!;
  // The name as the channel sent it with the waiting orders, when the admin typed none.
  const seen = await ctx.db
    .query("pickupLocationWaits")
    .withIndex("by_channel_and_locationId", (q) => q.eq("channel", a.channel).eq("locationId", locationId))
    .first();
  const row = {
    storeId: a.storeId,
    locationName: locationName ?? existing?.locationName ?? seen?.locationName,
    updatedAt: Date.now(),
    updatedBy: actor.name,
  };
  if (existing) await ctx.db.patch("channelLocations", existing._id, row);
  else await ctx.db.insert("channelLocations", { channel: a.channel, locationId, ...row });
  await recordAudit(ctx, actor, {
    entity: "channel",
    entityId: channel._id,
    action: "pickup_location",
    summary: `${a.channel} location ${locationId}${locationName ? ` (${locationName})` : ""} → ${store.code}`,
  });
  return releaseLocationWaits(ctx, actor, a.channel, locationId);
}

/**
 * Every order waiting on a now-mapped location becomes a pickup at its store: pickup row, store
 * address when it had none, its `pickup_location` hold resolved (the pipeline allocates it from the
 * store only, or holds it `pickup_short`). Orders whose hold was resolved otherwise are dropped.
 */
export async function releaseLocationWaits(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  channel: string,
  locationId: string,
) {
  const mapping = await locationMapping(ctx, channel, locationId);
  if (!mapping) return { released: 0, more: false };
  const store = (await ctx.db.get("warehouses", mapping.storeId))!;
  const waits = ctx.db
    .query("pickupLocationWaits")
    .withIndex("by_channel_and_locationId", (q) => q.eq("channel", channel).eq("locationId", locationId));
  const { counted: released, more } = await drainBatch(
    ctx,
    "pickupLocationWaits",
    waits,
    RELEASE_LOCATION_BATCH,
    async (w) => {
      const order = await ctx.db.get("orders", w.orderId);
      const hold = (await openHolds(ctx, w.orderId)).find((h) => h.type === "pickup_location");
      if (!order || !hold || order.status !== "on_hold" || order.pickupStoreId) return false;
      // No address from the channel: the customer collects at the store, which is the destination.
      const shipTo = order.shipTo.line1.trim() ? order.shipTo : storeAsDestination(store, order.customer.name);
      await ctx.db.patch("orders", order._id, { pickupStoreId: store._id, shipTo });
      await createPickupRow(ctx, actor, {
        orderId: order._id,
        number: order.number,
        storeId: store._id,
        customerName: order.customer.name,
      });
      await appendOrderEvent(ctx, actor, order._id, {
        kind: "note",
        reason: `${channel} location ${locationId} is now mapped to ${store.code}: a pickup there`,
      });
      await resolveHold(ctx, actor, hold._id, { resolution: "rerouted", note: `Pickup at ${store.code}` });
      return true;
    },
  );
  return { released, more };
}

/** The channel's mappings and the unmapped locations orders wait on (the channel page). */
export async function channelPickupLocations(ctx: QueryCtx, channel: string) {
  const mapped = await rowsBy(ctx, "channelLocations", "by_channel_and_locationId", channel, { limit: 200 });
  const rows = [];
  for (const m of mapped) {
    const store = await ctx.db.get("warehouses", m.storeId);
    rows.push({
      locationId: m.locationId,
      locationName: m.locationName ?? null,
      storeId: m.storeId,
      storeCode: store?.code ?? "?",
      updatedBy: m.updatedBy ?? null,
      updatedAt: m.updatedAt,
    });
  }
  const waiting = new Map<string, { locationId: string; locationName: string | null; orders: number }>();
  for (const w of await rowsBy(ctx, "pickupLocationWaits", "by_channel_and_locationId", channel, { limit: 500 })) {
    // Only orders still held for it: one cancelled or released meanwhile waits no more.
    const order = await ctx.db.get("orders", w.orderId);
    if (!order || order.status !== "on_hold" || order.pickupStoreId) continue;
    const row = waiting.get(w.locationId) ?? {
      locationId: w.locationId,
      locationName: w.locationName ?? null,
      orders: 0,
    };
    row.orders += 1;
    waiting.set(w.locationId, row);
  }
  return { mapped: rows, waiting: [...waiting.values()] };
}
