/**
 * Stock operations people perform: receive, adjust, transfer, write off damage. Each is one
 * transaction built on ledger.recordMovement and keeps FIFO cost layers in step
 * (receipts add a layer; outbound movements consume the oldest layers first).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { throwIfFieldErrors } from "../../lib/errors";
import { recordAudit, type ActorOrSystem } from "../audit/record";
import { recordMovement } from "./ledger";
import { requireMoney } from "../../lib/bounds";
import { stockOpErrors, type StockOp } from "../../lib/stock";
import { stockArrived } from "../orders/pipeline";
import { addLayer, consumeLayers } from "./costLayers";
import { rowOrThrow } from "../rows";

export { consumeLayers };

/**
 * Every operation's first step: its own fields (lib/stock.ts, as the stock forms check them), then
 * its product and site, each refused in words when it no longer exists.
 */
async function operationTarget(
  ctx: MutationCtx,
  op: StockOp,
  a: Parameters<typeof stockOpErrors>[1] & { productId: Id<"products">; warehouseId: Id<"warehouses"> },
) {
  throwIfFieldErrors(stockOpErrors(op, a));
  const product = await rowOrThrow(ctx, "products", a.productId, "product", "productId");
  const warehouse = await rowOrThrow(ctx, "warehouses", a.warehouseId, "warehouse", "warehouseId");
  return { product, warehouse };
}

export async function receiveStock(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  a: {
    productId: Id<"products">;
    warehouseId: Id<"warehouses">;
    quantity: number;
    unitCostMinor?: number;
    reference?: string;
  },
) {
  const { product } = await operationTarget(ctx, "receive", a);
  const unitCostMinor = a.unitCostMinor ?? product.costMinor;
  requireMoney(unitCostMinor, "unitCostMinor");
  const result = await recordMovement(ctx, actor, { ...a, kind: "receipt", onHandDelta: a.quantity, unitCostMinor });
  await addLayer(ctx, {
    productId: a.productId,
    warehouseId: a.warehouseId,
    qty: a.quantity,
    unitCostMinor,
    reference: a.reference,
  });
  const filled = await stockArrived(ctx, actor, a.productId, a.warehouseId);
  return { ...result, filled };
}

export async function adjustStock(
  ctx: MutationCtx,
  actor: Actor,
  a: { productId: Id<"products">; warehouseId: Id<"warehouses">; delta: number; reason: string },
) {
  const { product, warehouse } = await operationTarget(ctx, "adjust", a);
  const result = await recordMovement(ctx, actor, {
    productId: a.productId,
    warehouseId: a.warehouseId,
    kind: "adjustment",
    onHandDelta: a.delta,
    reason: a.reason.trim(),
    unitCostMinor: product.costMinor,
    field: "delta",
  });
  if (a.delta > 0) {
    await addLayer(ctx, {
      productId: a.productId,
      warehouseId: a.warehouseId,
      qty: a.delta,
      unitCostMinor: product.costMinor,
      reference: "adjustment",
    });
    await stockArrived(ctx, actor, a.productId, a.warehouseId);
  } else
    await consumeLayers(ctx, {
      productId: a.productId,
      warehouseId: a.warehouseId,
      qty: -a.delta,
      fallbackCost: product.costMinor,
    });
  await recordAudit(ctx, actor, {
    entity: "inventory",
    entityId: result.levelId,
    action: "adjust",
    summary: `${a.delta > 0 ? "+" : ""}${a.delta} ${product.sku} at ${warehouse.code}: ${a.reason.trim()}`,
  });
  return result;
}

export async function transferStock(
  ctx: MutationCtx,
  actor: Actor,
  a: {
    productId: Id<"products">;
    fromWarehouseId: Id<"warehouses">;
    toWarehouseId: Id<"warehouses">;
    quantity: number;
    reference?: string;
  },
) {
  const { product, warehouse: from } = await operationTarget(ctx, "transfer", { ...a, warehouseId: a.fromWarehouseId });
  const to = await rowOrThrow(ctx, "warehouses", a.toWarehouseId, "warehouse", "toWarehouseId");
  const reference = a.reference?.trim() || `TR-${from.code}-${to.code}-${Date.now().toString(36).toUpperCase()}`;
  await recordMovement(ctx, actor, {
    productId: a.productId,
    warehouseId: a.fromWarehouseId,
    kind: "transfer_out",
    onHandDelta: -a.quantity,
    reference,
  });
  const used = await consumeLayers(ctx, {
    productId: a.productId,
    warehouseId: a.fromWarehouseId,
    qty: a.quantity,
    fallbackCost: product.costMinor,
  });
  await recordMovement(ctx, actor, {
    productId: a.productId,
    warehouseId: a.toWarehouseId,
    kind: "transfer_in",
    onHandDelta: a.quantity,
    reference,
  });
  for (const u of used)
    await addLayer(ctx, {
      productId: a.productId,
      warehouseId: a.toWarehouseId,
      qty: u.qty,
      unitCostMinor: u.unitCostMinor,
      reference,
    });
  await stockArrived(ctx, actor, a.productId, a.toWarehouseId);
  await recordAudit(ctx, actor, {
    entity: "inventory",
    entityId: reference,
    action: "transfer",
    summary: `Moved ${a.quantity} ${product.sku} from ${from.code} to ${to.code}`,
  });
  return { reference };
}

/** Moves sellable units into the damaged state: onHand − n, damaged + n. */
export async function writeOffDamage(
  ctx: MutationCtx,
  actor: Actor,
  a: { productId: Id<"products">; warehouseId: Id<"warehouses">; quantity: number; reason: string },
) {
  const { product, warehouse } = await operationTarget(ctx, "writeOff", a);
  const result = await recordMovement(ctx, actor, {
    productId: a.productId,
    warehouseId: a.warehouseId,
    kind: "damage",
    onHandDelta: -a.quantity,
    damagedDelta: a.quantity,
    reason: a.reason.trim(),
  });
  await consumeLayers(ctx, {
    productId: a.productId,
    warehouseId: a.warehouseId,
    qty: a.quantity,
    fallbackCost: product.costMinor,
  });
  await recordAudit(ctx, actor, {
    entity: "inventory",
    entityId: result.levelId,
    action: "damage",
    summary: `Wrote off ${a.quantity} ${product.sku} at ${warehouse.code}: ${a.reason.trim()}`,
  });
  return result;
}
