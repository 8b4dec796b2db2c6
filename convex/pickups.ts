/**
 * Click & collect and ship-from-store API (issue 20, part 1). Store staff (floor, bound to their
 * store by members.storeId) list, pick, ready and hand over pickup orders; supervisors resolve
 * short stores and expire uncollected orders; admins set each store's ship-from-store switch,
 * capacity and hours, the reminder/hold days, and which store a member works at. The reminder
 * and the expiry are internal, scheduled at "ready".
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v, type Infer } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import {
  adminCommand,
  floorMutation,
  floorQuery,
  internalMutation,
  supervisorCommand,
  supervisorMutation,
  supervisorQuery,
  settingsEndpoints,
} from "./functions";
import { requireReason } from "./lib/bounds";
import { SYSTEM } from "./model/audit/record";
import { assignStore, setStoreOptions } from "./model/pickup/stores";
import {
  findByCode,
  getPickupOrThrow,
  handOver,
  markReady,
  requireStoreAccess,
  scanPickupItem,
  storeFacts,
  storeShipment,
} from "./model/pickup/lifecycle";
import { expirePickup, remindPickup } from "./model/pickup/expire";
import { cancelPickupOrder, switchToDelivery, transferForPickup } from "./model/pickup/resolve";
import { readPickupSettings, savePickupSettings } from "./model/pickup/settings";
import { vPickupSettings, vPickupStatus, vStoreOptions } from "./model/pickup/tables";
import { capacityLeft, usedToday } from "./model/pickup/allocation";
import { mapPage } from "./lib/pages";
import { rowOrThrow } from "./model/rows";
import { orderLinesOf } from "./model/orders/lines";
import { warehousesByPriority } from "./model/warehouses/sources";

const vStoreRow = v.object({
  _id: v.id("warehouses"),
  code: v.string(),
  name: v.string(),
  active: v.boolean(),
  ...vStoreOptions,
  usedToday: v.object({ units: v.number(), orders: v.number() }),
});

/** The stores the caller may work at: their own when bound to one, else every store. */
export const stores = floorQuery({
  args: {},
  returns: v.array(vStoreRow),
  handler: async (ctx) => {
    const sources = [...(await warehousesByPriority(ctx, true)), ...(await warehousesByPriority(ctx, false))];
    const all = sources.filter((w) => w.kind === "store");
    const mine =
      ctx.member.role === "floor" && ctx.member.storeId ? all.filter((w) => w._id === ctx.member.storeId) : all;
    const out = [];
    for (const w of mine) {
      const used = await usedToday(ctx, { warehouseId: w._id, timezone: w.timezone }, Date.now());
      out.push({
        _id: w._id,
        code: w.code,
        name: w.name,
        active: w.active,
        shipFromStore: w.shipFromStore ?? false,
        dailyCapacity: w.dailyCapacity ?? null,
        pickupHours: w.pickupHours ?? null,
        usedToday: { units: used?.units ?? 0, orders: used?.orders ?? 0 },
      });
    }
    return out;
  },
});

const vPickupRow = v.object({
  _id: v.id("pickups"),
  orderId: v.id("orders"),
  orderNumber: v.string(),
  customerName: v.string(),
  status: vPickupStatus,
  orderStatus: v.string(),
  readyAt: v.union(v.null(), v.number()),
  expiresAt: v.union(v.null(), v.number()),
  remindedAt: v.union(v.null(), v.number()),
  createdAt: v.number(),
});

/** A pickup as the store's pages list it (a deleted order reads as cancelled). */
function pickupRow(p: Doc<"pickups">, order: Doc<"orders"> | null): Infer<typeof vPickupRow> {
  return {
    _id: p._id,
    orderId: p.orderId,
    orderNumber: p.orderNumber,
    customerName: p.customerName,
    status: p.status,
    orderStatus: order?.status ?? "cancelled",
    readyAt: p.readyAt ?? null,
    expiresAt: p.expiresAt ?? null,
    remindedAt: p.remindedAt ?? null,
    createdAt: p.createdAt,
  };
}

/** A store's pickups in one status, oldest first. */
export const list = floorQuery({
  args: { storeId: v.id("warehouses"), status: vPickupStatus, paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vPickupRow),
  handler: async (ctx, { storeId, status, paginationOpts }) => {
    requireStoreAccess(ctx.member, storeId);
    const page = await ctx.db
      .query("pickups")
      .withIndex("by_storeId_and_status", (q) => q.eq("storeId", storeId).eq("status", status))
      .paginate(paginationOpts);
    return mapPage(page, async (p) => pickupRow(p, await ctx.db.get("orders", p.orderId)));
  },
});

/** One pickup for the store's phone page: its items with what is picked, and the store. */
export const get = floorQuery({
  args: { pickupId: v.id("pickups") },
  returns: v.object({
    pickup: vPickupRow,
    storeCode: v.string(),
    items: v.array(
      v.object({
        sku: v.string(),
        name: v.string(),
        quantity: v.number(),
        picked: v.number(),
        barcode: v.union(v.null(), v.string()),
      }),
    ),
    holdOpen: v.boolean(),
  }),
  handler: async (ctx, { pickupId }) => {
    const p = await getPickupOrThrow(ctx, pickupId);
    requireStoreAccess(ctx.member, p.storeId);
    const [order, store, shipment] = await Promise.all([
      ctx.db.get("orders", p.orderId),
      ctx.db.get("warehouses", p.storeId),
      storeShipment(ctx, p),
    ]);
    const lines = await orderLinesOf(ctx, p.orderId);
    const items = [];
    for (const l of lines) {
      if (l.quantity - l.cancelled <= 0) continue;
      const product = await ctx.db.get("products", l.productId);
      const sl = shipment?.lines.filter((x) => x.orderLineId === l._id) ?? [];
      items.push({
        sku: l.sku,
        name: l.name,
        quantity: l.quantity - l.cancelled,
        picked: sl.reduce((n, x) => n + x.picked, 0),
        barcode: product?.barcodes[0] ?? null,
      });
    }
    return {
      pickup: pickupRow(p, order),
      storeCode: store?.code ?? "",
      items,
      holdOpen: order?.status === "on_hold",
    };
  },
});

