/**
 * The inventory ledger: the only code that changes onHand and damaged (recordMovement) and the
 * only code that changes reserved (reserve / release). Each writes the level and, for stock, the
 * movement row in the caller's transaction, so a failure leaves neither.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import type { MovementKind } from "./tables";
import { MAX_LEVEL_UNITS, MAX_MOVEMENT_QUANTITY, MAX_WAREHOUSES } from "../../lib/bounds";
import type { ActorOrSystem } from "../audit/record";
import { rowOrThrow, rowsBy } from "../rows";

/** A product's stock level at one source, or null when it has never been stocked there. */
export async function findLevel(ctx: { db: QueryCtx["db"] }, productId: Id<"products">, warehouseId: Id<"warehouses">) {
  return ctx.db
    .query("inventoryLevels")
    .withIndex("by_productId_and_warehouseId", (q) => q.eq("productId", productId).eq("warehouseId", warehouseId))
    .unique();
}

/** Every stock level of a product, by source: at most one per source, so within MAX_WAREHOUSES. */
export async function levelsOfProduct(ctx: { db: QueryCtx["db"] }, productId: Id<"products">) {
  return rowsBy(ctx, "inventoryLevels", "by_productId_and_warehouseId", productId, { limit: MAX_WAREHOUSES });
}

/** A level as the inventory pages list it (`vLevelRow`); a product no longer there shows as "(deleted)". */
export function levelRow(level: Doc<"inventoryLevels">, product: Doc<"products"> | null) {
  return {
    ...level,
    available: level.onHand - level.reserved,
    sku: product?.sku ?? "?",
    productName: product?.name ?? "(deleted)",
  };
}

/** The level for product × warehouse, created empty on first use. */
export async function getOrCreateLevel(
  ctx: MutationCtx,
  productId: Id<"products">,
  warehouseId: Id<"warehouses">,
): Promise<Doc<"inventoryLevels">> {
  const level = await findLevel(ctx, productId, warehouseId);
  if (level) return level;
  const id = await ctx.db.insert("inventoryLevels", {
    productId,
    warehouseId,
    onHand: 0,
    reserved: 0,
    damaged: 0,
    incoming: 0,
  });
  return (await ctx.db.get("inventoryLevels", id))!;
}

export type MovementInput = {
  productId: Id<"products">;
  warehouseId: Id<"warehouses">;
  kind: MovementKind;
  onHandDelta: number;
  damagedDelta?: number;
  reason?: string;
  reference?: string;
  unitCostMinor?: number;
  /** The form field a refusal names (default "quantity"). */
  field?: string;
};

/**
 * Writes one ledger movement and applies it to the level. Refuses a movement that would take
 * onHand below reserved (stock promised to orders) or below zero, or damaged below zero.
 */
export async function recordMovement(ctx: MutationCtx, actor: ActorOrSystem, m: MovementInput) {
  const damagedDelta = m.damagedDelta ?? 0;
  const field = m.field ?? "quantity";
  if (!Number.isSafeInteger(m.onHandDelta) || !Number.isSafeInteger(damagedDelta)) {
    throw appError("INVALID_INPUT", "Quantities must be whole units.", { [field]: "Enter a whole number." });
  }
  // Every movement is bounded, so Σ movements is exact in any order (DESIGN invariant 2).
  if (Math.abs(m.onHandDelta) > MAX_MOVEMENT_QUANTITY || Math.abs(damagedDelta) > MAX_MOVEMENT_QUANTITY) {
    throw appError("INVALID_INPUT", `At most ${MAX_MOVEMENT_QUANTITY.toLocaleString("en-US")} units move at once.`, {
      [field]: `At most ${MAX_MOVEMENT_QUANTITY.toLocaleString("en-US")}.`,
    });
  }
  if (m.onHandDelta === 0 && damagedDelta === 0) {
    throw appError("INVALID_INPUT", "A movement must change the stock.", {
      [field]: "Enter a quantity other than zero.",
    });
  }
  const level = await getOrCreateLevel(ctx, m.productId, m.warehouseId);
  const onHand = level.onHand + m.onHandDelta;
  const damaged = level.damaged + damagedDelta;
  if (onHand < 0) {
    throw appError("INSUFFICIENT_STOCK", `Only ${level.onHand} on hand; cannot remove ${-m.onHandDelta}.`, {
      [field]: `At most ${level.onHand}.`,
    });
  }
  if (onHand < level.reserved) {
    const free = level.onHand - level.reserved;
    throw appError(
      "INSUFFICIENT_STOCK",
      `${level.reserved} of the ${level.onHand} on hand are reserved for orders; only ${free} can be removed.`,
      { [field]: `At most ${free}.` },
    );
  }
  if (damaged < 0)
    throw appError("INSUFFICIENT_STOCK", `Only ${level.damaged} damaged units recorded.`, {
      [field]: `At most ${level.damaged}.`,
    });
  if (onHand > MAX_LEVEL_UNITS || damaged > MAX_LEVEL_UNITS) {
    throw appError("INVALID_INPUT", `A stock level holds at most ${MAX_LEVEL_UNITS.toLocaleString("en-US")} units.`, {
      [field]: "Too many units for one level.",
    });
  }
  await ctx.db.patch("inventoryLevels", level._id, { onHand, damaged });
  await ctx.db.insert("inventoryMovements", {
    levelId: level._id,
    productId: m.productId,
    warehouseId: m.warehouseId,
    kind: m.kind,
    onHandDelta: m.onHandDelta,
    damagedDelta,
    reason: m.reason,
    reference: m.reference,
    unitCostMinor: m.unitCostMinor,
    actorId: actor?.id,
    actorName: actor?.name ?? "system",
    at: Date.now(),
  });
  return { levelId: level._id, onHand, damaged, reserved: level.reserved };
}

/**
 * Reserves `qty` units on a level in the caller's (serializable) transaction. Reads the level
 * fresh, so concurrent reservations conflict and retry rather than oversell.
 * Returns how many were reserved: min(qty, available) when `partial`, else all or an error.
 */
export async function reserve(
  ctx: MutationCtx,
  levelId: Id<"inventoryLevels">,
  qty: number,
  partial = false,
): Promise<number> {
  if (!Number.isSafeInteger(qty) || qty < 0) throw appError("INVALID_INPUT", "Reserve a whole number of units.");
  const level = await rowOrThrow(ctx, "inventoryLevels", levelId, "stock level");
  const available = level.onHand - level.reserved;
  const take = partial ? Math.max(0, Math.min(qty, available)) : qty;
  if (take > available) throw appError("INSUFFICIENT_STOCK", `Only ${available} available; ${qty} requested.`);
  if (take > 0) await ctx.db.patch("inventoryLevels", levelId, { reserved: level.reserved + take });
  return take;
}

/** Releases `qty` reserved units (cancel, re-allocate, short pick). */
export async function release(ctx: MutationCtx, levelId: Id<"inventoryLevels">, qty: number) {
  if (qty <= 0) return;
  const level = await rowOrThrow(ctx, "inventoryLevels", levelId, "stock level");
  if (qty > level.reserved) throw new Error(`Invariant: releasing ${qty} but only ${level.reserved} reserved`);
  await ctx.db.patch("inventoryLevels", levelId, { reserved: level.reserved - qty });
}
