/**
 * Importing channel orders, keyed by (channel, external order id): the inbox row is found or made
 * first, so the same order pulled three times, or replayed by a webhook, creates one order. An order
 * whose listings all map becomes a real order through createOrder (validated, numbered, audited,
 * allocated in the same transaction); otherwise it waits in the inbox until its listings are mapped.
 */
import { ConvexError } from "convex/values";
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { isAppErrorData } from "../../lib/errors";
import { createOrder } from "../orders/create";
import { cancelOrder } from "../orders/lifecycle";
import { markRefundPaidBy } from "../orders/refunds";
import { appendOrderEvent } from "../orders/transition";
import { expandLines, mappingRow, noteUnmapped, resolveListing } from "./mapping";
import { CURRENCIES, isCurrency } from "../../lib/money";
import { raiseHold } from "../holds/holds";
import type { Finding } from "../../lib/validation/types";
import { resolvePickupLocation, storeAsDestination, waitForLocation } from "../pickup/locations";
import { ackOf, enqueueAck } from "./outbox";
import { channelByCode, inboxRow } from "./views";
import { expectChannelFees } from "../finance/fees";
import type { Component, NormalizedOrder } from "./tables";
import { CANCELLABLE_STATUSES, FINISHED_ORDER_STATUSES } from "../../lib/statusSets";
import { SYSTEM } from "../audit/record";
import { openHolds } from "../holds/holds";
import { warehouseByCode } from "../warehouses/sources";
import { drainBatch, rowsBy } from "../rows";

export type ImportResult = "created" | "duplicate" | "waiting" | "failed" | "cancelled" | "cancel_requested";

/** Every listing's components, and the listings that map to nothing. */
async function resolveAll(ctx: MutationCtx, channel: string, o: NormalizedOrder) {
  const components = new Map<string, Component[]>();
  const unmapped: string[] = [];
  for (const line of o.lines) {
    if (components.has(line.listingSku) || unmapped.includes(line.listingSku)) continue;
    const parts = await resolveListing(ctx, channel, line.listingSku);
    if (parts) components.set(line.listingSku, parts);
    else unmapped.push(line.listingSku);
  }
  return { components, unmapped };
}

/**
 * Turns a fully mapped inbox row into an order. A refusal by createOrder (a bad address, a product
 * priced in another currency) leaves the row `failed` with the reason; nothing else is written,
 * because createOrder checks everything before its first write.
 */
async function createFromInbox(
  ctx: MutationCtx,
  row: Doc<"channelOrders">,
  components: Map<string, Component[]>,
): Promise<ImportResult> {
  const o = row.payload;
  if (!isCurrency(o.currency)) throw new Error("unreachable: currency is checked before an order is made");
  const listPrice = new Map<Id<"products">, number>();
  for (const parts of components.values()) {
    for (const c of parts) listPrice.set(c.productId, (await ctx.db.get("products", c.productId))?.priceMinor ?? 1);
  }
  let pickupStoreId: Id<"warehouses"> | undefined;
  if (o.pickupStoreCode) {
    const store = await warehouseByCode(ctx, o.pickupStoreCode);
    if (!store || store.kind !== "store") {
      await ctx.db.patch("channelOrders", row._id, {
        status: "failed",
        error: `pickup store ${o.pickupStoreCode} is not one of our stores`,
        updatedAt: Date.now(),
      });
      return "failed";
    }
    pickupStoreId = store._id;
  }
  // Click & collect chosen on the channel (Shopify): the location's store, or a pickup_location hold (model/pickup/locations).
  let shipTo = o.shipTo;
  let pickupHold: { finding: Finding; waits: boolean } | undefined;
  if (o.pickupLocation && !pickupStoreId) {
    const r = await resolvePickupLocation(ctx, row.channel, o.pickupLocation);
    if ("store" in r) {
      pickupStoreId = r.store._id;
      if (!shipTo.line1.trim()) shipTo = storeAsDestination(r.store, o.customer.name);
    } else pickupHold = r;
  }
  try {
    const { orderId } = await createOrder(ctx, SYSTEM, {
      kind: "channel",
      pickupStoreId,
      findings: pickupHold ? [pickupHold.finding] : undefined,
      channel: row.channel,
      externalId: row.externalId,
      customer: o.customer,
      shipTo,
      currency: o.currency,
      lines: expandLines(o.lines, components, listPrice),
      shipBy: o.shipBy,
      priority: o.priority,
      paymentStatus: o.paymentStatus ?? "paid",
      notes: o.notes,
      placedAt: o.placedAt,
      shippingChargedMinor: o.shippingChargedMinor,
    });
    await ctx.db.patch("channelOrders", row._id, {
      status: "imported",
      orderId,
      unmappedSkus: [],
      error: undefined,
      updatedAt: Date.now(),
    });
    // Issue 20: the channel's fees for this order are asked for later, where the channel reports them.
    const channel = await channelByCode(ctx, row.channel);
    if (channel)
      await expectChannelFees(ctx, {
        orderId,
        channel: row.channel,
        externalId: row.externalId,
        kind: channel.kind,
        currency: o.currency,
      });
    if (o.cancelRequested) await holdForCancelRequest(ctx, orderId, row.channel, o.cancelRequested.reason);
    if (pickupHold?.waits && o.pickupLocation)
      await waitForLocation(ctx, { channel: row.channel, loc: o.pickupLocation, orderId });
    const ack = await ackOf(ctx, row.channel, row.externalId);
    if (ack) await ctx.db.patch("outbox", ack._id, { orderId });
    return "created";
  } catch (e) {
    if (!(e instanceof ConvexError) || !isAppErrorData(e.data)) throw e;
    if (e.data.code === "DUPLICATE") return "duplicate";
    const detail = e.data.fields ? Object.values(e.data.fields).join(" ") : e.data.message;
    await ctx.db.patch("channelOrders", row._id, { status: "failed", error: detail, updatedAt: Date.now() });
    return "failed";
  }
}

