/**
 * The one place the portal reads a shipment's milestones. Today it is built on what the platform
 * records: the shipment's own steps (allocated, picked, packed, shipped), each purchased label's
 * first carrier scan and last polled carrier status (model/shipping/tracking), the order's
 * delivered status, and for a pickup its ready and collected times. When carrier tracking events
 * are stored per shipment (first scan, out for delivery, delivered, exception — issue 20, part 2),
 * point this function at them; the portal and its tests read only what it returns.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { literals } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { trackingUrl } from "../../lib/portal/links";
import { shipmentMilestones as carrierMilestones } from "../tracking/milestones";
import { trackedLabels } from "../shipping/context";

export const MILESTONES = [
  "placed",
  "preparing",
  "packed",
  "ready_for_pickup",
  "shipped",
  "first_scan",
  "out_for_delivery",
  "delivered",
  "collected",
  "exception",
] as const;
export const vMilestone = v.object({
  key: literals(...MILESTONES),
  label: v.string(),
  at: v.union(v.null(), v.number()),
  done: v.boolean(),
  detail: v.union(v.null(), v.string()),
});
export type Milestone = Infer<typeof vMilestone>;
const RANK: Record<Doc<"shipments">["status"], number> = {
  open: 0,
  picking: 1,
  picked: 1,
  packed: 2,
  shipped: 3,
  cancelled: -1,
};

/** Milestones of one shipment, in order, and its parcels with tracking links. */
export async function shipmentMilestones(
  ctx: { db: QueryCtx["db"] },
  order: Doc<"orders">,
  s: Doc<"shipments">,
  pickup: Doc<"pickups"> | null,
) {
  const labels = await trackedLabels(ctx, s._id);
  const rank = RANK[s.status];
  const m: Milestone[] = [
    { key: "placed", label: "Order placed", at: order.placedAt, done: true, detail: null },
    {
      key: "preparing",
      label: pickup ? "Being prepared at the store" : "Being prepared",
      at: s.createdAt,
      done: true,
      detail: null,
    },
  ];
  if (pickup) {
    m.push({
      key: "ready_for_pickup",
      label: "Ready for pickup",
      at: pickup.readyAt ?? null,
      done: pickup.readyAt !== undefined,
      detail: null,
    });
    m.push({
      key: "collected",
      label: "Collected",
      at: pickup.collectedAt ?? null,
      done: pickup.status === "collected",
      detail: null,
    });
    return { milestones: m, parcels: [] };
  }
  m.push({ key: "packed", label: "Packed", at: null, done: rank >= 2, detail: null });
  m.push({ key: "shipped", label: "Shipped", at: s.shippedAt ?? null, done: rank >= 3, detail: null });
  // Carrier tracking events (webhooks, polls, the offline simulator: model/tracking) give the times;
  // the label's own first scan and last polled status fill in where no event is stored.
  const events = await carrierMilestones(ctx as QueryCtx, s._id);
  const firstOf = (kind: (typeof events)[number]["kind"]) =>
    events.filter((e) => e.kind === kind).reduce<number | null>((t, e) => (t === null || e.at < t ? e.at : t), null);
  const firstScan = labels.map((l) => l.firstScanAt).filter((t): t is number => t !== undefined);
  const scannedAt = firstOf("first_scan") ?? (firstScan.length ? Math.min(...firstScan) : null);
  m.push({
    key: "first_scan",
    label: "With the carrier",
    at: scannedAt,
    done: scannedAt !== null || events.length > 0,
    detail: null,
  });
  const statuses = labels.map((l) => l.trackingStatus ?? "");
  const deliveredAt = firstOf("delivered");
  const delivered =
    deliveredAt !== null ||
    order.status === "delivered" ||
    order.status === "closed" ||
    (statuses.length > 0 && statuses.every((x) => x === "delivered"));
  const outAt = firstOf("out_for_delivery");
  m.push({
    key: "out_for_delivery",
    label: "Out for delivery",
    at: outAt,
    done: delivered || outAt !== null || statuses.includes("out_for_delivery"),
    detail: null,
  });
  m.push({ key: "delivered", label: "Delivered", at: deliveredAt, done: delivered, detail: null });
  const exception = events.filter((e) => e.kind === "exception").at(-1);
  const failed = statuses.filter((x) => x === "failure" || x === "returned" || x === "exception");
  if (exception)
    m.push({
      key: "exception",
      label: "Delivery problem",
      at: exception.at,
      done: true,
      detail: `The carrier reports: ${exception.description}`,
    });
  else if (failed.length > 0)
    m.push({
      key: "exception",
      label: "Delivery problem",
      at: null,
      done: true,
      detail: `The carrier reports: ${failed[0].replace(/_/g, " ")}`,
    });
  const parcels = labels.map((l) => ({
    carrier: l.carrier,
    service: l.service,
    trackingNumber: l.trackingNumber!,
    url: trackingUrl(l.carrier, l.trackingNumber!),
    status: l.trackingStatus ?? null,
  }));
  return { milestones: m, parcels };
}
