/**
 * Refunds on the record. The amount is computed from the RMA's lines (units that came back at
 * their unit price, less the restocking fee, plus shipping when the policy says so —
 * lib/returns.computeRefund) and frozen on the RMA when recorded. Paying it through a payment
 * provider is out of scope; the record feeds the finance export (refundsBetween).
 */
import { mapPage } from "../../lib/pages";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { canTransitionRma, computeRefund, policyErrors, refundPolicyOpen, type RefundPolicy } from "../../lib/returns";
import { formatMoney } from "../../lib/money";
import { getRmaOrThrow, recordRmaStep, rmaLinesOf, transitionRma } from "./lifecycle";

export type RefundMethod = "original_payment" | "store_credit" | "manual";

/** The refund an RMA would get now, with its parts (for the detail page before recording). */
export async function refundPreview(ctx: { db: QueryCtx["db"] }, rmaId: Id<"rmas">) {
  const rma = await getRmaOrThrow(ctx, rmaId);
  return { ...computeRefund(await rmaLinesOf(ctx, rmaId), rma.refundPolicy), currency: rma.currency };
}

/** Changes the refund policy of an RMA whose refund is not recorded yet. */
export async function setRefundPolicy(ctx: MutationCtx, actor: Actor, rmaId: Id<"rmas">, policy: RefundPolicy) {
  throwIfFieldErrors(policyErrors(policy));
  const rma = await getRmaOrThrow(ctx, rmaId);
  if (!refundPolicyOpen(rma)) {
    throw appError("INVALID_TRANSITION", `${rma.number} is ${rma.status}; its refund policy can no longer change.`);
  }
  const refund = computeRefund(await rmaLinesOf(ctx, rmaId), policy);
  await ctx.db.patch("rmas", rmaId, {
    refundPolicy: policy,
    refundAmountMinor: refund.amountMinor,
    updatedAt: Date.now(),
  });
  const fee = policy.restockingFeeBps ? `, restocking fee ${policy.restockingFeeBps / 100} %` : "";
  await recordRmaStep(ctx, actor, rma, {
    action: "policy",
    summary: `refund policy: shipping ${policy.includeShipping ? formatMoney(policy.shippingMinor, rma.currency) : "not refunded"}${fee}`,
  });
}

/**
 * Records the refund of a (partially) received RMA and moves it to refunded. Units still
 * outstanding on a partially received RMA are not part of it.
 */
export async function recordRefund(
  ctx: MutationCtx,
  actor: Actor,
  rmaId: Id<"rmas">,
  a: { method: RefundMethod; reference?: string },
) {
  const rma = await getRmaOrThrow(ctx, rmaId);
  if (rma.refundStatus === "recorded")
    throw appError("INVALID_TRANSITION", `The refund of ${rma.number} is already recorded.`);
  const reference = a.reference?.trim() || undefined;
  if (reference && reference.length > 100)
    throwIfFieldErrors({ reference: "Keep the reference under 100 characters." });
  const refund = computeRefund(await rmaLinesOf(ctx, rmaId), rma.refundPolicy);
  if (refund.amountMinor <= 0 && canTransitionRma(rma.status, "refunded")) {
    throw appError("INVALID_INPUT", `Nothing to refund on ${rma.number}: no unit has come back. Close it instead.`);
  }
  return transitionRma(ctx, actor, rma, {
    to: "refunded",
    summary: `${formatMoney(refund.amountMinor, rma.currency)} by ${a.method.replace(/_/g, " ")}`,
    patch: {
      refund: { ...refund, method: a.method, reference, byName: actor.name },
      refundAmountMinor: refund.amountMinor,
      refundStatus: "recorded",
      refundedAt: Date.now(),
    },
  });
}

/** Recorded refunds between two instants, oldest first, one page at a time: the finance export's source. */
export async function refundsBetween(
  ctx: QueryCtx,
  from: number,
  to: number,
  paginationOpts: { numItems: number; cursor: string | null },
) {
  const page = await ctx.db
    .query("rmas")
    .withIndex("by_refundStatus_and_refundedAt", (q) =>
      q.eq("refundStatus", "recorded").gte("refundedAt", from).lt("refundedAt", to),
    )
    .paginate(paginationOpts);
  return mapPage(page, (r) => ({
    rmaId: r._id,
    number: r.number,
    orderNumber: r.orderNumber,
    refundedAt: r.refundedAt!,
    currency: r.currency,
    amountMinor: r.refund?.amountMinor ?? r.refundAmountMinor,
    merchandiseMinor: r.refund?.merchandiseMinor ?? 0,
    feeMinor: r.refund?.feeMinor ?? 0,
    shippingMinor: r.refund?.shippingMinor ?? 0,
    method: r.refund?.method ?? "manual",
    reference: r.refund?.reference,
  }));
}