/** Imports one channel order; safe to call any number of times with the same order. */
export async function importChannelOrder(
  ctx: MutationCtx,
  channel: Doc<"channels">,
  o: NormalizedOrder,
): Promise<ImportResult> {
  const now = Date.now();
  const existing = await inboxRow(ctx, channel.code, o.externalId);
  if (existing?.status === "imported" && o.cancelled && !existing.payload.cancelled)
    return cancelImported(ctx, existing, o);
  if (existing?.status === "imported" && o.cancelRequested && !existing.payload.cancelRequested) {
    await ctx.db.patch("channelOrders", existing._id, { payload: o, updatedAt: now });
    if (existing.orderId) await holdForCancelRequest(ctx, existing.orderId, existing.channel, o.cancelRequested.reason);
    return "cancel_requested";
  }
  if (existing?.status === "imported" || existing?.status === "cancelled") return "duplicate";
  if (existing?.status === "waiting_mapping") {
    if (o.cancelled) await cancelWaiting(ctx, existing);
    return o.cancelled ? "cancelled" : "waiting";
  }
  if (existing && existing.payload.updatedAt >= o.updatedAt) return "duplicate";
  const fields = { payload: o, unmappedSkus: [] as string[], updatedAt: now };
  if (o.cancelled) {
    if (existing) await ctx.db.patch("channelOrders", existing._id, { ...fields, status: "cancelled" });
    else
      await ctx.db.insert("channelOrders", {
        channel: channel.code,
        externalId: o.externalId,
        status: "cancelled",
        receivedAt: now,
        ...fields,
      });
    return "cancelled";
  }
  // A failed row comes back with the channel's newer version of the order.
  const rowId =
    existing?._id ??
    (await ctx.db.insert("channelOrders", {
      channel: channel.code,
      externalId: o.externalId,
      status: "failed",
      receivedAt: now,
      ...fields,
    }));
  if (existing) await ctx.db.patch("channelOrders", rowId, fields);
  if (channel.kind !== "csv") await enqueueAck(ctx, channel, { externalOrderId: o.externalId, placedAt: o.placedAt });
  // An order we cannot take as sent fails here, on its own row; the pull and its cursor go on.
  if (!isCurrency(o.currency)) {
    await ctx.db.patch("channelOrders", rowId, {
      status: "failed",
      error: `The order is in ${o.currency || "no currency"}; this platform sells in ${CURRENCIES.join(", ")}. Handle it on ${channel.code} or add the currency.`,
    });
    return "failed";
  }
  const { components, unmapped } = await resolveAll(ctx, channel.code, o);
  if (unmapped.length > 0) {
    await ctx.db.patch("channelOrders", rowId, { status: "waiting_mapping", unmappedSkus: unmapped, error: undefined });
    for (const sku of unmapped) {
      await ctx.db.insert("channelOrderWaits", { channel: channel.code, listingSku: sku, channelOrderId: rowId });
      await noteUnmapped(ctx, channel.code, sku, o.lines.find((l) => l.listingSku === sku)?.title);
    }
    return "waiting";
  }
  const result = await createFromInbox(ctx, (await ctx.db.get("channelOrders", rowId))!, components);
  if (result === "created") await ctx.db.patch("channels", channel._id, { importedCount: channel.importedCount + 1 });
  return result;
}

