/**
 * The open-order rows behind "at risk of a late ship". A row exists exactly while its order is open
 * (lib/boards OPEN_ORDER_STATUSES) and carries the order's deadline: ship-by from the channel, or
 * placed + SLA, moved back to the last cutoff of the warehouse of its first stock shipment.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { deadlineOf } from "../../lib/cutoffs";
import { isOpenOrder } from "../../lib/statusSets";
import { shipmentsOfOrder } from "../orders/lines";
import { rowBy } from "../rows";

/** Warehouse of the order's first stock shipment (creation order), if any. */
export async function firstStockWarehouse(ctx: QueryCtx, orderId: Id<"orders">): Promise<Id<"warehouses"> | undefined> {
  const shipments = await shipmentsOfOrder(ctx, orderId);
  return shipments.find((s) => s.source === "stock")?.warehouseId;
}

/** The row an order should have, or null when it is not open. */
export async function desiredOpenOrder(
  ctx: QueryCtx,
  order: Doc<"orders">,
  known?: Pick<Doc<"openOrders">, "warehouseId" | "placedAt" | "shipBy" | "deadline" | "deadlineSource">,
) {
  if (!isOpenOrder(order.status)) return null;
  const warehouseId = known?.warehouseId ?? (await firstStockWarehouse(ctx, order._id));
  let deadline = known?.deadline;
  let deadlineSource = known?.deadlineSource;
  const same =
    known && known.warehouseId === warehouseId && known.placedAt === order.placedAt && known.shipBy === order.shipBy;
  if (!same || deadline === undefined || deadlineSource === undefined) {
    const warehouse = warehouseId ? await ctx.db.get("warehouses", warehouseId) : null;
    ({ deadline, source: deadlineSource } = deadlineOf(order, warehouse ?? undefined));
  }
  return {
    orderId: order._id,
    number: order.number,
    channel: order.channel,
    status: order.status,
    priority: order.priority,
    placedAt: order.placedAt,
    shipBy: order.shipBy,
    warehouseId,
    deadline,
    deadlineSource,
  };
}

const FIELDS = [
  "number",
  "channel",
  "status",
  "priority",
  "placedAt",
  "shipBy",
  "warehouseId",
  "deadline",
  "deadlineSource",
] as const;

/** Brings the order's open-order row in line with the order (insert, patch or delete). */
export async function syncOpenOrder(ctx: MutationCtx, orderId: Id<"orders">, order: Doc<"orders"> | null) {
  const row = await rowBy(ctx, "openOrders", "by_orderId", orderId);
  const want = order ? await desiredOpenOrder(ctx, order, row ?? undefined) : null;
  if (!want) {
    if (row) await ctx.db.delete("openOrders", row._id);
    return;
  }
  if (!row) {
    await ctx.db.insert("openOrders", want);
    return;
  }
  if (FIELDS.some((f) => row[f] !== want[f])) await ctx.db.patch("openOrders", row._id, want);
}

/**
 * Recomputes the deadlines of up to `limit` open orders shipping from a warehouse whose cutoff or
 * time zone changed. Returns the cursor to continue from, or null when done.
 */
export async function refreshWarehouseDeadlines(
  ctx: MutationCtx,
  warehouseId: Id<"warehouses">,
  cursor: string | null,
  limit = 100,
) {
  const warehouse = await ctx.db.get("warehouses", warehouseId);
  const page = await ctx.db
    .query("openOrders")
    .withIndex("by_warehouseId", (q) => q.eq("warehouseId", warehouseId))
    .paginate({ cursor, numItems: limit });
  for (const row of page.page) {
    const { deadline } = deadlineOf(row, warehouse ?? undefined);
    if (deadline !== row.deadline) await ctx.db.patch("openOrders", row._id, { deadline });
  }
  return page.isDone ? null : page.continueCursor;
}
