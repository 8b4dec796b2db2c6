/**
 * The channel outbox: acknowledgements and tracking push-backs owed to a channel, one row per
 * message with an idempotency key. Rows are claimed by the sender in a mutation (status `sending`
 * with a lease longer than an action can live), so two senders never send the same row, a sent row
 * is never claimed again, and a superseded row is never claimed at all.
 *
 * Tracking: one row per (shipment, package, tracking number). A relabel adds a row for the new
 * tracking number and supersedes the package's unsent rows; if the old tracking already went out,
 * the new row carries `supersedes` so the sender corrects it at the channel instead of adding a
 * second shipment.
 */
import { DUE_OUTBOX_STATUSES } from "../../lib/statusSets";
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import { currentLabels, itemsForPackage, type TrackingLabel } from "./labels";
import { wake } from "../scheduling/wake";
import { backoffMs, claimPatch } from "../sends";
import { scheduleAmazonPiiErasure } from "./pii";
import { channelByCode } from "./views";
import { HOUR } from "../../lib/clock";
import { rowBy, rowsBy } from "../rows";

export type { TrackingLabel };

/** After this many failed attempts a row stops retrying and shows as failed until retried by hand. */
export const MAX_ATTEMPTS = 20;

/** The outbox row with this idempotency key (one per message: enqueueing twice adds nothing), or null. */
async function outboxRow(ctx: MutationCtx, idempotencyKey: string) {
  return rowBy(ctx, "outbox", "by_idempotencyKey", idempotencyKey);
}

/** The idempotency key of the acknowledgement owed for a channel order: one per order. */
const ackKey = (channel: string, externalOrderId: string) => `ack:${channel}:${externalOrderId}`;

/** The acknowledgement owed for a channel order, once enqueued (enqueueAck), or null. */
export async function ackOf(ctx: MutationCtx, channel: string, externalOrderId: string) {
  return outboxRow(ctx, ackKey(channel, externalOrderId));
}

/** Channels that take tracking back (manual and CSV orders have nowhere to push to). */
async function pushingChannel(ctx: MutationCtx, code: string) {
  const channel = await channelByCode(ctx, code);
  return channel && channel.kind !== "csv" ? channel : null;
}

/**
 * Records that a shipment's packages have (new) labels: called by shipping in the mutation that
 * saves a purchased label and after a void + relabel. Reads the shipment's current purchased labels
 * unless the caller passes them. Idempotent: calling it twice with the same labels adds nothing.
 * Returns the ids of the rows added.
 */
export async function enqueueTrackingPush(ctx: MutationCtx, shipmentId: Id<"shipments">, labels?: TrackingLabel[]) {
  const shipment = await ctx.db.get("shipments", shipmentId);
  if (!shipment) return [];
  const order = await ctx.db.get("orders", shipment.orderId);
  const channel = order?.externalId ? await pushingChannel(ctx, order.channel) : null;
  if (!order?.externalId || !channel) return [];
  const current = labels ?? (await currentLabels(ctx, shipmentId));
  const now = Date.now();
  const added: Id<"outbox">[] = [];
  const live = new Set(current.map((l) => l.packageKey));
  for (const label of current) {
    const idempotencyKey = `trk:${shipmentId}:${label.packageKey}:${label.trackingNumber}`;
    if (await outboxRow(ctx, idempotencyKey)) continue;
    const previous = await rowsForPackage(ctx, shipmentId, label.packageKey);
    let supersedes: Id<"outbox"> | undefined;
    for (const row of previous) {
      if (row.status === "sent" || row.sentAt !== undefined || row.status === "sending") supersedes = row._id;
      if (row.status === "pending" || row.status === "failed" || row.status === "sending") {
        await ctx.db.patch("outbox", row._id, { status: "superseded", leaseUntil: undefined });
      }
    }
    added.push(
      await ctx.db.insert("outbox", {
        kind: "tracking",
        channel: order.channel,
        externalOrderId: order.externalId,
        idempotencyKey,
        orderId: order._id,
        shipmentId,
        packageKey: label.packageKey,
        carrier: label.carrier,
        service: label.service,
        trackingNumber: label.trackingNumber,
        items: await itemsForPackage(ctx, order, shipment, label.packageKey),
        supersedes,
        status: "pending",
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      }),
    );
    await wake(ctx, "outbox");
  }
  // A package whose label was voided without a new one: its unsent tracking must never go out.
  for (const row of await rowsBy(ctx, "outbox", "by_shipmentId_and_packageKey", shipmentId, { limit: 100 })) {
    if (row.packageKey && !live.has(row.packageKey) && (row.status === "pending" || row.status === "failed")) {
      await ctx.db.patch("outbox", row._id, { status: "superseded" });
    }
  }
  if (added.length > 0) await ctx.scheduler.runAfter(0, internal.integrations.channels.worker.drainOutbox, {});
  // Amazon buyer data may be kept only until 30 days after delivery (model/channels/pii.ts).
  if (added.length > 0 && channel.kind === "amazon") await scheduleAmazonPiiErasure(ctx, order._id);
  return added;
}

async function rowsForPackage(ctx: MutationCtx, shipmentId: Id<"shipments">, packageKey: string) {
  const rows = await ctx.db
    .query("outbox")
    .withIndex("by_shipmentId_and_packageKey", (q) => q.eq("shipmentId", shipmentId).eq("packageKey", packageKey))
    .take(50);
  return rows.sort((a, b) => a._creationTime - b._creationTime);
}

