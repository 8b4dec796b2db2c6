/**
 * Picking with hard verification. A scan is checked against the task the picker is on: the bin
 * first when the list asks for it, then the product's barcode, then the quantity. Refused scans are
 * recorded and advance nothing; they are returned, not thrown, so the record survives.
 */
import { giveBackStoreCapacity } from "../pickup/capacity";
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { normalizeScan } from "../../lib/barcode";
import { unitsOut } from "../inventory/operations";
import { markPicked, removeShortUnits, setShipmentStatus } from "../allocation/shipmentLines";
import { allocateOrder } from "../allocation/allocate";
import { appendOrderEvent } from "../orders/transition";
import type { ScanResult, vScanOutcome } from "./tables";
import type { Infer } from "convex/values";
import { namesProduct, productLabel, resolveProduct, sameCode } from "./codes";
import { requireReason } from "../../lib/bounds";
import { recordScanEvent, scanById } from "./scans";
import { claimBy, heldByActor, NO_CLAIM, releasable } from "./claims";
import { rowOrThrow } from "../rows";
import { isOpenPickList } from "../../lib/statusSets";

export type ScanOutcome = Infer<typeof vScanOutcome>;

export async function getListOrThrow(ctx: MutationCtx, id: Id<"pickLists">) {
  return rowOrThrow(ctx, "pickLists", id, "pick list");
}

/** Claims a list for the caller. A list someone else holds is refused naming who has it. */
export async function claimPickList(ctx: MutationCtx, actor: Actor, pickListId: Id<"pickLists">) {
  const list = await getListOrThrow(ctx, pickListId);
  if (!isOpenPickList(list.status)) throw appError("CONFLICT", `Pick list ${list.number} is ${list.status}.`);
  if (heldByActor(list, actor, "picking")) return list;
  await ctx.db.patch("pickLists", pickListId, { ...claimBy(actor), claimedAt: Date.now() });
  return { ...list, claimedBy: actor.id };
}

/** Lets go of a list (the picker's own, or any list for a supervisor re-assigning work). */
export async function releasePickList(
  ctx: MutationCtx,
  actor: Actor,
  pickListId: Id<"pickLists">,
  asSupervisor: boolean,
) {
  const list = await getListOrThrow(ctx, pickListId);
  if (releasable(list, actor, asSupervisor))
    await ctx.db.patch("pickLists", pickListId, { ...NO_CLAIM, claimedAt: undefined });
}

/** One physical scan on a pick list: where it was made and what was read. */
type PickScan = { list: Doc<"pickLists">; task: Doc<"pickTasks"> | null; code: string; scanId: string };

/** Stores the scan with its outcome (the retry of the same scanId answers from it) and returns the outcome. */
async function recordScan(
  ctx: MutationCtx,
  actor: Actor,
  { list, task, code, scanId }: PickScan,
  outcome: ScanOutcome,
) {
  await recordScanEvent(ctx, actor, {
    stage: "pick",
    pickListId: list._id,
    taskId: task?._id,
    shipmentId: task?.shipmentId,
    code,
    scanId,
    result: outcome.result,
    message: outcome.message,
  });
  return outcome;
}

/** A scan request on one task of a pick list (floor.scan, floor.confirmCount). */
type TaskScan = { pickListId: Id<"pickLists">; taskId: Id<"pickTasks">; scanId: string };
type TaskCount = TaskScan & { quantity: number };

/** The result of an earlier delivery of the same physical scan, when the client retried. */
export async function previousScan(ctx: MutationCtx, scanId: string): Promise<ScanOutcome | null> {
  const prev = await scanById(ctx, scanId);
  return prev ? { result: prev.result, message: prev.message, taskId: prev.taskId } : null;
}

