/**
 * The single door for order status changes (DESIGN invariant 4): checks the transition table and
 * writes the audit event in the same transaction. Nothing else patches `orders.status`.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import { canTransition, STATUS_LABELS, type OrderStatus } from "../../lib/orderStatus";
import { notifyDelivered } from "../notifications/enqueue";
import type { ActorOrSystem } from "../audit/record";
import { rowOrThrow } from "../rows";

export async function getOrderOrThrow(ctx: { db: QueryCtx["db"] }, id: Id<"orders">): Promise<Doc<"orders">> {
  return rowOrThrow(ctx, "orders", id, "order");
}

export async function transitionOrder(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  orderId: Id<"orders">,
  opts: {
    to: OrderStatus;
    reason?: string;
    details?: string[];
    patch?: Partial<Pick<Doc<"orders">, "heldFrom" | "holdReason">>;
    /** The order as already read in this transaction, to save a read on hot paths. */
    current?: Doc<"orders">;
  },
): Promise<Doc<"orders">> {
  const { to } = opts;
  const order = opts.current ?? (await getOrderOrThrow(ctx, orderId));
  const from = order.status;
  if (!canTransition(from, to)) {
    throw appError(
      "INVALID_TRANSITION",
      `Order ${order.number} is ${STATUS_LABELS[from].toLowerCase()} and cannot become ${STATUS_LABELS[to].toLowerCase()}.`,
    );
  }
  await ctx.db.patch("orders", orderId, { status: to, ...opts.patch });
  await appendOrderEvent(ctx, actor, orderId, { kind: "status", from, to, reason: opts.reason, details: opts.details });
  if (to === "delivered") await notifyDelivered(ctx, orderId);
  return { ...order, status: to, ...opts.patch };
}

export async function appendOrderEvent(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  orderId: Id<"orders">,
  e: Pick<Doc<"orderEvents">, "kind"> & Partial<Pick<Doc<"orderEvents">, "from" | "to" | "reason" | "details">>,
) {
  await ctx.db.insert("orderEvents", {
    orderId,
    ...e,
    actorId: actor?.id,
    actorName: actor?.name ?? "system",
    at: Date.now(),
  });
}
