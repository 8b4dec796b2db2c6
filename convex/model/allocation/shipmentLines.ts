/**
 * The one writer of shipment lines (issue 13, point 6) and statuses: units go onto a shipment (a
 * plan, a backorder fill), come off it (a cancelled line, a short pick, a re-allocation), and are
 * counted picked and packed only here; a status changes only through setShipmentStatus, checked
 * against SHIPMENT_TRANSITIONS (lib/statusSets.ts). Reservations move with the units, through the ledger
 * (model/inventory/ledger reserve/release), in the same transaction. A shipment left with no units
 * is cancelled. tests: convex/writers.test.ts fails when another file writes `lines` of a shipment.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import { release, reserve } from "../inventory/ledger";
import { canTransitionShipment, EDITABLE_SHIPMENT_STATUSES } from "../../lib/statusSets";
import { giveBackStoreCapacity } from "../pickup/capacity";
import { orderSearchText, shipmentSearchText } from "../../lib/search";
import { nextShipmentNumber, shipmentsOfOrder } from "../orders/lines";

type ShipmentLine = Doc<"shipments">["lines"][number];
type ShipmentStatus = Doc<"shipments">["status"];

/**
 * Moves a shipment to `to` (with `patch`'s other fields), refusing a change SHIPMENT_TRANSITIONS
 * does not list. `s` is the shipment as read in this transaction; only its status and number are used.
 */
export async function setShipmentStatus(
  ctx: MutationCtx,
  s: Pick<Doc<"shipments">, "_id" | "number" | "status">,
  to: ShipmentStatus,
  patch: Partial<Omit<Doc<"shipments">, "_id" | "_creationTime" | "status" | "lines">> = {},
) {
  if (s.status !== to && !canTransitionShipment(s.status, to))
    throw appError("INVALID_TRANSITION", `Shipment ${s.number} is ${s.status}; it cannot become ${to}.`);
  await ctx.db.patch("shipments", s._id, { ...patch, status: to });
}

/**
 * Puts `quantity` units of an order line on the order's open shipment from a source (created on
 * first use), reserving them on `levelId` for stock. `shipments` is the order's shipments as read
 * in this transaction; it is kept current so several calls in one mutation see each other.
 */
export async function addUnits(
  ctx: MutationCtx,
  order: Doc<"orders">,
  shipments: Doc<"shipments">[],
  a: {
    warehouseId: Id<"warehouses">;
    source: "stock" | "dropship";
    line: Doc<"orderLines">;
    quantity: number;
    levelId?: Id<"inventoryLevels">;
    distanceKm?: number;
    strategy?: string;
  },
): Promise<Doc<"shipments">> {
  if (!Number.isSafeInteger(a.quantity) || a.quantity <= 0)
    throw appError("INVALID_INPUT", "A shipment takes a whole number of units above zero.");
  if (a.source === "stock") {
    if (!a.levelId) throw appError("INVALID_INPUT", "Stock units need a stock level.");
    await reserve(ctx, a.levelId, a.quantity);
  }
  const existing = shipments.find(
    (s) => s.warehouseId === a.warehouseId && s.source === a.source && s.status === "open",
  );
  const entry: ShipmentLine = {
    orderLineId: a.line._id,
    productId: a.line.productId,
    sku: a.line.sku,
    levelId: a.levelId,
    quantity: a.quantity,
    picked: 0,
  };
  if (existing) {
    const at = existing.lines.findIndex((l) => l.orderLineId === a.line._id && l.levelId === a.levelId);
    const lines =
      at >= 0
        ? existing.lines.map((l, i) => (i === at ? { ...l, quantity: l.quantity + a.quantity } : l))
        : [...existing.lines, entry];
    await ctx.db.patch("shipments", existing._id, { lines });
    const updated = { ...existing, lines };
    shipments[shipments.indexOf(existing)] = updated;
    return updated;
  }
  const number = nextShipmentNumber(order, shipments);
  const doc = {
    orderId: order._id,
    number,
    warehouseId: a.warehouseId,
    source: a.source,
    status: "open" as const,
    lines: [entry],
    distanceKm: a.distanceKm,
    strategy: a.strategy,
    createdAt: Date.now(),
    searchText: shipmentSearchText(number, order.searchText ?? orderSearchText({ ...order, lines: [] })),
  };
  const id = await ctx.db.insert("shipments", doc);
  const created = { ...doc, _id: id, _creationTime: Date.now() };
  shipments.push(created);
  return created;
}

/**
 * Takes `qty` unpicked units of an order line back off its live shipments, newest first,
 * releasing their reservations; a shipment left with no units is cancelled.
 */
