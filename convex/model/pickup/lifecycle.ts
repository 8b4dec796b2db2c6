/**
 * A click & collect order at its store: staff scan its items off the shelf on a phone, mark it
 * ready (the customer gets a code), and hand it over by scanning or typing the code the customer
 * shows, checking the name. The handover ships the shipment through fulfillment/ship.shipShipment,
 * the one place stock leaves (ledger: release + ship movement, FIFO cost). Shipment lines change
 * only through allocation/shipmentLines; order statuses through transitionOrder.
 */
import { streetLines } from "../../lib/address";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { internal } from "../../_generated/api";
import { appError } from "../../lib/errors";
import { makePickupCode, normalizePickupCode } from "../../lib/pickupCode";
import { normalizeScan } from "../../lib/barcode";
import { markPicked, setShipmentStatus } from "../allocation/shipmentLines";
import { transitionOrder, appendOrderEvent, getOrderOrThrow } from "../orders/transition";
import { shipShipment } from "../fulfillment/ship";
import { resolveProduct, productLabel } from "../floor/codes";
import { enqueueNotification } from "../notifications/enqueue";
import { readPickupSettings } from "./settings";
import { recordScanEvent, scanById } from "../floor/scans";
import { rowBy, rowOrThrow } from "../rows";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";
import { isOpenShipment, STORE_PICKABLE_ORDER_STATUSES } from "../../lib/statusSets";
import { DAY } from "../../lib/clock";

type Member = Pick<Doc<"members">, "role" | "storeId" | "name">;

/** A member bound to a store acts at that store only (supervisors and admins, and unbound floor staff, anywhere). */
export function requireStoreAccess(member: Member, storeId: Id<"warehouses">) {
  if (member.role === "floor" && member.storeId && member.storeId !== storeId) {
    throw appError("FORBIDDEN", "You work at another store; pickups here are for its own staff.");
  }
}

export async function getPickupOrThrow(ctx: { db: QueryCtx["db"] }, pickupId: Id<"pickups">) {
  return rowOrThrow(ctx, "pickups", pickupId, "pickup");
}

/** The order's live shipment from its store (there is at most one: pickup plans never split). */
export async function storeShipment(ctx: { db: QueryCtx["db"] }, p: Doc<"pickups">) {
  const shipments = await shipmentsOfOrder(ctx, p.orderId);
  return shipments.find((s) => s.warehouseId === p.storeId && s.source === "stock" && isOpenShipment(s.status)) ?? null;
}

export type PickupScan = { result: "ok" | "refused" | "duplicate"; message: string; remaining: number };

/**
 * One scanned (or typed) item code off the shelf. Refuses (returns, recorded on nothing) a code
 * that names no product, a product not on the order, or one already fully picked. A scan id seen
 * before answers as before (a retried request counts once).
 */