export async function scanPick(ctx: MutationCtx, actor: Actor, a: TaskScan & { code: string }): Promise<ScanOutcome> {
  const prev = await previousScan(ctx, a.scanId);
  if (prev) return prev;
  const { list, task } = await claimedTask(ctx, actor, a.pickListId, a.taskId);
  const code = normalizeScan(a.code);
  const shown = code || "(empty)";
  const product = await ctx.db.get("products", task.productId);
  const wanted = product ? productLabel(product) : task.sku;
  const refuse = (result: ScanResult, message: string) =>
    recordScan(
      ctx,
      actor,
      { list, task, code, scanId: a.scanId },
      {
        result,
        message,
        taskId: task._id,
        picked: task.picked,
        quantity: task.quantity,
      },
    );
  const isBin = task.bin !== "" && sameCode(code, task.bin);
  if (list.requireBinScan && !task.binConfirmed && task.bin) {
    if (isBin) {
      const stops = await confirmBinRun(ctx, list._id, task);
      const more = stops > 1 ? ` (covers the next ${stops - 1} stop${stops > 2 ? "s" : ""} in this bin)` : "";
      return recordScan(
        ctx,
        actor,
        { list, task, code, scanId: a.scanId },
        {
          result: "bin_ok",
          message: `Bin ${task.bin} confirmed${more}. Scan ${task.sku}.`,
          taskId: task._id,
          picked: task.picked,
          quantity: task.quantity,
        },
      );
    }
    const other = product && namesProduct(product, code) ? product : await resolveProduct(ctx, code);
    const what = other ? `${other.sku}, a product` : "not this bin";
    return refuse(
      other ? "bin_required" : "wrong_bin",
      `Scanned ${shown} (${what}): this stop is bin ${task.bin}. Scan bin ${task.bin} first.`,
    );
  }
  if (isBin) {
    return recordScan(
      ctx,
      actor,
      { list, task, code, scanId: a.scanId },
      {
        result: "bin_ok",
        message: `Bin ${task.bin} is this stop. Scan ${task.sku}.`,
        taskId: task._id,
        picked: task.picked,
        quantity: task.quantity,
      },
    );
  }
  if (!product || !namesProduct(product, code)) {
    const other = await resolveProduct(ctx, code);
    if (!other)
      return refuse("unknown_code", `Scanned ${shown}: not a SKU, barcode or bin we know. This stop needs ${wanted}.`);
    return refuse(
      "wrong_product",
      `Wrong item: scanned ${shown}, that is ${productLabel(other)}; this stop needs ${wanted}.`,
    );
  }
  if (task.picked + task.short >= task.quantity)
    return refuse(
      "over_quantity",
      `Scanned ${shown}: all ${task.quantity} of ${task.sku} are already picked for this line.`,
    );
  return recordScan(ctx, actor, { list, task, code, scanId: a.scanId }, await addPicked(ctx, list, task, 1));
}

/**
 * Counts `quantity` more units of a line after a verified scan of its product (a keypad confirm
 * instead of one scan per unit). Refused for products set to "scan every unit", before the line's
 * product was scanned, and beyond what is left.
 */
export async function pickCount(ctx: MutationCtx, actor: Actor, a: TaskCount): Promise<ScanOutcome> {
  const prev = await previousScan(ctx, a.scanId);
  if (prev) return prev;
  const { list, task } = await claimedTask(ctx, actor, a.pickListId, a.taskId);
  const product = await ctx.db.get("products", task.productId);
  if (product?.scanEveryUnit) throw appError("INVALID_INPUT", `${task.sku} is scanned unit by unit: scan each one.`);
  if (task.picked === 0) throw appError("INVALID_INPUT", `Scan ${task.sku} once before counting the rest.`);
  const left = task.quantity - task.picked - task.short;
  if (!Number.isInteger(a.quantity) || a.quantity < 1 || a.quantity > left) {
    throw appError(
      "INVALID_INPUT",
      left === 0 ? `Every unit of ${task.sku} on this line is picked.` : `Between 1 and ${left} more of ${task.sku}.`,
      { quantity: `1 to ${left}.` },
    );
  }
  return recordScan(
    ctx,
    actor,
    { list, task, code: task.sku, scanId: a.scanId },
    await addPicked(ctx, list, task, a.quantity),
  );
}

/** The task, refused (NOT_FOUND) unless it is a line of `list`. */
async function taskOfList(ctx: MutationCtx, list: Doc<"pickLists">, taskId: Id<"pickTasks">) {
  const task = await ctx.db.get("pickTasks", taskId);
  if (!task || task.pickListId !== list._id) throw appError("NOT_FOUND", "That line is not on this pick list.");
  return task;
}

async function claimedTask(ctx: MutationCtx, actor: Actor, pickListId: Id<"pickLists">, taskId: Id<"pickTasks">) {
  const list = await getListOrThrow(ctx, pickListId);
  if (list.claimedBy !== actor.id)
    throw appError(
      "CONFLICT",
      list.claimedBy ? `${list.claimedByName} is picking ${list.number}.` : `Claim ${list.number} before scanning.`,
    );
  return { list, task: await taskOfList(ctx, list, taskId) };
}

/**
 * Confirms the bin for this task and every following stop in the same bin (walk order), so
 * consecutive stops at one bin need one bin scan. Returns how many stops it covered. Reads the
 * list from this stop on only until the bin changes (a list has at most MAX_PICK_TASKS stops).
 */
async function confirmBinRun(ctx: MutationCtx, pickListId: Id<"pickLists">, task: Doc<"pickTasks">) {
  const next = ctx.db
    .query("pickTasks")
    .withIndex("by_pickListId_and_seq", (q) => q.eq("pickListId", pickListId).gte("seq", task.seq));
  let stops = 0;
  for await (const t of next) {
    if (!sameCode(t.bin, task.bin)) break;
    if (t.picked + t.short >= t.quantity && t._id !== task._id) continue;
    if (!t.binConfirmed) await ctx.db.patch("pickTasks", t._id, { binConfirmed: true });
    stops += 1;
  }
  return stops;
}

