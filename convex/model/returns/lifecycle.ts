/**
 * The RMA lifecycle: the single door for RMA status changes (transitionRma, checked against
 * lib/returns.RMA_TRANSITIONS) and the supervisor's verbs approve, reject, cancel, mark in transit
 * and close. Every step writes an audit row for the RMA and an event on the order's trail in the
 * same transaction.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { canTransitionRma, outstanding, RMA_STATUS_LABELS, type RmaStatus } from "../../lib/returns";
import { recordAudit, type ActorOrSystem } from "../audit/record";
import { appendOrderEvent } from "../orders/transition";
import { bumpReturnStats } from "./stats";
import { notifyReturn } from "../notifications/enqueue";
import { MAX_ORDER_LINES, MAX_RMAS_PER_LINE, MAX_RMAS_PER_ORDER, isReasonTooShort } from "../../lib/bounds";
import { rowOrThrow, rowsBy } from "../rows";

export async function getRmaOrThrow(ctx: { db: QueryCtx["db"] }, id: Id<"rmas">): Promise<Doc<"rmas">> {
  return rowOrThrow(ctx, "rmas", id, "RMA");
}

export async function rmaLinesOf(ctx: { db: QueryCtx["db"] }, rmaId: Id<"rmas">) {
  return rowsBy(ctx, "rmaLines", "by_rmaId", rmaId, { limit: MAX_ORDER_LINES });
}

/** An order's RMAs, newest first. */
export async function rmasOfOrder(ctx: { db: QueryCtx["db"] }, orderId: Id<"orders">) {
  return rowsBy(ctx, "rmas", "by_orderId", orderId, { limit: MAX_RMAS_PER_ORDER, order: "desc" });
}

/** Every RMA line of one order line (each return of it), oldest first. */
export async function rmaLinesOfOrderLine(ctx: { db: QueryCtx["db"] }, orderLineId: Id<"orderLines">) {
  return rowsBy(ctx, "rmaLines", "by_orderLineId", orderLineId, { limit: MAX_RMAS_PER_LINE });
}

/** Writes the RMA's audit row and an event on the order's trail. */
export async function recordRmaStep(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  rma: Pick<Doc<"rmas">, "_id" | "number" | "orderId">,
  { action, summary, details }: { action: string; summary: string; details?: string[] },
) {
  await recordAudit(ctx, actor, { entity: "rma", entityId: rma._id, action, summary: `${rma.number}: ${summary}` });
  await appendOrderEvent(ctx, actor, rma.orderId, { kind: "return", reason: `${rma.number}: ${summary}`, details });
}

/**
 * Moves an RMA to `to` when the table allows it, with its audit trail. `patch` is applied in the
 * same write (refund, reason, tracking number).
 */
export async function transitionRma(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  rma: Doc<"rmas">,
  { to, summary = "", patch = {} }: { to: RmaStatus; summary?: string; patch?: Partial<Doc<"rmas">> },
): Promise<Doc<"rmas">> {
  if (!canTransitionRma(rma.status, to)) {
    throw appError(
      "INVALID_TRANSITION",
      `${rma.number} is ${RMA_STATUS_LABELS[rma.status].toLowerCase()} and cannot become ${RMA_STATUS_LABELS[to].toLowerCase()}.`,
    );
  }
  const next = { ...patch, status: to, updatedAt: Date.now() };
  await ctx.db.patch("rmas", rma._id, next);
  await recordRmaStep(ctx, actor, rma, {
    action: to,
    summary: `${RMA_STATUS_LABELS[rma.status]} → ${RMA_STATUS_LABELS[to]}${summary ? ` (${summary})` : ""}`,
  });
  // The customer hears of the first receipt and of the refund (keyed per RMA: once each).
  if (to === "partially_received" || to === "received") await notifyReturn(ctx, { ...rma, ...next }, "return_received");
  if (to === "refunded") await notifyReturn(ctx, { ...rma, ...next }, "refund_issued");
  return { ...rma, ...next };
}

function requireReason(reason: string) {
  if (isReasonTooShort(reason)) throwIfFieldErrors({ reason: "Say why, in at least 3 characters." });
  return reason.trim();
}

/** Approves a customer's request: its units now count as authorised on the returns aggregate. */
export async function approveRma(ctx: MutationCtx, actor: Actor, rmaId: Id<"rmas">) {
  const rma = await getRmaOrThrow(ctx, rmaId);
  const next = await transitionRma(ctx, actor, rma, { to: "approved" });
  for (const l of await rmaLinesOf(ctx, rmaId)) await bumpReturnStats(ctx, l, { authorised: l.quantity });
  return next;
}

export async function rejectRma(ctx: MutationCtx, actor: Actor, rmaId: Id<"rmas">, reason: string) {
  const why = requireReason(reason);
  return transitionRma(ctx, actor, await getRmaOrThrow(ctx, rmaId), {
    to: "rejected",
    summary: why,
    patch: { statusReason: why },
  });
}

/**
 * Cancels an RMA nothing was received on yet (the table allows it only before receipt). Its
 * authorised units leave the aggregate and become returnable again on the order's lines.
 */
export async function cancelRma(ctx: MutationCtx, actor: Actor, rmaId: Id<"rmas">, reason: string) {
  const why = requireReason(reason);
  const rma = await getRmaOrThrow(ctx, rmaId);
  const wasAuthorised = rma.status !== "requested";
  const next = await transitionRma(ctx, actor, rma, { to: "cancelled", summary: why, patch: { statusReason: why } });
  if (wasAuthorised)
    for (const l of await rmaLinesOf(ctx, rmaId)) await bumpReturnStats(ctx, l, { authorised: -l.quantity });
  return next;
}

/** The customer has sent the parcel (optionally with the carrier's tracking number). */
export async function markInTransit(ctx: MutationCtx, actor: Actor, rmaId: Id<"rmas">, trackingNumber?: string) {
  const tracking = trackingNumber?.trim() || undefined;
  if (tracking && !/^[\x20-\x7e]{4,64}$/.test(tracking))
    throwIfFieldErrors({ trackingNumber: "4–64 printable characters." });
  return transitionRma(ctx, actor, await getRmaOrThrow(ctx, rmaId), {
    to: "in_transit",
    summary: tracking ? `tracking ${tracking}` : "",
    patch: { trackingNumber: tracking },
  });
}

/**
 * Closes a received or refunded RMA. Units still outstanding on a partially received RMA are
 * given up: they are not refunded and become returnable again.
 */
export async function closeRma(ctx: MutationCtx, actor: Actor, rmaId: Id<"rmas">, note?: string) {
  const rma = await getRmaOrThrow(ctx, rmaId);
  const left = (await rmaLinesOf(ctx, rmaId)).reduce((s, l) => s + outstanding(l), 0);
  const why = [note?.trim(), left > 0 ? `${left} unit(s) never received` : ""].filter(Boolean).join("; ");
  return transitionRma(ctx, actor, rma, { to: "closed", summary: why, patch: { statusReason: why || undefined } });
}
