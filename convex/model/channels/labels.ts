/**
 * What the outbox needs from shipping: the shipment's current purchased labels, and for a package
 * which channel lines (in the channel's listing units) it carries.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { resolveListing } from "./mapping";
import { labelsOf } from "../shipping/context";
import { rowBy } from "../rows";

/** One purchased label: the package it is on (a package id, or "shipment"), carrier and tracking. */
export type TrackingLabel = { packageKey: string; carrier: string; service?: string; trackingNumber: string };

/**
 * The shipment's purchased labels (shipping's `shippingLabels`, one per package per purchase):
 * voided, failed and in-flight labels are not tracking a customer can follow. When a package has
 * several purchased rows (should not happen: a relabel voids first), the newest wins.
 */
export async function currentLabels(ctx: MutationCtx, shipmentId: Id<"shipments">): Promise<TrackingLabel[]> {
  const rows = await labelsOf(ctx, shipmentId);
  const byPackage = new Map<string, TrackingLabel & { at: number }>();
  for (const l of rows) {
    if (l.status !== "purchased" || !l.trackingNumber) continue;
    const at = l.purchasedAt ?? l._creationTime;
    const prev = byPackage.get(l.packageId);
    if (!prev || prev.at < at)
      byPackage.set(l.packageId, {
        packageKey: l.packageId,
        carrier: l.carrier,
        service: l.service,
        trackingNumber: l.trackingNumber,
        at,
      });
  }
  return [...byPackage.values()].map(({ at: _at, ...label }) => label);
}

/** Units per product in one package, or in the whole shipment for a one-label shipment. */
async function unitsInPackage(ctx: MutationCtx, shipment: Doc<"shipments">, packageKey: string) {
  const units = new Map<Id<"products">, number>();
  const pkgId = ctx.db.normalizeId("packages", packageKey);
  const pkg = pkgId ? await ctx.db.get("packages", pkgId) : null;
  if (pkg && pkg.shipmentId === shipment._id && pkg.items.length > 0) {
    for (const it of pkg.items) units.set(it.productId, (units.get(it.productId) ?? 0) + it.quantity);
  } else {
    for (const l of shipment.lines) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
  }
  return units;
}

/**
 * The channel lines a package carries, in listing units: a 6-pack listing counts one per six
 * units; a bundle counts once all of its products are in the box. Empty when the order did not
 * come through the inbox (the channel then gets the whole order).
 */
export async function itemsForPackage(
  ctx: MutationCtx,
  order: Doc<"orders">,
  shipment: Doc<"shipments">,
  packageKey: string,
) {
  const inbox = await rowBy(ctx, "channelOrders", "by_orderId", order._id);
  if (!inbox) return [];
  const units = await unitsInPackage(ctx, shipment, packageKey);
  const items: { externalLineId: string; quantity: number }[] = [];
  for (const line of inbox.payload.lines) {
    const parts = await resolveListing(ctx, order.channel, line.listingSku);
    if (!parts) continue;
    const fits = Math.min(line.quantity, ...parts.map((c) => Math.floor((units.get(c.productId) ?? 0) / c.quantity)));
    if (fits <= 0) continue;
    for (const c of parts) units.set(c.productId, (units.get(c.productId) ?? 0) - fits * c.quantity);
    items.push({ externalLineId: line.externalLineId, quantity: fits });
  }
  return items;
}
