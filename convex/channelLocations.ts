/**
 * Channel pickup locations → stores (issue 20, part 1): Shopify's click & collect names a location
 * of the shop; admins map each location to one of our stores on the channel's page. Mapping a
 * location releases the orders held for it (model/pickup/locations).
 */
import { v } from "convex/values";
import { nullable } from "convex-helpers/validators";
import { adminMutation, internalMutation, supervisorQuery } from "./functions";
import { internal } from "./_generated/api";
import { channelPickupLocations, mapLocation, releaseLocationWaits } from "./model/pickup/locations";
import { SYSTEM } from "./model/audit/record";

/** A location of the shop as the channel names it (its name when an order gave one). */
const location = { locationId: v.string(), locationName: nullable(v.string()) };
/** A location mapped to a store, and who mapped it last. */
const vMappedLocation = v.object({
  ...location,
  storeId: v.id("warehouses"),
  storeCode: v.string(),
  updatedBy: nullable(v.string()),
  updatedAt: v.number(),
});
/** An unmapped location and how many orders wait on it. */
const vWaitingLocation = v.object({ ...location, orders: v.number() });

export const list = supervisorQuery({
  args: { channel: v.string() },
  returns: v.object({ mapped: v.array(vMappedLocation), waiting: v.array(vWaitingLocation) }),
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
