/**
 * Receiving a return, one scanned unit at a time. A unit on the RMA gets its disposition:
 * restock (a return_restock movement raising on hand, a FIFO cost layer, and waiting backorders
 * filled in the same transaction), damaged (a return_damaged movement into the level's damaged
 * state, never available) — or units are declared missing without a scan (nothing moves).
 * Refused scans (unknown code, not on the RMA, beyond the authorised quantity) are recorded and
 * returned, not thrown, so the record survives.
 */
import { unitsIn } from "../inventory/operations";
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { normalizeScan } from "../../lib/barcode";
import {
  computeRefund,
  defaultDisposition,
  outstanding,
  receiptStatus,
  RMA_STATUS_LABELS,
  type RmaStatus,
} from "../../lib/returns";
import { recordMovement } from "../inventory/ledger";
import { getRmaOrThrow, rmaLinesOf, transitionRma } from "./lifecycle";
import { bumpReturnStats } from "./stats";
import { namesProduct, resolveProduct } from "../floor/codes";
import { RECEIVABLE_RMA_STATUSES } from "../../lib/statusSets";
import { rowBy } from "../rows";

export type ReceiveOutcome = {
  result: "ok" | "refused" | "missing";
  message: string;
  sku?: string;
  disposition?: "restock" | "damaged" | "missing";
  rmaStatus: RmaStatus;
  /** Orders whose backorders the restocked unit filled. */
  filled?: string[];
};

type Unit = Pick<Doc<"rmaUnits">, "rmaId" | "code" | "scanId" | "result" | "message" | "quantity"> &
  Partial<Pick<Doc<"rmaUnits">, "rmaLineId" | "productId" | "sku" | "disposition" | "warehouseId">>;

async function recordUnit(ctx: MutationCtx, actor: Actor, u: Unit) {
  await ctx.db.insert("rmaUnits", { ...u, memberId: actor.id, memberName: actor.name, at: Date.now() });
}

/** An RMA units can be received on. `scanning` also admits a received RMA, whose every scan is then refused and recorded. */
async function requireReceivable(ctx: MutationCtx, rmaId: Id<"rmas">, scanning = false) {
  const rma = await getRmaOrThrow(ctx, rmaId);
  if (!RECEIVABLE_RMA_STATUSES.includes(rma.status) && !(scanning && rma.status === "received")) {
    const hint = rma.status === "requested" ? " Approve it before receiving." : "";
    throw appError(
      "INVALID_TRANSITION",
      `${rma.number} is ${RMA_STATUS_LABELS[rma.status].toLowerCase()}; nothing can be received on it.${hint}`,
    );
  }
  return rma;
}

/** Restocked and damaged units go to an own, active warehouse: the chosen one or the RMA's default. */
async function receivingWarehouse(ctx: MutationCtx, rma: Doc<"rmas">, warehouseId?: Id<"warehouses">) {
  const id = warehouseId ?? rma.returnWarehouseId;
  if (!id) throwIfFieldErrors({ warehouseId: "Choose the warehouse receiving this return." });
  const w = await ctx.db.get("warehouses", id!);
  if (!w || !w.active || w.kind === "dropship")
    throwIfFieldErrors({ warehouseId: "Choose an active warehouse of ours (not a dropship supplier)." });
  return w!;
}

/**
 * After `units` of one line settle (`updated` is that line as it now stands, `lines` the RMA's lines
 * as read before): the RMA's received status, refund due and settled count, in one patch.
 */
