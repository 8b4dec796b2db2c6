/**
 * Labels, purchased once per package. `requestPurchase` writes one `purchasing` row per package
 * (with its idempotency key) before any provider is called, refusing a package that already holds
 * a live label; the buy action then counts an attempt, calls the provider and saves with
 * `savePurchase`. A retried action finds the rows purchased and stops, or (after a lost answer)
 * asks the provider for the purchase it already made. The mutation that saves the last label of a
 * packed shipment ships it (the one path stock leaves) and queues the tracking push-back.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { shipShipment } from "../fulfillment/ship";
import { appendOrderEvent } from "../orders/transition";
import { enqueueTrackingPush } from "../channels/outbox";
import {
  assertLabelsBuyable,
  labelsOf,
  labelsOfPackage,
  labelsOfPurchase,
  packagesOf,
  requesterOf,
  shipmentOrThrow,
  shippingContext,
} from "./context";
import { addSpend, addPostage, postageOf } from "./spend";
import type { SavedLabel } from "./tables";
import { LIVE_LABEL_STATUSES } from "../../lib/statusSets";
import { assertDeclaredWeights } from "../floor/weight";
import { afterLabelsChanged } from "../carriers/hooks";
import type { ActorOrSystem } from "../audit/record";
import { rowBy, rowOrThrow } from "../rows";

export const purchaseKeyOf = (quoteId: Id<"shippingQuotes">) => `quote:${quoteId}`;
/** Records the intent to buy `quoteId` (default: the shipment's chosen quote) and schedules the purchase. */
export async function requestPurchase(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  shipmentId: Id<"shipments">,
  quoteId?: Id<"shippingQuotes">,
) {
  const purchaseKey = await recordPurchase(ctx, actor, shipmentId, quoteId);
  await ctx.scheduler.runAfter(0, internal.shippingActions.buyLabels, { purchaseKey });
  return purchaseKey;
}

/**
 * Writes the `purchasing` rows of a purchase (every check first) without scheduling it: the caller
 * runs the attempts itself (batches do, under their carrier rate limits) through
 * beginPurchaseAttempt / savePurchase / failPurchase, with the same idempotency keys.
 */
export async function recordPurchase(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  shipmentId: Id<"shipments">,
  quoteId?: Id<"shippingQuotes">,
) {
  const s = await shipmentOrThrow(ctx, shipmentId);
  assertLabelsBuyable(s);
  const postage = await postageOf(ctx, shipmentId);
  const id = quoteId ?? postage?.selectedQuoteId;
  if (!id) throw appError("INVALID_INPUT", "No rate is chosen for this shipment yet: shop rates first.");
  const quote = await ctx.db.get("shippingQuotes", id);
  if (!quote || quote.shipmentId !== shipmentId)
    throw appError("NOT_FOUND", "That quote is not one of this shipment's.");
  const request = (await ctx.db.get("rateShopRequests", quote.requestId))!;
  if (request.packageIds.length === 0)
    throw appError(
      "INVALID_INPUT",
      "Those rates were an estimate before packing; shop rates again for the packed boxes.",
    );
  const purchaseKey = purchaseKeyOf(id);
  if (await rowBy(ctx, "shippingLabels", "by_purchaseKey", purchaseKey, "first")) {
    throw appError("CONFLICT", "That quote has already been bought or tried; shop rates again for a new label.");
  }
  const rows: { pkg: Doc<"packages">; n: number }[] = [];
  for (const packageId of request.packageIds) {
    const pkg = await ctx.db.get("packages", packageId);
    if (!pkg) throw appError("CONFLICT", "A package of these rates was removed; shop rates again.");
    const previous = await labelsOfPackage(ctx, packageId);
    const live = previous.find((l) => LIVE_LABEL_STATUSES.includes(l.status));
    if (live)
      throw appError(
        "CONFLICT",
        `Package ${pkg.index} already has a label (${live.status}, ${live.carrier} ${live.trackingNumber ?? "pending"}).`,
      );
    rows.push({ pkg, n: previous.length + 1 });
  }
  // Never a label below the contents' catalog weight, unless a supervisor overrode that weight (floor/weight).
  await assertDeclaredWeights(
    ctx,
    rows.map((r) => r.pkg),
  );
  for (const { pkg, n } of rows) {
    await ctx.db.insert("shippingLabels", {
      shipmentId,
      packageId: pkg._id,
      quoteId: id,
      purchaseKey,
      idempotencyKey: `${pkg._id}:${n}`,
      provider: quote.provider,
      carrier: quote.carrier,
      service: quote.service,
      status: "purchasing",
      attempts: 0,
      currency: quote.currency,
      requestedBy: actor?.id,
      requestedByName: actor?.name ?? "system",
      createdAt: Date.now(),
    });
  }
  return purchaseKey;
}

