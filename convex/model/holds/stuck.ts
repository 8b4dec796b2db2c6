/**
 * Stuck work. A cron starts a scan that walks, one bounded page per mutation (each scheduling
 * the next), over indexes only:
 *   - orders awaiting fulfilment (ready → packed) created before the threshold, whose latest
 *     trail event is older than the threshold too (not moved for N hours);
 *   - channel acknowledgements still unsent and due within the warning window;
 *   - open stuck flags, which close by themselves once their subject moved.
 * Flags are non-blocking holds of type "stuck" (one per subject, keyed), shown in the queue and
 * on the order; and purchased labels with no carrier scan (model/shipping/tracking.ts) past the
 * threshold.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { STATUS_LABELS, type OrderStatus } from "../../lib/orderStatus";
import { closeHold, flagStuckOnce } from "./holds";
import { readExceptionSettings } from "./settings";
import { labelsAwaitingScan } from "../shipping/tracking";
import { HOUR } from "../../lib/clock";
import { LATE_KEY, lateFlagResolved, scanLateDeliveries } from "../carriers/late";
import { SYSTEM } from "../audit/record";
import { rowsBy } from "../rows";

export const AWAITING_FULFILMENT: readonly OrderStatus[] = [
  "ready",
  "allocated",
  "partially_allocated",
  "picking",
  "packed",
];
export const STUCK_PHASES = [...AWAITING_FULFILMENT, "acks", "no_scan", "late_delivery", "clear"] as const;
export type StuckPhase = (typeof STUCK_PHASES)[number];
export const STUCK_BATCH = 100;

export type ScanStep = { phase: StuckPhase; cursor: string | null } | null;

const MOVES = new Set(["status", "allocation", "lines_cancelled", "created"]);

/** When the order last moved: its latest status/allocation event (notes and flags don't count). */
async function lastMoveAt(ctx: MutationCtx, order: Doc<"orders">) {
  const recent = await rowsBy(ctx, "orderEvents", "by_orderId", order._id, { limit: 20, order: "desc" });
  const move = recent.find((e) => MOVES.has(e.kind));
  // Twenty notes in a row: the last move is older than the oldest of them.
  return move?.at ?? recent.at(-1)?.at ?? order._creationTime;
}

async function scanOrders(
  ctx: MutationCtx,
  {
    status,
    cursor,
    thresholdMs,
    now,
  }: { status: OrderStatus; cursor: string | null; thresholdMs: number; now: number },
) {
  const cutoff = now - thresholdMs;
  const page = await ctx.db
    .query("orders")
    .withIndex("by_status", (q) => q.eq("status", status).lt("_creationTime", cutoff))
    .paginate({ cursor, numItems: STUCK_BATCH });
  let flagged = 0;
  for (const order of page.page) {
    // A click & collect order waits at the counter for its customer: the pickup's hold days decide (model/pickup/expire).
    if (status === "packed" && order.pickupStoreId) continue;
    const movedAt = await lastMoveAt(ctx, order);
    if (movedAt >= cutoff) continue;
    const hours = Math.floor((now - movedAt) / HOUR);
    const reason = `${STATUS_LABELS[status]} for ${hours} h without moving`;
    if (
      await flagStuckOnce(ctx, {
        key: `idle:${order._id}`,
        orderId: order._id,
        reason,
        detail: `Threshold ${Math.round(thresholdMs / HOUR)} h. Last change ${new Date(movedAt).toISOString()}.`,
      })
    )
      flagged++;
  }
  return { flagged, next: page.isDone ? null : page.continueCursor };
}

async function scanAcks(ctx: MutationCtx, cursor: string | null, warnMs: number, now: number) {
  let flagged = 0;
  const page = await ctx.db
    .query("outbox")
    .withIndex("by_kind_and_status_and_dueAt", (q) =>
      q
        .eq("kind", "ack")
        .eq("status", "pending")
        .lte("dueAt", now + warnMs),
    )
    .paginate({ cursor, numItems: STUCK_BATCH });
  for (const row of page.page) {
    if (!row.orderId || row.dueAt === undefined) continue;
    const mins = Math.round((row.dueAt - now) / 60_000);
    const reason =
      mins >= 0
        ? `${row.channel} acknowledgement due in ${mins} min`
        : `${row.channel} acknowledgement overdue by ${-mins} min`;
    const detail = `Attempts ${row.attempts}${row.lastError ? `; last error: ${row.lastError}` : ""}.`;
    if (await flagStuckOnce(ctx, { key: `ack:${row._id}`, orderId: row.orderId, reason, detail })) flagged++;
  }
  return { flagged, next: page.isDone ? null : page.continueCursor };
}

