/**
 * Listing SKU → catalog products. An explicit mapping wins; otherwise a listing whose SKU is an
 * active catalog SKU maps to that product one to one (most channels list the catalog SKU as is).
 * Packs (one product × n) and bundles (several products) need an explicit mapping.
 */
import { stringProblem } from "../../lib/bounds";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import type { Component } from "./tables";
import type { ActorOrSystem } from "../audit/record";
import { rowOrThrow } from "../rows";
import { productBySku } from "../catalog/products";
import { channelByCode } from "./views";
import { countOf } from "../../lib/count";

/** A listing's mapping row (one per channel and listing SKU), or null when it was never seen. */
export async function mappingRow(ctx: { db: QueryCtx["db"] }, channel: string, listingSku: string) {
  return ctx.db
    .query("skuMappings")
    .withIndex("by_channel_and_listingSku", (q) => q.eq("channel", channel).eq("listingSku", listingSku))
    .unique();
}

/** The components a listing stands for, or null when it maps to nothing we sell. */
export async function resolveListing(ctx: QueryCtx, channel: string, listingSku: string): Promise<Component[] | null> {
  const row = await mappingRow(ctx, channel, listingSku);
  if (row?.mapped) return row.components;
  const product = await productBySku(ctx, listingSku);
  return product?.active ? [{ productId: product._id, quantity: 1 }] : null;
}

/** Notes a listing seen on an order that maps to nothing, so it heads the mapping page. */
export async function noteUnmapped(ctx: MutationCtx, channel: string, listingSku: string, title: string | undefined) {
  const row = await mappingRow(ctx, channel, listingSku);
  if (row) {
    await ctx.db.patch("skuMappings", row._id, { waitingOrders: row.waitingOrders + 1, title: row.title ?? title });
    return;
  }
  await ctx.db.insert("skuMappings", {
    channel,
    listingSku,
    title,
    components: [],
    mapped: false,
    waitingOrders: 1,
    updatedAt: Date.now(),
  });
}

/** Checks a mapping's components: whole positive quantities, known active products, one currency. */
async function checkComponents(ctx: QueryCtx, components: Component[]) {
  const e: Record<string, string> = {};
  if (components.length === 0) e.components = "Map the listing to at least one product.";
  if (components.length > 20) e.components = "A bundle can have at most 20 products.";
  const seen = new Set<Id<"products">>();
  const currencies = new Set<string>();
  for (const [i, c] of components.entries()) {
    if (!Number.isInteger(c.quantity) || c.quantity < 1 || c.quantity > 1000)
      e[`components.${i}.quantity`] = "Quantity must be a whole number from 1 to 1,000.";
    const p = await ctx.db.get("products", c.productId);
    if (!p) e[`components.${i}.productId`] = "Unknown product.";
    else if (!p.active) e[`components.${i}.productId`] = `${p.sku} is deactivated.`;
    else currencies.add(p.currency);
    if (seen.has(c.productId))
      e[`components.${i}.productId`] = "This product is already in the bundle; raise its quantity instead.";
    seen.add(c.productId);
  }
  if (currencies.size > 1) e.components = "A bundle's products must share one currency.";
  return e;
}

/**
 * Saves a mapping (pack or bundle) for a channel listing. Returns the row id; the caller releases
 * the orders waiting on it (model/channels/imports.releaseWaiting) in the same transaction.
 */
export async function saveMapping(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  m: { channel: string; listingSku: string; title?: string; components: Component[] },
): Promise<Id<"skuMappings">> {
  const listingSku = m.listingSku.trim();
  const e = await checkComponents(ctx, m.components);
  if (!listingSku) e.listingSku = "Listing SKU is required.";
  const tooLong = listingSku ? stringProblem(listingSku, "code") : undefined;
  if (tooLong) e.listingSku = tooLong;
  const channel = await channelByCode(ctx, m.channel);
  if (!channel) e.channel = `There is no channel "${m.channel}".`;
  throwIfFieldErrors(e);
  const row = await mappingRow(ctx, m.channel, listingSku);
  const fields = {
    components: m.components,
    mapped: true,
    title: m.title?.trim() || row?.title,
    updatedAt: Date.now(),
    updatedBy: actor?.name,
  };
  if (row) {
    await ctx.db.patch("skuMappings", row._id, fields);
    return row._id;
  }
  return ctx.db.insert("skuMappings", { channel: m.channel, listingSku, waitingOrders: 0, ...fields });
}

/** Removes a mapping; orders already imported keep their lines. */
export async function deleteMapping(ctx: MutationCtx, id: Id<"skuMappings">) {
  const row = await rowOrThrow(ctx, "skuMappings", id, "mapping");
  if (row.waitingOrders > 0)
    throw appError(
      "CONFLICT",
      `${countOf(row.waitingOrders, "order")} ${row.waitingOrders === 1 ? "waits" : "wait"} on ${row.listingSku}; map it instead of deleting it.`,
    );
  await ctx.db.delete("skuMappings", id);
}

/** Expands channel lines into order lines; exact money: each line's total is split without loss. */
export function expandLines(
  lines: { listingSku: string; quantity: number; unitPriceMinor: number }[],
  components: Map<string, Component[]>,
  listPrice: Map<Id<"products">, number>,
) {
  const out: { productId: Id<"products">; quantity: number; unitPriceMinor: number }[] = [];
  for (const line of lines) {
    const parts = components.get(line.listingSku)!;
    const total = line.unitPriceMinor * line.quantity;
    const weights = parts.map((c) => Math.max(1, listPrice.get(c.productId) ?? 1) * c.quantity);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    let left = total;
    for (const [i, c] of parts.entries()) {
      const share = i === parts.length - 1 ? left : Math.floor((total * weights[i]) / weightSum);
      left -= share;
      const units = c.quantity * line.quantity;
      const base = Math.floor(share / units);
      const extra = share - base * units;
      if (units - extra > 0) out.push({ productId: c.productId, quantity: units - extra, unitPriceMinor: base });
      if (extra > 0) out.push({ productId: c.productId, quantity: extra, unitPriceMinor: base + 1 });
    }
  }
  return out;
}
