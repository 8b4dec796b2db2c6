/**
 * Packing: a packer claims a picked shipment, opens packages (a box type or entered dimensions),
 * and scans every unit into one. Packing completes only when every picked unit is in a package
 * with a weight; then the shipment is packed (ready to ship) and, when it is the order's last,
 * the order too.
 */
import { markPacked, setShipmentStatus } from "../allocation/shipmentLines";
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { normalizeScan } from "../../lib/barcode";
import { transitionOrder } from "../orders/transition";
import { previousScan, type ScanOutcome } from "./picking";
import type { ScanResult } from "./tables";
import { namesProduct, productLabel, resolveProduct } from "./codes";
import { estimatedWeight } from "./weight";
import { recordScanEvent } from "./scans";
import { claimBy, heldByActor, NO_CLAIM, releasable } from "./claims";
import { PACKED_OR_DONE_SHIPMENT_STATUSES } from "../../lib/statusSets";
import { orderLinesOf, shipmentsOfOrder } from "../orders/lines";
import { rowOrThrow } from "../rows";
import { labelsOfPackage, packagesOf, shipmentOrThrow } from "../shipping/context";
import { MAX_PACKAGES } from "../../lib/bounds";
import { gramsProblem, packageMeasureErrors } from "../../lib/floor";
import { countOf } from "../../lib/count";

export async function claimShipment(ctx: MutationCtx, actor: Actor, shipmentId: Id<"shipments">) {
  const s = await shipmentOrThrow(ctx, shipmentId);
  if (s.status !== "picked")
    throw appError("CONFLICT", `Shipment ${s.number} is ${s.status}; only picked shipments can be packed.`);
  if (!heldByActor(s, actor, "packing")) await ctx.db.patch("shipments", shipmentId, claimBy(actor));
}

export async function releaseShipment(
  ctx: MutationCtx,
  actor: Actor,
  shipmentId: Id<"shipments">,
  asSupervisor: boolean,
) {
  const s = await shipmentOrThrow(ctx, shipmentId);
  if (releasable(s, actor, asSupervisor)) await ctx.db.patch("shipments", shipmentId, NO_CLAIM);
}

async function requireClaim(ctx: MutationCtx, actor: Actor, shipmentId: Id<"shipments">) {
  const s = await shipmentOrThrow(ctx, shipmentId);
  if (s.claimedBy !== actor.id)
    throw appError(
      "CONFLICT",
      s.claimedBy ? `${s.claimedByName} is packing ${s.number}.` : `Claim ${s.number} before packing.`,
    );
  if (s.status !== "picked") throw appError("CONFLICT", `Shipment ${s.number} is ${s.status}.`);
  return s;
}

/**
 * A package can be weighed while its packer holds the shipment, and after packing until it has a
 * label (a refused under-declared label is fixed by weighing again).
 */
async function requireWeighable(
  ctx: MutationCtx,
  actor: Actor,
  packageId: Id<"packages">,
  shipmentId: Id<"shipments">,
) {
  const s = await shipmentOrThrow(ctx, shipmentId);
  if (s.status !== "packed") return requireClaim(ctx, actor, shipmentId);
  const labels = await labelsOfPackage(ctx, packageId);
  if (labels.some((l) => l.status !== "failed" && l.status !== "voided"))
    throw appError("CONFLICT", `This package of ${s.number} already has a label; void it before weighing again.`);
  return s;
}

export async function addPackage(
  ctx: MutationCtx,
  actor: Actor,
  a: {
    shipmentId: Id<"shipments">;
    boxTypeId?: Id<"boxTypes">;
    lengthMm?: number;
    widthMm?: number;
    heightMm?: number;
    weightGrams?: number;
  },
) {
  await requireClaim(ctx, actor, a.shipmentId);
  let dims = { lengthMm: a.lengthMm ?? 0, widthMm: a.widthMm ?? 0, heightMm: a.heightMm ?? 0 };
  let tare = 0;
  if (a.boxTypeId) {
    const box = await ctx.db.get("boxTypes", a.boxTypeId);
    if (!box || !box.active)
      throw appError("NOT_FOUND", "That box type is not available.", { boxTypeId: "Choose a box." });
    dims = { lengthMm: box.lengthMm, widthMm: box.widthMm, heightMm: box.heightMm };
    tare = box.tareGrams;
  }
  throwIfFieldErrors(packageMeasureErrors({ sides: dims, weightGrams: a.weightGrams }));
  const existing = await packagesOf(ctx, a.shipmentId);
  if (existing.length >= MAX_PACKAGES)
    throw appError("CONFLICT", `A shipment has at most ${MAX_PACKAGES} packages; pack into the ones it has.`);
  return ctx.db.insert("packages", {
    shipmentId: a.shipmentId,
    index: existing.length + 1,
    boxTypeId: a.boxTypeId,
    ...dims,
    items: [],
    tareGrams: tare,
    weightGrams: a.weightGrams ?? tare,
    weightSource: a.weightGrams === undefined ? "estimate" : "scale",
  });
}

export async function setPackageWeight(ctx: MutationCtx, actor: Actor, packageId: Id<"packages">, weightGrams: number) {
  const pkg = await rowOrThrow(ctx, "packages", packageId, "package");
  await requireWeighable(ctx, actor, pkg._id, pkg.shipmentId);
  const problem = gramsProblem(weightGrams);
  if (problem) throwIfFieldErrors({ weightGrams: problem });
  // A reading replaces the estimate; a supervisor's override covered only the weight it named.
  await ctx.db.patch("packages", packageId, {
    weightGrams,
    weightSource: "scale",
    ...(pkg.weightOverride && pkg.weightOverride.grams !== weightGrams ? { weightOverride: undefined } : {}),
  });
}

