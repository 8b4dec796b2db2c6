/**
 * Shipping test fixtures: a packed shipment with packages, made through the real order and
 * allocation path (createManual allocates), then packed the way floor packing leaves it.
 */
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { phoneOrder, seedStock, usAddress, type setupTest } from "./setup.testing";
import { contentsGrams } from "../model/floor/weight";

type Backend = Awaited<ReturnType<typeof setupTest>>;

/** One order of 2 × P0 and 1 × P1 to San Francisco, allocated from one warehouse and packed into `weights.length` packages. */
export async function packedShipment(
  b: Backend,
  weights: number[] = [1200],
  opts: { pack?: boolean; shipTo?: typeof usAddress } = {},
) {
  const { productIds, warehouseId } = await seedStock(b.t, [10, 10]);
  const { orderId } = await b.supervisor.mutation(api.orders.createManual, {
    order: phoneOrder(
      [
        { productId: productIds[0], quantity: 2, unitPriceMinor: 2500 },
        { productId: productIds[1], quantity: 1, unitPriceMinor: 4000 },
      ],
      opts.shipTo ?? usAddress,
    ),
  });
  const { shipmentId, packageIds } = await b.t.run(async (ctx) => {
    const s = (await ctx.db
      .query("shipments")
      .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
      .first())!;
    const packageIds: Id<"packages">[] = [];
    if (opts.pack !== false) {
      await ctx.db.patch("shipments", s._id, {
        status: "packed",
        lines: s.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
      });
      for (const [i, weightGrams] of weights.entries()) {
        const items = i === 0 ? s.lines.map((l) => ({ productId: l.productId, sku: l.sku, quantity: l.quantity })) : [];
        // A declared weight never below the contents' catalog grams (labels below it are refused).
        const declared = Math.max(weightGrams, await contentsGrams(ctx, items));
        packageIds.push(
          await ctx.db.insert("packages", {
            shipmentId: s._id,
            index: i + 1,
            weightGrams: declared,
            lengthMm: 300,
            widthMm: 200,
            heightMm: 150,
            items,
          }),
        );
      }
    }
    return { shipmentId: s._id, packageIds };
  });
  return { orderId, shipmentId, packageIds, warehouseId, productIds };
}

/**
 * The order's first shipment as packing leaves it: every unit picked and packed, on the shipment
 * and on the order's lines. Returns the shipment as it was before.
 */
export async function markFirstShipmentPacked(ctx: MutationCtx, orderId: Id<"orders">) {
  const shipment = (await ctx.db
    .query("shipments")
    .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
    .first())!;
  await ctx.db.patch("shipments", shipment._id, {
    status: "packed",
    lines: shipment.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
  });
  for (const l of shipment.lines) await ctx.db.patch("orderLines", l.orderLineId, { picked: l.quantity });
  return shipment;
}

/** The selected quote (UPS Ground, 9.00 USD) of a finished rate shop for the shipment: what a label row points at. */
export async function selectedQuote(
  ctx: MutationCtx,
  shipmentId: Id<"shipments">,
  { provider = "easypost", packageIds = [] as Id<"packages">[] } = {},
) {
  const requestId = await ctx.db.insert("rateShopRequests", {
    shipmentId,
    packageIds,
    status: "done",
    autoBuy: false,
    requestedByName: "t",
    requestedAt: 0,
    outcomes: [],
  });
  return ctx.db.insert("shippingQuotes", {
    shipmentId,
    requestId,
    provider,
    carrier: "UPS",
    service: "Ground",
    amountMinor: 900,
    currency: "USD",
    ref: "{}",
    quotedAt: 0,
    selected: true,
  });
}
