/**
 * What a customer does in the portal, on a proven order (a verified session token): cancel
 * backordered units (the desk's cancelLines releases them; a captured payment is refunded through
 * portal/refunds), say they will wait, or start a return within the window (the returns engineer's
 * issueRma as a customer request; approved at once when the auto-approval rule covers it, with a
 * return label when the policy pays for one). Every action is on the order's trail as the customer's.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { refuseDuplicates } from "../../lib/bounds";
import { MERCHANT_FAULT_REASONS, type ReturnReason } from "../../lib/returns";
import { lineTotal } from "../../lib/money";
import { cancelLines } from "../orders/lifecycle";
import { appendOrderEvent } from "../orders/transition";
import { issueRma } from "../returns/issue";
import { approveRma } from "../returns/lifecycle";
import { requestReturnLabel } from "../returns/label";
import { readPortalSettings } from "./settings";
import { returnWindowCloses } from "./view";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";

/**
 * The customer (or the auto-approval rule) as the actor of trail entries: a name and no member
 * id. Only passed to paths that use the actor for the record (trail, audit, movements), never to
 * claims or presence, which need a member.
 */
export function customerActor(order: Doc<"orders">): Actor {
  return { name: `Customer (${order.customer.name})` } as Actor;
}
const RULE_ACTOR = { name: "Auto-approval rule" } as Actor;

const day = (ms: number) =>
  new Date(ms).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

async function ownLines(ctx: MutationCtx, order: Doc<"orders">) {
  return orderLinesOf(ctx, order._id);
}

/** Cancels backordered units of some lines; each quantity at most what the line has on backorder. */
export async function cancelBackordered(
  ctx: MutationCtx,
  order: Doc<"orders">,
  asked: { lineId: string; quantity: number }[],
) {
  if (asked.length === 0) throw appError("INVALID_INPUT", "Choose the waiting items to cancel.");
  refuseDuplicates(
    asked.map((a) => a.lineId),
    "line",
  );
  const lines = await ownLines(ctx, order);
  const items = asked.map((a) => {
    const line = lines.find((l) => l._id === a.lineId);
    if (!line) throw appError("NOT_FOUND", "That item is not on this order.");
    if (!Number.isSafeInteger(a.quantity) || a.quantity <= 0 || a.quantity > line.backordered) {
      throw appError(
        "INVALID_INPUT",
        line.backordered === 0
          ? `${line.name} is not waiting for stock any more.`
          : `At most ${line.backordered} of ${line.name} are waiting for stock.`,
      );
    }
    return { line, quantity: a.quantity };
  });
  const actor = customerActor(order);
  // The refund of a paid order is recorded by cancelLines itself (model/orders/refunds.ts).
  const { refundedMinor } = await cancelLines(ctx, actor, order._id, {
    lines: items.map((i) => ({ lineId: i.line._id, quantity: i.quantity })),
    reason: "Cancelled by the customer in the order portal (backordered)",
  });
  return { refundedMinor };
}

/** The customer chose to wait for backordered units: recorded, nothing else changes. */
export async function keepWaiting(ctx: MutationCtx, order: Doc<"orders">) {
  const lines = (await ownLines(ctx, order)).filter((l) => l.backordered > 0);
  if (lines.length === 0) throw appError("INVALID_INPUT", "Nothing on this order is waiting for stock.");
  await appendOrderEvent(ctx, customerActor(order), order._id, {
    kind: "note",
    reason: "The customer chose to wait for the backordered items",
    details: lines.map((l) => `${l.backordered} × ${l.sku}`),
  });
}

/**
 * A return request from the portal: refused after the window; otherwise an RMA request (all of
 * issueRma's checks: the line is this order's, no more than shipped − returned − already asked).
 * Auto-approved when every reason is in the rule's list and the units' value is within its limit;
 * an approved return whose policy pays shipping (a merchant-fault reason) gets a label requested.
 */
export async function startReturn(
  ctx: MutationCtx,
  order: Doc<"orders">,
  a: { lines: { lineId: string; quantity: number; reason: ReturnReason }[]; note?: string },
  now: number,
) {
  const settings = await readPortalSettings(ctx);
  const shipments = await shipmentsOfOrder(ctx, order._id);
  const closes = returnWindowCloses(shipments, settings.returnWindowDays);
  if (closes === null)
    throw appError("INVALID_TRANSITION", "Nothing of this order has been sent yet, so there is nothing to return.");
  if (now > closes)
    throw appError(
      "INVALID_TRANSITION",
      `The ${settings.returnWindowDays}-day return window of order ${order.number} closed on ${day(closes)}.`,
    );
  const lines = await ownLines(ctx, order);
  if (a.lines.length === 0 || a.lines.some((l) => !lines.some((x) => x._id === l.lineId)))
    throw appError("INVALID_INPUT", "Choose items from this order to return.");
  const actor = customerActor(order);
  const rma = await issueRma(
    ctx,
    actor,
    {
      orderId: order._id,
      lines: a.lines.map((l) => ({
        orderLineId: l.lineId as Id<"orderLines">,
        quantity: l.quantity,
        reason: l.reason,
      })),
      expectedDisposition: "inspect",
      note: a.note?.slice(0, 1000),
    },
    "customer",
  );
  const value = a.lines.reduce(
    (s, l) => s + lineTotal(lines.find((x) => x._id === l.lineId)!.unitPriceMinor, l.quantity),
    0,
  );
  const rule = settings.autoApprove;
  const auto = rule.enabled && a.lines.every((l) => rule.reasons.includes(l.reason)) && value <= rule.maxValueMinor;
  let label = false;
  if (auto) {
    await approveRma(ctx, RULE_ACTOR, rma.rmaId);
    const issued = await ctx.db.get("rmas", rma.rmaId);
    if (issued?.returnWarehouseId && a.lines.some((l) => MERCHANT_FAULT_REASONS.includes(l.reason))) {
      await requestReturnLabel(ctx, RULE_ACTOR, rma.rmaId);
      label = true;
    }
  }
  return { rmaNumber: rma.number, approved: auto, labelRequested: label };
}