/** Goes back to the estimate (tare + contents) after a wrong reading. */
export async function revertToEstimate(ctx: MutationCtx, actor: Actor, packageId: Id<"packages">) {
  const pkg = await rowOrThrow(ctx, "packages", packageId, "package");
  await requireWeighable(ctx, actor, pkg._id, pkg.shipmentId);
  await ctx.db.patch("packages", packageId, {
    weightGrams: await estimatedWeight(ctx, { ...pkg, tareGrams: pkg.tareGrams ?? 0 }),
    weightSource: "estimate",
    weightOverride: undefined,
  });
}

/** Scans one unit into a package: it must be on the shipment and not yet all packed. */
export async function scanPack(
  ctx: MutationCtx,
  actor: Actor,
  a: { packageId: Id<"packages">; code: string; scanId: string },
): Promise<ScanOutcome & { remaining?: number }> {
  const prev = await previousScan(ctx, a.scanId);
  if (prev) return prev;
  const pkg = await rowOrThrow(ctx, "packages", a.packageId, "package");
  const s = await requireClaim(ctx, actor, pkg.shipmentId);
  const code = normalizeScan(a.code);
  const record = async (result: ScanResult, message: string) => {
    await recordScanEvent(ctx, actor, {
      stage: "pack",
      shipmentId: s._id,
      packageId: pkg._id,
      code,
      scanId: a.scanId,
      result,
      message,
    });
    return { result, message };
  };
  // The shipment's own products match in full, any case; other codes go through the catalog.
  let product = null;
  for (const id of new Set(s.lines.map((l) => l.productId))) {
    const p = await ctx.db.get("products", id);
    if (p && code && namesProduct(p, code)) product = p;
  }
  product ??= await resolveProduct(ctx, code);
  const waiting = s.lines.filter((l) => l.levelId && (l.packed ?? 0) < l.picked).map((l) => l.sku);
  const wanted = `${s.number} ${waiting.length ? `still needs ${[...new Set(waiting)].join(", ")}` : "is fully packed"}`;
  if (!product) return record("unknown_code", `Scanned ${code || "(empty)"}: not a SKU or barcode we know; ${wanted}.`);
  const at = s.lines.findIndex((l) => l.productId === product._id && l.levelId && (l.packed ?? 0) < l.picked);
  if (at < 0) {
    const onShipment = s.lines.some((l) => l.productId === product._id);
    return onShipment
      ? record("over_quantity", `Scanned ${productLabel(product)}: every one is already packed; ${wanted}.`)
      : record("wrong_product", `Scanned ${productLabel(product)}: not on ${s.number}; ${wanted}.`);
  }
  const line = s.lines[at];
  await markPacked(ctx, s, at);
  const items = pkg.items.some((i) => i.productId === line.productId)
    ? pkg.items.map((i) => (i.productId === line.productId ? { ...i, quantity: i.quantity + 1 } : i))
    : [...pkg.items, { productId: line.productId, sku: line.sku, quantity: 1 }];
  // Until weighed, the declared weight follows the contents: tare + catalog grams.
  const estimate =
    pkg.weightSource === "estimate"
      ? { weightGrams: await estimatedWeight(ctx, { items, tareGrams: pkg.tareGrams }) }
      : {};
  await ctx.db.patch("packages", pkg._id, { items, ...estimate });
  const remaining = s.lines.reduce(
    (n, l, i) => n + (l.levelId ? l.picked - (l.packed ?? 0) - (i === at ? 1 : 0) : 0),
    0,
  );
  const done = await record(
    "ok",
    remaining === 0
      ? `${line.sku} packed. Every unit is in a package.`
      : `${line.sku} packed into package ${pkg.index}; ${remaining} to go.`,
  );
  return { ...done, remaining };
}

/** Completes packing; refuses while any picked unit is outside a package or a package is empty. */
export async function completePacking(ctx: MutationCtx, actor: Actor, shipmentId: Id<"shipments">) {
  const s = await requireClaim(ctx, actor, shipmentId);
  const unpacked = s.lines.filter((l) => l.levelId && (l.packed ?? 0) < l.picked);
  if (unpacked.length > 0) {
    throw appError(
      "CONFLICT",
      `Not every unit is packed: ${unpacked.map((l) => `${l.picked - (l.packed ?? 0)} × ${l.sku}`).join(", ")} left.`,
    );
  }
  const packages = await packagesOf(ctx, shipmentId);
  if (packages.length === 0) throw appError("CONFLICT", "Add a package first.");
  const empty = packages.filter((p) => p.items.length === 0);
  if (empty.length > 0)
    throw appError("CONFLICT", `Package ${empty.map((p) => p.index).join(", ")} is empty; remove it or pack into it.`);
  await setShipmentStatus(ctx, s, "packed", NO_CLAIM);
  const siblings = await shipmentsOfOrder(ctx, s.orderId);
  const waiting = siblings.filter(
    (x) => x._id !== shipmentId && x.source === "stock" && !PACKED_OR_DONE_SHIPMENT_STATUSES.includes(x.status),
  );
  const order = (await ctx.db.get("orders", s.orderId))!;
  const lines = await orderLinesOf(ctx, s.orderId);
  const undecided = lines.some((l) => l.unallocated > 0 || l.backordered > 0);
  if (waiting.length === 0 && !undecided && order.status === "picking") {
    await transitionOrder(ctx, actor, order._id, {
      to: "packed",
      reason: `Shipment ${s.number} packed in ${countOf(packages.length, "package")}`,
    });
  }
}