export const scanItem = floorMutation({
  args: { pickupId: v.id("pickups"), code: v.string(), scanId: v.string() },
  returns: v.object({
    result: v.union(v.literal("ok"), v.literal("refused"), v.literal("duplicate")),
    message: v.string(),
    remaining: v.number(),
  }),
  handler: async (ctx, a) => scanPickupItem(ctx, ctx.actor, ctx.member, a),
});

export const ready = floorMutation({
  args: { pickupId: v.id("pickups") },
  returns: v.object({ code: v.string() }),
  handler: async (ctx, { pickupId }) => markReady(ctx, ctx.actor, ctx.member, pickupId),
});

/** What a scanned or typed code shows at the counter (name to check, items), or why it is refused. */
export const lookupCode = floorQuery({
  args: { storeId: v.id("warehouses"), code: v.string() },
  returns: v.union(
    v.object({ ok: v.literal(false), message: v.string() }),
    v.object({
      ok: v.literal(true),
      pickupId: v.id("pickups"),
      orderNumber: v.string(),
      customerName: v.string(),
      items: v.array(v.object({ sku: v.string(), name: v.string(), quantity: v.number() })),
    }),
  ),
  handler: async (ctx, { storeId, code }) => findByCode(ctx, ctx.member, storeId, code),
});

export const handover = floorMutation({
  args: { pickupId: v.id("pickups"), code: v.string(), nameChecked: v.boolean() },
  returns: v.object({ orderNumber: v.string() }),
  handler: async (ctx, a) => handOver(ctx, ctx.actor, ctx.member, a),
});

/** A supervisor's "expire now": the uncollected order goes back to stock and is cancelled (refunded when paid). */
export const expireNow = supervisorCommand({ pickupId: v.id("pickups") }, (ctx, { pickupId }) =>
  expirePickup(ctx, ctx.actor, pickupId, { force: true }),
);

export const transferForShortPickup = supervisorMutation({
  args: { holdId: v.id("orderHolds"), fromWarehouseId: v.id("warehouses") },
  returns: v.array(v.object({ sku: v.string(), quantity: v.number() })),
  handler: async (ctx, { holdId, fromWarehouseId }) =>
    (await transferForPickup(ctx, ctx.actor, holdId, fromWarehouseId)).moved.map((m) => ({
      sku: m.sku,
      quantity: m.quantity,
    })),
});

export const switchShortPickupToDelivery = supervisorCommand({ holdId: v.id("orderHolds") }, (ctx, { holdId }) =>
  switchToDelivery(ctx, ctx.actor, holdId),
);

export const cancelShortPickup = supervisorCommand(
  { holdId: v.id("orderHolds"), reason: v.string() },
  async (ctx, { holdId, reason }) => {
    requireReason(reason, "Say why.");
    await cancelPickupOrder(ctx, ctx.actor, holdId, reason.trim());
  },
);

/** Reminder and hold days of pickups: supervisors read, admins save. */
export const { get: settings, save: saveSettings } = settingsEndpoints({
  readers: "supervisor",
  settings: vPickupSettings,
  read: readPickupSettings,
  save: savePickupSettings,
});

/** A store's ship-from-store switch, daily capacity and opening hours (audited; allocation reads them at once). */
export const setStore = adminCommand(
  { storeId: v.id("warehouses"), ...vStoreOptions },
  (ctx, { storeId, ...options }) => setStoreOptions(ctx, ctx.actor, storeId, options),
);

/** Binds a member to the store they work at (null: not bound). */
export const assignMemberStore = adminCommand(
  { memberId: v.id("members"), storeId: v.union(v.null(), v.id("warehouses")) },
  (ctx, { memberId, storeId }) => assignStore(ctx, ctx.actor, memberId, storeId),
);

/** Capacity left today at a store (the Stores page). */
export const capacity = supervisorQuery({
  args: { storeId: v.id("warehouses") },
  returns: v.object({ units: v.union(v.null(), v.number()), orderFits: v.boolean() }),
  handler: async (ctx, { storeId }) => {
    const w = await rowOrThrow(ctx, "warehouses", storeId, "store");
    const left = await capacityLeft(
      ctx,
      { warehouseId: w._id, dailyCapacity: w.dailyCapacity, timezone: w.timezone },
      Date.now(),
    );
    return { units: Number.isFinite(left.units) ? left.units : null, orderFits: left.orderFits };
  },
});

/** Store facts the portal and messages use (name, address, hours). */
export const storeInfo = floorQuery({
  args: { storeId: v.id("warehouses") },
  returns: v.object({ storeName: v.string(), storeAddress: v.string(), storeHours: v.string() }),
  handler: async (ctx, { storeId }) => {
    requireStoreAccess(ctx.member, storeId);
    return storeFacts(ctx, storeId);
  },
});

export const remind = internalMutation({
  args: { pickupId: v.id("pickups") },
  handler: async (ctx, { pickupId }) => remindPickup(ctx, pickupId),
});
export const expire = internalMutation({
  args: { pickupId: v.id("pickups") },
  handler: async (ctx, { pickupId }) => expirePickup(ctx, SYSTEM, pickupId),
});