async function settle(
  ctx: MutationCtx,
  actor: Actor,
  rma: Doc<"rmas">,
  { lines: before, updated, units }: { lines: Doc<"rmaLines">[]; updated: Doc<"rmaLines">; units: number },
) {
  const lines = before.map((l) => (l._id === updated._id ? updated : l));
  const refund = computeRefund(lines, rma.refundPolicy);
  const anyBack = lines.some((l) => l.restocked + l.damaged > 0);
  const patch = {
    unitsSettled: rma.unitsSettled + units,
    refundAmountMinor: refund.amountMinor,
    refundStatus: anyBack ? ("due" as const) : rma.refundStatus,
  };
  const to = receiptStatus(lines);
  if (to !== rma.status) return transitionRma(ctx, actor, rma, { to, patch });
  await ctx.db.patch("rmas", rma._id, { ...patch, updatedAt: Date.now() });
  return { ...rma, ...patch };
}

/** The outcome already recorded for a scan id (a retried scan answers the same and changes nothing), or null. */
async function replayedScan(ctx: MutationCtx, scanId: string): Promise<ReceiveOutcome | null> {
  const prev = await rowBy(ctx, "rmaUnits", "by_scanId", scanId, "first");
  if (!prev) return null;
  return {
    result: prev.result,
    message: prev.message,
    sku: prev.sku,
    disposition: prev.disposition,
    rmaStatus: (await getRmaOrThrow(ctx, prev.rmaId)).status,
  };
}

/** Scans one returned unit into a disposition. Idempotent per `scanId`. */
export async function receiveUnit(
  ctx: MutationCtx,
  actor: Actor,
  a: {
    rmaId: Id<"rmas">;
    code: string;
    disposition?: "restock" | "damaged";
    warehouseId?: Id<"warehouses">;
    scanId: string;
  },
): Promise<ReceiveOutcome> {
  const prev = await replayedScan(ctx, a.scanId);
  if (prev) return prev;
  const rma = await requireReceivable(ctx, a.rmaId, true);
  const code = normalizeScan(a.code);
  if (!code) throwIfFieldErrors({ code: "Scan or type a barcode." });
  const refuse = async (message: string, extra: Partial<Unit> = {}): Promise<ReceiveOutcome> => {
    await recordUnit(ctx, actor, {
      rmaId: rma._id,
      code,
      scanId: a.scanId,
      result: "refused",
      message,
      quantity: 0,
      ...extra,
    });
    return { result: "refused", message, sku: extra.sku, rmaStatus: rma.status };
  };
  const lines = await rmaLinesOf(ctx, rma._id);
  // The RMA's own products match in full, any case; other codes go through the catalog.
  let found = null;
  for (const id of new Set(lines.map((l) => l.productId))) {
    const p = await ctx.db.get("products", id);
    if (p && namesProduct(p, code)) found = p;
  }
  found ??= await resolveProduct(ctx, code);
  const expecting = [...new Set(lines.filter((l) => outstanding(l) > 0).map((l) => l.sku))].join(", ");
  if (!found)
    return refuse(
      `Scanned ${code}: not a SKU or barcode in the catalog.${expecting ? ` ${rma.number} expects ${expecting}.` : ""}`,
    );
  const barcode = { productId: found._id };
  const mine = lines.filter((l) => l.productId === barcode.productId);
  if (mine.length === 0) {
    return refuse(
      `Scanned ${found.sku} (${found.name}): not on ${rma.number}. Set it aside.${expecting ? ` It expects ${expecting}.` : ""}`,
      { productId: found._id, sku: found.sku },
    );
  }
  const line = mine.find((l) => outstanding(l) > 0);
  if (!line) {
    const authorised = mine.reduce((s, l) => s + l.quantity, 0);
    return refuse(
      `All ${authorised} authorised unit(s) of ${mine[0].sku} on ${rma.number} are already accounted for. Set this one aside.`,
      { productId: barcode.productId, sku: mine[0].sku, rmaLineId: mine[0]._id },
    );
  }
  const warehouse = await receivingWarehouse(ctx, rma, a.warehouseId);
  // No disposition named: the line's reason decides (a defective unit never defaults to sellable stock).
  const disposition = a.disposition ?? defaultDisposition(line.reason, rma.expectedDisposition);
  let filled: string[] = [];
  if (disposition === "restock") {
    const product = await ctx.db.get("products", line.productId);
    const unitCostMinor = product?.costMinor ?? 0;
    const restock = { productId: line.productId, warehouseId: warehouse._id, onHandDelta: 1, unitCostMinor };
    const movement = { ...restock, kind: "return_restock" as const, reference: rma.number, reason: line.reason };
    ({ filled } = await unitsIn(ctx, actor, movement, [{ qty: 1, unitCostMinor }]));
  } else {
    await recordMovement(ctx, actor, {
      productId: line.productId,
      warehouseId: warehouse._id,
      kind: "return_damaged",
      onHandDelta: 0,
      damagedDelta: 1,
      reference: rma.number,
      reason: line.reason,
    });
  }
  const field = disposition === "restock" ? "restocked" : "damaged";
  const updated = { ...line, [field]: line[field] + 1 };
  await ctx.db.patch("rmaLines", line._id, { [field]: updated[field] });
  const orderLine = (await ctx.db.get("orderLines", line.orderLineId))!;
  await ctx.db.patch("orderLines", orderLine._id, { returned: orderLine.returned + 1 });
  await bumpReturnStats(ctx, line, { [field]: 1 });
  const next = await settle(ctx, actor, rma, { lines, updated, units: 1 });
  const left = outstanding(updated);
  const where = disposition === "restock" ? `restocked at ${warehouse.code}` : `damaged, held at ${warehouse.code}`;
  const message = `${line.sku} ${where}. ${left > 0 ? `${left} more expected on this line.` : "Line complete."}${filled.length ? ` Filled backorder of ${filled.join(", ")}.` : ""}`;
  await recordUnit(ctx, actor, {
    rmaId: rma._id,
    rmaLineId: line._id,
    productId: line.productId,
    sku: line.sku,
    code,
    scanId: a.scanId,
    result: "ok",
    disposition: disposition,
    warehouseId: warehouse._id,
    quantity: 1,
    message,
  });
  return { result: "ok", message, sku: line.sku, disposition: disposition, rmaStatus: next.status, filled };
}

