/**
 * Store scoping of floor work (issue 20, part 1 gap 2). A floor member bound to a store
 * (`members.storeId`, set on the Stores page) works at that store only: every floor query and
 * mutation about a warehouse's work — pick lists, the pack queue and station, packages, labels,
 * pickups and the handover — checks the site of what it reads or changes here, on the server, so
 * another site's work can be neither read nor acted on by id. Supervisors, admins and unbound floor
 * staff work anywhere. A refusal writes nothing (the checks run before the handler's first write).
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";

type Member = Pick<Doc<"members">, "role" | "storeId">;
type Db = { db: QueryCtx["db"] };

/** The one site the member is bound to, or null when they may work anywhere. */
export function scopedSite(member: Member): Id<"warehouses"> | null {
  return member.role === "floor" && member.storeId ? member.storeId : null;
}

/** Refuses work at a site other than the member's own store. */
export function requireSiteAccess(member: Member, warehouseId: Id<"warehouses">) {
  const site = scopedSite(member);
  if (site && site !== warehouseId)
    throw appError("FORBIDDEN", "You work at another store: this is that site's work, for its own staff.");
}

/** A shipment's site must be the member's (a missing shipment is left to the handler's own sentence). */
export async function requireShipmentAccess(ctx: Db, member: Member, shipmentId: Id<"shipments">) {
  if (!scopedSite(member)) return;
  const s = await ctx.db.get("shipments", shipmentId);
  if (s) requireSiteAccess(member, s.warehouseId);
}

export async function requirePickListAccess(ctx: Db, member: Member, pickListId: Id<"pickLists">) {
  if (!scopedSite(member)) return;
  const l = await ctx.db.get("pickLists", pickListId);
  if (l) requireSiteAccess(member, l.warehouseId);
}

export async function requirePackageAccess(ctx: Db, member: Member, packageId: Id<"packages">) {
  if (!scopedSite(member)) return;
  const p = await ctx.db.get("packages", packageId);
  if (p) await requireShipmentAccess(ctx, member, p.shipmentId);
}

export async function requireLabelAccess(ctx: Db, member: Member, labelId: Id<"shippingLabels">) {
  if (!scopedSite(member)) return;
  const l = await ctx.db.get("shippingLabels", labelId);
  if (l) await requireShipmentAccess(ctx, member, l.shipmentId as Id<"shipments">);
}
