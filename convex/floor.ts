/**
 * Floor API: pick lists (batch, wave, zone), claims, scan-verified picking and packing, box types,
 * presence. Floor staff pick and pack; supervisors build and release work; admins keep box types.
 */
import { v } from "convex/values";
import type { RegisteredMutation } from "convex/server";
import { pick } from "convex-helpers";
import {
  adminMutation,
  floorCommand,
  floorMutation,
  floorQuery,
  supervisorCommand,
  supervisorMutation,
  type Actor,
  type MemberMutationCtx,
} from "./functions";
import { packageMeasureErrors } from "./lib/floor";
import { boxTypeFields, vFloorProduct, vPickListStatus, vScanOutcome } from "./model/floor/tables";
import { buildBatch, releaseWave, tasksOfList } from "./model/floor/pickLists";
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
import { resolveProduct, setScanEveryUnit as setScanEveryUnitModel } from "./model/floor/codes";
import type { QueryCtx } from "./_generated/server";
import type { Doc, Id } from "./_generated/dataModel";
import { heartbeat, leave, presentAt } from "./model/floor/presence";
import { presencePlace } from "./lib/presence";
import { roleAtLeast } from "./lib/roles";
import { appError, throwIfFieldErrors } from "./lib/errors";
import schema from "./schema";
import {
  requirePackageAccess,
  requirePickListAccess,
  requireShipmentAccess,
  requireSiteAccess,
} from "./model/floor/scope";
import { rowBy, rowOrThrow } from "./model/rows";
import { packagesOf } from "./model/shipping/context";

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

/** What every floor work page shows beside its work: who is on it, the latest scans, the products' facts. */
const floorPageFields = {
  presence: v.array(schema.doc("presence")),
  recentScans: v.array(schema.doc("scanEvents")),
  products: v.array(vFloorProduct),
};

/** The `floorPageFields` of a piece of work: who is on it, its last ten scans, its products' facts. */
async function floorPageOf(
  ctx: QueryCtx,
  work: {
    place: string;
    scans: { order(order: "desc"): { take(n: number): Promise<Doc<"scanEvents">[]> } };
    productIds: Id<"products">[];
  },
) {
  return {
    presence: await presentAt(ctx, work.place),
    recentScans: await work.scans.order("desc").take(10),
    products: await productFacts(ctx, work.productIds),
  };
}

/** One list with its tasks in walk order and the people on it. */
export const pickList = floorQuery({
  args: { pickListId: v.id("pickLists") },
  returns: v.object({
    list: schema.doc("pickLists"),
    tasks: v.array(schema.doc("pickTasks")),
    ...floorPageFields,
  }),
  handler: async (ctx, { pickListId }) => {
    const list = await rowOrThrow(ctx, "pickLists", pickListId, "pick list");
    requireSiteAccess(ctx.member, list.warehouseId);
    const tasks = await tasksOfList(ctx, pickListId);
    const page = await floorPageOf(ctx, {
      place: presencePlace.pickList(pickListId),
      scans: ctx.db.query("scanEvents").withIndex("by_pickListId", (q) => q.eq("pickListId", pickListId)),
      productIds: tasks.map((t) => t.productId),
    });
    return { list, tasks, ...page };
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
    ...floorPageFields,
    weights: v.array(v.object({ packageId: v.id("packages"), contentsGrams: v.number() })),
  }),
  handler: async (ctx, { shipmentId }) => {
    const shipment = await rowOrThrow(ctx, "shipments", shipmentId, "shipment");
    requireSiteAccess(ctx.member, shipment.warehouseId);
    const packages = await packagesOf(ctx, shipmentId);
    const boxTypes = (await ctx.db.query("boxTypes").take(100)).filter((b) => b.active);
    const page = await floorPageOf(ctx, {
      place: presencePlace.shipment(shipmentId),
      scans: ctx.db.query("scanEvents").withIndex("by_shipmentId", (q) => q.eq("shipmentId", shipmentId)),
      productIds: shipment.lines.map((l) => l.productId),
    });
    const weights = await Promise.all(
      packages.map(async (p) => ({ packageId: p._id, contentsGrams: await contentsGrams(ctx, p.items) })),
    );
    return { shipment, packages, boxTypes, ...page, weights };
  },
});

