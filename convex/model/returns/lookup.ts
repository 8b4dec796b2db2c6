/**
 * The receiving scanner's first scan: a label or packing slip carries the RMA number
 * ("RMA-10001") or the order number ("SO-100042"); either resolves to the RMAs to receive on.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { normalizeScan } from "../../lib/barcode";
import { RECEIVABLE_RMA_STATUSES } from "../../lib/statusSets";
import { orderByNumber } from "../orders/lines";
import { rmasOfOrder } from "./lifecycle";
import { rowBy } from "../rows";

export type ReceivingLookup =
  | { kind: "rma" | "order"; orderNumber: string; rmas: Doc<"rmas">[]; message: string }
  | { kind: "none"; rmas: []; message: string };

/** Resolves a scanned RMA or order number (with or without its prefix) to its RMAs, receivable first. */
export async function findForReceiving(ctx: QueryCtx, raw: string): Promise<ReceivingLookup> {
  const code = normalizeScan(raw).toUpperCase();
  if (!code) return { kind: "none", rmas: [], message: "Scan an RMA or order number." };
  const digits = /^\d+$/.test(code);
  const rmaNumber = digits ? `RMA-${code}` : code.replace(/^RMA(\d)/, "RMA-$1");
  const rma = await rowBy(ctx, "rmas", "by_number", rmaNumber);
  if (rma)
    return {
      kind: "rma",
      orderNumber: rma.orderNumber,
      rmas: [rma],
      message: `${rma.number} for order ${rma.orderNumber}.`,
    };
  const orderNumber = digits ? `SO-${code}` : code.replace(/^SO(\d)/, "SO-$1");
  const order = await orderByNumber(ctx, orderNumber);
  if (!order) return { kind: "none", rmas: [], message: `No RMA or order with number ${code}.` };
  const rmas = await rmasOfOrder(ctx, order._id);
  const receivable = (r: Doc<"rmas">) => RECEIVABLE_RMA_STATUSES.includes(r.status);
  const sorted = [...rmas.filter(receivable), ...rmas.filter((r) => !receivable(r))];
  const open = sorted.filter(receivable).length;
  const message =
    rmas.length === 0
      ? `Order ${order.number} has no RMA. Ask a supervisor to issue one.`
      : `Order ${order.number}: ${open} RMA(s) to receive.`;
  return { kind: "order", orderNumber: order.number, rmas: sorted, message };
}
