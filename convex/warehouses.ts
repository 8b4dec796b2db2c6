/** Fulfilment sources API. Reads for every member; writes for admins. */
import { v } from "convex/values";
import { adminCommand, adminMutation, floorQuery } from "./functions";
import { vWarehouseInput } from "./model/warehouses/tables";
import { saveWarehouse, setWarehouseActive } from "./model/warehouses/warehouses";
import schema from "./schema";
import { warehousesByPriority } from "./model/warehouses/sources";

/** Every source, active first by priority. Sources are few (tens), so one bounded read. */
export const list = floorQuery({
  args: { includeInactive: v.optional(v.boolean()) },
  returns: v.array(schema.doc("warehouses")),
  handler: async (ctx, { includeInactive }) => {
    const active = await warehousesByPriority(ctx, true);
    return includeInactive ? [...active, ...(await warehousesByPriority(ctx, false))] : active;
  },
});

export const create = adminMutation({
  args: { warehouse: vWarehouseInput },
  returns: v.id("warehouses"),
  handler: async (ctx, { warehouse }) => saveWarehouse(ctx, ctx.actor, warehouse),
});

export const update = adminMutation({
  args: { id: v.id("warehouses"), warehouse: vWarehouseInput },
  returns: v.id("warehouses"),
  handler: async (ctx, { id, warehouse }) => saveWarehouse(ctx, ctx.actor, warehouse, id),
});

export const setActive = adminCommand({ id: v.id("warehouses"), active: v.boolean() }, (ctx, { id, active }) =>
  setWarehouseActive(ctx, ctx.actor, id, active),
);
