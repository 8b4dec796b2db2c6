/**
 * What shipping needs to know about a shipment, read in one place: where it goes from and to, its
 * packages as parcels, and the facts the rules match on (channel, warehouse, destination, weight,
 * order value). Before packing there are no packages yet: a quote preview then uses one parcel
 * estimated from the products' own weights and sizes.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import type { ShipmentFacts } from "../../lib/shipping/types";
import { requestedByFields } from "./tables";
import { LIVE_LABEL_STATUSES } from "../../lib/statusSets";
import type { ObjectType } from "convex/values";
import type { ActorOrSystem } from "../audit/record";
import { rowOrThrow, rowsBy } from "../rows";
import { MAX_PACKAGES } from "../../lib/bounds";
import { LABEL_SHIPMENT_STATUSES } from "../../lib/statusSets";
import type { ShipmentStatus } from "../allocation/tables";

export type ShippingParcel = {
  packageId: Id<"packages">;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
};

export async function shipmentOrThrow(ctx: { db: QueryCtx["db"] }, id: Id<"shipments">) {
  return rowOrThrow(ctx, "shipments", id, "shipment");
}

/**
 * Why labels cannot be bought for the shipment in its status ("SO-1042-1 is open; labels are bought
 * once it is packed."), or undefined when they can. `statuses`: packed or shipped (a relabel)
 * unless the caller takes fewer (a batch takes packed shipments only).
 */
export function labelsNotYet(
  s: Pick<Doc<"shipments">, "number" | "status">,
  statuses: readonly ShipmentStatus[] = LABEL_SHIPMENT_STATUSES,
) {
  return statuses.includes(s.status) ? undefined : `${s.number} is ${s.status}; labels are bought once it is packed.`;
}

/** Refuses (INVALID_TRANSITION) to buy labels for a shipment that is not packed or shipped yet. */
export function assertLabelsBuyable(s: Pick<Doc<"shipments">, "number" | "status">) {
  const refusal = labelsNotYet(s);
  if (refusal) throw appError("INVALID_TRANSITION", `Shipment ${refusal}`);
}

/** A shipment's packages in their order (at most MAX_PACKAGES: packing refuses more). */
export async function packagesOf(ctx: { db: QueryCtx["db"] }, shipmentId: Id<"shipments">) {
  return (await rowsBy(ctx, "packages", "by_shipmentId", shipmentId, { limit: MAX_PACKAGES })).sort(
    (a, b) => a.index - b.index,
  );
}

/**
 * The most labels read for one shipment, package or purchase: every label of its life (bought,
 * failed, voided), far beyond what relabelling makes in practice.
 */
export const MAX_LABELS = 200;

type Db = { db: QueryCtx["db"] };

/** A shipment's labels, newest first (or oldest first). */
export async function labelsOf(ctx: Db, shipmentId: Id<"shipments">, order: "asc" | "desc" = "desc") {
  return ctx.db
    .query("shippingLabels")
    .withIndex("by_shipmentId", (q) => q.eq("shipmentId", shipmentId))
    .order(order)
    .take(MAX_LABELS);
}

/** A package's labels, oldest first. */
export async function labelsOfPackage(ctx: Db, packageId: Id<"packages">) {
  return rowsBy(ctx, "shippingLabels", "by_packageId", packageId, { limit: MAX_LABELS });
}

/** The labels of one purchase (one row per package, same idempotency key), oldest first. */
export async function labelsOfPurchase(ctx: Db, purchaseKey: string) {
  return rowsBy(ctx, "shippingLabels", "by_purchaseKey", purchaseKey, { limit: MAX_LABELS });
}

/**
 * The most quotes one rate shop keeps: saveRateShop stores at most this many of the providers'
 * answers, so reading this many reads every quote of a request.
 */
export const MAX_QUOTES_PER_REQUEST = 200;

/** Every quote of one rate shop (at most MAX_QUOTES_PER_REQUEST), in the order they were stored. */
export async function quotesOfRequest(ctx: Db, requestId: Id<"rateShopRequests">) {
  return rowsBy(ctx, "shippingQuotes", "by_requestId", requestId, { limit: MAX_QUOTES_PER_REQUEST });
}

