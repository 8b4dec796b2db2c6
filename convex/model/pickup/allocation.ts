/**
 * The pickup and store rules of allocation, called by model/allocation/allocate.ts (the engine is
 * unchanged; these decide which sources it sees and what happens when a pickup store is short):
 *
 *  - a pickup order sees only its store (no other source, no dropship), so its plan is one
 *    shipment or nothing; a plan that leaves any unit unfilled is not applied — the order goes on a
 *    `pickup_short` hold with the plan's reasons (transfer in, switch to delivery or cancel);
 *  - any other order sees stores only when their ship-from-store switch is on and today's capacity
 *    (units or orders, in the store's time zone) is not used up; a units capacity caps what the
 *    store may give this order in total;
 *  - what ship-from-store allocation drew is counted per store and local day in the same transaction.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { AllocationPlan, SourceStock } from "../../lib/allocation/types";
import type { AllocationSettings } from "../allocation/settings";
import { openHoldWithKey, raiseHold } from "../holds/holds";
import type { ActorOrSystem } from "../audit/record";
import { dayRow, takeStoreCapacity } from "./capacity";
import { shipmentsOfOrder } from "../orders/lines";
import { dayKey } from "../../lib/clock";
import { countOf } from "../../lib/count";

type Source = AllocationSettings["sources"][number];

/** The store's local calendar day, "2026-12-05" (capacity resets at local midnight). */
export function localDay(now: number, timezone: string | undefined) {
  try {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone || "UTC",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
  } catch {
    return dayKey(now);
  }
}

/** A store as capacity sees it: which one, its daily capacity and its time zone. */
type CapacitySite = Pick<Source, "warehouseId" | "dailyCapacity" | "timezone">;

/** What the store has taken today (its local day), or null before its first draw. */
export async function usedToday(ctx: QueryCtx, s: Omit<CapacitySite, "dailyCapacity">, now: number) {
  return dayRow(ctx, s.warehouseId, localDay(now, s.timezone));
}

/** What ship-from-store capacity is left today: units (Infinity when unlimited) and whether another order fits. */
export async function capacityLeft(ctx: QueryCtx, s: CapacitySite, now: number) {
  const cap = s.dailyCapacity;
  if (!cap) return { units: Infinity, orderFits: true };
  const used = await usedToday(ctx, s, now);
  if (cap.unit === "orders") return { units: Infinity, orderFits: (used?.orders ?? 0) < cap.limit };
  const units = Math.max(0, cap.limit - (used?.units ?? 0));
  return { units, orderFits: units > 0 };
}

/**
 * The sources an order may draw from, and per store the units it may take in total (units
 * capacity). Pickup: only its store, whatever its switch. Otherwise: stores with the switch on and
 * capacity left; every other source as before.
 */
export async function eligibleSources(
  ctx: QueryCtx,
  order: Doc<"orders">,
  sources: readonly Source[],
  now = Date.now(),
) {
  const unitCaps = new Map<string, number>();
  if (order.pickupStoreId)
    return { sources: sources.filter((s) => s.warehouseId === order.pickupStoreId && s.kind === "store"), unitCaps };
  const out: Source[] = [];
  for (const s of sources) {
    if (s.kind !== "store") {
      out.push(s);
      continue;
    }
    if (!s.shipFromStore) continue;
    const left = await capacityLeft(ctx, s, now);
    if (!left.orderFits) continue;
    if (left.units !== Infinity) unitCaps.set(s.warehouseId, left.units);
    out.push(s);
  }
  return { sources: out, unitCaps };
}

/**
 * Applies a store's units capacity to its stock entries: the store may give this order at most
 * `cap` units over all its lines, so each product's availability is cut from a shared budget in
 * line order (conservative: a product later in the order may see less than the store could give).
 */
export function capStoreStock(
  stock: Map<string, SourceStock>,
  lines: { productId: string; unallocated: number }[],
  cap: number,
) {
  let budget = cap;
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.productId)) continue;
    seen.add(l.productId);
    const entry = stock.get(l.productId);
    if (!entry) continue;
    const need = lines.filter((x) => x.productId === l.productId).reduce((n, x) => n + x.unallocated, 0);
    const give = Math.max(0, Math.min(entry.available, need, budget));
    budget -= give;
    stock.set(l.productId, { ...entry, available: give });
  }
  for (const [productId, entry] of stock) if (!seen.has(productId)) stock.set(productId, { ...entry, available: 0 });
}

type StoreDraws = { order: Doc<"orders">; plan: AllocationPlan; sources: readonly Source[]; now?: number };

/**
 * Counts what a ship-from-store plan drew: units and one order per store shipment, on the store's
 * local day, recorded by shipment so a cancel or re-allocation gives them back (model/pickup/capacity).
 */
export async function countStoreDraws(ctx: MutationCtx, draws: StoreDraws) {
  const { order, plan, sources, now = Date.now() } = draws;
  if (order.pickupStoreId) return;
  const units = new Map<string, number>();
  for (const lp of plan.lines)
    for (const d of lp.draws)
      if (d.source === "stock") units.set(d.sourceId, (units.get(d.sourceId) ?? 0) + d.quantity);
  if (![...units.keys()].some((id) => sources.find((x) => x.warehouseId === id)?.kind === "store")) return;
  const shipments = await shipmentsOfOrder(ctx, order._id);
  for (const [storeId, n] of units) {
    const s = sources.find((x) => x.warehouseId === storeId);
    if (!s || s.kind !== "store") continue;
    // applyPlan put the units on the order's one open stock shipment from this store.
    const shipment = shipments.find((x) => x.warehouseId === storeId && x.source === "stock" && x.status === "open");
    if (!shipment) continue;
    await takeStoreCapacity(ctx, {
      storeId: s.warehouseId as Id<"warehouses">,
      shipmentId: shipment._id,
      day: localDay(now, s.timezone),
      units: n,
    });
  }
}

/**
 * A pickup plan that leaves units unfilled is not applied: nothing is reserved (no split, no
 * backorder) and the order goes on a `pickup_short` hold carrying the engine's reasons.
 */
export async function holdShortPickup(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  order: Doc<"orders">,
  plan: AllocationPlan,
) {
  const store = order.pickupStoreId ? await ctx.db.get("warehouses", order.pickupStoreId) : null;
  const code = store?.code ?? "the pickup store";
  const short = plan.lines.filter((l) => l.backordered > 0);
  const units = short.reduce((n, l) => n + l.backordered, 0);
  const reason = `${code} cannot fill this pickup order (${countOf(units, "unit")} short)`;
  const existing = await openHoldWithKey(ctx, `pickup_short:${order._id}`);
  if (existing) return existing._id;
  return raiseHold(ctx, actor, {
    orderId: order._id,
    type: "pickup_short",
    reason,
    detail: plan.reasons.join(" · ").slice(0, 2000),
    key: `pickup_short:${order._id}`,
  });
}
