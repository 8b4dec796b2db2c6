/**
 * Internal functions of the channel fee check (issue 20), called only by its action
 * (integrations/channels/fees.ts); the rules are in model/finance/fees.ts.
 */
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { internalMutation } from "./functions";
import { feeCheckInfo, recordFeeCheck } from "./model/finance/fees";
import { vChannelFee, vChannelFeeStatus } from "./model/finance/tables";
import { vChannelKind } from "./model/channels/tables";

export const checkInfo = internalQuery({
  args: { feeId: v.id("channelFees") },
  returns: v.union(
    v.null(),
    v.object({
      checks: v.number(),
      channel: v.object({
        code: v.string(),
        kind: vChannelKind,
        settings: v.object({
          marketplaceId: v.optional(v.string()),
          shopDomain: v.optional(v.string()),
          ordersPerPull: v.optional(v.number()),
        }),
      }),
      query: v.object({
        externalOrderId: v.string(),
        currency: v.string(),
        totalMinor: v.number(),
        shippingChargedMinor: v.number(),
      }),
    }),
  ),
  handler: async (ctx, { feeId }) => {
    const info = await feeCheckInfo(ctx, feeId);
    if (!info) return null;
    const { marketplaceId, shopDomain, ordersPerPull } = info.channel.settings;
    return { ...info, channel: { ...info.channel, settings: { marketplaceId, shopDomain, ordersPerPull } } };
  },
});

export const record = internalMutation({
  args: {
    feeId: v.id("channelFees"),
    checks: v.number(),
    outcome: v.union(
      v.object({ status: v.literal("reported"), fees: v.array(vChannelFee) }),
      v.object({ status: v.literal("pending"), why: v.string() }),
      v.object({ status: v.literal("not_reported"), why: v.string() }),
    ),
  },
  returns: v.union(v.null(), vChannelFeeStatus),
  handler: (ctx, a) => recordFeeCheck(ctx, a),
});
