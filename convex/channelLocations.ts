/**
 * Channel pickup locations → stores (issue 20, part 1): Shopify's click & collect names a location
 * of the shop; admins map each location to one of our stores on the channel's page. Mapping a
 * location releases the orders held for it (model/pickup/locations).
 */
import { v } from "convex/values";
import { adminMutation, internalMutation, supervisorQuery } from "./functions";
import { internal } from "./_generated/api";
import { channelPickupLocations, mapLocation, releaseLocationWaits } from "./model/pickup/locations";
import { SYSTEM } from "./model/audit/record";

export const list = supervisorQuery({
  args: { channel: v.string() },
  returns: v.object({
    mapped: v.array(
      v.object({
        locationId: v.string(),
        locationName: v.union(v.null(), v.string()),
        storeId: v.id("warehouses"),
        storeCode: v.string(),
        updatedBy: v.union(v.null(), v.string()),
        updatedAt: v.number(),
      }),
    ),
    waiting: v.array(
      v.object({ locationId: v.string(), locationName: v.union(v.null(), v.string()), orders: v.number() }),
    ),
  }),
  handler: async (ctx, { channel }) => channelPickupLocations(ctx, channel),
});

/** Maps a location to a store (null: unmaps it); orders waiting on it become pickups there. */
export const map = adminMutation({
  args: {
    channel: v.string(),
    locationId: v.string(),
    locationName: v.optional(v.string()),
    storeId: v.union(v.null(), v.id("warehouses")),
  },
  returns: v.object({ released: v.number(), more: v.boolean() }),
  handler: async (ctx, a) => {
    const r = await mapLocation(ctx, ctx.actor, a);
    if (r.more)
      await ctx.scheduler.runAfter(0, internal.channelLocations.continueRelease, {
        channel: a.channel,
        locationId: a.locationId.trim(),
      });
    return r;
  },
});

/** Releases the rest of a large backlog of orders waiting on a location, a batch per transaction. */
export const continueRelease = internalMutation({
  args: { channel: v.string(), locationId: v.string() },
  handler: async (ctx, { channel, locationId }) => {
    const r = await releaseLocationWaits(ctx, SYSTEM, channel, locationId);
    if (r.more) await ctx.scheduler.runAfter(0, internal.channelLocations.continueRelease, { channel, locationId });
    return r.released;
  },
});
