/**
 * Floor API: pick lists (batch, wave, zone), claims, scan-verified picking and packing, box types,
 * presence. Floor staff pick and pack; supervisors build and release work; admins keep box types.
 */
import { v } from "convex/values";
import { adminMutation, floorMutation, floorQuery, supervisorMutation } from "./functions";
import { vFloorProduct, vPickListStatus, vScanOutcome } from "./model/floor/tables";
import { buildBatch, releaseWave } from "./model/floor/pickLists";
import { claimPickList, pickCount, releasePickList, scanPick, shortPick } from "./model/floor/picking";
import {
  addPackage,
  claimShipment,
  completePacking,
  releaseShipment,
  revertToEstimate,
  scanPack,
  setPackageWeight,
} from "./model/floor/packing";
import { packByCode as packByCodeModel } from "./model/floor/packFlow";
import { contentsGrams, overrideDeclaredWeight } from "./model/floor/weight";
import { resolveProduct } from "./model/floor/codes";
import { recordAudit } from "./model/audit/record";
import type { QueryCtx } from "./_generated/server";
import type { Id } from "./_generated/dataModel";
import { heartbeat, leave, presentAt } from "./model/floor/presence";
import { presencePlace } from "./lib/presence";
import { roleAtLeast } from "./model/members/tables";
import { appError, throwIfFieldErrors } from "./lib/errors";
import schema from "./schema";
import {
  requirePackageAccess,
  requirePickListAccess,
  requireShipmentAccess,
  requireSiteAccess,
} from "./model/floor/scope";

/** Lists of a warehouse by status, newest first, with live progress and who holds each. */
export const pickLists = floorQuery({
  args: { warehouseId: v.id("warehouses"), status: vPickListStatus },
  returns: v.array(schema.doc("pickLists")),
  handler: async (ctx, { warehouseId, status }) => {
    requireSiteAccess(ctx.member, warehouseId);
    return ctx.db
      .query("pickLists")
      .withIndex("by_warehouseId_and_status", (q) => q.eq("warehouseId", warehouseId).eq("status", status))
      .order("desc")
      .take(100);
  },
});

/** One list with its tasks in walk order and the people on it. */
export const pickList = floorQuery({
  args: { pickListId: v.id("pickLists") },
  returns: v.object({
    list: schema.doc("pickLists"),
    tasks: v.array(schema.doc("pickTasks")),
    presence: v.array(schema.doc("presence")),
    recentScans: v.array(schema.doc("scanEvents")),
    products: v.array(vFloorProduct),
  }),
  handler: async (ctx, { pickListId }) => {
    const list = await ctx.db.get("pickLists", pickListId);
    if (!list) throw appError("NOT_FOUND", "That pick list no longer exists.");
    requireSiteAccess(ctx.member, list.warehouseId);
    const tasks = await ctx.db
      .query("pickTasks")
      .withIndex("by_pickListId_and_seq", (q) => q.eq("pickListId", pickListId))
      .take(500);
    const presence = await presentAt(ctx, presencePlace.pickList(pickListId));
    const recentScans = await ctx.db
      .query("scanEvents")
      .withIndex("by_pickListId", (q) => q.eq("pickListId", pickListId))
      .order("desc")
      .take(10);
    return {
      list,
      tasks,
      presence,
      recentScans,
      products: await productFacts(
        ctx,
        tasks.map((t) => t.productId),
      ),
    };
  },
});

/** Picked shipments of a warehouse waiting for a packer (and those being packed). */
export const packQueue = floorQuery({
  args: { warehouseId: v.id("warehouses") },
  returns: v.array(schema.doc("shipments")),
  handler: async (ctx, { warehouseId }) => {
    requireSiteAccess(ctx.member, warehouseId);
    return ctx.db
      .query("shipments")
      .withIndex("by_warehouseId_and_status", (q) => q.eq("warehouseId", warehouseId).eq("status", "picked"))
      .take(100);
  },
});

