/**
 * Demo returns for the offline runtime (wired from convex/seed.ts by the lead) and the browser
 * e2e: ships a few allocated demo orders, then issues an operator RMA waiting to be received,
 * a customer request waiting for approval, and one RMA received, refunded and closed.
 *
 * Shipping here patches each shipment to "packed" and calls shipShipment: demo data needs goods
 * that left through the ledger, not a walk through the floor pages.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { shipShipment } from "../fulfillment/ship";
import { issueRma } from "../returns/issue";
import { receiveUnit } from "../returns/receive";
import { recordRefund } from "../returns/refund";
import { closeRma } from "../returns/lifecycle";
import { markAllPackedForDemo } from "../allocation/shipmentLines";
import { type ActorOrSystem } from "../audit/record";
import { shipmentsOfOrder } from "../orders/lines";
import { rowBy, rowsBy } from "../rows";

export type SeededReturn = {
  rmaId: Id<"rmas">;
  number: string;
  orderNumber: string;
  status: Doc<"rmas">["status"];
  sku: string;
  barcode?: string;
};

/** Ships an allocated order in full from stock; false when it has other kinds of shipment. */
async function shipInFull(ctx: MutationCtx, actor: ActorOrSystem, order: Doc<"orders">) {
  const shipments = await shipmentsOfOrder(ctx, order._id);
  if (shipments.length === 0 || shipments.some((s) => s.source !== "stock" || s.status !== "open")) return false;
  for (const s of shipments) {
    await markAllPackedForDemo(ctx, s);
    await shipShipment(ctx, actor, s._id, s.number);
  }
  return true;
}

/** Seeds up to three demo RMAs; a no-op returning [] when RMAs exist or no order can ship. */
export async function seedReturns(ctx: MutationCtx): Promise<SeededReturn[]> {
  if (await ctx.db.query("rmas").first()) return [];
  const member = (await ctx.db.query("members").take(20)).find((m) => m.active && m.role !== "floor");
  const actor: ActorOrSystem = member ? { id: member._id, name: member.name } : undefined;
  const candidates = await rowsBy(ctx, "orders", "by_status", "allocated", { limit: 30 });
  const shipped: Doc<"orders">[] = [];
  for (const order of candidates) {
    if (shipped.length === 3) break;
    if (await shipInFull(ctx, actor, order)) shipped.push(order);
  }
  const plans = [
    {
      origin: "operator" as const,
      reason: "defective" as const,
      note: "Customer reports the seam split on first use.",
    },
    { origin: "customer" as const, reason: "size_or_fit" as const, note: "Too small; would like a refund." },
    { origin: "operator" as const, reason: "damaged_in_transit" as const, note: "Carrier crushed the box." },
  ];
  const out: SeededReturn[] = [];
  for (const [i, order] of shipped.entries()) {
    const line = (await rowsBy(ctx, "orderLines", "by_orderId", order._id, { limit: 1 }))[0];
    const plan = plans[i];
    const { rmaId, number } = await issueRma(
      ctx,
      plan.origin === "operator" ? actor : undefined,
      {
        orderId: order._id,
        lines: [{ orderLineId: line._id, quantity: 1, reason: plan.reason }],
        expectedDisposition: plan.reason === "damaged_in_transit" ? "damaged" : "restock",
        note: plan.note,
      },
      plan.origin,
    );
    const barcode = (await rowBy(ctx, "barcodes", "by_productId", line.productId, "first"))?.code;
    if (i === 2 && actor && barcode) {
      await receiveUnit(ctx, actor, { rmaId, code: barcode, disposition: "damaged", scanId: `seed-${number}` });
      await recordRefund(ctx, actor, rmaId, { method: "original_payment", reference: "demo" });
      await closeRma(ctx, actor, rmaId);
    }
    const rma = (await ctx.db.get("rmas", rmaId))!;
    out.push({ rmaId, number, orderNumber: order.number, status: rma.status, sku: line.sku, barcode });
  }
  return out;
}