/** Declares units of a line that never arrived: recorded, nothing moves, not refunded. */
export async function markMissing(
  ctx: MutationCtx,
  actor: Actor,
  a: { rmaId: Id<"rmas">; rmaLineId: Id<"rmaLines">; quantity: number; scanId: string },
): Promise<ReceiveOutcome> {
  const prev = await replayedScan(ctx, a.scanId);
  if (prev) return prev;
  const rma = await requireReceivable(ctx, a.rmaId);
  const lines = await rmaLinesOf(ctx, rma._id);
  const line = lines.find((l) => l._id === a.rmaLineId);
  if (!line) throw appError("NOT_FOUND", `That line is not on ${rma.number}.`);
  const left = outstanding(line);
  if (!Number.isInteger(a.quantity) || a.quantity <= 0 || a.quantity > left) {
    throwIfFieldErrors({
      quantity: left === 0 ? `Every unit of ${line.sku} is already accounted for.` : `Between 1 and ${left}.`,
    });
  }
  const updated = { ...line, missing: line.missing + a.quantity };
  await ctx.db.patch("rmaLines", line._id, { missing: updated.missing });
  await bumpReturnStats(ctx, line, { missing: a.quantity });
  const next = await settle(ctx, actor, rma, { lines, updated, units: a.quantity });
  const message = `${a.quantity} × ${line.sku} recorded missing; nothing moved.`;
  await recordUnit(ctx, actor, {
    rmaId: rma._id,
    rmaLineId: line._id,
    productId: line.productId,
    sku: line.sku,
    code: "",
    scanId: a.scanId,
    result: "missing",
    disposition: "missing",
    quantity: a.quantity,
    message,
  });
  return { result: "missing", message, sku: line.sku, disposition: "missing", rmaStatus: next.status };
}
