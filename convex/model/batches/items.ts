/**
 * Batch membership and the one writer of batch items and batch counts: a selection of orders
 * and shipments becomes items (each refused one with its reason), and every status change of an
 * item goes through `moveItem`, which keeps the batch's counts and status in the same transaction.
 */
import { BATCH_PAGE_SIZE } from "../../lib/bounds";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { MAX_BATCH_ITEMS } from "../../lib/bounds";
import { nextNumber } from "../orders/create";
import { labelsNotYet, packagesNeedingLabels } from "../shipping/context";
import { OPEN_BATCH_ITEM_STATUSES, VOIDED_BATCH_STATUSES, type BatchCounts, type BatchItemStatus } from "./tables";
import { shipmentsOfOrder } from "../orders/lines";
import { rowOrThrow } from "../rows";
import { isOpenShipment } from "../../lib/statusSets";

export type Refusal = { id: string; reason: string };
/** `room`: how many more shipments the batch takes after this call (a list fills a new batch once it is 0). */
export type AddResult = { batchId: Id<"batches">; added: number; refused: Refusal[]; room: number };

export const EMPTY_COUNTS: BatchCounts = { total: 0, ready: 0, queued: 0, working: 0, bought: 0, failed: 0, voided: 0 };

/** Which count an item status adds to (removed items count nowhere). */
function bucket(status: BatchItemStatus): keyof BatchCounts | null {
  switch (status) {
    case "ready":
    case "queued":
    case "bought":
    case "failed":
    case "voided":
      return status;
    case "quoting":
    case "buying":
    case "retrying":
      return "working";
    case "removed":
      return null;
  }
}

function addCount(counts: BatchCounts, status: BatchItemStatus, n: number): BatchCounts {
  const b = bucket(status);
  if (!b) return counts;
  return { ...counts, [b]: counts[b] + n, total: counts.total + n };
}

/**
 * Moves an item to `to` (with `patch`), keeping the batch counts; a running batch with nothing
 * left in flight or queued is done. Returns the updated item.
 */
export async function moveItem(
  ctx: MutationCtx,
  item: Doc<"batchItems">,
  to: BatchItemStatus,
  patch: Partial<Doc<"batchItems">> = {},
) {
  const now = Date.now();
  await ctx.db.patch("batchItems", item._id, { ...patch, status: to, updatedAt: now });
  if (to !== item.status) {
    const batch = (await ctx.db.get("batches", item.batchId))!;
    const counts = addCount(addCount(batch.counts, item.status, -1), to, 1);
    const idle = counts.queued + counts.working === 0;
    const status =
      batch.status === "running" && idle ? "done" : batch.status === "done" && !idle ? "running" : batch.status;
    await ctx.db.patch("batches", batch._id, {
      counts,
      status,
      ...(status === "done" && batch.status !== "done" ? { finishedAt: now } : {}),
    });
  }
  return { ...item, ...patch, status: to, updatedAt: now };
}

/** A new, empty batch. */
export async function newBatch(ctx: MutationCtx, actor: Actor, source: string) {
  const number = await nextNumber(ctx, "batch", "B", 1001);
  return ctx.db.insert("batches", {
    number,
    status: "open",
    source,
    counts: EMPTY_COUNTS,
    createdBy: actor.id,
    createdByName: actor.name,
    createdAt: Date.now(),
  });
}

/** The shipment ids an id list stands for: an order's open stock shipments; a shipment itself. Duplicates merge. */
async function expand(ctx: QueryCtx, orderIds: Id<"orders">[], shipmentIds: Id<"shipments">[]) {
  const wanted = new Map<string, { shipment: Doc<"shipments">; askedAs: string }>();
  const refused: Refusal[] = [];
  for (const orderId of new Set(orderIds)) {
    const order = await ctx.db.get("orders", orderId);
    if (!order) {
      refused.push({ id: orderId, reason: "That order no longer exists." });
      continue;
    }
    const shipments = await shipmentsOfOrder(ctx, orderId);
    const open = shipments.filter((s) => s.source === "stock" && isOpenShipment(s.status));
    if (open.length === 0) {
      refused.push({
        id: orderId,
        reason: `Order ${order.number} has no open shipment from our own stock (${order.status}).`,
      });
      continue;
    }
    for (const s of open) wanted.set(s._id, { shipment: s, askedAs: orderId });
  }
  for (const shipmentId of new Set(shipmentIds)) {
    if (wanted.has(shipmentId)) continue;
    const s = await ctx.db.get("shipments", shipmentId);
    if (!s) refused.push({ id: shipmentId, reason: "That shipment no longer exists." });
    else wanted.set(s._id, { shipment: s, askedAs: shipmentId });
  }
  return { wanted: [...wanted.values()], refused };
}

