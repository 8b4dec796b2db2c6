/**
 * Shipments API (issue 19): the desk's shipments list across warehouses, by status and warehouse,
 * each row with its order's number and customer and its warehouse's code, for selection and bulk
 * actions (bulk.ts).
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { floorQuery } from "./functions";
import { vShipmentStatus, vSourceKind } from "./model/allocation/tables";
import { shipmentPage } from "./model/desk/lists";
import { requireSiteAccess, scopedSite } from "./model/floor/scope";
import { mapPage } from "./lib/pages";

export const list = floorQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    status: v.optional(vShipmentStatus),
    warehouseId: v.optional(v.id("warehouses")),
    /** Words: shipment or order number, customer name or email, SKU, product name (search index). */
    q: v.optional(v.string()),
    sort: v.optional(literals("newest", "oldest")),
  },
  returns: paginationResultValidator(
    v.object({
      _id: v.id("shipments"),
      number: v.string(),
      status: vShipmentStatus,
      source: vSourceKind,
      onHold: v.boolean(),
      createdAt: v.number(),
      units: v.number(),
      lineCount: v.number(),
      orderId: v.id("orders"),
      orderNumber: v.string(),
      customerName: v.string(),
      shipBy: v.optional(v.number()),
      warehouseCode: v.string(),
    }),
  ),
  handler: async (ctx, { paginationOpts, ...filter }) => {
    // A floor member bound to a store lists that store's shipments only (model/floor/scope).
    const site = scopedSite(ctx.member);
    if (site) requireSiteAccess(ctx.member, filter.warehouseId ?? site);
    const page = await shipmentPage(ctx, site ? { ...filter, warehouseId: site } : filter, paginationOpts);
    return mapPage(page, async (s) => {
      const order = await ctx.db.get("orders", s.orderId);
      const warehouse = await ctx.db.get("warehouses", s.warehouseId);
      return {
        _id: s._id,
        number: s.number,
        status: s.status,
        source: s.source,
        onHold: s.onHold ?? false,
        createdAt: s.createdAt,
        units: s.lines.reduce((n, l) => n + l.quantity, 0),
        lineCount: s.lines.length,
        orderId: s.orderId,
        orderNumber: order?.number ?? "?",
        customerName: order?.customer.name ?? "",
        shipBy: order?.shipBy,
        warehouseCode: warehouse?.code ?? "?",
      };
    });
  },
});
