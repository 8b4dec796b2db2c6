/**
 * Shipping a shipment out of the building: the one place stock leaves for an order. For each stock
 * line the reservation is consumed and a `ship` movement lowers on hand (oldest cost layers first,
 * giving the shipment's cost of goods); order lines count the units shipped; the order moves to
 * shipped or partially shipped. Dropship shipments are confirmed without touching our stock.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import { release } from "../inventory/ledger";
import { unitsOut } from "../inventory/operations";
import { transitionOrder } from "../orders/transition";
import { notifyShipped } from "../notifications/enqueue";
import { orderLinesOf, orderOfShipment, shipmentsOfOrder } from "../orders/lines";
import type { ActorOrSystem } from "../audit/record";
import { NO_CLAIM } from "../floor/claims";
import { rowOrThrow } from "../rows";
import { isOpenShipment } from "../../lib/statusSets";
import { setShipmentStatus } from "../allocation/shipmentLines";

export async function shipShipment(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  shipmentId: Id<"shipments">,
  reference?: string,
) {
  const s = await rowOrThrow(ctx, "shipments", shipmentId, "shipment");
  const ready = s.source === "dropship" ? s.status === "open" || s.status === "packed" : s.status === "packed";
  if (!ready)
    throw appError("INVALID_TRANSITION", `Shipment ${s.number} is ${s.status}; only packed shipments can ship.`);
  const order = await orderOfShipment(ctx, s);
  let cogsMinor = 0;
  for (const line of s.lines) {
    if (line.quantity === 0) continue;
    if (line.levelId) {
      // The reservation becomes the shipment: both fall by the units leaving (ledger: release, then the ship movement).
      await release(ctx, line.levelId, line.quantity);
      const product = await ctx.db.get("products", line.productId);
      const { used } = await unitsOut(
        ctx,
        actor,
        {
          productId: line.productId,
          warehouseId: s.warehouseId,
          kind: "ship",
          onHandDelta: -line.quantity,
          reference: reference ?? s.number,
        },
        product?.costMinor ?? 0,
      );
      for (const u of used) cogsMinor += u.qty * u.unitCostMinor;
    }
    const ol = (await ctx.db.get("orderLines", line.orderLineId))!;
    await ctx.db.patch("orderLines", ol._id, { shipped: ol.shipped + line.quantity });
  }
  await setShipmentStatus(ctx, s, "shipped", { shippedAt: Date.now(), cogsMinor, ...NO_CLAIM });

  const siblings = await shipmentsOfOrder(ctx, s.orderId);
  const lines = await orderLinesOf(ctx, s.orderId);
  const allOut =
    siblings.every((x) => x._id === shipmentId || !isOpenShipment(x.status)) &&
    lines.every((l) => l.unallocated === 0 && l.backordered === 0);
  const next = allOut ? "shipped" : "partially_shipped";
  if (order.status !== next && order.status !== "shipped") {
    await transitionOrder(ctx, actor, order._id, { to: next, reason: `Shipment ${s.number} shipped`, current: order });
  }
  // A click & collect handover is not a parcel on its way (model/pickup tells the customer itself).
  if (!order.pickupStoreId) await notifyShipped(ctx, shipmentId);
  return { cogsMinor };
}
