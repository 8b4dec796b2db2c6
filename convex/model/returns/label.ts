/**
 * Prepaid return labels through the carrier providers (the built-in table rates offline). A
 * supervisor's request records intent on the RMA and schedules returnLabels.buy; the action asks
 * every configured provider for rates, buys the cheapest once (idempotency keys derived from the
 * RMA number, so a retried action gets the same label) and saves the result with saveReturnLabel.
 * The parcel goes from the customer (the order's ship-to) to the RMA's return warehouse.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { internal } from "../../_generated/api";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { getRmaOrThrow, recordRmaStep, rmaLinesOf } from "./lifecycle";
import { RETURN_LABEL_RMA_STATUSES } from "../../lib/statusSets";
import { SYSTEM } from "../audit/record";

/** Records a label request and schedules the purchase. A bought label is never bought again. */
export async function requestReturnLabel(ctx: MutationCtx, actor: Actor, rmaId: Id<"rmas">) {
  const rma = await getRmaOrThrow(ctx, rmaId);
  if (!RETURN_LABEL_RMA_STATUSES.includes(rma.status))
    throw appError(
      "INVALID_TRANSITION",
      `${rma.number} is ${rma.status.replace(/_/g, " ")}; return labels are for approved RMAs.`,
    );
  if (rma.returnLabel?.status === "bought")
    throw appError("CONFLICT", `${rma.number} already has a return label (${rma.returnLabel.trackingNumber}).`);
  if (rma.returnLabel?.status === "requested") return;
  if (!rma.returnWarehouseId)
    throwIfFieldErrors({
      warehouseId: "This RMA has no return warehouse (the order shipped from no warehouse of ours).",
    });
  await ctx.db.patch("rmas", rmaId, {
    returnLabel: { status: "requested", requestedAt: Date.now() },
    updatedAt: Date.now(),
  });
  await recordRmaStep(ctx, actor, rma, { action: "label", summary: "return label requested" });
  await ctx.scheduler.runAfter(0, internal.returnLabels.buy, { rmaId });
}

/** What the purchase needs: addresses, one parcel with the returned units, the reference. */
export async function returnLabelRequest(ctx: QueryCtx, rmaId: Id<"rmas">) {
  const rma = await ctx.db.get("rmas", rmaId);
  if (!rma || rma.returnLabel?.status !== "requested" || !rma.returnWarehouseId) return null;
  const [order, warehouse] = await Promise.all([
    ctx.db.get("orders", rma.orderId),
    ctx.db.get("warehouses", rma.returnWarehouseId),
  ]);
  if (!order || !warehouse) return null;
  // One box for every unit: weights add up; each side is the largest unit's (a conservative guess).
  let weightGrams = 0;
  let lengthMm = 0;
  let widthMm = 0;
  let heightMm = 0;
  for (const l of await rmaLinesOf(ctx, rmaId)) {
    const p = await ctx.db.get("products", l.productId);
    if (!p) continue;
    weightGrams += p.weightGrams * l.quantity;
    lengthMm = Math.max(lengthMm, p.lengthMm);
    widthMm = Math.max(widthMm, p.widthMm);
    heightMm = Math.max(heightMm, p.heightMm);
  }
  const { phone, ...to } = warehouse.address;
  return {
    number: rma.number,
    from: order.shipTo,
    to: { ...to, phone, company: warehouse.name },
    parcel: {
      packageId: `${rma.number}-1`,
      weightGrams: Math.max(weightGrams, 1),
      lengthMm: Math.max(lengthMm, 1),
      widthMm: Math.max(widthMm, 1),
      heightMm: Math.max(heightMm, 1),
    },
  };
}

export type LabelOutcome =
  | {
      status: "bought";
      provider: string;
      carrier: string;
      service: string;
      trackingNumber: string;
      costMinor: number;
      currency: string;
      storageId?: Id<"_storage">;
      labelUrl?: string;
    }
  | { status: "failed"; message: string };

/** Saves the purchase (or its failure) on the RMA, with its audit trail. */
export async function saveReturnLabel(ctx: MutationCtx, rmaId: Id<"rmas">, outcome: LabelOutcome) {
  const rma = await ctx.db.get("rmas", rmaId);
  if (!rma || rma.returnLabel?.status !== "requested") return;
  const requestedAt = rma.returnLabel.requestedAt;
  if (outcome.status === "failed") {
    await ctx.db.patch("rmas", rmaId, {
      returnLabel: { status: "failed", message: outcome.message, requestedAt },
      updatedAt: Date.now(),
    });
    await recordRmaStep(ctx, SYSTEM, rma, {
      action: "label_failed",
      summary: `return label failed: ${outcome.message}`,
    });
    return;
  }
  await ctx.db.patch("rmas", rmaId, {
    returnLabel: { ...outcome, requestedAt, boughtAt: Date.now() },
    trackingNumber: rma.trackingNumber ?? outcome.trackingNumber,
    updatedAt: Date.now(),
  });
  await recordRmaStep(ctx, SYSTEM, rma, {
    action: "label",
    summary: `return label ${outcome.carrier} ${outcome.service} ${outcome.trackingNumber}`,
  });
}