export const packStation = floorQuery({
  args: { shipmentId: v.id("shipments") },
  returns: v.object({
    shipment: schema.doc("shipments"),
    packages: v.array(schema.doc("packages")),
    boxTypes: v.array(schema.doc("boxTypes")),
    recentScans: v.array(schema.doc("scanEvents")),
    presence: v.array(schema.doc("presence")),
    products: v.array(vFloorProduct),
    weights: v.array(v.object({ packageId: v.id("packages"), contentsGrams: v.number() })),
  }),
  handler: async (ctx, { shipmentId }) => {
    const shipment = await ctx.db.get("shipments", shipmentId);
    if (!shipment) throw appError("NOT_FOUND", "That shipment no longer exists.");
    requireSiteAccess(ctx.member, shipment.warehouseId);
    const packages = await ctx.db
      .query("packages")
      .withIndex("by_shipmentId", (q) => q.eq("shipmentId", shipmentId))
      .take(100);
    const boxTypes = (await ctx.db.query("boxTypes").take(100)).filter((b) => b.active);
    const recentScans = await ctx.db
      .query("scanEvents")
      .withIndex("by_shipmentId", (q) => q.eq("shipmentId", shipmentId))
      .order("desc")
      .take(10);
    const presence = await presentAt(ctx, presencePlace.shipment(shipmentId));
    const products = await productFacts(
      ctx,
      shipment.lines.map((l) => l.productId),
    );
    const weights = await Promise.all(
      packages.map(async (p) => ({ packageId: p._id, contentsGrams: await contentsGrams(ctx, p.items) })),
    );
    return { shipment, packages, boxTypes, recentScans, presence, products, weights };
  },
});

/** What the floor pages show beside a SKU: name, every barcode's digits, catalog grams, "scan every unit". */
async function productFacts(ctx: QueryCtx, ids: Id<"products">[]) {
  const out = [];
  for (const id of [...new Set(ids)].slice(0, 200)) {
    const p = await ctx.db.get("products", id);
    if (p)
      out.push({
        _id: p._id,
        sku: p.sku,
        name: p.name,
        barcodes: p.barcodes,
        weightGrams: p.weightGrams,
        scanEveryUnit: p.scanEveryUnit ?? false,
        imageUrl: p.imageUrl,
      });
  }
  return out;
}

/** The product a typed or scanned code names (SKU or barcode, any case), for pages that preview a scan. */
export const lookupCode = floorQuery({
  args: { code: v.string() },
  returns: v.union(v.null(), v.object({ _id: v.id("products"), sku: v.string(), name: v.string() })),
  handler: async (ctx, { code }) => {
    const p = await resolveProduct(ctx, code);
    return p ? { _id: p._id, sku: p.sku, name: p.name } : null;
  },
});

export const buildBatchList = supervisorMutation({
  args: {
    warehouseId: v.id("warehouses"),
    maxShipments: v.number(),
    requireBinScan: v.boolean(),
    shipmentId: v.optional(v.id("shipments")),
  },
  returns: v.object({ pickListId: v.id("pickLists"), number: v.string() }),
  handler: async (ctx, args) => buildBatch(ctx, ctx.actor, args),
});

export const releaseWaveLists = supervisorMutation({
  args: {
    warehouseId: v.id("warehouses"),
    label: v.string(),
    shipBefore: v.optional(v.number()),
    byZone: v.boolean(),
    batchSize: v.number(),
    requireBinScan: v.boolean(),
  },
  returns: v.object({ number: v.string(), lists: v.array(v.string()) }),
  handler: async (ctx, args) => {
    const r = await releaseWave(ctx, ctx.actor, args);
    return { number: r.number, lists: r.lists.map((l) => l.number) };
  },
});

export const claimList = floorMutation({
  args: { pickListId: v.id("pickLists") },
  returns: v.null(),
  handler: async (ctx, { pickListId }) => {
    await requirePickListAccess(ctx, ctx.member, pickListId);
    await claimPickList(ctx, ctx.actor, pickListId);
    return null;
  },
});