/** Counts one more attempt and returns what the provider needs; null when there is nothing left to buy. */
export async function beginPurchaseAttempt(ctx: MutationCtx, purchaseKey: string) {
  const labels = await labelsOfPurchase(ctx, purchaseKey);
  if (labels.length === 0 || labels.some((l) => l.status !== "purchasing")) return null;
  const attempt = labels[0].attempts + 1;
  for (const l of labels) await ctx.db.patch("shippingLabels", l._id, { attempts: attempt });
  const quote = (await ctx.db.get("shippingQuotes", labels[0].quoteId))!;
  const c = await shippingContext(
    ctx,
    labels[0].shipmentId,
    labels.map((l) => l.packageId),
  );
  const keys = new Map(labels.map((l) => [l.packageId as string, l.idempotencyKey]));
  return {
    provider: quote.provider,
    request: {
      reference: c.shipment.number,
      from: c.from,
      to: c.to,
      ref: quote.ref,
      carrier: quote.carrier,
      service: quote.service,
      amountMinor: quote.amountMinor,
      currency: quote.currency,
      purchaseKey,
      attempt,
      parcels: c.parcels.map((p) => ({
        ...p,
        packageId: p.packageId as string,
        idempotencyKey: keys.get(p.packageId)!,
      })),
      // The format of the printer at the shipping warehouse's pack stations.
      labelFormat: c.warehouse.labelFormat ?? "PDF",
    },
  };
}

/** Stores the provider's labels; ships the shipment when its last package is labelled. Idempotent. */
export async function savePurchase(ctx: MutationCtx, purchaseKey: string, bought: SavedLabel[]) {
  const labels = (await labelsOfPurchase(ctx, purchaseKey)).filter((l) => l.status === "purchasing");
  if (labels.length === 0) return { saved: 0 };
  const byPackage = new Map(bought.map((b) => [b.packageId as string, b]));
  const now = Date.now();
  for (const l of labels) {
    const b = byPackage.get(l.packageId);
    if (!b) throw new Error(`provider returned no label for package ${l.packageId}`);
    await ctx.db.patch("shippingLabels", l._id, { ...b, status: "purchased", error: undefined, purchasedAt: now });
    const bought = { currency: b.currency, amountMinor: b.costMinor };
    await addSpend(ctx, { at: now, carrier: l.carrier, service: l.service, ...bought, labels: 1 });
    await addPostage(ctx, { shipmentId: l.shipmentId, ...bought, labels: 1 });
  }
  const shipmentId = labels[0].shipmentId;
  const s = await shipmentOrThrow(ctx, shipmentId);
  const actor = requesterOf(labels[0]);
  const total = bought.reduce((sum, b) => sum + b.costMinor, 0);
  await appendOrderEvent(ctx, actor, s.orderId, {
    kind: "note",
    reason: `Labels bought for ${s.number}: ${labels[0].carrier} ${labels[0].service}, ${formatMoney(total, bought[0].currency)}`,
    details: bought.map((b) => `Tracking ${b.trackingNumber}`),
  });
  const current = await currentTrackingLabels(ctx, shipmentId);
  const packages = await packagesOf(ctx, shipmentId);
  if (s.status === "packed" && packages.every((p) => current.some((c) => c.packageKey === p._id))) {
    await shipShipment(ctx, actor, shipmentId, bought[0].masterTrackingNumber ?? bought[0].trackingNumber);
  }
  await enqueueTrackingPush(ctx, shipmentId, current);
  // Issue 20: the shipment's carrier-board row, and simulated tracking for table-rate labels.
  await afterLabelsChanged(ctx, shipmentId, await labelsOfPurchase(ctx, purchaseKey));
  return { saved: labels.length };
}