export async function removeUnpickedUnits(ctx: MutationCtx, line: Doc<"orderLines">, qty: number) {
  let left = qty;
  const shipments = await shipmentsOfOrder(ctx, line.orderId);
  for (const s of shipments.reverse()) {
    if (left === 0) break;
    if (!EDITABLE_SHIPMENT_STATUSES.includes(s.status)) continue;
    const lines: ShipmentLine[] = [];
    let touched = false;
    let taken = 0;
    for (const sl of s.lines) {
      const take = sl.orderLineId === line._id && sl.levelId ? Math.min(left, sl.quantity - sl.picked) : 0;
      if (take > 0) {
        await release(ctx, sl.levelId!, take);
        left -= take;
        taken += take;
        touched = true;
      }
      if (sl.quantity - take > 0) lines.push({ ...sl, quantity: sl.quantity - take });
    }
    if (touched) await ctx.db.patch("shipments", s._id, { lines });
    if (touched && lines.length === 0) await setShipmentStatus(ctx, s, "cancelled");
    // Ship-from-store capacity taken for these units goes back (the order too when the shipment is cancelled).
    if (touched) await giveBackStoreCapacity(ctx, s._id, taken, lines.length === 0);
  }
  if (left > 0)
    throw appError(
      "CONFLICT",
      `Only ${qty - left} unpicked units of ${line.sku} are on its shipments; the order changed meanwhile, please retry.`,
    );
}

/**
 * Takes every unit of an order line off the order's dropship shipments that the supplier has not
 * shipped yet (status open); a shipment left with no units is cancelled. Returns how many units
 * came off (the caller moves them from dropshipped to cancelled on the line).
 */
export async function removeOpenDropshipUnits(ctx: MutationCtx, line: Doc<"orderLines">): Promise<number> {
  let removed = 0;
  const shipments = await shipmentsOfOrder(ctx, line.orderId);
  for (const s of shipments) {
    if (s.source !== "dropship" || s.status !== "open") continue;
    const keep = s.lines.filter((sl) => sl.orderLineId !== line._id);
    const taken = s.lines.filter((sl) => sl.orderLineId === line._id).reduce((n, sl) => n + sl.quantity, 0);
    if (taken === 0) continue;
    removed += taken;
    await ctx.db.patch("shipments", s._id, { lines: keep });
    if (keep.length === 0) await setShipmentStatus(ctx, s, "cancelled");
  }
  return removed;
}

/** Cancels the order's open shipments and releases every reservation on them (re-allocation). */
export async function cancelOpenShipments(ctx: MutationCtx, orderId: Id<"orders">) {
  const shipments = await shipmentsOfOrder(ctx, orderId);
  for (const s of shipments) {
    if (s.status !== "open") continue;
    for (const sl of s.lines)
      if (sl.levelId && sl.quantity > 0) await release(ctx, sl.levelId, sl.quantity - sl.picked);
    await setShipmentStatus(ctx, s, "cancelled");
    await giveBackStoreCapacity(
      ctx,
      s._id,
      s.lines.reduce((n, sl) => n + sl.quantity - sl.picked, 0),
      true,
    );
  }
}

/** One unit of an order line picked onto its shipment. */
export async function markPicked(ctx: MutationCtx, shipment: Doc<"shipments">, orderLineId: Id<"orderLines">, n = 1) {
  await ctx.db.patch("shipments", shipment._id, {
    lines: shipment.lines.map((l) => (l.orderLineId === orderLineId && l.levelId ? { ...l, picked: l.picked + n } : l)),
  });
}

/** `qty` units of a stock line were not in the bin: off the shipment, their reservation released. */
export async function removeShortUnits(
  ctx: MutationCtx,
  shipment: Doc<"shipments">,
  orderLineId: Id<"orderLines">,
  qty: number,
) {
  const sl = shipment.lines.find((l) => l.orderLineId === orderLineId && l.levelId);
  if (!sl || sl.quantity - sl.picked < qty) throw appError("CONFLICT", "Those units are no longer on the shipment.");
  await release(ctx, sl.levelId!, qty);
  await ctx.db.patch("shipments", shipment._id, {
    lines: shipment.lines.map((l) => (l === sl ? { ...l, quantity: l.quantity - qty } : l)),
  });
  // Units the store did not have are not its day's work: their capacity goes back.
  await giveBackStoreCapacity(ctx, shipment._id, qty, false);
  return sl;
}

/** One unit of the shipment's line at `index` packed. */
export async function markPacked(ctx: MutationCtx, shipment: Doc<"shipments">, index: number) {
  await ctx.db.patch("shipments", shipment._id, {
    lines: shipment.lines.map((l, i) => (i === index ? { ...l, packed: (l.packed ?? 0) + 1 } : l)),
  });
}

/** Demo data only (model/seed/returns): every unit of the shipment picked and packed at once. */
export async function markAllPackedForDemo(ctx: MutationCtx, shipment: Doc<"shipments">) {
  await ctx.db.patch("shipments", shipment._id, {
    lines: shipment.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
  });
  await setShipmentStatus(ctx, shipment, "packed");
}

/**
 * Click & collect (model/pickup): every unit of a store shipment ready for pickup goes back on the
 * shelf — picked and packed counts to 0 and the shipment open again — so the order's cancel
 * releases its reservations through removeUnpickedUnits. No stock moves: the units never left.
 */
export async function unpickForRestock(ctx: MutationCtx, shipment: Doc<"shipments">) {
  await ctx.db.patch("shipments", shipment._id, { lines: shipment.lines.map((l) => ({ ...l, picked: 0, packed: 0 })) });
  await setShipmentStatus(ctx, shipment, "open");
}
