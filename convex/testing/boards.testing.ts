/**
 * Helpers for the board tests (not a Convex module: two dots). Drive orders through the real
 * public mutations (create, pick, pack) and ship through model/fulfillment (no public verb yet),
 * take a snapshot of every board figure, and run the rebuild page by page.
 */
import { api, internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { productInput, usAddress, warehouseInput, type setupTest, type TestBackend } from "./setup.testing";
import { createProduct } from "../model/catalog/products";
import { saveWarehouse } from "../model/warehouses/warehouses";
import { completedFigures } from "../lib/boards";
import { DAY, HOUR, dayKey } from "../lib/clock";
import { deadlineOf } from "../lib/cutoffs";
import { isCompletedOrder, isOpenOrder, OPEN_ORDER_STATUSES } from "../lib/statusSets";
import { BoardBuffer } from "../model/boards/buffer";
import { countLine, countOrder, countReturnStat, countShipment } from "../model/boards/contributions";
import { countSpendRow } from "../model/boards/spend";
import type { ReturnReason } from "../lib/returns";
import type { OrderStatus } from "../lib/orderStatus";
import { runWithTriggers } from "../model/boards/triggers";
import { shipShipment } from "../model/fulfillment/ship";
import type { RebuildStep } from "../model/boards/rebuild";

type Backend = Awaited<ReturnType<typeof setupTest>>;
let scans = 0;

/** A manual order through orders:createManual (auto-allocated in the same transaction). */
export function placeOrder(
  b: Backend,
  lines: { productId: Id<"products">; quantity: number }[],
  over: { shipBy?: number; priority?: number } = {},
) {
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
  const { pickListId } = await b.supervisor.mutation(api.floor.buildBatchList, {
    warehouseId: s.warehouseId,
    maxShipments: 1,
    requireBinScan: false,
    shipmentId,
  });
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
    for (let i = 0; i < left; i++)
      await b.floor.mutation(api.floor.scan, {
        pickListId,
        taskId: task._id,
        code: product!.barcodes[0],
        scanId: `s${++scans}`,
      });
  }
  return true;
}

/** The one box the workload packs into. */
const PACK_BOX_MM = { lengthMm: 300, widthMm: 200, heightMm: 100 };

/** Packs a picked shipment into one package. */
export async function packShipment(b: Backend, shipmentId: Id<"shipments">) {
  const s = await b.t.run((ctx) => ctx.db.get("shipments", shipmentId));
  if (!s || s.status !== "picked") return false;
  await b.floor.mutation(api.floor.claimForPacking, { shipmentId });
  // No weight given: the declared weight follows the contents (labels below it are refused).
  const packageId = await b.floor.mutation(api.floor.openPackage, { shipmentId, ...PACK_BOX_MM });
  for (const line of s.lines) {
    const product = await b.t.run((ctx) => ctx.db.get("products", line.productId));
    for (let i = 0; i < line.picked; i++)
      await b.floor.mutation(api.floor.scanIntoPackage, {
        packageId,
        code: product!.barcodes[0],
        scanId: `p${++scans}`,
      });
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
      productShipments: sortBy(
        (await ctx.db.query("productShipments").collect())
          .map(strip)
          .filter((r) => r.shipped || r.returned || Object.keys(r.reasons ?? {}).length),
        (r) => r.productId,
      ),
      shortPicks: (await ctx.db.query("orderShortPicks").collect()).map((r) => r.orderId).sort(),
    };
  });
}

/** Runs the whole rebuild, one page per mutation, as the self-scheduling chain would. */
export async function rebuildAll(t: TestBackend) {
  let step: RebuildStep | null = { phase: "clear", cursor: null };
  let pages = 0;
  while (step) {
    step = await t.mutation(internal.boards.rebuildPage, step);
    pages++;
  }
  return pages;
}

export const SCALE_STATUSES: readonly OrderStatus[] = [
  ...Array<OrderStatus>(14).fill("shipped"),
  ...Array<OrderStatus>(3).fill("delivered"),
  ...Array<OrderStatus>(3).fill("closed"),
  "cancelled",
  // Every open status once, allocated twice.
  ...OPEN_ORDER_STATUSES.flatMap((s) => (s === "allocated" ? [s, s] : [s])),
];
const SHIPMENT_OF: Partial<Record<OrderStatus, Doc<"shipments">["status"]>> = {
  allocated: "open",
  partially_allocated: "open",
  picking: "picking",
  packed: "packed",
  partially_shipped: "shipped",
  shipped: "shipped",
  delivered: "shipped",
  closed: "shipped",
};