/** Adds the acknowledgement owed for an imported channel order, due by the channel's deadline. */
export async function enqueueAck(
  ctx: MutationCtx,
  channel: Doc<"channels">,
  { externalOrderId, orderId, placedAt }: { externalOrderId: string; orderId?: Id<"orders">; placedAt: number },
) {
  const existing = await ackOf(ctx, channel.code, externalOrderId);
  if (existing) {
    if (orderId && !existing.orderId) await ctx.db.patch("outbox", existing._id, { orderId });
    return existing._id;
  }
  const now = Date.now();
  await wake(ctx, "outbox");
  return ctx.db.insert("outbox", {
    kind: "ack",
    channel: channel.code,
    externalOrderId,
    idempotencyKey: ackKey(channel.code, externalOrderId),
    orderId,
    status: "pending",
    attempts: 0,
    nextAttemptAt: now,
    dueAt: placedAt + channel.ackDeadlineHours * HOUR,
    createdAt: now,
  });
}

/** A claimed row with what the sender needs to correct an earlier push. */
export type ClaimedEntry = Doc<"outbox"> & { replaces?: { trackingNumber?: string; remoteRef?: string } };

/**
 * Claims up to `limit` due rows for one sender: pending rows whose time has come, and `sending`
 * rows whose sender died (lease over). Each claimed row is `sending` until completeSend.
 */
export async function claimDue(ctx: MutationCtx, now: number, limit: number): Promise<ClaimedEntry[]> {
  const due: Doc<"outbox">[] = [];
  for (const status of DUE_OUTBOX_STATUSES)
    due.push(
      ...(await ctx.db
        .query("outbox")
        .withIndex("by_status_and_nextAttemptAt", (q) => q.eq("status", status).lte("nextAttemptAt", now))
        .take(limit - due.length)),
    );
  const claimed: ClaimedEntry[] = [];
  for (const row of due) {
    const patch = claimPatch(now);
    await ctx.db.patch("outbox", row._id, patch);
    const old = row.supersedes ? await ctx.db.get("outbox", row.supersedes) : null;
    const replaces =
      old?.sentAt !== undefined ? { trackingNumber: old.trackingNumber, remoteRef: old.remoteRef } : undefined;
    claimed.push({ ...row, ...patch, replaces });
  }
  return claimed;
}

/**
 * The sender's verdict on one claimed row. `awaiting`: the channel took it but confirms later (an
 * Amazon acknowledgement feed): the row stays pending with the channel's reference and is checked
 * again after `checkInMs`; it only counts as sent when the channel confirms.
 */
export type SendOutcome =
  | { ok: true; remoteRef?: string }
  | { ok: false; error: string; retryable: boolean }
  | { awaiting: string; checkInMs: number };

/**
 * Records a send: a success marks the row sent (a row superseded while in flight keeps that status
 * but remembers it went out, so its replacement corrects it); a failure schedules the next attempt
 * with backoff, or fails the row when the error is permanent or the attempts are spent.
 */
export async function completeSend(ctx: MutationCtx, id: Id<"outbox">, outcome: SendOutcome, now = Date.now()) {
  const row = await ctx.db.get("outbox", id);
  if (!row || row.status === "sent") return;
  if ("awaiting" in outcome) {
    const attempts = row.attempts + 1;
    const spent = attempts >= MAX_ATTEMPTS;
    await ctx.db.patch("outbox", id, {
      attempts,
      remoteRef: outcome.awaiting,
      leaseUntil: undefined,
      status: row.status === "superseded" ? "superseded" : spent ? "failed" : "pending",
      lastError: spent ? "The channel never confirmed this message; retry to send it again." : undefined,
      nextAttemptAt: now + outcome.checkInMs,
    });
    return;
  }
  if (outcome.ok) {
    const status = row.status === "superseded" ? "superseded" : "sent";
    await ctx.db.patch("outbox", id, {
      status,
      sentAt: now,
      remoteRef: outcome.remoteRef ?? row.remoteRef,
      leaseUntil: undefined,
      lastError: undefined,
    });
    return;
  }
  const attempts = row.attempts + 1;
  if (row.status === "superseded") {
    await ctx.db.patch("outbox", id, { attempts, lastError: outcome.error, leaseUntil: undefined });
    return;
  }
  const failed = !outcome.retryable || attempts >= MAX_ATTEMPTS;
  await ctx.db.patch("outbox", id, {
    attempts,
    // An acknowledgement the channel refused is sent again, not re-checked.
    ...(row.kind === "ack" ? { remoteRef: undefined } : {}),
    lastError: outcome.error,
    leaseUntil: undefined,
    status: failed ? "failed" : "pending",
    nextAttemptAt: failed ? now : now + backoffMs(attempts),
  });
}

/** Puts a failed row back in the queue (admin "retry"). */
export async function retryEntry(ctx: MutationCtx, id: Id<"outbox">) {
  const row = await ctx.db.get("outbox", id);
  if (!row || row.status !== "failed") return false;
  await ctx.db.patch("outbox", id, {
    status: "pending",
    nextAttemptAt: Date.now(),
    ...(row.kind === "ack" ? { remoteRef: undefined } : {}),
  });
  await ctx.scheduler.runAfter(0, internal.integrations.channels.worker.drainOutbox, {});
  return true;
}
