/**
 * Where other domains' changes move a shipment's carrier facts: a label bought or voided
 * (model/shipping/labels.ts calls `afterLabelsChanged`) and a "damaged in transit" return line
 * opened or changed (the rmaLines board trigger calls `afterDamagedReturn`). Tracking milestones
 * sync their shipments themselves (model/tracking/ingest.ts).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { syncCarrierShipment } from "./sync";
import { scheduleSimulatedTracking } from "../tracking/simulator";
import { shipmentsOfOrder } from "../orders/lines";

/** After a purchase or void on the shipment: its carrier row, and the simulator for table-rate labels. */
export async function afterLabelsChanged(
  ctx: MutationCtx,
  shipmentId: Id<"shipments">,
  purchased: Doc<"shippingLabels">[] = [],
) {
  await syncCarrierShipment(ctx, shipmentId);
  await scheduleSimulatedTracking(ctx, purchased);
}

/** A return line's damaged-in-transit units moved: the shipments carrying that order line. */
export async function afterDamagedReturn(
  ctx: MutationCtx,
  oldDoc: Doc<"rmaLines"> | null,
  newDoc: Doc<"rmaLines"> | null,
) {
  const damaged = (d: Doc<"rmaLines"> | null) => (d && d.reason === "damaged_in_transit" ? d.quantity : 0);
  if (damaged(oldDoc) === damaged(newDoc)) return;
  const line = (newDoc ?? oldDoc)!;
  const shipments = await shipmentsOfOrder(ctx, line.orderId);
  for (const s of shipments)
    if (s.lines.some((l) => l.orderLineId === line.orderLineId)) await syncCarrierShipment(ctx, s._id);
}
