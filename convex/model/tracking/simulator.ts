/**
 * Simulated carrier tracking for the offline table-rate carrier (provider "table"), so the Carriers
 * board and the customer timeline have real milestones without a network. When a table-rate label
 * is bought, its journey is planned from the label id (deterministic: a retry plans the same one)
 * and each milestone is scheduled at its own time, in real time, through the same ingestion as a
 * vendor webhook (source "table", event ids `<label>:<n>`, so a replay changes nothing).
 *
 * The spread, against the promised days P of the chosen quote (3 when the quote gave none):
 * 25 % a day early (never under 1), 40 % on P, 22 % P + 1, 8 % P + 2, 5 % a carrier exception on
 * day P ("delivery attempted, address issue") and delivery on P + 3. First scan 2–8 h after the
 * label, one in-transit scan per day between, out for delivery 3–6 h before delivery.
 * On by default; TRACKING_SIMULATOR=0 turns it off.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import { DAY, HOUR } from "../../lib/clock";
import { prng } from "../../lib/prng";
import type { VendorEvent } from "../../lib/tracking/vendors";

// The switch is a deployment setting, read where settings are read (integrations/).
import { trackingSimulatorOn as simulatorOn } from "../../integrations/tracking/settings";

/** A deterministic generator from a string: the project's PRNG (lib/prng.ts) seeded with the key's FNV-1a hash. */
export function seeded(key: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return prng(h).next;
}

export type JourneyPlan = { transitDays: number; exception: boolean; events: VendorEvent[] };

/** The planned journey of one package (pure, deterministic per `seed`). */
export function planJourney(a: {
  seed: string;
  trackingNumber: string;
  purchasedAt: number;
  promisedDays: number | undefined;
  from: string;
  to: string;
}): JourneyPlan {
  const rnd = seeded(a.seed);
  const p = Math.max(1, Math.round(a.promisedDays ?? 3));
  const r = rnd();
  const exception = r >= 0.95;
  const transitDays = r < 0.25 ? Math.max(1, p - 1) : r < 0.65 ? p : r < 0.87 ? p + 1 : r < 0.95 ? p + 2 : p + 3;
  const ev = (n: number, e: Omit<VendorEvent, "eventId" | "trackingNumber">): VendorEvent => ({
    eventId: `${a.seed}:${n}`,
    trackingNumber: a.trackingNumber,
    ...e,
  });
  const scanAt = a.purchasedAt + Math.round((2 + rnd() * 6) * HOUR);
  // Delivered during day `transitDays` after purchase: whole days since purchase round up to it.
  const deliveredAt = Math.max(
    scanAt + HOUR,
    a.purchasedAt + (transitDays - 1) * DAY + Math.round((10 + rnd() * 10) * HOUR),
  );
  const events: VendorEvent[] = [
    ev(0, { kind: "first_scan", at: scanAt, description: "Picked up by the carrier", location: a.from }),
  ];
  for (let d = 1; d < transitDays && d <= 6; d++) {
    const at = a.purchasedAt + d * DAY + Math.round(rnd() * 6 * HOUR);
    if (at > scanAt && at < deliveredAt - 6 * HOUR)
      events.push(
        ev(d, {
          kind: "in_transit",
          at,
          description: d === 1 ? "Departed origin facility" : "Arrived at sort facility",
        }),
      );
  }
  if (exception)
    events.push(
      ev(10, {
        kind: "exception",
        at: a.purchasedAt + (p - 1) * DAY + 14 * HOUR,
        description: "Delivery attempted: address issue, carrier will retry",
        location: a.to,
      }),
    );
  events.push(
    ev(20, {
      kind: "out_for_delivery",
      at: deliveredAt - Math.round((3 + rnd() * 3) * HOUR),
      description: "Out for delivery",
      location: a.to,
    }),
  );
  events.push(ev(30, { kind: "delivered", at: deliveredAt, description: "Delivered", location: a.to }));
  return { transitDays, exception, events: events.sort((x, y) => x.at - y.at) };
}

/** Schedules the simulated milestones of freshly purchased table-rate labels (no-op for others). */
export async function scheduleSimulatedTracking(ctx: MutationCtx, labels: Doc<"shippingLabels">[]) {
  if (!simulatorOn()) return;
  for (const l of labels) {
    if (l.provider !== "table" || l.status !== "purchased" || !l.trackingNumber || l.purchasedAt === undefined)
      continue;
    const [quote, shipment] = await Promise.all([
      ctx.db.get("shippingQuotes", l.quoteId),
      ctx.db.get("shipments", l.shipmentId),
    ]);
    const [warehouse, order] = shipment
      ? await Promise.all([ctx.db.get("warehouses", shipment.warehouseId), ctx.db.get("orders", shipment.orderId)])
      : [null, null];
    const plan = planJourney({
      seed: l._id,
      trackingNumber: l.trackingNumber,
      purchasedAt: l.purchasedAt,
      promisedDays: quote?.deliveryDays,
      from: warehouse
        ? `${warehouse.address.city}, ${warehouse.address.region ?? warehouse.address.country}`
        : "Origin",
      to: order ? `${order.shipTo.city}, ${order.shipTo.region ?? order.shipTo.country}` : "Destination",
    });
    for (const e of plan.events)
      await ctx.scheduler.runAt(e.at, internal.carrierTracking.deliverSimulated, { event: e });
  }
}
