/**
 * Issue 20 figures (vitest project "bench", written to bench/.tmp/carriers.json for bench/run.ts):
 *  - carrier_board_docs_read_1k / _40k: documents the Carriers board query (the real public
 *    query, 4 weeks as the page opens it, with a supervisor's identity) reads at 1,000 and 40,000
 *    shipments, from convex-test's transaction metrics. The shipments' board shares are counted
 *    through the same contribution as the carrierShipments trigger (one buffer, flushed once).
 *  - finance_export_40k_orders_ms: wall time of the finance export action (internal
 *    financeActions:run: pages, CSV/JSON, storage) over 40,000 orders seeded as the boards' scale
 *    seed makes them, on the offline runtime's indexed convex-test, in one process: a relative
 *    figure, not a deployment's.
 * A benchmark, not a test: asserts nothing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { test } from "vitest";
import { convexTest } from "convex-test";
import schema from "../convex/schema";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { modules } from "../convex/testing/setup.testing";
import { seedScale } from "../convex/testing/boards.testing";
import { dayKey, roundNow, weekOf } from "../convex/lib/clock";
import { BoardBuffer } from "../convex/model/boards/buffer";
import { countCarrierShipment } from "../convex/model/carriers/board";
import { seeded } from "../convex/model/tracking/simulator";
// The offline runtime's convex-test: indexed reads visit only their candidates (plain convex-test
// walks every document per read, which makes 40,000 orders × 3 lookups take hours).
import { convexTest as indexedConvexTest } from "../dev/convexTest";

const SERVICES = [
  ["USPS", "Ground Advantage", 4],
  ["USPS", "Priority Mail", 2],
  ["UPS", "Ground", 4],
  ["UPS", "2nd Day Air", 2],
  ["UPS", "Next Day Air", 1],
  ["FedEx", "International Economy", 5],
] as const;
const LANES = ["EWR", "RNO", "CVT"].flatMap((w) =>
  ["US-CA", "US-NY", "US-TX", "US-WA", "US-IL", "US-FL", "US-GA", "CA-ON", "GB", "DE"].map((d) => `${w}>${d}`),
);

function supervisorBackend() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  return t;
}

async function boardReads(shipments: number) {
  const t = supervisorBackend();
  await t.run((ctx) =>
    ctx.db.insert("members", {
      name: "Sam",
      email: "sam@example.com",
      role: "supervisor",
      active: true,
      tokenIdentifier: "bench|supervisor",
    }),
  );
  // One real order / shipment / warehouse for the ids; the board reads none of them.
  const ids = await t.run(async (ctx) => {
    const warehouseId = await ctx.db.insert("warehouses", {
      code: "EWR",
      name: "EWR",
      kind: "warehouse",
      active: true,
      address: { name: "x", line1: "x", city: "Newark", region: "NJ", postalCode: "07105", country: "US" },
      latitude: 40.7,
      longitude: -74.1,
      cutoffLocal: "15:00",
      timezone: "America/New_York",
      priority: 1,
    });
    const orderId = await ctx.db.insert("orders", {
      number: "SO-B",
      kind: "phone",
      channel: "manual",
      customer: { name: "B", email: "b@example.com" },
      shipTo: { name: "B", line1: "x", city: "x", postalCode: "94105", country: "US" },
      currency: "USD",
      totalMinor: 1000,
      status: "shipped",
      priority: 0,
      placedAt: Date.now(),
    });
    const shipmentId = await ctx.db.insert("shipments", {
      orderId,
      number: "SO-B-1",
      warehouseId,
      source: "stock",
      status: "shipped",
      lines: [],
      createdAt: Date.now(),
    });
    return { warehouseId, orderId, shipmentId };
  });
  const rnd = seeded(`bench-${shipments}`);
  const now = Date.now();
  const b = new BoardBuffer();
  const BATCH = 2000;
  for (let start = 0; start < shipments; start += BATCH) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(shipments, start + BATCH); i++) {
        const [carrier, service, promised] = SERVICES[Math.floor(rnd() * SERVICES.length)];
        const purchasedAt = now - Math.floor(rnd() * 27 * 86_400_000);
        const delivered = rnd() < 0.85;
        const transitDays = delivered ? Math.max(1, promised + Math.floor(rnd() * 4) - 1) : undefined;
        const row = {
          shipmentId: ids.shipmentId as Id<"shipments">,
          orderId: ids.orderId as Id<"orders">,
          warehouseId: ids.warehouseId as Id<"warehouses">,
          provider: "table",
          carrier,
          service,
          lane: LANES[Math.floor(rnd() * LANES.length)],
          status: delivered ? ("delivered" as const) : ("in_transit" as const),
          promisedDays: promised,
          purchasedAt,
          week: weekOf(dayKey(purchasedAt)),
          packages: 1,
          deliveredPackages: delivered ? 1 : 0,
          costMinor: 500 + Math.floor(rnd() * 3000),
          currency: "USD",
          dearestMinor: 4000,
          weightGrams: 300 + Math.floor(rnd() * 5000),
          co2eGrams: Math.floor(rnd() * 3000),
          deliveredAt: delivered ? purchasedAt + transitDays! * 86_400_000 - 3_600_000 : undefined,
          transitDays,
          onTime: transitDays !== undefined ? transitDays <= promised : undefined,
          exception: rnd() < 0.02,
          damagedUnits: rnd() < 0.01 ? 1 : 0,
          dueAt: purchasedAt + (promised + 1) * 86_400_000,
        };
        countCarrierShipment(b, { ...row, _id: await ctx.db.insert("carrierShipments", row), _creationTime: 0 }, 1);
      }
    });
  }
  await t.run((ctx) => b.flush(ctx));
  const supervisor = t.withIdentity({ tokenIdentifier: "bench|supervisor", subject: "supervisor", issuer: "bench" });
  const nowBucket = roundNow(now);
  return supervisor.run(async (ctx) => {
    const read = async () => (await ctx.meta.getTransactionMetrics()).documentsRead.used;
    const out: Record<string, number> = {};
    for (const weeks of [4, 12]) {
      const before = await read();
      const r = await ctx.runQuery(api.carrierBoard.board, { nowBucket, weeks });
      out[`weeks${weeks}`] = (await read()) - before;
      out[`rows${weeks}`] = r.rows.length;
    }
    return out;
  });
}

async function financeExportMs(orders: number) {
  const t = indexedConvexTest({ schema, modules });
  const memberId = await t.run((ctx) =>
    ctx.db.insert("members", {
      name: "Sam",
      email: "sam@example.com",
      role: "supervisor",
      active: true,
      tokenIdentifier: "bench|supervisor",
    }),
  );
  await seedScale(t, orders);
  const exportId = await t.run((ctx) =>
    ctx.db.insert("financeExports", {
      from: 0,
      to: Date.now() + 86_400_000,
      status: "running",
      requestedBy: memberId,
      requestedByName: "Sam",
      requestedAt: Date.now(),
      ordersDone: 0,
    }),
  );
  const started = performance.now();
  await t.action(internal.financeActions.run, { exportId });
  const ms = Math.round(performance.now() - started);
  const done = await t.run(async (ctx) => (await ctx.db.get("financeExports", exportId))!);
  return { ms, orders: done.ordersDone, status: done.status };
}

test("carrier board reads and finance export time", { timeout: 3_600_000 }, async () => {
  const t0 = Date.now();
  const log = (what: string) => console.log(`[carriers bench] ${what} after ${Math.round((Date.now() - t0) / 1000)} s`);
  const small = await boardReads(1_000);
  log("1k board");
  const large = await boardReads(40_000);
  log("40k board");
  const finance = await financeExportMs(40_000);
  log("40k finance export");
  const out = {
    carrier_board_docs_read_1k: small.weeks4,
    carrier_board_docs_read_40k: large.weeks4,
    finance_export_40k_orders_ms: finance.ms,
    carrier_board_docs_detail: {
      at1k: small,
      at40k: large,
      financeOrders: finance.orders,
      financeStatus: finance.status,
    },
  };
  mkdirSync("bench/.tmp", { recursive: true });
  writeFileSync("bench/.tmp/carriers.json", JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out));
});
