/**
 * Building pick lists from allocated shipments of one warehouse: a batch of the oldest open
 * shipments, a wave released for a cutoff or carrier pickup, or a wave split by bin zone. Tasks are
 * walked in bin order; batch picks sort into totes (one per shipment).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { compareBins, groupWholeShipments, waveLabelProblem, zoneOf } from "../../lib/floor";
import { MAX_PICK_TASKS } from "../../lib/bounds";
import { nextNumber } from "../orders/create";
import { transitionOrder } from "../orders/transition";
import type { PickListKind } from "./tables";
import { PICKABLE_ORDER_STATUSES } from "../../lib/statusSets";
import { setShipmentStatus } from "../allocation/shipmentLines";
import { rowsBy } from "../rows";

type TaskDraft = Omit<Doc<"pickTasks">, "_id" | "_creationTime" | "pickListId" | "seq" | "tote"> & {
  shipmentIndex: number;
};

/** Open stock shipments of a warehouse whose orders may be picked, oldest order first. */
async function pickableShipments(
  ctx: MutationCtx,
  warehouseId: Id<"warehouses">,
  opts: { shipBefore?: number; limit: number },
) {
  const open = await ctx.db
    .query("shipments")
    .withIndex("by_warehouseId_and_status", (q) => q.eq("warehouseId", warehouseId).eq("status", "open"))
    .take(500);
  const out: { shipment: Doc<"shipments">; order: Doc<"orders"> }[] = [];
  for (const shipment of open) {
    if (shipment.source !== "stock" || shipment.onHold || shipment.lines.every((l) => l.quantity - l.picked <= 0))
      continue;
    const order = await ctx.db.get("orders", shipment.orderId);
    // Click & collect shipments are picked on the store's pickup page (model/pickup), not on pick lists.
    if (!order || !PICKABLE_ORDER_STATUSES.includes(order.status) || order.pickupStoreId) continue;
    if (opts.shipBefore !== undefined && (order.shipBy === undefined || order.shipBy > opts.shipBefore)) continue;
    out.push({ shipment, order });
  }
  out.sort(
    (a, b) =>
      b.order.priority - a.order.priority ||
      (a.order.shipBy ?? Infinity) - (b.order.shipBy ?? Infinity) ||
      a.order.placedAt - b.order.placedAt,
  );
  return out.slice(0, opts.limit);
}

async function draftTasks(ctx: MutationCtx, picked: { shipment: Doc<"shipments"> }[]) {
  const tasks: TaskDraft[] = [];
  for (const [shipmentIndex, { shipment }] of picked.entries()) {
    for (const line of shipment.lines) {
      const quantity = line.quantity - line.picked;
      if (quantity <= 0 || !line.levelId) continue;
      const [level, product] = await Promise.all([
        ctx.db.get("inventoryLevels", line.levelId),
        ctx.db.get("products", line.productId),
      ]);
      tasks.push({
        shipmentIndex,
        shipmentId: shipment._id,
        orderLineId: line.orderLineId,
        productId: line.productId,
        sku: line.sku,
        name: product?.name ?? line.sku,
        bin: level?.bin ?? "",
        zone: zoneOf(level?.bin),
        quantity,
        picked: 0,
        short: 0,
        binConfirmed: false,
      });
    }
  }
  return tasks;
}

/** A pick list's tasks in walk order (a list holds at most MAX_PICK_TASKS: list building splits bigger work). */
export async function tasksOfList(ctx: { db: QueryCtx["db"] }, pickListId: Id<"pickLists">) {
  return rowsBy(ctx, "pickTasks", "by_pickListId_and_seq", pickListId, { limit: MAX_PICK_TASKS });
}

/** Writes one list with its tasks in walk order and moves its shipments (and orders) to picking. */
async function writeList(
  ctx: MutationCtx,
  actor: Actor,
  a: {
    warehouseId: Id<"warehouses">;
    kind: PickListKind;
    zone?: string;
    waveId?: Id<"waves">;
    requireBinScan: boolean;
    /** The shipments the list was drafted from (those with a task on it move to picking). */
    picked: { shipment: Doc<"shipments">; order: Doc<"orders"> }[];
    tasks: TaskDraft[];
  },
) {
  const { picked, tasks } = a;
  tasks.sort((x, y) => compareBins(x.bin, y.bin) || x.sku.localeCompare(y.sku) || x.shipmentIndex - y.shipmentIndex);
  const shipmentIds = [...new Set(tasks.map((t) => t.shipmentId))];
  const number = await nextNumber(ctx, "pickList", "PL", 1001);
  const pickListId = await ctx.db.insert("pickLists", {
    warehouseId: a.warehouseId,
    number,
    kind: a.kind,
    zone: a.zone,
    waveId: a.waveId,
    status: "open",
    requireBinScan: a.requireBinScan,
    shipmentIds,
    unitsTotal: tasks.reduce((s, t) => s + t.quantity, 0),
    unitsPicked: 0,
    unitsShort: 0,
    createdAt: Date.now(),
  });
  for (const [seq, t] of tasks.entries()) {
    const { shipmentIndex: _ignored, ...task } = t;
    await ctx.db.insert("pickTasks", { ...task, pickListId, seq, tote: shipmentIds.indexOf(t.shipmentId) + 1 });
  }
  for (const { shipment, order } of picked) {
    if (!shipmentIds.includes(shipment._id)) continue;
    const current = await ctx.db.get("shipments", shipment._id);
    if (current?.status === "open") await setShipmentStatus(ctx, current, "picking");
    const o = await ctx.db.get("orders", order._id);
    if (o && (o.status === "allocated" || o.status === "partially_allocated")) {
      await transitionOrder(ctx, actor, order._id, { to: "picking", reason: `On pick list ${number}` });
    }
  }
  return { pickListId, number };
}