/** Adds `n` picked units to a task, its shipment line, its order line and the list. */
async function addPicked(
  ctx: MutationCtx,
  list: Doc<"pickLists">,
  task: Doc<"pickTasks">,
  n: number,
): Promise<ScanOutcome> {
  const picked = task.picked + n;
  await ctx.db.patch("pickTasks", task._id, { picked });
  const shipment = (await ctx.db.get("shipments", task.shipmentId))!;
  await markPicked(ctx, shipment, task.orderLineId, n);
  const line = (await ctx.db.get("orderLines", task.orderLineId))!;
  await ctx.db.patch("orderLines", line._id, { picked: line.picked + n });
  const listDone = await advanceList(ctx, list, n, 0);
  await settleShipment(ctx, shipment._id);
  const full = picked + task.short >= task.quantity;
  return {
    result: "ok",
    message: full ? `${task.sku} done (${picked}/${task.quantity}).` : `${task.sku} ${picked}/${task.quantity}.`,
    taskId: task._id,
    picked,
    quantity: task.quantity,
    listDone,
  };
}

/** Adds progress to the list; marks it done when every task is picked or short. */
async function advanceList(ctx: MutationCtx, list: Doc<"pickLists">, picked: number, short: number) {
  const unitsPicked = list.unitsPicked + picked;
  const unitsShort = list.unitsShort + short;
  const done = unitsPicked + unitsShort >= list.unitsTotal;
  await ctx.db.patch("pickLists", list._id, {
    unitsPicked,
    unitsShort,
    status: done ? "done" : "in_progress",
    doneAt: done ? Date.now() : undefined,
    ...(done ? { ...NO_CLAIM, claimedAt: undefined } : {}),
  });
  return done;
}

/** A shipment whose every stock unit is picked becomes `picked` (ready for packing). */
async function settleShipment(ctx: MutationCtx, shipmentId: Id<"shipments">) {
  const s = (await ctx.db.get("shipments", shipmentId))!;
  const live = s.lines.filter((l) => l.quantity > 0);
  if (s.status === "picking" && live.length > 0 && live.every((l) => l.picked >= l.quantity)) {
    await setShipmentStatus(ctx, s, "picked");
  }
  if (s.status === "picking" && live.length === 0) {
    await setShipmentStatus(ctx, s, "cancelled");
    await giveBackStoreCapacity(ctx, shipmentId, 0, true);
  }
}

/**
 * Records a short pick: `quantity` units of the task were not in the bin. Their reservation is
 * released, the free part of the shortage is written off the bin's stock (the units are not
 * there), and the order line goes back to allocation, which may find another source or backorder.
 */
export async function shortPick(
  ctx: MutationCtx,
  actor: Actor,
  a: { pickListId: Id<"pickLists">; taskId: Id<"pickTasks">; quantity: number; reason: string },
) {
  const list = await getListOrThrow(ctx, a.pickListId);
  if (list.claimedBy !== actor.id) throw appError("CONFLICT", `Claim ${list.number} before recording a short pick.`);
  const task = await taskOfList(ctx, list, a.taskId);
  const left = task.quantity - task.picked - task.short;
  if (!Number.isInteger(a.quantity) || a.quantity <= 0 || a.quantity > left) {
    throw appError("INVALID_INPUT", `Between 1 and ${left} units can be short on this line.`, {
      quantity: `1 to ${left}.`,
    });
  }
  requireReason(a.reason, "Say what was wrong (empty bin, damaged …).");
  await ctx.db.patch("pickTasks", task._id, { short: task.short + a.quantity, shortReason: a.reason.trim() });
  const shipment = (await ctx.db.get("shipments", task.shipmentId))!;
  const sl = await removeShortUnits(ctx, shipment, task.orderLineId, a.quantity);
  const level = (await ctx.db.get("inventoryLevels", sl.levelId!))!;
  const writeOff = Math.min(a.quantity, level.onHand - level.reserved);
  if (writeOff > 0) {
    // The units are gone, so their cost layers go too (otherwise later shipments would be costed from them).
    const product = await ctx.db.get("products", task.productId);
    const movement = { productId: task.productId, warehouseId: level.warehouseId, onHandDelta: -writeOff };
    const why = { reason: `Short pick at ${task.bin || "no bin"}: ${a.reason.trim()}`, reference: list.number };
    await unitsOut(ctx, actor, { ...movement, kind: "adjustment", ...why }, product?.costMinor ?? 0);
  }
  const line = (await ctx.db.get("orderLines", task.orderLineId))!;
  await ctx.db.patch("orderLines", line._id, {
    allocated: line.allocated - a.quantity,
    unallocated: line.unallocated + a.quantity,
  });
  await recordScan(
    ctx,
    actor,
    { list, task, code: "", scanId: `short:${task._id}:${task.short + a.quantity}` },
    { result: "short", message: `${a.quantity} × ${task.sku} short: ${a.reason.trim()}` },
  );
  await appendOrderEvent(ctx, actor, line.orderId, {
    kind: "note",
    reason: `Short pick on ${list.number}`,
    details: [`${a.quantity} × ${task.sku} not found at ${task.bin || "no bin"}: ${a.reason.trim()}`],
  });
  const listDone = await advanceList(ctx, list, 0, a.quantity);
  await settleShipment(ctx, shipment._id);
  await allocateOrder(ctx, actor, line.orderId, { reason: "Re-allocated after a short pick" });
  return { listDone };
}