/** Why a shipment cannot be bought in a batch, or null when it can. */
async function refusalOf(ctx: QueryCtx, s: Doc<"shipments">, batchId: Id<"batches">): Promise<string | null> {
  if (s.source !== "stock") return `${s.number} ships from the supplier; there is no postage to buy.`;
  if (s.onHold) return `${s.number} is on hold; release it first.`;
  // A batch takes packed shipments only: a shipped one's relabel is bought on its own.
  const notYet = labelsNotYet(s, ["packed"]);
  if (notYet) return notYet;
  const { packages, needing } = await packagesNeedingLabels(ctx, s._id);
  if (packages.length === 0) return `${s.number} has no packages yet.`;
  if (needing.length === 0) return `${s.number} already has its labels.`;
  for (const status of OPEN_BATCH_ITEM_STATUSES) {
    const other = await ctx.db
      .query("batchItems")
      .withIndex("by_shipmentId_and_status", (q) => q.eq("shipmentId", s._id).eq("status", status))
      .first();
    if (other) {
      if (other.batchId === batchId) return `${s.number} is already in this batch.`;
      const b = await ctx.db.get("batches", other.batchId);
      return `${s.number} is already in batch ${b?.number ?? "?"} (${status}).`;
    }
  }
  return null;
}

/** Adds a page of orders/shipments to a batch; each one that cannot go in is refused with its reason. */
export async function addToBatch(
  ctx: MutationCtx,
  batchId: Id<"batches">,
  ids: { orderIds?: Id<"orders">[]; shipmentIds?: Id<"shipments">[] },
): Promise<AddResult> {
  const orderIds = ids.orderIds ?? [];
  const shipmentIds = ids.shipmentIds ?? [];
  if (orderIds.length + shipmentIds.length > BATCH_PAGE_SIZE) {
    throw appError(
      "INVALID_INPUT",
      `Add at most ${BATCH_PAGE_SIZE} orders or shipments per call; send the rest in further pages.`,
    );
  }
  const batch = await rowOrThrow(ctx, "batches", batchId, "batch");
  if (VOIDED_BATCH_STATUSES.includes(batch.status))
    throw appError("INVALID_TRANSITION", `Batch ${batch.number} is voided; make a new batch.`);
  const { wanted, refused } = await expand(ctx, orderIds, shipmentIds);
  const order = new Map<string, Doc<"orders"> | null>();
  let added = 0;
  let total = batch.counts.total;
  const queue = batch.status === "running" || batch.status === "done";
  for (const { shipment: s, askedAs } of wanted) {
    const why = await refusalOf(ctx, s, batchId);
    if (why) {
      refused.push({ id: askedAs, reason: why });
      continue;
    }
    if (total >= MAX_BATCH_ITEMS) {
      refused.push({
        id: askedAs,
        reason: `Batch ${batch.number} is full (${MAX_BATCH_ITEMS} shipments); make another batch.`,
      });
      continue;
    }
    if (!order.has(s.orderId)) order.set(s.orderId, await ctx.db.get("orders", s.orderId));
    const now = Date.now();
    const id = await ctx.db.insert("batchItems", {
      batchId,
      shipmentId: s._id,
      orderId: s.orderId,
      shipmentNumber: s.number,
      orderNumber: order.get(s.orderId)?.number ?? "",
      status: "ready",
      lease: 0,
      claimed: 0,
      quoteAttempts: 0,
      queuedAt: now,
      updatedAt: now,
    });
    const item = (await ctx.db.get("batchItems", id))!;
    await moveItem(ctx, { ...item, status: "removed" }, "ready"); // counts it
    if (queue) await moveItem(ctx, item, "queued");
    total += 1;
    added += 1;
  }
  return { batchId, added, refused, room: Math.max(0, MAX_BATCH_ITEMS - total) };
}
