/**
 * Helpers for the board tests (not a Convex module: two dots). Drive orders through the real
 * public mutations (create, pick, pack) and ship through model/fulfillment (no public verb yet),
 * take a snapshot of every board figure, and run the rebuild page by page.
 */
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { usAddress, type setupTest, type TestBackend } from "./setup.testing";
import { runWithTriggers } from "./model/boards/triggers";
import { shipShipment } from "./model/fulfillment/ship";
import type { RebuildStep } from "./model/boards/rebuild";

type Backend = Awaited<ReturnType<typeof setupTest>>;
let scans = 0;

/** A manual order through orders:createManual (auto-allocated in the same transaction). */
export function placeOrder(b: Backend, lines: { productId: Id<"products">; quantity: number }[], over: { shipBy?: number; priority?: number } = {}) {
  return b.supervisor.mutation(api.orders.createManual, {
    order: {
      kind: "phone",
      customer: { name: "Pat", email: "pat@example.com" },
      shipTo: usAddress,
      currency: "USD",
      lines: lines.map((l) => ({ ...l, unitPriceMinor: 1000 })),
      ...over,
    },
  });
}

/** Picks every unit of an open stock shipment (one list), optionally reporting one unit short. */
export async function pickShipment(b: Backend, shipmentId: Id<"shipments">, opts: { short?: boolean } = {}) {
  const s = await b.t.run((ctx) => ctx.db.get("shipments", shipmentId));
  if (!s || s.status !== "open" || s.source !== "stock") return false;
  const { pickListId } = await b.supervisor.mutation(api.floor.buildBatchList, { warehouseId: s.warehouseId, maxShipments: 1, requireBinScan: false, shipmentId });
  await b.floor.mutation(api.floor.claimList, { pickListId });
  const { tasks } = await b.floor.query(api.floor.pickList, { pickListId });
  let shorted = !opts.short;
  for (const task of tasks) {
    const product = await b.t.run((ctx) => ctx.db.get("products", task.productId));
    let left = task.quantity;
    if (!shorted && left > 0) {
      await b.floor.mutation(api.floor.reportShort, { pickListId, taskId: task._id, quantity: 1, reason: "empty bin" });
      left -= 1;
      shorted = true;
    }
    for (let i = 0; i < left; i++) await b.floor.mutation(api.floor.scan, { pickListId, taskId: task._id, code: product!.barcodes[0], scanId: `s${++scans}` });
  }
  return true;
}

/** Packs a picked shipment into one package. */
export async function packShipment(b: Backend, shipmentId: Id<"shipments">) {
  const s = await b.t.run((ctx) => ctx.db.get("shipments", shipmentId));
  if (!s || s.status !== "picked") return false;
  await b.floor.mutation(api.floor.claimForPacking, { shipmentId });
  const packageId = await b.floor.mutation(api.floor.openPackage, { shipmentId, lengthMm: 300, widthMm: 200, heightMm: 100, weightGrams: 900 });
  for (const line of s.lines) {
    const product = await b.t.run((ctx) => ctx.db.get("products", line.productId));
    for (let i = 0; i < line.picked; i++) await b.floor.mutation(api.floor.scanIntoPackage, { packageId, code: product!.barcodes[0], scanId: `p${++scans}` });
  }
  await b.floor.mutation(api.floor.finishPacking, { shipmentId });
  return true;
}

/** Ships a packed (or dropship) shipment through the one ship path, with board triggers on. */
export function ship(t: TestBackend, shipmentId: Id<"shipments">) {
  return t.run((raw) => runWithTriggers(raw, (ctx) => shipShipment(ctx, undefined, shipmentId)));
}

/** Every board figure: counters summed over shards (zeros dropped) and the derived rows. */
export async function boardSnapshot(t: TestBackend) {
  return t.run(async (ctx) => {
    const counters: Record<string, number> = {};
    for (const d of await ctx.db.query("boardCounters").collect()) {
      for (const [k, n] of Object.entries(d.values)) {
        if (n < 0) throw new Error(`negative shard ${d.board}/${d.bucket}/${d.shard}/${k}`);
        const key = `${d.board}/${d.bucket}/${k}`;
        counters[key] = (counters[key] ?? 0) + n;
      }
    }
    for (const k of Object.keys(counters)) if (counters[k] === 0) delete counters[k];
    const strip = <T extends { _id: unknown; _creationTime: unknown }>({ _id, _creationTime, ...rest }: T) => rest;
    const sortBy = <T>(xs: T[], key: (x: T) => string) => xs.sort((a, b) => key(a).localeCompare(key(b)));
    return {
      counters,
      openOrders: sortBy((await ctx.db.query("openOrders").collect()).map(strip), (r) => r.orderId),
      demand: sortBy((await ctx.db.query("productDemand").collect()).map(strip), (r) => r.productId),
      productShipments: sortBy((await ctx.db.query("productShipments").collect()).map(strip).filter((r) => r.shipped || r.returned), (r) => r.productId),
      shortPicks: (await ctx.db.query("orderShortPicks").collect()).map((r) => r.orderId).sort(),
    };
  });
}

/** Runs the whole rebuild, one page per mutation, as the self-scheduling chain would. */
export async function rebuildAll(t: TestBackend) {
  let step: RebuildStep | null = { phase: "clear", cursor: null };
  let pages = 0;
  while (step) {
    step = await t.mutation(internal.dashboards.rebuildPage, step);
    pages++;
  }
  return pages;
}
