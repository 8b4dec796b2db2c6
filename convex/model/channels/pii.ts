/**
 * Amazon's Data Protection Policy: a buyer's personal data (name, e-mail, phone, ship-to street and
 * postal code) may be kept only as long as needed to fulfil the order and no longer than 30 days after
 * delivery. When an Amazon order's tracking goes out, its erasure is scheduled (no cron: nothing runs
 * while nothing ships). The job erases once the order is done (shipped, delivered, closed or
 * cancelled) and 30 days plus a transit allowance have passed since its last shipment; an order still
 * in flight (a return, a reship) is looked at again a week later. Erased: the order's customer and
 * ship-to personal fields, the same fields of its channel inbox payload, the address suggestions on
 * its holds, the addresses quoted by its trail's address corrections and its fraud fingerprint
 * (e-mail, address key); kept: city, region, country (for
 * reports), and everything else about the order. Holds and trail rows are erased a page per
 * transaction (eraseAmazonPiiTrail), so an order with any number of them is erased in full.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import { recordAudit, SYSTEM } from "../audit/record";
import { FINISHED_ORDER_STATUSES } from "../../lib/statusSets";
import { orderSearchText } from "../../lib/search";
import { followOrderSearchText } from "../desk/searchText";
import { orderLinesOf } from "../orders/lines";
import type { PiiTrailStep } from "./tables";
import { channelByCode, inboxRow } from "./views";
import { DAY } from "../../lib/clock";
import { rowsBy } from "../rows";

export const PII_RETENTION_MS = 30 * DAY;
/** Shipped is not delivered: delivery is assumed within this after the label. */
export const TRANSIT_ALLOWANCE_MS = 14 * DAY;
const RECHECK_MS = 7 * DAY;
/**
 * The first look comes no later than this: the offline runtime and convex-test run scheduled
 * functions on setTimeout, which fires at once for a delay past 2^31 ms (~24.8 days); an early
 * look finds the erasure not yet due and looks again (RECHECK_MS) until it is.
 */
const FIRST_LOOK_MAX_MS = 21 * DAY;
export const REDACTED = "(removed: Amazon data retention)";

/** Called when an Amazon order's labels are bought: the erasure is due after delivery + 30 days. */
export async function scheduleAmazonPiiErasure(ctx: MutationCtx, orderId: Id<"orders">, now = Date.now()) {
  await ctx.scheduler.runAfter(
    Math.min(TRANSIT_ALLOWANCE_MS + PII_RETENTION_MS, FIRST_LOOK_MAX_MS),
    internal.channelSync.eraseAmazonPii,
    { orderId, lastShippedAt: now },
  );
}

/** Erases the order's buyer data when its time has come; otherwise looks again later. Idempotent. */
export async function eraseAmazonPii(ctx: MutationCtx, orderId: Id<"orders">, lastShippedAt: number, now = Date.now()) {
  const order = await ctx.db.get("orders", orderId);
  if (!order || order.customer.name === REDACTED) return "gone" as const;
  if ((await channelByCode(ctx, order.channel))?.kind !== "amazon") return "not_amazon" as const;
  if (
    !FINISHED_ORDER_STATUSES.includes(order.status) ||
    now < lastShippedAt + TRANSIT_ALLOWANCE_MS + PII_RETENTION_MS
  ) {
    await ctx.scheduler.runAfter(RECHECK_MS, internal.channelSync.eraseAmazonPii, { orderId, lastShippedAt });
    return "later" as const;
  }
  const email = `${order.externalId ?? order.number}@marketplace.amazon.invalid`;
  const shipTo = {
    name: REDACTED,
    line1: REDACTED,
    city: order.shipTo.city,
    region: order.shipTo.region,
    postalCode: "",
    country: order.shipTo.country,
  };
  // The search text held the buyer's name and e-mail too: rebuilt from the erased values.
  const lines = await orderLinesOf(ctx, orderId);
  const searchText = orderSearchText({ number: order.number, customer: { name: REDACTED, email }, lines });
  await ctx.db.patch("orders", orderId, { customer: { name: REDACTED, email }, shipTo, searchText });
  await followOrderSearchText(ctx, orderId, searchText);
  const row = order.externalId ? await inboxRow(ctx, order.channel, order.externalId) : null;
  if (row)
    await ctx.db.patch("channelOrders", row._id, {
      payload: { ...row.payload, customer: { name: REDACTED, email }, shipTo },
    });
  // Holds and trail rows, however many: the first page now, the rest in scheduled follow-ups.
  await eraseAmazonPiiTrail(ctx, { orderId, phase: "holds", cursor: null });
  for (const f of await rowsBy(ctx, "orderFingerprints", "by_email_and_at", order.customer.email, { limit: 200 })) {
    if (f.orderId === orderId) await ctx.db.delete("orderFingerprints", f._id);
  }
  await recordAudit(ctx, SYSTEM, {
    entity: "orders",
    entityId: orderId,
    action: "pii_erased",
    summary: `${order.number}: Amazon buyer data erased (30 days after delivery)`,
  });
  return "erased" as const;
}

/** Holds or trail rows looked at per transaction. */
const TRAIL_PAGE = 200;

/**
 * One page of an erased order's holds (their address suggestions) or trail (the addresses an
 * address correction quotes), in that order; schedules the next page, so no order has too many rows
 * to be erased.
 */
export async function eraseAmazonPiiTrail(ctx: MutationCtx, step: PiiTrailStep) {
  const { orderId, phase, cursor } = step;
  let page;
  if (phase === "holds") {
    page = await ctx.db
      .query("orderHolds")
      .withIndex("by_orderId_and_status", (q) => q.eq("orderId", orderId))
      .paginate({ cursor, numItems: TRAIL_PAGE });
    for (const h of page.page) if (h.suggestion) await ctx.db.patch("orderHolds", h._id, { suggestion: undefined });
  } else {
    page = await ctx.db
      .query("orderEvents")
      .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
      .paginate({ cursor, numItems: TRAIL_PAGE });
    for (const e of page.page)
      if (e.reason?.startsWith("Shipping address") && e.details?.length)
        await ctx.db.patch("orderEvents", e._id, { details: [REDACTED] });
  }
  const next: PiiTrailStep | null = !page.isDone
    ? { orderId, phase, cursor: page.continueCursor }
    : phase === "holds"
      ? { orderId, phase: "events", cursor: null }
      : null;
  if (next) await ctx.scheduler.runAfter(0, internal.channelSync.eraseAmazonPiiTrail, next);
}
