/**
 * Channel fees per order (issue 20). A channel order whose channel reports fees gets a
 * `channelFees` row at import (`expectChannelFees`) and a scheduled fee check
 * (integrations/channels/fees.ts), which asks the channel through its adapter and records the
 * answer here (`recordFeeCheck`): reported (the fees by type), not reported (the channel will not
 * say), or not yet — then asked again on the channel's schedule until it gives up. The one writer
 * of `channelFees`; the finance export reads it.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import { HOUR, MINUTE } from "../../lib/clock";
import { MAX_MONEY_MINOR, STRING_LIMITS } from "../../lib/bounds";
import type { ChannelKindName } from "../../lib/channels/env";
import { channelByCode } from "../channels/views";
import { rowBy } from "../rows";

/**
 * When each channel kind is asked, how often again and how many times: Amazon posts an order's fees
 * with its shipment event, up to 48 hours after the shipment is confirmed (asked every 12 hours
 * for a week); Shopify Payments has its fees with the captured payment (asked at once, then hourly);
 * the sandbox answers at once.
 * Kinds not listed (CSV) report no fees: their orders get no row.
 */
export const FEE_CHECK_PLANS: Partial<
  Record<ChannelKindName, { firstMs: number; everyMs: number; maxChecks: number }>
> = {
  amazon: { firstMs: 6 * HOUR, everyMs: 12 * HOUR, maxChecks: 15 },
  shopify: { firstMs: 0, everyMs: HOUR, maxChecks: 6 },
  sandbox: { firstMs: 0, everyMs: MINUTE, maxChecks: 3 },
};

/** The most fee types kept per order (a channel listing more is refused as an answer, not truncated). */
export const MAX_FEE_TYPES = 50;

export type FeeOutcome =
  | { status: "reported"; fees: { type: string; amountMinor: number }[] }
  | { status: "pending"; why: string }
  | { status: "not_reported"; why: string };

async function feeRowOf(ctx: QueryCtx, orderId: Id<"orders">) {
  return rowBy(ctx, "channelFees", "by_orderId", orderId, "first");
}

/** Makes the order's fee row and schedules its first check, when its channel reports fees. */
export async function expectChannelFees(
  ctx: MutationCtx,
  a: { orderId: Id<"orders">; channel: string; externalId: string; kind: ChannelKindName; currency: string },
) {
  const plan = FEE_CHECK_PLANS[a.kind];
  if (!plan) return null;
  const existing = await feeRowOf(ctx, a.orderId);
  if (existing) return existing._id;
  const now = Date.now();
  const feeId = await ctx.db.insert("channelFees", {
    orderId: a.orderId,
    channel: a.channel,
    externalId: a.externalId,
    status: "checking",
    currency: a.currency,
    fees: [],
    checks: 0,
    nextCheckAt: now + plan.firstMs,
    updatedAt: now,
  });
  await ctx.scheduler.runAt(now + plan.firstMs, internal.integrations.channels.fees.check, { feeId });
  return feeId;
}

/** What the fee check needs: the channel (no secrets) and the order's facts; null when nothing is to be asked. */
export async function feeCheckInfo(ctx: QueryCtx, feeId: Id<"channelFees">) {
  const row = await ctx.db.get("channelFees", feeId);
  if (!row || row.status !== "checking") return null;
  const order = await ctx.db.get("orders", row.orderId);
  const channel = await channelByCode(ctx, row.channel);
  if (!order || !channel) return null;
  return {
    checks: row.checks,
    channel: { code: channel.code, kind: channel.kind, settings: channel.settings },
    query: {
      externalOrderId: row.externalId,
      currency: order.currency,
      totalMinor: order.totalMinor,
      shippingChargedMinor: order.shippingChargedMinor ?? 0,
    },
  };
}

/** Why a reported fee list cannot be stored, or undefined. */
function feesProblem(fees: { type: string; amountMinor: number }[]) {
  if (fees.length > MAX_FEE_TYPES) return `The channel listed ${fees.length} fee types (at most ${MAX_FEE_TYPES}).`;
  for (const f of fees) {
    if (!Number.isSafeInteger(f.amountMinor) || Math.abs(f.amountMinor) > MAX_MONEY_MINOR)
      return `The channel reported a fee "${f.type.slice(0, 40)}" that is not an amount we can keep.`;
    if (f.type.length > STRING_LIMITS.name) return "The channel reported a fee type name that is too long.";
  }
  return undefined;
}

/**
 * Records one fee check's answer. `checks` is the count the check read: a second run of the same
 * check (a retried action) finds it moved on and records nothing. Not known yet → asked again
 * after the channel's interval, until its last check, which records "not reported".
 */
export async function recordFeeCheck(
  ctx: MutationCtx,
  a: { feeId: Id<"channelFees">; checks: number; outcome: FeeOutcome },
): Promise<Doc<"channelFees">["status"] | null> {
  const row = await ctx.db.get("channelFees", a.feeId);
  if (!row || row.status !== "checking" || row.checks !== a.checks) return null;
  const now = Date.now();
  const checks = row.checks + 1;
  let outcome = a.outcome;
  if (outcome.status === "reported") {
    const problem = feesProblem(outcome.fees);
    if (problem) outcome = { status: "not_reported", why: problem };
  }
  if (outcome.status === "reported") {
    const merged = new Map<string, number>();
    for (const f of outcome.fees) merged.set(f.type, (merged.get(f.type) ?? 0) + f.amountMinor);
    const fees = [...merged].map(([type, amountMinor]) => ({ type, amountMinor }));
    await ctx.db.patch("channelFees", row._id, {
      status: "reported",
      fees,
      feesMinor: fees.reduce((s, f) => s + f.amountMinor, 0),
      checks,
      nextCheckAt: undefined,
      note: undefined,
      updatedAt: now,
    });
    return "reported";
  }
  const channel = await channelByCode(ctx, row.channel);
  const plan = channel ? FEE_CHECK_PLANS[channel.kind] : undefined;
  const why = outcome.why.slice(0, STRING_LIMITS.reason);
  if (outcome.status === "not_reported" || !plan || checks >= plan.maxChecks) {
    await ctx.db.patch("channelFees", row._id, {
      status: "not_reported",
      checks,
      nextCheckAt: undefined,
      note: outcome.status === "not_reported" ? why : `${why} Gave up after ${checks} checks.`.slice(0, 500),
      updatedAt: now,
    });
    return "not_reported";
  }
  const at = now + plan.everyMs;
  await ctx.db.patch("channelFees", row._id, { checks, nextCheckAt: at, note: why, updatedAt: now });
  await ctx.scheduler.runAt(at, internal.integrations.channels.fees.check, { feeId: row._id });
  return "checking";
}

/** The order's fees for the export: the sum when reported, else null (with where they stand). */
export async function orderFees(ctx: QueryCtx, orderId: Id<"orders">) {
  const row = await feeRowOf(ctx, orderId);
  if (!row) return { feesMinor: null, status: "not_reported" as const };
  return { feesMinor: row.status === "reported" ? (row.feesMinor ?? 0) : null, status: row.status };
}