export async function scanPickupItem(
  ctx: MutationCtx,
  actor: Actor,
  member: Member,
  a: { pickupId: Id<"pickups">; code: string; scanId: string },
): Promise<PickupScan> {
  const p = await getPickupOrThrow(ctx, a.pickupId);
  requireStoreAccess(member, p.storeId);
  const prev = await scanById(ctx, a.scanId);
  if (prev) return { result: "duplicate", message: prev.message, remaining: 0 };
  if (p.status !== "preparing")
    throw appError("INVALID_TRANSITION", `Order ${p.orderNumber} is ${p.status}; nothing is left to pick.`);
  const order = await getOrderOrThrow(ctx, p.orderId);
  const shipment = await storeShipment(ctx, p);
  if (!shipment || !STORE_PICKABLE_ORDER_STATUSES.includes(order.status)) {
    throw appError(
      "INVALID_TRANSITION",
      `Order ${order.number} is ${order.status.replace(/_/g, " ")}: it has no stock reserved at this store to pick.`,
    );
  }
  const code = normalizeScan(a.code);
  const record = async (result: "ok" | "unknown_code" | "wrong_product" | "over_quantity", message: string) => {
    await recordScanEvent(ctx, actor, {
      stage: "pickup",
      shipmentId: shipment._id,
      code,
      scanId: a.scanId,
      result,
      message,
    });
  };
  const left = (s: Doc<"shipments">) => s.lines.reduce((n, l) => n + l.quantity - l.picked, 0);
  const product = await resolveProduct(ctx, code);
  if (!product) {
    const message = `Scanned ${code || "(empty)"}: no product has this code.`;
    await record("unknown_code", message);
    return { result: "refused", message, remaining: left(shipment) };
  }
  const sl = shipment.lines.find((l) => l.productId === product._id && l.levelId && l.picked < l.quantity);
  if (!sl) {
    const onOrder = shipment.lines.some((l) => l.productId === product._id);
    const message = onOrder
      ? `Every ${productLabel(product)} of this order is already picked.`
      : `Wrong item: ${productLabel(product)} is not on order ${order.number}.`;
    await record(onOrder ? "over_quantity" : "wrong_product", message);
    return { result: "refused", message, remaining: left(shipment) };
  }
  await markPicked(ctx, shipment, sl.orderLineId, 1);
  const line = (await ctx.db.get("orderLines", sl.orderLineId))!;
  await ctx.db.patch("orderLines", line._id, { picked: line.picked + 1 });
  if (shipment.status === "open") await setShipmentStatus(ctx, shipment, "picking");
  if (order.status === "allocated")
    await transitionOrder(ctx, actor, order._id, {
      to: "picking",
      reason: `Picking for pickup at the store`,
      current: order,
    });
  const remaining = left(shipment) - 1;
  const message = `${productLabel(product)} picked${remaining > 0 ? `; ${remaining} to go` : "; every item is picked"}.`;
  await record("ok", message);
  return { result: "ok", message, remaining };
}

async function freshCode(ctx: MutationCtx) {
  for (let i = 0; i < 5; i++) {
    const code = makePickupCode((n) => crypto.getRandomValues(new Uint8Array(n)));
    if (!(await rowBy(ctx, "pickups", "by_code", code, "first"))) return code;
  }
  throw appError("CONFLICT", "Could not make a unique pickup code; try again.");
}

/** Store facts a pickup message or the portal shows. */
export async function storeFacts(ctx: { db: QueryCtx["db"] }, storeId: Id<"warehouses">) {
  const s = await ctx.db.get("warehouses", storeId);
  if (!s) return { storeName: "the store", storeAddress: "", storeHours: "" };
  const a = s.address;
  return {
    storeName: s.name,
    storeAddress: streetLines(a).join(", "),
    storeHours: s.pickupHours ?? "opening hours",
  };
}

const day = (ms: number) =>
  new Date(ms).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/**
 * Every item is on the counter: the shipment is packed, the order packed, a code made, the
 * customer told (ready-for-pickup message with the code), the reminder and the expiry scheduled.
 */
export async function markReady(ctx: MutationCtx, actor: Actor, member: Member, pickupId: Id<"pickups">) {
  const p = await getPickupOrThrow(ctx, pickupId);
  requireStoreAccess(member, p.storeId);
  if (p.status !== "preparing") throw appError("INVALID_TRANSITION", `Order ${p.orderNumber} is already ${p.status}.`);
  const shipment = await storeShipment(ctx, p);
  if (!shipment || shipment.status === "open")
    throw appError("INVALID_TRANSITION", `Pick the items of ${p.orderNumber} first.`);
  const missing = shipment.lines.filter((l) => l.picked < l.quantity);
  if (missing.length > 0)
    throw appError(
      "CONFLICT",
      `Not every item is picked: ${missing.map((l) => `${l.quantity - l.picked} × ${l.sku}`).join(", ")} left.`,
    );
  await setShipmentStatus(ctx, shipment, "packed");
  const order = await getOrderOrThrow(ctx, p.orderId);
  if (order.status === "picking")
    await transitionOrder(ctx, actor, order._id, {
      to: "packed",
      reason: "Ready for pickup at the store",
      current: order,
    });
  const settings = await readPickupSettings(ctx);
  const now = Date.now();
  const code = await freshCode(ctx);
  const expiresAt = now + settings.holdDays * DAY;
  await ctx.db.patch("pickups", p._id, { status: "ready", code, readyAt: now, readyBy: actor.name, expiresAt });
  await appendOrderEvent(ctx, actor, order._id, {
    kind: "note",
    reason: `Ready for pickup; collect by ${day(expiresAt)}`,
  });
  await enqueueNotification(ctx, order, {
    event: "ready_for_pickup",
    about: p._id,
    data: { pickupCode: code, collectBy: day(expiresAt), ...(await storeFacts(ctx, p.storeId)) },
  });
  if (settings.reminderDays < settings.holdDays)
    await ctx.scheduler.runAt(now + settings.reminderDays * DAY, internal.pickups.remind, { pickupId: p._id });
  await ctx.scheduler.runAt(expiresAt, internal.pickups.expire, { pickupId: p._id });
  return { code };
}