export const releaseList = floorMutation({
  args: { pickListId: v.id("pickLists") },
  returns: v.null(),
  handler: async (ctx, { pickListId }) => {
    await requirePickListAccess(ctx, ctx.member, pickListId);
    await releasePickList(ctx, ctx.actor, pickListId, roleAtLeast(ctx.member.role, "supervisor"));
    return null;
  },
});

export const scan = floorMutation({
  args: { pickListId: v.id("pickLists"), taskId: v.id("pickTasks"), code: v.string(), scanId: v.string() },
  returns: vScanOutcome,
  handler: async (ctx, args) => {
    await requirePickListAccess(ctx, ctx.member, args.pickListId);
    return scanPick(ctx, ctx.actor, args);
  },
});

/** After a verified scan of a line's product: the rest of the line counted on the keypad (or by scanning again). */
export const confirmCount = floorMutation({
  args: { pickListId: v.id("pickLists"), taskId: v.id("pickTasks"), quantity: v.number(), scanId: v.string() },
  returns: vScanOutcome,
  handler: async (ctx, args) => {
    await requirePickListAccess(ctx, ctx.member, args.pickListId);
    return pickCount(ctx, ctx.actor, args);
  },
});

/** Serialized or high-value goods: every unit must be scanned, the count keypad is refused. Audited. */
export const setScanEveryUnit = supervisorMutation({
  args: { productId: v.id("products"), scanEveryUnit: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { productId, scanEveryUnit }) => {
    const p = await ctx.db.get("products", productId);
    if (!p) throw appError("NOT_FOUND", "That product no longer exists.");
    await ctx.db.patch("products", productId, { scanEveryUnit });
    await recordAudit(ctx, ctx.actor, {
      entity: "product",
      entityId: productId,
      action: "scan_every_unit",
      summary: `${p.sku}: ${scanEveryUnit ? "scan every unit" : "scan once and count"}`,
    });
    return null;
  },
});

/** Scan-driven packing: a tote, order or shipment label claims that shipment for the caller. */
export const packByCode = floorMutation({
  args: { warehouseId: v.id("warehouses"), code: v.string() },
  returns: v.object({ shipmentId: v.id("shipments"), number: v.string() }),
  handler: async (ctx, args) => {
    requireSiteAccess(ctx.member, args.warehouseId);
    return packByCodeModel(ctx, ctx.actor, args);
  },
});

/** Drops a wrong scale reading: the package's weight follows tare + contents again. */
export const resetToEstimate = floorMutation({
  args: { packageId: v.id("packages") },
  returns: v.null(),
  handler: async (ctx, { packageId }) => {
    await requirePackageAccess(ctx, ctx.member, packageId);
    await revertToEstimate(ctx, ctx.actor, packageId);
    return null;
  },
});