/** A batch list over the oldest open shipments (or a single shipment when `shipmentId` is given). */
export async function buildBatch(
  ctx: MutationCtx,
  actor: Actor,
  a: { warehouseId: Id<"warehouses">; maxShipments: number; requireBinScan: boolean; shipmentId?: Id<"shipments"> },
) {
  let picked;
  if (a.shipmentId) {
    const shipment = await ctx.db.get("shipments", a.shipmentId);
    if (!shipment || shipment.warehouseId !== a.warehouseId)
      throw appError("NOT_FOUND", "That shipment is not in this warehouse.");
    if (shipment.status !== "open")
      throw appError("CONFLICT", `Shipment ${shipment.number} is already ${shipment.status}.`);
    const order = (await ctx.db.get("orders", shipment.orderId))!;
    if (!PICKABLE_ORDER_STATUSES.includes(order.status))
      throw appError(
        "INVALID_TRANSITION",
        `Order ${order.number} is ${order.status.replace("_", " ")} and cannot be picked.`,
      );
    if (order.pickupStoreId)
      throw appError(
        "INVALID_INPUT",
        `Order ${order.number} is a click & collect order: pick it on the store's Pickups page.`,
      );
    picked = [{ shipment, order }];
  } else {
    picked = await pickableShipments(ctx, a.warehouseId, { limit: Math.max(1, Math.min(a.maxShipments, 50)) });
  }
  if (picked.length === 0)
    throw appError("NOT_FOUND", "No allocated shipments are waiting to be picked in this warehouse.");
  // A batch whose stops would pass MAX_PICK_TASKS takes its first shipments only; the rest stay open.
  const [tasks = []] = groupWholeShipments(await draftTasks(ctx, picked));
  const kind = a.shipmentId ? "single" : "batch";
  return writeList(ctx, actor, { warehouseId: a.warehouseId, kind, requireBinScan: a.requireBinScan, picked, tasks });
}

/**
 * Releases a wave: every pickable shipment of the warehouse due by `shipBefore` (all when absent),
 * as lists of `batchSize` shipments, or one list per bin zone when `byZone`.
 */
export async function releaseWave(
  ctx: MutationCtx,
  actor: Actor,
  a: {
    warehouseId: Id<"warehouses">;
    label: string;
    shipBefore?: number;
    byZone: boolean;
    batchSize: number;
    requireBinScan: boolean;
  },
) {
  const labelProblem = waveLabelProblem(a.label);
  if (labelProblem)
    throw appError("INVALID_INPUT", "Name the wave (e.g. “UPS 16:00 pickup”).", { label: labelProblem });
  const picked = await pickableShipments(ctx, a.warehouseId, { shipBefore: a.shipBefore, limit: 200 });
  if (picked.length === 0) throw appError("NOT_FOUND", "No allocated shipments are due in this window.");
  const number = await nextNumber(ctx, "wave", "W", 101);
  const waveId = await ctx.db.insert("waves", {
    warehouseId: a.warehouseId,
    number,
    label: a.label.trim(),
    releasedBy: actor.id,
    releasedByName: actor.name,
    releasedAt: Date.now(),
    shipmentCount: picked.length,
    pickListCount: 0,
  });
  const tasks = await draftTasks(ctx, picked);
  const lists = [];
  if (a.byZone) {
    const zones = [...new Set(tasks.map((t) => t.zone))].sort();
    for (const zone of zones) {
      // A busy zone becomes several lists of at most MAX_PICK_TASKS stops.
      for (const group of groupWholeShipments(tasks.filter((t) => t.zone === zone))) {
        lists.push(
          await writeList(ctx, actor, {
            warehouseId: a.warehouseId,
            kind: "zone",
            zone,
            waveId,
            requireBinScan: a.requireBinScan,
            picked,
            tasks: group,
          }),
        );
      }
    }
  } else {
    const size = Math.max(1, Math.min(a.batchSize, 50));
    for (let i = 0; i < picked.length; i += size) {
      const chunk = picked.slice(i, i + size);
      const ids = new Set(chunk.map((c) => c.shipment._id as string));
      for (const group of groupWholeShipments(tasks.filter((t) => ids.has(t.shipmentId)))) {
        lists.push(
          await writeList(ctx, actor, {
            warehouseId: a.warehouseId,
            kind: "wave",
            waveId,
            requireBinScan: a.requireBinScan,
            picked: chunk,
            tasks: group,
          }),
        );
      }
    }
  }
  await ctx.db.patch("waves", waveId, { pickListCount: lists.length });
  return { waveId, number, lists };
}