/**
 * The channel cancelled an order we imported: it is cancelled here too while nothing was picked;
 * once picking started a person decides, so the order's trail says what the channel did.
 */
async function cancelImported(ctx: MutationCtx, row: Doc<"channelOrders">, o: NormalizedOrder): Promise<ImportResult> {
  await ctx.db.patch("channelOrders", row._id, { payload: o, updatedAt: Date.now() });
  const order = row.orderId ? await ctx.db.get("orders", row.orderId) : null;
  if (!order) return "cancelled";
  if (CANCELLABLE_STATUSES.includes(order.status)) {
    const { refundId } = await cancelOrder(ctx, SYSTEM, order._id, `Cancelled on ${row.channel}`);
    // The channel that cancelled its buyer's order refunds the buyer itself: recorded, not due.
    if (refundId) await markRefundPaidBy(ctx, refundId, row.channel);
  } else {
    await appendOrderEvent(ctx, SYSTEM, order._id, {
      kind: "note",
      reason: `${row.channel} says the buyer cancelled this order, but it is already ${order.status.replace("_", " ")}. Stop it by hand if you still can.`,
    });
  }
  return "cancelled";
}

/** A waiting order the channel cancelled: it stops waiting and no order is ever made. */
async function cancelWaiting(ctx: MutationCtx, row: Doc<"channelOrders">) {
  for (const w of await rowsBy(ctx, "channelOrderWaits", "by_channelOrderId", row._id, { limit: 100 })) {
    await ctx.db.delete("channelOrderWaits", w._id);
    await decrementWaiting(ctx, row.channel, w.listingSku);
  }
  await ctx.db.patch("channelOrders", row._id, { status: "cancelled", unmappedSkus: [], updatedAt: Date.now() });
}

async function decrementWaiting(ctx: MutationCtx, channel: string, listingSku: string) {
  const m = await mappingRow(ctx, channel, listingSku);
  if (m && m.waitingOrders > 0) await ctx.db.patch("skuMappings", m._id, { waitingOrders: m.waitingOrders - 1 });
}

/** Orders released per transaction; the rest continue in a scheduled follow-up. */
export const RELEASE_BATCH = 25;

/**
 * After a listing is mapped: every inbox order waiting on it stops waiting on it, and those with no
 * other unmapped listing become orders. Returns how many were imported and whether more remain.
 */
export async function releaseWaiting(ctx: MutationCtx, channelCode: string, listingSku: string) {
  const channel = await channelByCode(ctx, channelCode);
  const waits = ctx.db
    .query("channelOrderWaits")
    .withIndex("by_channel_and_listingSku", (q) => q.eq("channel", channelCode).eq("listingSku", listingSku));
  const { counted: imported, more } = await drainBatch(ctx, "channelOrderWaits", waits, RELEASE_BATCH, async (w) => {
    await decrementWaiting(ctx, channelCode, listingSku);
    const row = await ctx.db.get("channelOrders", w.channelOrderId);
    if (!row || row.status !== "waiting_mapping") return false;
    const { components, unmapped } = await resolveAll(ctx, channelCode, row.payload);
    if (unmapped.length > 0) {
      await ctx.db.patch("channelOrders", row._id, { unmappedSkus: unmapped, updatedAt: Date.now() });
      return false;
    }
    return (await createFromInbox(ctx, row, components)) === "created";
  });
  if (channel && imported > 0)
    await ctx.db.patch("channels", channel._id, { importedCount: channel.importedCount + imported });
  return { imported, more };
}

/**
 * The buyer asked the channel to cancel: the order is held (a blocking "cancel_request" hold in the
 * exception queue) so nothing is picked or shipped until a supervisor cancels it or releases it.
 * Once picking started the hold is recorded as a flag on the order's trail instead (see raiseHold).
 */
async function holdForCancelRequest(ctx: MutationCtx, orderId: Id<"orders">, channel: string, reason?: string) {
  const order = await ctx.db.get("orders", orderId);
  if (!order || FINISHED_ORDER_STATUSES.includes(order.status)) {
    if (order)
      await appendOrderEvent(ctx, SYSTEM, orderId, {
        kind: "note",
        reason: `${channel}: the buyer asked to cancel${reason ? ` (${reason})` : ""}, but the order is already ${order.status}.`,
      });
    return;
  }
  const open = await openHolds(ctx, orderId);
  if (open.some((h) => h.type === "cancel_request")) return;
  await raiseHold(ctx, SYSTEM, {
    orderId,
    type: "cancel_request",
    reason: `The buyer asked ${channel} to cancel${reason ? `: ${reason}` : ""}. Cancel the order, or release it to ship.`,
    key: `cancel_request:${orderId}`,
  });
}
