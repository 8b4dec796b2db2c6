/**
 * The validation step between `pending` and `ready`, called by createOrder in the order's own
 * transaction. Gathers the facts the pure engine needs (prior orders by email, recent orders to
 * the address — from fingerprints, over an index), runs lib/validation, and either moves the order
 * to ready and allocates it exactly as before, or holds it with one typed hold per finding.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { addressKey, validateOrder } from "../../lib/validation/engine";
import type { Finding, OrderFacts } from "../../lib/validation/types";
import { getOrderOrThrow, transitionOrder } from "../orders/transition";
import { allocateOrder } from "../allocation/allocate";
import { raiseHold } from "./holds";
import { readExceptionSettings } from "./settings";
import { onOrderReady } from "./hooks";
import { scheduleVerification } from "./verification";
import { HOUR } from "../../lib/clock";
import { orderLinesOf } from "../orders/lines";
import type { ActorOrSystem } from "../audit/record";
import { rowBy } from "../rows";

/** Counts what fraud rules need, then records this order's own fingerprints. */
async function fingerprint(
  ctx: MutationCtx,
  orderId: Id<"orders">,
  { email, address, velocityCap, now }: { email: string; address: string; velocityCap: number; now: number },
) {
  const prior = await rowBy(ctx, "orderFingerprints", "by_email_and_at", email, "first");
  const recent = await ctx.db
    .query("orderFingerprints")
    .withIndex("by_addressKey_and_at", (q) => q.eq("addressKey", address).gt("at", now - HOUR))
    .take(velocityCap + 1);
  await ctx.db.insert("orderFingerprints", { email, addressKey: address, orderId, at: now });
  return { priorOrdersByEmail: prior ? 1 : 0, ordersToAddressLastHour: recent.length };
}

/**
 * Validates a `pending` order. Passing: ready → allocated, the confirmation queued (a line
 * backordered here simply waits in the backorder queue: it was never in stock for this order).
 * Failing: on_hold with its holds; when released, lines whose stock went meanwhile are flagged.
 * Returns the findings' types.
 */
export async function validateNewOrder(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  orderId: Id<"orders">,
  known: Finding[] = [],
) {
  const order = await getOrderOrThrow(ctx, orderId);
  const lines = await orderLinesOf(ctx, orderId);
  const settings = await readExceptionSettings(ctx);
  const now = Date.now();
  const counts = await fingerprint(ctx, orderId, {
    email: order.customer.email,
    address: addressKey(order.shipTo),
    velocityCap: settings.fraud.addressVelocity.maxOrdersPerHour,
    now,
  });
  const facts: OrderFacts = {
    channel: order.channel,
    kind: order.kind,
    currency: order.currency,
    totalMinor: order.totalMinor,
    shipTo: order.shipTo,
    billingCountry: order.billingCountry,
    paymentStatus: order.paymentStatus,
    ...counts,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
  };
  // A pickup whose store is not known yet has no delivery address to check: its pickup_location hold says what to do.
  const pickupPending = known.some((f) => f.type === "pickup_location");
  const findings = [
    ...known,
    ...validateOrder(facts, settings).filter((f) => !(pickupPending && f.type === "address")),
  ];
  if (findings.length === 0) {
    await transitionOrder(ctx, actor, orderId, { to: "ready", reason: "Passed validation", current: order });
    // A promised unit is off the table the moment the order commits: allocate in the same transaction.
    await allocateOrder(ctx, actor, orderId);
    await onOrderReady(ctx, orderId);
    await scheduleVerification(ctx, orderId, settings);
    return [];
  }
  for (const f of findings) await raiseHold(ctx, actor, { orderId, ...f });
  return findings.map((f) => f.type);
}
