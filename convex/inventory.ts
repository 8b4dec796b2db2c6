/**
 * Inventory API: levels, a product's ledger, and stock operations. Receiving is floor work;
 * adjustments, transfers and write-offs are a supervisor's. The ledger check is internal.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { floorCommand, floorQuery, supervisorCommand, supervisorMutation } from "./functions";
import { adjustStock, receiveStock, transferStock, writeOffDamage } from "./model/inventory/operations";
import schema from "./schema";
import { vLevelRow, vStockRef } from "./model/inventory/tables";
import { levelRow, levelsOfProduct } from "./model/inventory/ledger";
import { mapPage } from "./lib/pages";

/** Levels of one warehouse with product names, for the inventory page. */
export const levelsByWarehouse = floorQuery({
  args: { warehouseId: v.id("warehouses"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vLevelRow),
  handler: async (ctx, { warehouseId, paginationOpts }) => {
    const page = await ctx.db
      .query("inventoryLevels")
      .withIndex("by_warehouseId", (q) => q.eq("warehouseId", warehouseId))
      .paginate(paginationOpts);
    return mapPage(page, async (level) => levelRow(level, await ctx.db.get("products", level.productId)));
  },
});

/** A product's level in each warehouse. */
export const levelsForProduct = floorQuery({
  args: { productId: v.id("products") },
  returns: v.array(
    v.object({
      ...schema.doc("inventoryLevels").fields,
      available: v.number(),
      warehouseCode: v.string(),
      warehouseName: v.string(),
    }),
  ),
  handler: async (ctx, { productId }) => {
    const levels = await levelsOfProduct(ctx, productId);
    return Promise.all(
      levels.map(async (level) => {
        const w = await ctx.db.get("warehouses", level.warehouseId);
        return {
          ...level,
          available: level.onHand - level.reserved,
          warehouseCode: w?.code ?? "?",
          warehouseName: w?.name ?? "?",
        };
      }),
    );
  },
});

/** A product's movements, newest first. */
export const ledger = floorQuery({
  args: { productId: v.id("products"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(
    v.object({ ...schema.doc("inventoryMovements").fields, warehouseCode: v.string() }),
  ),
  handler: async (ctx, { productId, paginationOpts }) => {
    const page = await ctx.db
      .query("inventoryMovements")
      .withIndex("by_productId", (q) => q.eq("productId", productId))
      .order("desc")
      .paginate(paginationOpts);
    const codes = new Map<string, string>();
    return mapPage(page, async (m) => {
      if (!codes.has(m.warehouseId))
        codes.set(m.warehouseId, (await ctx.db.get("warehouses", m.warehouseId))?.code ?? "?");
      return { ...m, warehouseCode: codes.get(m.warehouseId)! };
    });
  },
});

export const receive = floorCommand(
  { ...vStockRef, quantity: v.number(), unitCostMinor: v.optional(v.number()), reference: v.optional(v.string()) },
  (ctx, args) => receiveStock(ctx, ctx.actor, args),
);

export const adjust = supervisorCommand({ ...vStockRef, delta: v.number(), reason: v.string() }, (ctx, args) =>
  adjustStock(ctx, ctx.actor, args),
);

export const transfer = supervisorMutation({
  args: {
    productId: v.id("products"),
    fromWarehouseId: v.id("warehouses"),
    toWarehouseId: v.id("warehouses"),
    quantity: v.number(),
    reference: v.optional(v.string()),
  },
  returns: v.object({ reference: v.string() }),
  handler: async (ctx, args) => transferStock(ctx, ctx.actor, args),
});

export const writeOff = supervisorCommand({ ...vStockRef, quantity: v.number(), reason: v.string() }, (ctx, args) =>
  writeOffDamage(ctx, ctx.actor, args),
);
