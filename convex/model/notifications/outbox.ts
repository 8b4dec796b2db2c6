/**
 * The notification outbox's delivery side: the worker claims due rows (status sending with a lease
 * longer than an action lives, so a dead worker's rows come back), then records each result:
 * sent, a failure retried with backoff until MAX_ATTEMPTS, or offline (no provider configured).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { recordAudit } from "../audit/record";
import type { NotificationStatus } from "./tables";
import { wake } from "../scheduling/wake";
import { backoffMs, claimPatch } from "../sends";
import { rowOrThrow, rowsBy } from "../rows";
import { DUE_NOTIFICATION_STATUSES, RESENDABLE_NOTIFICATION_STATUSES } from "../../lib/statusSets";

export const MAX_ATTEMPTS = 8;

/** Claims up to `limit` rows due now (queued, or sending past their lease). */
export async function claimDue(ctx: MutationCtx, limit: number): Promise<Doc<"notifications">[]> {
  const now = Date.now();
  const claimed: Doc<"notifications">[] = [];
  for (const status of DUE_NOTIFICATION_STATUSES) {
    const due = await ctx.db
      .query("notifications")
      .withIndex("by_status_and_nextAttemptAt", (q) => q.eq("status", status).lte("nextAttemptAt", now))
      .take(limit - claimed.length);
    for (const row of due) {
      const patch = claimPatch(now);
      await ctx.db.patch("notifications", row._id, patch);
      claimed.push({ ...row, ...patch });
    }
  }
  return claimed;
}

export type SendResult =
  | { kind: "sent"; provider: string; providerId: string }
  | { kind: "failed"; provider: string; error: string; retryable: boolean }
  | { kind: "offline" };

/** Records one send attempt's outcome on a claimed row. */
export async function recordResult(ctx: MutationCtx, id: Id<"notifications">, r: SendResult) {
  const row = await ctx.db.get("notifications", id);
  if (!row || row.status !== "sending") return;
  const now = Date.now();
  if (r.kind === "sent") {
    await ctx.db.patch("notifications", id, {
      status: "sent",
      provider: r.provider,
      providerId: r.providerId,
      sentAt: now,
      attempts: row.attempts + 1,
      leaseUntil: undefined,
      lastError: undefined,
    });
  } else if (r.kind === "offline") {
    await ctx.db.patch("notifications", id, {
      status: "offline",
      leaseUntil: undefined,
      lastError: "No provider configured: kept in the outbox, not sent.",
    });
  } else {
    const attempts = row.attempts + 1;
    const giveUp = !r.retryable || attempts >= MAX_ATTEMPTS;
    await ctx.db.patch("notifications", id, {
      status: giveUp ? "failed" : "queued",
      provider: r.provider,
      attempts,
      nextAttemptAt: now + backoffMs(attempts),
      leaseUntil: undefined,
      lastError: r.error.slice(0, 500),
    });
    if (!giveUp) await wake(ctx, "notifications", now + backoffMs(attempts));
  }
}

/** Puts a failed or offline message back in the queue (after a provider was configured), audited. */
export async function resend(ctx: MutationCtx, actor: Actor, id: Id<"notifications">) {
  const row = await rowOrThrow(ctx, "notifications", id, "message");
  if (!RESENDABLE_NOTIFICATION_STATUSES.includes(row.status))
    throw appError(
      "INVALID_TRANSITION",
      `This message is ${row.status}; only failed or offline messages can be sent again.`,
    );
  await ctx.db.patch("notifications", id, {
    status: "queued",
    attempts: 0,
    nextAttemptAt: Date.now(),
    lastError: undefined,
  });
  await wake(ctx, "notifications");
  await recordAudit(ctx, actor, {
    entity: "notifications",
    entityId: id,
    action: "resend",
    summary: `Resend ${row.event} (${row.channel}) to ${row.to} for ${row.orderNumber}`,
  });
}

/** The outbox viewer: newest first, optionally one status. */
export async function outboxPage(
  ctx: QueryCtx,
  paginationOpts: { numItems: number; cursor: string | null },
  status?: NotificationStatus,
) {
  const q = status
    ? ctx.db.query("notifications").withIndex("by_status_and_createdAt", (q) => q.eq("status", status))
    : ctx.db.query("notifications").withIndex("by_createdAt");
  return q.order("desc").paginate(paginationOpts);
}

/** An order's messages, newest first (the order page). */
export async function messagesOfOrder(ctx: QueryCtx, orderId: Id<"orders">) {
  return rowsBy(ctx, "notifications", "by_orderId", orderId, { limit: 50, order: "desc" });
}