/** Who asked for a rate shop or a label (the rows keep the member and their name; none for the system). */
export const requesterOf = (row: ObjectType<typeof requestedByFields>): ActorOrSystem =>
  row.requestedBy ? { id: row.requestedBy, name: row.requestedByName } : undefined;

/** A shipment's purchased labels that carry a tracking number, oldest first: what carriers are asked about and customers see. */
export async function trackedLabels(ctx: Db, shipmentId: Id<"shipments">) {
  return (await labelsOf(ctx, shipmentId, "asc")).filter(
    (l): l is Doc<"shippingLabels"> & { trackingNumber: string } => l.status === "purchased" && !!l.trackingNumber,
  );
}

/** Packages without a live label (purchasing, purchased or voiding): what a purchase would cover. */
export async function packagesNeedingLabels(ctx: QueryCtx, shipmentId: Id<"shipments">) {
  const [packages, labels] = await Promise.all([packagesOf(ctx, shipmentId), labelsOf(ctx, shipmentId)]);
  const held = new Set(labels.filter((l) => LIVE_LABEL_STATUSES.includes(l.status)).map((l) => l.packageId));
  return { packages, labels, needing: packages.filter((p) => !held.has(p._id)) };
}

/** One parcel estimated from the shipment's lines, for a preview before packing. */
async function estimatedParcel(ctx: QueryCtx, s: Doc<"shipments">) {
  let weightGrams = 0;
  let lengthMm = 1;
  let widthMm = 1;
  let heightMm = 0;
  for (const line of s.lines.slice(0, 100)) {
    const p = await ctx.db.get("products", line.productId);
    if (!p || line.quantity === 0) continue;
    weightGrams += p.weightGrams * line.quantity;
    lengthMm = Math.max(lengthMm, p.lengthMm);
    widthMm = Math.max(widthMm, p.widthMm);
    heightMm += p.heightMm * line.quantity;
  }
  return { weightGrams: Math.max(1, weightGrams), lengthMm, widthMm, heightMm: Math.max(1, heightMm) };
}

/** Addresses, parcels (of the given packages, or an estimate) and rule facts of a shipment. */
export async function shippingContext(ctx: QueryCtx, shipmentId: Id<"shipments">, packageIds: Id<"packages">[]) {
  const shipment = await shipmentOrThrow(ctx, shipmentId);
  const order = await ctx.db.get("orders", shipment.orderId);
  const warehouse = await ctx.db.get("warehouses", shipment.warehouseId);
  if (!order || !warehouse) throw appError("NOT_FOUND", "The order or warehouse of this shipment no longer exists.");
  const parcels: ShippingParcel[] = [];
  for (const id of packageIds) {
    const p = await ctx.db.get("packages", id);
    if (p)
      parcels.push({
        packageId: p._id,
        weightGrams: p.weightGrams,
        lengthMm: p.lengthMm,
        widthMm: p.widthMm,
        heightMm: p.heightMm,
      });
  }
  const estimate = parcels.length === 0 ? await estimatedParcel(ctx, shipment) : undefined;
  const weightGrams = estimate?.weightGrams ?? parcels.reduce((sum, p) => sum + p.weightGrams, 0);
  const facts: ShipmentFacts = {
    channel: order.channel,
    warehouseId: warehouse._id,
    country: order.shipTo.country,
    state: order.shipTo.region,
    postalCode: order.shipTo.postalCode,
    weightGrams,
    orderValueMinor: order.totalMinor,
  };
  const { name, company, line1, line2, city, region, postalCode, country, phone } = warehouse.address;
  const from = {
    name: name || warehouse.name,
    company: company ?? warehouse.name,
    line1,
    line2,
    city,
    region,
    postalCode,
    country,
    phone,
  };
  return { shipment, order, warehouse, parcels, estimate, facts, from, to: order.shipTo };
}