/** A supervisor accepts a declared weight below the contents' catalog weight, with a reason (audited). */
export const overrideWeight = supervisorMutation({
  args: { packageId: v.id("packages"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { packageId, reason }) => {
    await overrideDeclaredWeight(ctx, ctx.actor, packageId, reason);
    return null;
  },
});

export const reportShort = floorMutation({
  args: { pickListId: v.id("pickLists"), taskId: v.id("pickTasks"), quantity: v.number(), reason: v.string() },
  returns: v.object({ listDone: v.boolean() }),
  handler: async (ctx, args) => {
    await requirePickListAccess(ctx, ctx.member, args.pickListId);
    return shortPick(ctx, ctx.actor, args);
  },
});

export const claimForPacking = floorMutation({
  args: { shipmentId: v.id("shipments") },
  returns: v.null(),
  handler: async (ctx, { shipmentId }) => {
    await requireShipmentAccess(ctx, ctx.member, shipmentId);
    await claimShipment(ctx, ctx.actor, shipmentId);
    return null;
  },
});

export const releasePacking = floorMutation({
  args: { shipmentId: v.id("shipments") },
  returns: v.null(),
  handler: async (ctx, { shipmentId }) => {
    await requireShipmentAccess(ctx, ctx.member, shipmentId);
    await releaseShipment(ctx, ctx.actor, shipmentId, roleAtLeast(ctx.member.role, "supervisor"));
    return null;
  },
});

export const openPackage = floorMutation({
  args: {
    shipmentId: v.id("shipments"),
    boxTypeId: v.optional(v.id("boxTypes")),
    lengthMm: v.optional(v.number()),
    widthMm: v.optional(v.number()),
    heightMm: v.optional(v.number()),
    weightGrams: v.optional(v.number()),
  },
  returns: v.id("packages"),
  handler: async (ctx, args) => {
    await requireShipmentAccess(ctx, ctx.member, args.shipmentId);
    return addPackage(ctx, ctx.actor, args);
  },
});

export const weighPackage = floorMutation({
  args: { packageId: v.id("packages"), weightGrams: v.number() },
  returns: v.null(),
  handler: async (ctx, { packageId, weightGrams }) => {
    await requirePackageAccess(ctx, ctx.member, packageId);
    await setPackageWeight(ctx, ctx.actor, packageId, weightGrams);
    return null;
  },
});

export const scanIntoPackage = floorMutation({
  args: { packageId: v.id("packages"), code: v.string(), scanId: v.string() },
  returns: v.object({ ...vScanOutcome.fields, remaining: v.optional(v.number()) }),
  handler: async (ctx, args) => {
    await requirePackageAccess(ctx, ctx.member, args.packageId);
    return scanPack(ctx, ctx.actor, args);
  },
});

export const finishPacking = floorMutation({
  args: { shipmentId: v.id("shipments") },
  returns: v.null(),
  handler: async (ctx, { shipmentId }) => {
    await requireShipmentAccess(ctx, ctx.member, shipmentId);
    await completePacking(ctx, ctx.actor, shipmentId);
    return null;
  },
});

export const addBoxType = adminMutation({
  args: {
    code: v.string(),
    name: v.string(),
    lengthMm: v.number(),
    widthMm: v.number(),
    heightMm: v.number(),
    tareGrams: v.number(),
  },
  returns: v.id("boxTypes"),
  handler: async (ctx, a) => {
    const e: Record<string, string> = {};
    if (!/^[A-Z0-9-]{1,16}$/.test(a.code)) e.code = "1–16 capital letters, digits or dashes.";
    for (const k of ["lengthMm", "widthMm", "heightMm"] as const)
      if (!Number.isInteger(a[k]) || a[k] <= 0) e[k] = "Whole millimetres above zero.";
    if (!Number.isInteger(a.tareGrams) || a.tareGrams < 0) e.tareGrams = "Whole grams, 0 or more.";
    throwIfFieldErrors(e);
    if (
      await ctx.db
        .query("boxTypes")
        .withIndex("by_code", (q) => q.eq("code", a.code))
        .first()
    )
      throw appError("DUPLICATE", `Box ${a.code} exists.`, { code: "Already used." });
    return ctx.db.insert("boxTypes", { ...a, active: true });
  },
});

/** A floor page says who is on it; the rules page has its own (admin) heartbeat in `shippingRules`. */
export const presenceHeartbeat = floorMutation({
  args: { place: v.string() },
  returns: v.null(),
  handler: async (ctx, { place }) => {
    if (place === presencePlace.shippingRules)
      throw appError("FORBIDDEN", "Presence on the shipping-rules page is said by that page.");
    await heartbeat(ctx, ctx.actor, place);
    return null;
  },
});

export const presenceLeave = floorMutation({
  args: { place: v.string() },
  returns: v.null(),
  handler: async (ctx, { place }) => {
    await leave(ctx, ctx.actor, place);
    return null;
  },
});
