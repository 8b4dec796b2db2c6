/**
 * Typed holds. raiseHold records why an order (or one shipment, or one line) cannot go on;
 * closeHold closes one and says whether the order's release is due — the release itself (back
 * where it was held from, allocate, flag, notify) is the pipeline's (model/orders/pipeline.ts).
 * Every raise and resolution is written on the order's trail and the audit log in the same transaction.
 *
 * Scope: an order-scope blocking hold puts the order `on_hold`; a shipment-scope hold sets
 * `shipments.onHold` so only that shipment stays off pick lists while its siblings ship; a
 * line-scope hold (stock gone for one line) is a flag that blocks nothing else.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import { STATUS_LABELS } from "../../lib/orderStatus";
import type { FiredRule, HoldType } from "../../lib/validation/types";
import { stockFindings } from "../../lib/validation/engine";
import type { Address } from "../warehouses/tables";
import { recordAudit, SYSTEM, ActorOrSystem } from "../audit/record";
import { appendOrderEvent, getOrderOrThrow, transitionOrder } from "../orders/transition";
import type { HoldResolution } from "./tables";
import { orderLinesOf } from "../orders/lines";
import { isHoldable, isOpenShipment } from "../../lib/statusSets";
import { rowOrThrow } from "../rows";

export const HOLD_LABELS: Record<HoldType, string> = {
  address: "Address",
  payment: "Payment",
  fraud: "Fraud review",
  stock: "Stock",
  unmapped_sku: "Unmapped SKU",
  stuck: "Stuck",
  manual: "Manual",
  cancel_request: "Buyer cancellation request",
  pickup_short: "Pickup store short",
  pickup_location: "Pickup location not mapped",
};

export type HoldInput = {
  orderId: Id<"orders">;
  type: HoldType;
  reason: string;
  detail?: string;
  score?: number;
  firedRules?: FiredRule[];
  suggestion?: Address;
  shipmentId?: Id<"shipments">;
  orderLineId?: Id<"orderLines">;
  key?: string;
  /** Defaults: order and shipment scope block; line scope and stuck flags do not. */
  blocking?: boolean;
};

/** The most holds one order has open at once (each check raises at most one of its type). */
export const MAX_OPEN_HOLDS = 100;

/** An order's open holds, oldest first. */
export async function openHolds(ctx: { db: QueryCtx["db"] }, orderId: Id<"orders">) {
  return ctx.db
    .query("orderHolds")
    .withIndex("by_orderId_and_status", (q) => q.eq("orderId", orderId).eq("status", "open"))
    .take(MAX_OPEN_HOLDS);
}

/** Records a hold and applies its scope (order on hold, or shipment kept off pick lists). */
export async function raiseHold(ctx: MutationCtx, actor: ActorOrSystem, h: HoldInput): Promise<Id<"orderHolds">> {
  const order = await getOrderOrThrow(ctx, h.orderId);
  const scope = h.shipmentId ? "shipment" : h.orderLineId ? "line" : "order";
  let blocking = h.blocking ?? (scope !== "line" && h.type !== "stuck");
  let detail = h.detail;
  if (blocking && scope === "order" && order.status !== "on_hold") {
    if (isHoldable(order.status)) {
      const reason = h.type === "manual" ? h.reason : `${HOLD_LABELS[h.type]} hold: ${h.reason}`;
      await transitionOrder(ctx, actor, order._id, {
        to: "on_hold",
        reason,
        patch: { heldFrom: order.status, holdReason: h.reason },
        current: order,
      });
    } else {
      // Too late to stop the whole order (picking started): recorded for a person to act on.
      blocking = false;
      detail = `${detail ? `${detail} ` : ""}The order was already ${STATUS_LABELS[order.status].toLowerCase()} and could not be stopped.`;
    }
  }
  if (blocking && scope === "shipment") {
    const shipment = await ctx.db.get("shipments", h.shipmentId!);
    if (!shipment || shipment.orderId !== order._id) throw appError("NOT_FOUND", "That shipment is not on this order.");
    if (!isOpenShipment(shipment.status))
      throw appError(
        "INVALID_TRANSITION",
        `Shipment ${shipment.number} is ${shipment.status} and can no longer be held.`,
      );
    await ctx.db.patch("shipments", shipment._id, { onHold: true });
  }
  const id = await ctx.db.insert("orderHolds", {
    orderId: order._id,
    type: h.type,
    scope,
    blocking,
    shipmentId: h.shipmentId,
    orderLineId: h.orderLineId,
    status: "open",
    reason: h.reason,
    detail,
    score: h.score,
    firedRules: h.firedRules,
    suggestion: h.suggestion,
    key: h.key,
    createdAt: Date.now(),
  });
  if (!(blocking && scope === "order")) {
    await appendOrderEvent(ctx, actor, order._id, {
      kind: "note",
      reason: `${HOLD_LABELS[h.type]} ${blocking ? "hold" : "flag"}: ${h.reason}`,
      details: detail ? [detail] : undefined,
    });
  }
  return id;
}

