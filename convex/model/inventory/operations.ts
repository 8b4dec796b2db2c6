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
import { recordMovement, type MovementInput } from "./ledger";
import { requireMoney } from "../../lib/bounds";
import { stockOpErrors, type StockOp } from "../../lib/stock";
import { stockArrived } from "../orders/pipeline";
import { addLayer, consumeLayers } from "./costLayers";
import { rowOrThrow } from "../rows";

/** A FIFO cost layer to add: units at a cost (under the movement's reference unless it names its own). */
type NewLayer = { qty: number; unitCostMinor: number; reference?: string };

/**
 * Units into sellable stock, one rule for every path (receipts, counts that find units, transfers
 * in, restocked returns): the ledger movement, its FIFO cost layers, then the backorders waiting on
 * the product there filled from it. Returns the movement and the orders filled.
 */
export async function unitsIn(ctx: MutationCtx, actor: ActorOrSystem, m: MovementInput, layers: NewLayer[]) {
  const result = await recordMovement(ctx, actor, m);
  for (const l of layers)
    await addLayer(ctx, { productId: m.productId, warehouseId: m.warehouseId, reference: m.reference, ...l });
  const filled = await stockArrived(ctx, actor, m.productId, m.warehouseId);
  return { ...result, filled };
}

/**
 * Units out of sellable stock, one rule for every path (shipping, counts that lose units, transfers
 * out, damage, short picks): the ledger movement, then the oldest cost layers consumed for them, so
 * the layers never hold units that are gone (a unit with no layer left is costed at `fallbackCost`,
 * the product's standard cost). Returns the movement and the layers used (their units and cost).
 */
export async function unitsOut(ctx: MutationCtx, actor: ActorOrSystem, m: MovementInput, fallbackCost: number) {
  const result = await recordMovement(ctx, actor, m);
  const used = await consumeLayers(ctx, {
    productId: m.productId,
    warehouseId: m.warehouseId,
    qty: -m.onHandDelta,
    fallbackCost,
  });
  return { ...result, used };
}

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
  const movement = { ...a, kind: "receipt" as const, onHandDelta: a.quantity, unitCostMinor };
  return unitsIn(ctx, actor, movement, [{ qty: a.quantity, unitCostMinor }]);
}

export async function adjustStock(
  ctx: MutationCtx,
  actor: Actor,
  a: { productId: Id<"products">; warehouseId: Id<"warehouses">; delta: number; reason: string },
) {
  const { product, warehouse } = await operationTarget(ctx, "adjust", a);
  const movement = {
    productId: a.productId,
    warehouseId: a.warehouseId,
    kind: "adjustment" as const,
    onHandDelta: a.delta,
    reason: a.reason.trim(),
    unitCostMinor: product.costMinor,
    field: "delta",
  };
  const result =
    a.delta > 0
      ? await unitsIn(ctx, actor, movement, [
          { qty: a.delta, unitCostMinor: product.costMinor, reference: "adjustment" },
        ])
      : await unitsOut(ctx, actor, movement, product.costMinor);
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
  const { used } = await unitsOut(
    ctx,
    actor,
    {
      productId: a.productId,
      warehouseId: a.fromWarehouseId,
      kind: "transfer_out",
      onHandDelta: -a.quantity,
      reference,
    },
    product.costMinor,
  );
  const arrival = { productId: a.productId, warehouseId: a.toWarehouseId, onHandDelta: a.quantity, reference };
  await unitsIn(ctx, actor, { ...arrival, kind: "transfer_in" }, used);
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
  const result = await unitsOut(
    ctx,
    actor,
    {
      productId: a.productId,
      warehouseId: a.warehouseId,
      kind: "damage",
      onHandDelta: -a.quantity,
      damagedDelta: a.quantity,
      reason: a.reason.trim(),
    },
    product.costMinor,
  );
  await recordAudit(ctx, actor, {
    entity: "inventory",
    entityId: result.levelId,
    action: "damage",
    summary: `Wrote off ${a.quantity} ${product.sku} at ${warehouse.code}: ${a.reason.trim()}`,
  });
  return result;
}
