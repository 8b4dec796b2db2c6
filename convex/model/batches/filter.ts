/**
 * "Ready shipments from warehouse X (carrier service Y), up to N": packed shipments of the
 * warehouse (index by warehouse and status) with packages still needing a label, not held, not in
 * another open batch, and — when a service is named — whose chosen rate is that "carrier service".
 */
import { OPEN_BATCH_ITEM_STATUSES } from "./tables";
import type { QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { packagesNeedingLabels } from "../shipping/context";
import { rowOrThrow } from "../rows";
import { postageOf } from "../shipping/spend";

/** Packed shipments looked at per call, so a filter reads a bounded page even when most are taken. */
const SCAN = 500;

export async function readyCandidates(
  ctx: QueryCtx,
  f: { warehouseId: Id<"warehouses">; service?: string; limit: number },
) {
  const warehouse = await rowOrThrow(ctx, "warehouses", f.warehouseId, "warehouse");
  const packed = await ctx.db
    .query("shipments")
    .withIndex("by_warehouseId_and_status", (q) => q.eq("warehouseId", f.warehouseId).eq("status", "packed"))
    .take(SCAN);
  const wanted = f.service?.trim().toLowerCase();
  const shipmentIds: Id<"shipments">[] = [];
  for (const s of packed) {
    if (shipmentIds.length >= f.limit) break;
    if (s.onHold || s.source !== "stock") continue;
    const { packages, needing } = await packagesNeedingLabels(ctx, s._id);
    if (packages.length === 0 || needing.length === 0) continue;
    let taken = false;
    for (const status of OPEN_BATCH_ITEM_STATUSES) {
      if (
        await ctx.db
          .query("batchItems")
          .withIndex("by_shipmentId_and_status", (q) => q.eq("shipmentId", s._id).eq("status", status))
          .first()
      )
        taken = true;
      if (taken) break;
    }
    if (taken) continue;
    if (wanted) {
      const postage = await postageOf(ctx, s._id);
      const quote = postage?.selectedQuoteId ? await ctx.db.get("shippingQuotes", postage.selectedQuoteId) : null;
      if (!quote || `${quote.carrier} ${quote.service}`.toLowerCase() !== wanted) continue;
    }
    shipmentIds.push(s._id);
  }
  return { warehouse, shipmentIds };
}
