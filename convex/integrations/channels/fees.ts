/**
 * The channel fee check (issue 20): an internal action scheduled per channel order by
 * model/finance/fees.ts. It reads what to ask (channelFees:checkInfo), asks the channel through
 * its adapter's `orderFees` (Amazon Finances v0, Shopify's order transactions, the sandbox) and
 * records the answer with one mutation; a failure is recorded as "not known yet" with its reason,
 * so the row is asked again on the channel's schedule and never stays silent.
 */
import { v } from "convex/values";
import { internalAction } from "../../_generated/server";
import { internal } from "../../_generated/api";
import { adapterFor, type ChannelInfo } from "./registry";
import type { FeeQuery, FeeReport } from "./types";

export const check = internalAction({
  args: { feeId: v.id("channelFees") },
  returns: v.null(),
  handler: async (ctx, { feeId }) => {
    const info: { checks: number; channel: ChannelInfo; query: FeeQuery } | null = await ctx.runQuery(
      internal.channelFees.checkInfo,
      { feeId },
    );
    if (!info) return null;
    let outcome: FeeReport;
    try {
      const adapter = adapterFor(info.channel);
      outcome = adapter.orderFees
        ? await adapter.orderFees(info.query)
        : { status: "not_reported", why: `${info.channel.code} does not report fees.` };
    } catch (e) {
      outcome = { status: "pending", why: e instanceof Error ? e.message : String(e) };
    }
    await ctx.runMutation(internal.channelFees.record, { feeId, checks: info.checks, outcome });
    return null;
  },
});