/**
 * Inserts `n` orders (one line each, a shipment when the status has one, backorder rows when
 * backordered) and a fixed floor (20 pick lists), deterministic, in batches inside the transaction
 * limits. For the scale test and the bench, where the boards must read the same number of documents
 * at any `n`.
 *
 * Speed: convex-test evaluates an index range by scanning the whole table, so the triggers' per-order
 * index reads would make seeding quadratic. The rows are inserted raw and each one's board share is
 * added with the same contribution functions the triggers and the rebuild use, from the documents in
 * hand; a test proves the result equals a full rebuild.
 */
export async function seedScale(t: TestBackend, n: number, batch = 2000) {
  const base = await t.run((raw) =>
    runWithTriggers(raw, async (ctx) => {
      const warehouses: Doc<"warehouses">[] = [];
      for (const [i, tz] of ["America/New_York", "America/Chicago", "America/Los_Angeles"].entries()) {
        warehouses.push(
          (await ctx.db.get(
            "warehouses",
            await saveWarehouse(ctx, undefined, warehouseInput({ code: `SC${i}`, timezone: tz })),
          ))!,
        );
      }
      const products: Id<"products">[] = [];
      for (let i = 0; i < 20; i++) products.push(await createProduct(ctx, undefined, productInput({ sku: `SC-${i}` })));
      const floorMember = (await ctx.db.query("members").first())?._id;
      for (let i = 0; i < 20; i++) {
        const status = (["open", "in_progress", "done", "done"] as const)[i % 4];
        await ctx.db.insert("pickLists", {
          warehouseId: warehouses[i % 3]._id,
          number: `PL-S${i}`,
          kind: "batch",
          status,
          requireBinScan: false,
          shipmentIds: [],
          unitsTotal: 10,
          unitsPicked: status === "done" ? 10 : 3,
          unitsShort: 0,
          createdAt: Date.now(),
          claimedBy: status === "in_progress" ? floorMember : undefined,
          claimedByName: status === "in_progress" ? `Picker ${i}` : undefined,
          doneAt: status === "done" ? Date.now() : undefined,
        });
      }
      return { warehouses, products };
    }),
  );
  const now = Date.now();
  // One buffer over all batches, written at the end. No order-driven figure exists yet, so its rows
  // are inserted without the read-modify-write of BoardBuffer.flush (each read would scan the
  // whole in-memory database).
  const b = new BoardBuffer();
  const oldest = new Map<Id<"products">, number>();
  returnedUnits.clear();
  for (let start = 0; start < n; start += batch) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(n, start + batch); i++)
        await insertScaleOrder(ctx, b, { oldest, i, now, warehouses: base.warehouses, products: base.products });
    });
  }
  await t.run(async (ctx) => {
    // A fixed amount of postage (28 days × 3 carrier services) and returns (the lines marked
    // returned while inserting, one reason each), whatever `n` is.
    for (let d = 0; d < 28; d++) {
      for (const [carrier, service] of [
        ["UPS", "Ground"],
        ["USPS", "Priority"],
        ["FedEx", "2Day"],
      ]) {
        const row = {
          day: dayKey(now - d * DAY),
          carrier,
          service,
          currency: "USD",
          amountMinor: 1500 + d * 10,
          labels: 3,
          voids: 0,
        };
        countSpendRow(b, { ...row, _id: await ctx.db.insert("carrierSpend", row), _creationTime: 0 }, 1);
      }
    }
    for (const [key, units] of returnedUnits) {
      const [productId, sku, reason] = key.split("|") as [Id<"products">, string, ReturnReason];
      const row = { productId, sku, reason, authorised: units, restocked: units, damaged: 0, missing: 0 };
      countReturnStat(b, { ...row, _id: await ctx.db.insert("returnStats", row), _creationTime: 0 }, 1);
    }
    for (const c of b.counters.values()) {
      if (c.board === "floor") throw new Error("seedScale adds no floor figures");
      await ctx.db.insert("boardCounters", {
        board: c.board,
        bucket: c.bucket,
        shard: c.shard,
        values: Object.fromEntries([...c.values].filter(([, v]) => v !== 0)),
      });
    }
    for (const [productId, d] of b.demand) {
      const units = d.unallocated + d.backordered;
      if (units)
        await ctx.db.insert("productDemand", {
          productId,
          sku: d.sku,
          name: d.name,
          unallocated: d.unallocated,
          backordered: d.backordered,
          units,
          oldestQueuedAt: oldest.get(productId),
        });
    }
    for (const [productId, d] of b.shipped)
      await ctx.db.insert("productShipments", {
        productId,
        sku: d.sku,
        shipped: d.shipped,
        returned: d.returned,
        reasons: d.reasons,
      });
  });
  return { warehouses: base.warehouses.map((w) => w._id), products: base.products };
}

