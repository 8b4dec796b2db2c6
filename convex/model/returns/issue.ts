/**
 * Issuing an RMA against an original order. Every check runs before the first write: each line
 * belongs to the order and asks for at most shipped − returned − what open RMAs still expect, so
 * an over-return is refused and nothing is written. Operator RMAs are approved at once; customer
 * requests wait for a supervisor.
 */
import { lineProductOf, shipmentsOfOrder } from "../orders/lines";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { throwIfFieldErrors } from "../../lib/errors";
import {
  MERCHANT_FAULT_REASONS,
  outstanding,
  policyErrors,
  returnableQuantity,
  type RefundPolicy,
} from "../../lib/returns";
import { nextNumber } from "../orders/create";
import { getOrderOrThrow } from "../orders/transition";
import { recordRmaStep, rmaLinesOfOrderLine, rmasOfOrder } from "./lifecycle";
import { MAX_RMAS_PER_LINE, MAX_RMAS_PER_ORDER, noteProblem } from "../../lib/bounds";
import { bumpReturnStats } from "./stats";
import type { RmaInput, RmaOrigin } from "./tables";
import { OPEN_RMA_STATUSES } from "../../lib/statusSets";
import { orderLinesOf } from "../orders/lines";
import { MAX_ORDER_LINES } from "../../lib/bounds";
import type { ActorOrSystem } from "../audit/record";

/** Units of an order line that open RMAs still expect back. */
export async function openOutstanding(ctx: { db: QueryCtx["db"] }, orderLineId: Id<"orderLines">, except?: Id<"rmas">) {
  return pendingUnits(ctx, await rmaLinesOfOrderLine(ctx, orderLineId), except);
}

/** Of an order line's RMA lines (rmaLinesOfOrderLine), the units their open RMAs still expect back. */
async function pendingUnits(ctx: { db: QueryCtx["db"] }, rmaLines: Doc<"rmaLines">[], except?: Id<"rmas">) {
  let sum = 0;
  const status = new Map<Id<"rmas">, Doc<"rmas">["status"] | undefined>();
  for (const l of rmaLines) {
    if (l.rmaId === except) continue;
    if (!status.has(l.rmaId)) status.set(l.rmaId, (await ctx.db.get("rmas", l.rmaId))?.status);
    const s = status.get(l.rmaId);
    if (s && OPEN_RMA_STATUSES.includes(s)) sum += outstanding(l);
  }
  return sum;
}

/** Each line of an order with how many units can still go on a new RMA (for the New RMA form). */
export async function returnableLines(ctx: { db: QueryCtx["db"] }, orderId: Id<"orders">) {
  const lines = await orderLinesOf(ctx, orderId);
  return Promise.all(
    lines.map(async (l) => {
      const pending = await openOutstanding(ctx, l._id);
      return {
        orderLineId: l._id,
        productId: l.productId,
        sku: l.sku,
        name: l.name,
        unitPriceMinor: l.unitPriceMinor,
        shipped: l.shipped,
        returned: l.returned,
        pending,
        returnable: returnableQuantity(l, pending),
      };
    }),
  );
}

/** The warehouse the order's stock shipped from, where restocked units go by default. */
async function shippingWarehouse(ctx: MutationCtx, orderId: Id<"orders">) {
  const shipments = await shipmentsOfOrder(ctx, orderId);
  return shipments.find((s) => s.status === "shipped" && s.source === "stock")?.warehouseId;
}