/** What the floor pages show beside a SKU: name, every barcode's digits, catalog grams, "scan every unit". */
async function productFacts(ctx: QueryCtx, ids: Id<"products">[]) {
  const out = [];
  for (const id of [...new Set(ids)].slice(0, 200)) {
    const p = await ctx.db.get("products", id);
    if (p)
      out.push({
        ...pick(p, ["_id", "sku", "name", "barcodes", "weightGrams", "imageUrl"]),
        scanEveryUnit: p.scanEveryUnit ?? false,
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

type Run<A, R> = (ctx: MemberMutationCtx, actor: Actor, args: A) => Promise<R>;
/** A handler that first checks the site of the work the call names (model/floor/scope): a refusal writes nothing. */
function atSiteOf<K extends string, I>(
  key: K,
  check: (ctx: MemberMutationCtx, member: Doc<"members">, id: I) => Promise<void>,
) {
  return <A extends Record<K, I>, R>(run: Run<A, R>) =>
    async (ctx: MemberMutationCtx, args: A) => {
      await check(ctx, ctx.member, args[key]);
      return run(ctx, ctx.actor, args);
    };
}
const onPickList = atSiteOf("pickListId", requirePickListAccess);
const onShipment = atSiteOf("shipmentId", requireShipmentAccess);
const onPackage = atSiteOf("packageId", requirePackageAccess);
const asSupervisor = (ctx: MemberMutationCtx) => roleAtLeast(ctx.member.role, "supervisor");

/**
 * Claim and release of one kind of floor work (model/floor/claims), each checked against the
 * work's site first: the worker takes it; they, or a supervisor, let it go.
 */
function claimCommands<K extends string, T extends "pickLists" | "shipments">(o: {
  key: K;
  table: T;
  check: (ctx: MemberMutationCtx, member: Doc<"members">, id: Id<T>) => Promise<void>;
  claim: (ctx: MemberMutationCtx, actor: Actor, id: Id<T>) => Promise<unknown>;
  release: (ctx: MemberMutationCtx, actor: Actor, id: Id<T>, asSupervisor: boolean) => Promise<unknown>;
}) {
  const command = (run: (ctx: MemberMutationCtx, actor: Actor, id: Id<T>) => Promise<unknown>) =>
    floorCommand({ [o.key]: v.id(o.table) }, async (ctx, args) => {
      await o.check(ctx, ctx.member, args[o.key]);
      return run(ctx, ctx.actor, args[o.key]);
    }) as unknown as RegisteredMutation<"public", Record<K, Id<T>>, Promise<null>>;
  return {
    claim: command(o.claim),
    release: command((ctx, actor, id) => o.release(ctx, actor, id, asSupervisor(ctx))),
  };
}

export const { claim: claimList, release: releaseList } = claimCommands({
  key: "pickListId",
  table: "pickLists",
  check: requirePickListAccess,
  claim: claimPickList,
  release: releasePickList,
});

export const scan = floorMutation({
  args: { pickListId: v.id("pickLists"), taskId: v.id("pickTasks"), code: v.string(), scanId: v.string() },
  returns: vScanOutcome,
  handler: onPickList(scanPick),
});

/** After a verified scan of a line's product: the rest of the line counted on the keypad (or by scanning again). */
export const confirmCount = floorMutation({
  args: { pickListId: v.id("pickLists"), taskId: v.id("pickTasks"), quantity: v.number(), scanId: v.string() },
  returns: vScanOutcome,
  handler: onPickList(pickCount),
});

/** Serialized or high-value goods: every unit must be scanned, the count keypad is refused. Audited. */
export const setScanEveryUnit = supervisorCommand(
  { productId: v.id("products"), scanEveryUnit: v.boolean() },
  (ctx, args) => setScanEveryUnitModel(ctx, ctx.actor, args),
);

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
export const resetToEstimate = floorCommand(
  { packageId: v.id("packages") },
  onPackage((ctx, actor, { packageId }) => revertToEstimate(ctx, actor, packageId)),
);

/** A supervisor accepts a declared weight below the contents' catalog weight, with a reason (audited). */
export const overrideWeight = supervisorCommand(
  { packageId: v.id("packages"), reason: v.string() },
  (ctx, { packageId, reason }) => overrideDeclaredWeight(ctx, ctx.actor, packageId, reason),
);

export const reportShort = floorMutation({
  args: { pickListId: v.id("pickLists"), taskId: v.id("pickTasks"), quantity: v.number(), reason: v.string() },
  returns: v.object({ listDone: v.boolean() }),
  handler: onPickList(shortPick),
});

export const { claim: claimForPacking, release: releasePacking } = claimCommands({
  key: "shipmentId",
  table: "shipments",
  check: requireShipmentAccess,
  claim: claimShipment,
  release: releaseShipment,
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
  handler: onShipment(addPackage),
});

export const weighPackage = floorCommand(
  { packageId: v.id("packages"), weightGrams: v.number() },
  onPackage((ctx, actor, { packageId, weightGrams }) => setPackageWeight(ctx, actor, packageId, weightGrams)),
);

export const scanIntoPackage = floorMutation({
  args: { packageId: v.id("packages"), code: v.string(), scanId: v.string() },
  returns: v.object({ ...vScanOutcome.fields, remaining: v.optional(v.number()) }),
  handler: onPackage(scanPack),
});

export const finishPacking = floorCommand(
  { shipmentId: v.id("shipments") },
  onShipment((ctx, actor, { shipmentId }) => completePacking(ctx, actor, shipmentId)),
);

export const addBoxType = adminMutation({
  args: boxTypeFields,
  returns: v.id("boxTypes"),
  handler: async (ctx, a) => {
    const e = packageMeasureErrors({ sides: a, tareGrams: a.tareGrams });
    if (!/^[A-Z0-9-]{1,16}$/.test(a.code)) e.code = "1–16 capital letters, digits or dashes.";
    throwIfFieldErrors(e);
    if (await rowBy(ctx, "boxTypes", "by_code", a.code, "first"))
      throw appError("DUPLICATE", `Box ${a.code} exists.`, { code: "Already used." });
    return ctx.db.insert("boxTypes", { ...a, active: true });
  },
});

/** A floor page says who is on it; the rules page has its own (admin) heartbeat in `shippingRules`. */
export const presenceHeartbeat = floorCommand({ place: v.string() }, async (ctx, { place }) => {
  if (place === presencePlace.shippingRules)
    throw appError("FORBIDDEN", "Presence on the shipping-rules page is said by that page.");
  await heartbeat(ctx, ctx.actor, place);
});

export const presenceLeave = floorCommand({ place: v.string() }, (ctx, { place }) => leave(ctx, ctx.actor, place));