/** The open hold raised under `key` (a rule that must hold an order once, e.g. `pickup_short:<order>`), or null. */
export async function openHoldWithKey(ctx: { db: QueryCtx["db"] }, key: string) {
  return ctx.db
    .query("orderHolds")
    .withIndex("by_key_and_status", (q) => q.eq("key", key).eq("status", "open"))
    .first();
}

/**
 * Raises a non-blocking "stuck" flag unless one with the same key is still open (the stuck scan,
 * carrier exceptions). Returns whether it raised one.
 */
export async function flagStuckOnce(
  ctx: MutationCtx,
  flag: { key: string; orderId: Id<"orders">; reason: string; detail: string },
) {
  if (await openHoldWithKey(ctx, flag.key)) return false;
  await raiseHold(ctx, SYSTEM, { ...flag, type: "stuck", blocking: false });
  return true;
}

export async function getOpenHold(ctx: MutationCtx, holdId: Id<"orderHolds">): Promise<Doc<"orderHolds">> {
  const hold = await rowOrThrow(ctx, "orderHolds", holdId, "exception");
  if (hold.status !== "open")
    throw appError("CONFLICT", `This exception was already resolved (${hold.resolution}) by ${hold.resolvedBy}.`);
  return hold;
}

/** How a hold is closed: the resolution, a note for the trail, and what closing it may do. */
export type Closing = {
  resolution: HoldResolution;
  note?: string;
  /** false keeps the order held even when this was its last blocking hold. */
  release?: boolean;
  /** The audit log only (the caller writes the trail). */
  silent?: boolean;
};

/**
 * Closes one hold, audited, and frees its shipment when nothing else holds it. Does not release the
 * order: it says whether a release is due (the last blocking order-scope hold of an order on hold),
 * and the pipeline (model/orders/pipeline.resolveHold) releases it.
 */
export async function closeHold(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  holdId: Id<"orderHolds">,
  { resolution, note, ...opts }: Closing,
) {
  const hold = await getOpenHold(ctx, holdId);
  const by = actor?.name ?? "system";
  await ctx.db.patch("orderHolds", hold._id, {
    status: "resolved",
    resolvedAt: Date.now(),
    resolvedBy: by,
    resolution,
    note: note?.trim() || undefined,
  });
  const summary = `${HOLD_LABELS[hold.type]} ${hold.blocking ? "hold" : "flag"} "${hold.reason}" resolved: ${resolution.replace(/_/g, " ")}${note?.trim() ? ` — ${note.trim()}` : ""}`;
  await recordAudit(ctx, actor, { entity: "orderHolds", entityId: hold._id, action: resolution, summary });
  const rest = (await openHolds(ctx, hold.orderId)).filter((h) => h._id !== hold._id && h.blocking);
  if (
    hold.blocking &&
    hold.scope === "shipment" &&
    hold.shipmentId &&
    !rest.some((h) => h.shipmentId === hold.shipmentId)
  ) {
    await ctx.db.patch("shipments", hold.shipmentId, { onHold: undefined });
  }
  const order = await getOrderOrThrow(ctx, hold.orderId);
  const releaseDue =
    hold.blocking &&
    hold.scope === "order" &&
    opts.release !== false &&
    !rest.some((h) => h.scope === "order") &&
    order.status === "on_hold";
  // A due release's own status event carries the summary.
  if (!releaseDue && !opts.silent) await appendOrderEvent(ctx, actor, hold.orderId, { kind: "note", reason: summary });
  return { releaseDue, orderId: hold.orderId, summary };
}

/**
 * After a held order is released and allocated: one non-blocking stock hold per backordered line
 * (stock went while the order waited), shown in the exception queue; the other lines ship.
 */
export async function flagBackorderedLines(ctx: MutationCtx, actor: ActorOrSystem, orderId: Id<"orders">) {
  const lines = await orderLinesOf(ctx, orderId);
  for (const { line, finding } of stockFindings(lines)) {
    const existing = await ctx.db
      .query("orderHolds")
      .withIndex("by_orderLineId_and_status", (q) => q.eq("orderLineId", line._id).eq("status", "open"))
      .first();
    if (existing?.type === "stock") continue;
    await raiseHold(ctx, actor, { orderId, orderLineId: line._id, ...finding });
  }
}

/** Stock holds of a line close by themselves once its backorder is filled (called by fillBackorders). */
export async function clearFilledStockHolds(ctx: MutationCtx, orderLineId: Id<"orderLines">) {
  const line = await ctx.db.get("orderLines", orderLineId);
  if (!line || line.backordered > 0) return;
  const open = await ctx.db
    .query("orderHolds")
    .withIndex("by_orderLineId_and_status", (q) => q.eq("orderLineId", orderLineId).eq("status", "open"))
    .take(10);
  // Line-scope stock flags never hold the order, so closing them never releases it.
  for (const h of open)
    if (h.type === "stock")
      await closeHold(ctx, SYSTEM, h._id, { resolution: "cleared", note: "Backorder filled by new stock" });
}