/** Labels bought more than the threshold ago that the carrier has still not scanned. */
async function scanNoCarrierScan(ctx: MutationCtx, cursor: string | null, thresholdMs: number, now: number) {
  const page = await labelsAwaitingScan(ctx, now - thresholdMs).paginate({ cursor, numItems: STUCK_BATCH });
  let flagged = 0;
  for (const label of page.page) {
    const shipment = await ctx.db.get("shipments", label.shipmentId);
    if (!shipment || label.purchasedAt === undefined) continue;
    const hours = Math.floor((now - label.purchasedAt) / HOUR);
    const reason = `No carrier scan ${hours} h after label ${label.trackingNumber ?? ""}`.trim();
    const detail = `${label.carrier} ${label.service} on shipment ${shipment.number}${label.trackingStatus ? `; carrier says ${label.trackingStatus}` : ""}.`;
    if (await flagStuckOnce(ctx, { key: `scan:${label._id}`, orderId: shipment.orderId, reason, detail })) flagged++;
  }
  return { flagged, next: page.isDone ? null : page.continueCursor };
}

/** Closes open stuck flags whose subject moved (order changed status, acknowledgement sent). */
async function clearMoved(ctx: MutationCtx, cursor: string | null) {
  const page = await ctx.db
    .query("orderHolds")
    .withIndex("by_status_and_type_and_createdAt", (q) => q.eq("status", "open").eq("type", "stuck"))
    .paginate({ cursor, numItems: STUCK_BATCH });
  let cleared = 0;
  for (const flag of page.page) {
    let moved = false;
    if (flag.key?.startsWith("idle:")) {
      const order = await ctx.db.get("orders", flag.orderId);
      moved = !order || !AWAITING_FULFILMENT.includes(order.status) || (await lastMoveAt(ctx, order)) > flag.createdAt;
    } else if (flag.key?.startsWith("ack:")) {
      const row = await ctx.db.get("outbox", flag.key.slice(4) as Id<"outbox">);
      moved = !row || row.status === "sent" || row.status === "superseded";
    } else if (flag.key?.startsWith("scan:")) {
      const label = await ctx.db.get("shippingLabels", flag.key.slice(5) as Id<"shippingLabels">);
      moved = !label || label.status !== "purchased" || label.firstScanAt !== undefined;
    } else if (flag.key?.startsWith(LATE_KEY)) {
      moved = await lateFlagResolved(ctx, flag.key);
    }
    if (moved) {
      await closeHold(ctx, SYSTEM, flag._id, { resolution: "cleared", note: "Moved again", silent: true });
      cleared++;
    }
  }
  return { cleared, next: page.isDone ? null : page.continueCursor };
}

/** Runs one page of the scan; returns the next step (null when the scan is done) and what it did. */
export async function scanStuckStep(ctx: MutationCtx, step: { phase: StuckPhase; cursor: string | null }) {
  const { stuck } = await readExceptionSettings(ctx);
  const now = Date.now();
  const { phase, cursor } = step;
  let result: { flagged?: number; cleared?: number; next: string | null };
  if (phase === "acks") result = await scanAcks(ctx, cursor, stuck.ackWarningHours * HOUR, now);
  else if (phase === "no_scan") result = await scanNoCarrierScan(ctx, cursor, stuck.noScanHours * HOUR, now);
  else if (phase === "late_delivery")
    result = await scanLateDeliveries(ctx, {
      cursor,
      now,
      batch: STUCK_BATCH,
      flag: (key, orderId, reason, detail) => flagStuckOnce(ctx, { key, orderId, reason, detail }),
    });
  else if (phase === "clear") result = await clearMoved(ctx, cursor);
  else
    result = await scanOrders(ctx, {
      status: phase,
      cursor,
      thresholdMs: stuck.awaitingFulfilmentHours * HOUR,
      now,
    });
  const at = STUCK_PHASES.indexOf(phase);
  const next: ScanStep =
    result.next !== null
      ? { phase, cursor: result.next }
      : at + 1 < STUCK_PHASES.length
        ? { phase: STUCK_PHASES[at + 1], cursor: null }
        : null;
  return { next, flagged: result.flagged ?? 0, cleared: result.cleared ?? 0 };
}