/** The shipment's purchased labels, as the channel outbox wants them. */
export async function currentTrackingLabels(ctx: QueryCtx, shipmentId: Id<"shipments">) {
  return (await labelsOf(ctx, shipmentId))
    .filter((l) => l.status === "purchased" && l.trackingNumber)
    .map((l) => ({
      packageKey: l.packageId as string,
      carrier: l.carrier,
      service: l.service,
      trackingNumber: l.trackingNumber!,
    }));
}

/** Records a failed attempt; retries after a backoff unless `final`, else frees the packages. */
export async function failPurchase(
  ctx: MutationCtx,
  purchaseKey: string,
  error: string,
  opts: { final: boolean; retryInMs: number; schedule?: boolean },
) {
  const labels = (await labelsOfPurchase(ctx, purchaseKey)).filter((l) => l.status === "purchasing");
  if (labels.length === 0) return;
  for (const l of labels)
    await ctx.db.patch("shippingLabels", l._id, { error, ...(opts.final ? { status: "failed" as const } : {}) });
  if (!opts.final && opts.schedule !== false)
    await ctx.scheduler.runAfter(opts.retryInMs, internal.shippingActions.buyLabels, { purchaseKey });
}

/** Records the intent to void a purchased label and schedules the provider call. Stock is not touched. */
export async function requestVoid(ctx: MutationCtx, actor: Actor, labelId: Id<"shippingLabels">) {
  const label = await rowOrThrow(ctx, "shippingLabels", labelId, "label");
  if (label.status !== "purchased")
    throw appError("INVALID_TRANSITION", `That label is ${label.status}; only purchased labels can be voided.`);
  await ctx.db.patch("shippingLabels", labelId, {
    status: "voiding",
    error: undefined,
    requestedBy: actor.id,
    requestedByName: actor.name,
  });
  await ctx.scheduler.runAfter(0, internal.shippingActions.voidLabel, { labelId });
}

export async function voidInput(ctx: QueryCtx, labelId: Id<"shippingLabels">) {
  const l = await ctx.db.get("shippingLabels", labelId);
  return l && l.status === "voiding"
    ? {
        provider: l.provider,
        providerLabelId: l.providerLabelId ?? "",
        trackingNumber: l.trackingNumber ?? "",
        carrier: l.carrier,
      }
    : null;
}

/** The provider's answer to a void: the label is voided (cost refunded in the aggregates) or back to purchased. */
export async function saveVoid(ctx: MutationCtx, labelId: Id<"shippingLabels">, ok: boolean, message: string) {
  const l = await ctx.db.get("shippingLabels", labelId);
  if (!l || l.status !== "voiding") return;
  if (!ok) {
    await ctx.db.patch("shippingLabels", labelId, { status: "purchased", error: `Void refused: ${message}` });
    return;
  }
  const now = Date.now();
  await ctx.db.patch("shippingLabels", labelId, { status: "voided", voidedAt: now, error: undefined });
  const refunded = { currency: l.currency, amountMinor: -(l.costMinor ?? 0) };
  await addSpend(ctx, { at: now, carrier: l.carrier, service: l.service, ...refunded, voids: 1 });
  await addPostage(ctx, { shipmentId: l.shipmentId, ...refunded, labels: -1 });
  const s = await shipmentOrThrow(ctx, l.shipmentId);
  await appendOrderEvent(ctx, requesterOf(l), s.orderId, {
    kind: "note",
    reason: `Label ${l.trackingNumber} voided (${message})`,
  });
  // A voided label's tracking that has not reached the channel yet must never go out.
  await enqueueTrackingPush(ctx, l.shipmentId, await currentTrackingLabels(ctx, l.shipmentId));
  await afterLabelsChanged(ctx, l.shipmentId);
}
