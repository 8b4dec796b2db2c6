/**
 * Channel reads: a channel by its code (for every module that is handed a channel code), and what
 * the channels pages read (channels.ts): listings to map and mapped ones, the inbox of channel
 * orders, acknowledgements at risk and the outbox. Reads only, each by an index and bounded.
 */
import type { PaginationOptions } from "convex/server";
import type { QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { InboxStatus } from "./tables";
import { rowBy, rowsBy } from "../rows";

/** The channel with this code (codes are unique: channels.connect refuses a taken one), or null. */
export async function channelByCode(ctx: { db: QueryCtx["db"] }, code: string) {
  return rowBy(ctx, "channels", "by_code", code);
}

/** A channel order's inbox row (one per channel and external id: an import finds or makes it first), or null. */
export async function inboxRow(ctx: { db: QueryCtx["db"] }, channel: string, externalId: string) {
  return ctx.db
    .query("channelOrders")
    .withIndex("by_channel_and_externalId", (q) => q.eq("channel", channel).eq("externalId", externalId))
    .unique();
}

/** Listings seen on orders that map to no product. */
export async function unmappedListings(ctx: QueryCtx) {
  return rowsBy(ctx, "skuMappings", "by_mapped_and_channel_and_listingSku", false, { limit: 200 });
}

/** Mapped listings by channel and SKU, each component with its catalog SKU and name. */
export async function mappedListings(ctx: QueryCtx, paginationOpts: PaginationOptions) {
  const r = await ctx.db
    .query("skuMappings")
    .withIndex("by_mapped_and_channel_and_listingSku", (q) => q.eq("mapped", true))
    .paginate(paginationOpts);
  const page = [];
  for (const m of r.page) {
    const components = [];
    for (const c of m.components) {
      const p = await ctx.db.get("products", c.productId);
      components.push({ ...c, sku: p?.sku ?? "?", name: p?.name ?? "Deleted product" });
    }
    page.push({ ...m, components });
  }
  return { ...r, page };
}

/** Channel orders in one inbox status, newest first. */
export async function inboxPage(ctx: QueryCtx, status: InboxStatus, paginationOpts: PaginationOptions) {
  return ctx.db
    .query("channelOrders")
    .withIndex("by_status_and_receivedAt", (q) => q.eq("status", status))
    .order("desc")
    .paginate(paginationOpts);
}

/** Unconfirmed acknowledgements due by `until`, overdue first, with their order numbers. */
export async function acksDueBy(ctx: QueryCtx, until: number) {
  const rows = [];
  for (const status of ["pending", "sending", "failed"] as const) {
    rows.push(
      ...(await ctx.db
        .query("outbox")
        .withIndex("by_kind_and_status_and_dueAt", (q) => q.eq("kind", "ack").eq("status", status).lte("dueAt", until))
        .take(100)),
    );
  }
  rows.sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
  return Promise.all(
    rows.slice(0, 100).map(async (r) => ({
      ...r,
      orderNumber: r.orderId ? (await ctx.db.get("orders", r.orderId))?.number : undefined,
    })),
  );
}

/** The channel messages of one order, oldest first. */
export async function outboxOfOrder(ctx: QueryCtx, orderId: Id<"orders">) {
  return rowsBy(ctx, "outbox", "by_orderId", orderId, { limit: 50 });
}

/** Messages that stopped retrying, newest first. */
export async function failedOutboxPage(ctx: QueryCtx, paginationOpts: PaginationOptions) {
  return ctx.db
    .query("outbox")
    .withIndex("by_status_and_nextAttemptAt", (q) => q.eq("status", "failed"))
    .order("desc")
    .paginate(paginationOpts);
}