/** Validates an RMA draft; returns the order and its lines, or throws naming every bad field. */
async function checkRma(ctx: MutationCtx, input: RmaInput) {
  const order = await getOrderOrThrow(ctx, input.orderId);
  const e: Record<string, string> = {};
  if (input.lines.length === 0) e.lines = "Choose at least one line to return.";
  if (input.lines.length > MAX_ORDER_LINES) e.lines = `An RMA can have at most ${MAX_ORDER_LINES} lines.`;
  if ((await rmasOfOrder(ctx, order._id)).length >= MAX_RMAS_PER_ORDER)
    e.lines = `Order ${order.number} has ${MAX_RMAS_PER_ORDER} RMAs already; add these units to one of its open RMAs.`;
  const note = noteProblem(input.note);
  if (note) e.note = note;
  if (input.refundPolicy) Object.assign(e, policyErrors(input.refundPolicy));
  const orderLines = new Map<Id<"orderLines">, Doc<"orderLines">>();
  const asked = new Map<Id<"orderLines">, number>();
  for (const [i, l] of input.lines.entries()) {
    const line = orderLines.get(l.orderLineId) ?? (await ctx.db.get("orderLines", l.orderLineId));
    if (!line || line.orderId !== order._id) {
      e[`lines.${i}.orderLineId`] = `That line is not on order ${order.number}.`;
      continue;
    }
    orderLines.set(line._id, line);
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) {
      e[`lines.${i}.quantity`] = "Quantity must be a whole number above zero.";
      continue;
    }
    const returns = await rmaLinesOfOrderLine(ctx, line._id);
    if (returns.length >= MAX_RMAS_PER_LINE) {
      e[`lines.${i}.orderLineId`] =
        `${line.sku} has been on ${MAX_RMAS_PER_LINE} returns already; add these units to one of its open RMAs.`;
      continue;
    }
    const total = (asked.get(line._id) ?? 0) + l.quantity;
    asked.set(line._id, total);
    const pending = await pendingUnits(ctx, returns);
    const can = returnableQuantity(line, pending);
    if (total > can) {
      const why = `${line.shipped} shipped, ${line.returned} returned${pending ? `, ${pending} on open RMAs` : ""}`;
      e[`lines.${i}.quantity`] =
        can === 0
          ? `No unit of ${line.sku} can be returned (${why}).`
          : `At most ${can} of ${line.sku} can be returned (${why}).`;
    }
  }
  throwIfFieldErrors(e);
  return { order, orderLines };
}

/** The default policy: shipping refunded when the merchant is at fault, no restocking fee. */
export function defaultPolicy(input: RmaInput): RefundPolicy {
  return {
    includeShipping: input.lines.some((l) => MERCHANT_FAULT_REASONS.includes(l.reason)),
    shippingMinor: 0,
    restockingFeeBps: 0,
  };
}

/**
 * Creates an RMA ("RMA-10001"): `approved` for an operator, `requested` for a customer. Returns
 * its id and number.
 */
export async function issueRma(ctx: MutationCtx, actor: ActorOrSystem, input: RmaInput, origin: RmaOrigin) {
  const { order, orderLines } = await checkRma(ctx, input);
  const number = await nextNumber(ctx, "rma", "RMA", 10001);
  const now = Date.now();
  const status = origin === "operator" ? "approved" : "requested";
  const rmaId = await ctx.db.insert("rmas", {
    number,
    orderId: order._id,
    orderNumber: order.number,
    status,
    origin,
    reasons: [...new Set(input.lines.map((l) => l.reason))],
    expectedDisposition: input.expectedDisposition,
    returnWarehouseId: await shippingWarehouse(ctx, order._id),
    currency: order.currency,
    refundPolicy: input.refundPolicy ?? defaultPolicy(input),
    refundAmountMinor: 0,
    refundStatus: "not_due",
    unitsAuthorised: input.lines.reduce((s, l) => s + l.quantity, 0),
    unitsSettled: 0,
    note: input.note?.trim() || undefined,
    createdByName: actor?.name ?? (origin === "customer" ? order.customer.name : "system"),
    createdAt: now,
    updatedAt: now,
  });
  const details: string[] = [];
  for (const l of input.lines) {
    const line = orderLines.get(l.orderLineId)!;
    await ctx.db.insert("rmaLines", {
      rmaId,
      orderId: order._id,
      orderLineId: line._id,
      ...lineProductOf(line),
      reason: l.reason,
      quantity: l.quantity,
      restocked: 0,
      damaged: 0,
      missing: 0,
    });
    if (status === "approved")
      await bumpReturnStats(
        ctx,
        { productId: line.productId, sku: line.sku, reason: l.reason },
        { authorised: l.quantity },
      );
    details.push(`${l.quantity} × ${line.sku}: ${l.reason.replace(/_/g, " ")}`);
  }
  const summary =
    origin === "operator"
      ? `issued and approved by ${actor?.name ?? "system"}`
      : "requested by the customer, waiting for approval";
  await recordRmaStep(
    ctx,
    actor,
    { _id: rmaId, number, orderId: order._id },
    { action: origin === "operator" ? "issue" : "request", summary, details },
  );
  return { rmaId, number };
}