/** product|sku|reason → units returned by the scale fixture's lines (module state for one seedScale call). */
const returnedUnits = new Map<string, number>();

/** The scale fixture's order `i`: where it stands in the workload, what it may use, and the oldest wait per product. */
type ScaleOrder = {
  oldest: Map<Id<"products">, number>;
  i: number;
  now: number;
  warehouses: Doc<"warehouses">[];
  products: Id<"products">[];
};

async function insertScaleOrder(
  ctx: MutationCtx,
  b: BoardBuffer,
  { oldest, i, now, warehouses, products }: ScaleOrder,
) {
  const status = SCALE_STATUSES[i % SCALE_STATUSES.length];
  const placedAt = now - ((i * 7919) % (30 * 24 * 60)) * 60_000;
  const quantity = 1 + (i % 3);
  const productId = products[i % products.length];
  const warehouse = warehouses[i % warehouses.length];
  const orderFields = {
    number: `SO-S${i}`,
    kind: "phone" as const,
    channel: ["manual", "shopify", "amazon"][i % 3],
    customer: { name: "Scale", email: "scale@example.com" },
    shipTo: usAddress,
    currency: "USD" as const,
    totalMinor: 1000 * quantity,
    status,
    priority: i % 3,
    shipBy: i % 2 ? placedAt + 36 * HOUR : undefined,
    placedAt,
  };
  const orderId = await ctx.db.insert("orders", orderFields);
  const order: Doc<"orders"> = { ...orderFields, _id: orderId, _creationTime: 0 };
  const shipped = isCompletedOrder(status) || status === "partially_shipped" ? quantity : 0;
  const backordered = status === "backordered" ? quantity : 0;
  const unallocated = status === "pending" || status === "on_hold" || status === "ready" ? quantity : 0;
  const cancelled = status === "cancelled" ? quantity : 0;
  const lineFields = {
    orderId,
    productId,
    sku: `SC-${i % products.length}`,
    name: "Scale product",
    unitPriceMinor: 1000,
    quantity,
    unallocated,
    allocated: quantity - backordered - unallocated - cancelled,
    backordered,
    dropshipped: 0,
    cancelled,
    picked: shipped,
    shipped,
    returned: isCompletedOrder(status) && i % 41 === 0 ? 1 : 0,
  };
  if (lineFields.returned) {
    const key = `${productId}|${lineFields.sku}|${["defective", "size_or_fit", "wrong_item"][i % 3]}`;
    returnedUnits.set(key, (returnedUnits.get(key) ?? 0) + 1);
  }
  const lineId = await ctx.db.insert("orderLines", lineFields);
  countLine(b, { ...lineFields, _id: lineId, _creationTime: 0 }, 1);
  const shipmentStatus = SHIPMENT_OF[status];
  const shippedAt = shipmentStatus === "shipped" ? Math.min(now, placedAt + 20 * HOUR) : undefined;
  if (shipmentStatus) {
    const shipment = {
      orderId,
      number: `SO-S${i}-1`,
      warehouseId: warehouse._id,
      source: "stock" as const,
      status: shipmentStatus,
      createdAt: placedAt,
      lines: [{ orderLineId: lineId, productId, sku: `SC-${i % products.length}`, quantity, picked: shipped }],
      shippedAt,
    };
    // Documents are rebuilt in hand rather than read back: in convex-test every read is an index range.
    countShipment(b, { ...shipment, _id: await ctx.db.insert("shipments", shipment), _creationTime: 0 }, 1);
  }
  if (backordered) {
    await ctx.db.insert("backorders", {
      orderId,
      orderLineId: lineId,
      productId,
      quantity,
      rank: 2 - (i % 3),
      queuedAt: placedAt,
    });
    oldest.set(productId, Math.min(oldest.get(productId) ?? Infinity, placedAt));
  }
  countOrder(b, order, 1);
  if (isCompletedOrder(status)) {
    const { bucket, values } = completedFigures({
      placedAt,
      shipBy: order.shipBy,
      shippedAt,
      unitsOrdered: quantity,
      unitsShipped: shipped,
      unitsCancelled: 0,
      unitsReturned: lineFields.returned,
      shipments: 1,
      shortPicked: false,
    });
    b.count({ board: "metrics", bucket, seed: orderId }, values, 1);
  }
  if (isOpenOrder(status)) {
    const w = shipmentStatus ? warehouse : undefined;
    const { deadline, source } = deadlineOf(order, w);
    await ctx.db.insert("openOrders", {
      orderId,
      number: order.number,
      channel: order.channel,
      status,
      priority: order.priority,
      placedAt,
      shipBy: order.shipBy,
      warehouseId: w?._id,
      deadline,
      deadlineSource: source,
    });
  }
}