/** The pickup a (normalized) pickup code names, or null; codes are unique among pickups. */
async function pickupByCode(ctx: { db: QueryCtx["db"] }, code: string | null) {
  if (!code) return null;
  return rowBy(ctx, "pickups", "by_code", code, "first");
}

/** What the counter sees after scanning a code: whose order, what is in it, at which store. */
export async function findByCode(ctx: { db: QueryCtx["db"] }, member: Member, storeId: Id<"warehouses">, raw: string) {
  requireStoreAccess(member, storeId);
  const code = normalizePickupCode(raw);
  const p = await pickupByCode(ctx, code);
  if (!p || p.storeId !== storeId)
    return { ok: false as const, message: `${normalizeScan(raw) || "(empty)"} is no pickup code of this store.` };
  if (p.status === "collected")
    return {
      ok: false as const,
      message: `Code ${p.code} was already used: ${p.orderNumber} was collected ${new Date(p.collectedAt!).toISOString().slice(0, 16).replace("T", " ")} UTC (handed over by ${p.collectedBy}).`,
    };
  if (p.status !== "ready")
    return { ok: false as const, message: `Order ${p.orderNumber} is ${p.status}; it cannot be handed over.` };
  const lines = await orderLinesOf(ctx, p.orderId);
  return {
    ok: true as const,
    pickupId: p._id,
    orderNumber: p.orderNumber,
    customerName: p.customerName,
    items: lines
      .filter((l) => l.quantity > l.cancelled)
      .map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity - l.cancelled })),
  };
}

/**
 * Hands a ready order over: the code must be this pickup's (a code of another order, a used code
 * or a made-up one is refused, nothing written) and the staff member must confirm the name. The
 * shipment ships through shipShipment (stock leaves in the ledger) and the order is shipped.
 */
export async function handOver(
  ctx: MutationCtx,
  actor: Actor,
  member: Member,
  a: { pickupId: Id<"pickups">; code: string; nameChecked: boolean },
) {
  const p = await getPickupOrThrow(ctx, a.pickupId);
  requireStoreAccess(member, p.storeId);
  const code = normalizePickupCode(a.code);
  if (p.status === "collected")
    throw appError("CONFLICT", `Order ${p.orderNumber} was already collected (code ${p.code} is used).`);
  if (p.status !== "ready")
    throw appError(
      "INVALID_TRANSITION",
      `Order ${p.orderNumber} is ${p.status}; only orders ready for pickup can be handed over.`,
    );
  if (!code || code !== p.code) {
    const other = await pickupByCode(ctx, code);
    throw appError(
      "INVALID_INPUT",
      other
        ? `That code is for order ${other.orderNumber}, not ${p.orderNumber}.`
        : `${normalizeScan(a.code) || "(empty)"} is not the pickup code of ${p.orderNumber}.`,
      { code: "Scan or type the code on the customer's phone." },
    );
  }
  if (!a.nameChecked)
    throw appError("INVALID_INPUT", `Check the customer's name (${p.customerName}) before handing over.`, {
      nameChecked: "Confirm the name.",
    });
  const shipment = await storeShipment(ctx, p);
  if (!shipment || shipment.status !== "packed")
    throw appError("CONFLICT", `The shipment of ${p.orderNumber} is not ready at the counter.`);
  const now = Date.now();
  await ctx.db.patch("pickups", p._id, {
    status: "collected",
    collectedAt: now,
    collectedBy: actor.name,
    closedAt: now,
  });
  await shipShipment(ctx, actor, shipment._id, `${p.orderNumber} pickup ${p.code}`);
  await appendOrderEvent(ctx, actor, p.orderId, {
    kind: "note",
    reason: `Collected by ${p.customerName} at the store (code ${p.code} checked, name checked by ${actor.name})`,
  });
  return { orderNumber: p.orderNumber };
}
