/**
 * The adversarial model-based run (issue 13, not a Convex module: two dots). fast-check `commands`
 * drive the public API under convex-test as real callers would — create (manual, CSV, channel),
 * allocate, re-allocate, strategy change, hold/release, cancel, cancel lines (duplicates and
 * over-asks), receive, adjust, transfer, write off, pick, short pick, pack, buy/void/relabel, RMA,
 * receive return (restock or damaged), exception queue actions (release, cancel, re-route), holds on
 * orders and shipments, payment confirmed/failed — in random order with random and boundary arguments. After
 * every command the truth check (model/invariants) must report nothing, and every refusal must be a
 * typed ConvexError with a sentence; anything else is counted and fails the run.
 *
 * Used by convex/invariants.test.ts (a CI-sized run) and convex/invariants.soak.test.ts (`npm run soak`).
 */
import fc from "fast-check";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { invariantReport, seedStock, setupTest, usAddress, warehouseInput } from "./setup.testing";
import { pickShipment, packShipment } from "./boards.testing";
import { channelOrder, connectStore, csvRow, importPage } from "./channels.testing";
import { isAppErrorData } from "../lib/errors";
import { MAX_LINE_QUANTITY, MAX_MONEY_MINOR, MAX_MOVEMENT_QUANTITY } from "../lib/bounds";
import { saveWarehouse } from "../model/warehouses/warehouses";
import type { Violation } from "../model/invariants/check";

type Backend = Awaited<ReturnType<typeof setupTest>>;

/** The real system under test plus what the commands need to name things. */
export type Real = {
  b: Backend;
  productIds: Id<"products">[];
  skus: string[];
  barcodes: string[];
  warehouseIds: Id<"warehouses">[];
  /** The channels are connected on first use (half the sequences never need them). */
  channel: () => Promise<Id<"channels">>;
  orders: Id<"orders">[];
  stats: RunStats;
  log: string[];
};

export type RunStats = {
  sequences: number;
  commands: number;
  refused: number;
  violations: number;
  unhandled: number;
  byCommand: Record<string, number>;
  firstFailure?: string;
};

/** The model: only counts (the real database is the state; the truth check is the oracle). */
type Model = { orders: number };

/** Quantities a person (or an attacker) might send: small, boundary and broken values. */
export const arbQuantity = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      0,
      -1,
      1.5,
      MAX_LINE_QUANTITY,
      MAX_LINE_QUANTITY + 1,
      MAX_MOVEMENT_QUANTITY,
      MAX_MOVEMENT_QUANTITY + 1,
      2 ** 53,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e308,
    ),
  },
);
const arbPrice = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 50_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(-1, 0.5, MAX_MONEY_MINOR, MAX_MONEY_MINOR + 1, Number.MAX_SAFE_INTEGER, Number.NaN),
  },
);
const arbText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("customer asked", "damaged in transit", "count") },
  { weight: 1, arbitrary: fc.constantFrom("", "x", "y".repeat(5_000), "z".repeat(100_001)) },
);
const arbPick = fc.nat({ max: 1_000 });

/** Runs one public call: a typed refusal is fine; a bare error is counted; then the truth check. */
async function step(r: Real, name: string, call: () => Promise<unknown>) {
  r.stats.commands += 1;
  r.stats.byCommand[name] = (r.stats.byCommand[name] ?? 0) + 1;
  r.log.push(name);
  try {
    await call();
  } catch (e) {
    const data = (e as { data?: unknown }).data;
    if (
      isAppErrorData(data) &&
      typeof data.message === "string" &&
      data.message.length > 0 &&
      !/^Uncaught|Error:/.test(data.message)
    ) {
      r.stats.refused += 1;
    } else {
      r.stats.unhandled += 1;
      r.stats.firstFailure ??= `${r.log.join(" → ")}: untyped error ${(e as Error).message?.slice(0, 400)}`;
      throw new Error(`unhandled error after ${r.log.join(" → ")}: ${(e as Error).message}`);
    }
  }
  const violations: Violation[] = await invariantReport(r.b.t, 500);
  if (violations.length > 0) {
    r.stats.violations += violations.length;
    r.stats.firstFailure ??= `${r.log.join(" → ")}: ${JSON.stringify(violations.slice(0, 3))}`;
    throw new Error(`invariants broken after ${r.log.join(" → ")}:\n${JSON.stringify(violations, null, 1)}`);
  }
}

const at = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);

async function rows<T>(r: Real, read: (ctx: Parameters<Parameters<Backend["t"]["run"]>[0]>[0]) => Promise<T>) {
  return r.b.t.run(read);
}

type Cmd = fc.AsyncCommand<Model, Real>;
const cmd = (name: string, run: (r: Real) => Promise<void>): Cmd => ({
  check: () => true,
  run: async (_m, r) => run(r),
  toString: () => name,
});

/** The product and warehouse a stock command picked (`p`, `w`). */
const stockAt = (r: Real, a: { p: number; w: number }) => ({
  productId: at(r.productIds, a.p)!,
  warehouseId: at(r.warehouseIds, a.w)!,
});

/** A command on one of the orders made so far (`o` picks it; nothing happens before the first order). */
const orderCmd = <A extends { o: number }>(
  name: string,
  arb: fc.Arbitrary<A>,
  call: (r: Real, orderId: Id<"orders">, a: A) => Promise<unknown>,
) =>
  arb.map((a) =>
    cmd(`${name}(${JSON.stringify(a)})`, async (r) => {
      const orderId = at(r.orders, a.o);
      if (orderId) await step(r, name, () => call(r, orderId, a));
    }),
  );

/** Every command, each with its own random and boundary arguments. */
export const commandArbs: fc.Arbitrary<Cmd>[] = [
  fc
    .record({
      lines: fc.array(fc.record({ p: arbPick, qty: arbQuantity, price: arbPrice }), { minLength: 1, maxLength: 3 }),
      priority: fc.constantFrom(0, 1, 2),
      dup: fc.boolean(),
    })
    .map((a) =>
      cmd(`createManual(${JSON.stringify(a)})`, async (r) => {
        const lines = a.lines.map((l) => ({
          productId: at(r.productIds, l.p)!,
          quantity: l.qty,
          unitPriceMinor: l.price,
        }));
        if (a.dup) lines.push({ ...lines[0] });
        await step(r, "createManual", async () => {
          const { orderId } = await r.b.supervisor.mutation(api.orders.createManual, {
            order: {
              kind: "phone",
              customer: { name: "Pat", email: "pat@example.com" },
              shipTo: usAddress,
              currency: "USD",
              lines,
              priority: a.priority,
            },
          });
          r.orders.push(orderId);
        });
      }),
    ),
  fc
    .record({
      p: arbPick,
      qty: fc.oneof(
        fc.constantFrom("1", "2", "3", "0", "-1", "1.5", "1e3", " 2", "0x10", "2,000", "99999999999999999999"),
        fc.nat({ max: 9 }).map(String),
      ),
      price: fc.constantFrom("19.99", "5", "0.999", "1,000.00", "$3.50", "1e2", "-2.00", "12.345"),
      n: fc.nat(),
    })
    .map((a) =>
      cmd(`importCsv(${JSON.stringify(a)})`, async (r) => {
        const row = csvRow({
          order_id: `CSV-${a.n}-${r.stats.commands}`,
          ship_name: "Pat Doe",
          sku: at(r.skus, a.p)!,
          quantity: a.qty,
          unit_price: a.price,
        });
        await r.channel();
        await step(r, "importCsv", () =>
          r.b.supervisor.mutation(api.channels.importCsv, { rows: [row], excludedRows: [] }),
        );
      }),
    ),
  fc
    .record({ p: arbPick, qty: arbQuantity, price: arbPrice, cancelled: fc.boolean(), n: fc.nat({ max: 5 }) })
    .map((a) =>
      cmd(`channelPull(${JSON.stringify(a)})`, async (r) => {
        // Re-pulling an id (n is small) proves idempotency; `cancelled` is the buyer cancelling later.
        const o = channelOrder({
          externalId: `AMZ-${a.n}`,
          cancelled: a.cancelled,
          lines: [{ externalLineId: "L1", listingSku: at(r.skus, a.p)!, quantity: a.qty, unitPriceMinor: a.price }],
        });
        const channelId = await r.channel();
        await step(r, "channelPull", () => importPage(r.b.t, channelId, [o]));
      }),
    ),
  orderCmd(
    "allocate",
    fc.record({
      o: arbPick,
      strategy: fc.constantFrom(undefined, "proximity", "single_warehouse", "fifo_cost", "nope"),
    }),
    (r, orderId, a) => r.b.supervisor.mutation(api.allocation.allocate, { orderId, strategy: a.strategy }),
  ),
  orderCmd(
    "reallocate",
    fc.record({ o: arbPick, strategy: fc.constantFrom(undefined, "proximity", "single_warehouse", "fifo_cost") }),
    (r, orderId, a) => r.b.supervisor.mutation(api.allocation.reallocate, { orderId, strategy: a.strategy }),
  ),
  fc
    .constantFrom("proximity", "single_warehouse", "fifo_cost")
    .map((strategy) =>
      cmd(`setDefaultStrategy(${strategy})`, (r) =>
        step(r, "setDefaultStrategy", () => r.b.admin.mutation(api.allocation.setDefaultStrategy, { strategy })),
      ),
    ),
  orderCmd("hold", fc.record({ o: arbPick, reason: arbText }), (r, orderId, a) =>
    r.b.supervisor.mutation(api.orders.hold, { orderId, reason: a.reason }),
  ),
  orderCmd(
    "release",
    arbPick.map((o) => ({ o })),
    (r, orderId) => r.b.supervisor.mutation(api.orders.release, { orderId }),
  ),
  orderCmd("cancel", fc.record({ o: arbPick, reason: arbText }), (r, orderId, a) =>
    r.b.supervisor.mutation(api.orders.cancel, { orderId, reason: a.reason }),
  ),
  fc
    .record({
      o: arbPick,
      entries: fc.array(fc.record({ l: arbPick, qty: arbQuantity }), { minLength: 1, maxLength: 3 }),
      dup: fc.boolean(),
    })
    .map((a) =>
      cmd(`cancelOrderLines(${JSON.stringify(a)})`, async (r) => {
        const orderId = at(r.orders, a.o);
        if (!orderId) return;
        const lines = await rows(r, (ctx) =>
          ctx.db
            .query("orderLines")
            .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
            .collect(),
        );
        const entries = a.entries.map((e) => ({ lineId: at(lines, e.l)!._id, quantity: e.qty }));
        if (a.dup) entries.push({ ...entries[0], quantity: 1 });
        await step(r, "cancelOrderLines", () =>
          r.b.supervisor.mutation(api.orders.cancelOrderLines, { orderId, lines: entries, reason: "customer asked" }),
        );
      }),
    ),
  fc
    .record({ p: arbPick, w: arbPick, qty: arbQuantity, cost: fc.option(arbPrice, { nil: undefined }) })
    .map((a) =>
      cmd(`receive(${JSON.stringify(a)})`, (r) =>
        step(r, "receive", () =>
          r.b.floor.mutation(api.inventory.receive, { ...stockAt(r, a), quantity: a.qty, unitCostMinor: a.cost }),
        ),
      ),
    ),
  fc.record({ p: arbPick, w: arbPick, qty: arbQuantity, negative: fc.boolean(), reason: arbText }).map((a) =>
    cmd(`adjust(${JSON.stringify({ ...a, reason: a.reason.length })})`, (r) =>
      step(r, "adjust", () =>
        r.b.supervisor.mutation(api.inventory.adjust, {
          ...stockAt(r, a),
          delta: a.negative ? -a.qty : a.qty,
          reason: a.reason,
        }),
      ),
    ),
  ),
  fc.record({ p: arbPick, from: arbPick, to: arbPick, qty: arbQuantity }).map((a) =>
    cmd(`transfer(${JSON.stringify(a)})`, (r) =>
      step(r, "transfer", () =>
        r.b.supervisor.mutation(api.inventory.transfer, {
          productId: at(r.productIds, a.p)!,
          fromWarehouseId: at(r.warehouseIds, a.from)!,
          toWarehouseId: at(r.warehouseIds, a.to)!,
          quantity: a.qty,
        }),
      ),
    ),
  ),
  fc
    .record({ p: arbPick, w: arbPick, qty: arbQuantity, reason: arbText })
    .map((a) =>
      cmd(`writeOff(${JSON.stringify({ ...a, reason: a.reason.length })})`, (r) =>
        step(r, "writeOff", () =>
          r.b.supervisor.mutation(api.inventory.writeOff, { ...stockAt(r, a), quantity: a.qty, reason: a.reason }),
        ),
      ),
    ),
  fc.record({ s: arbPick, short: fc.boolean() }).map((a) =>
    cmd(`pick(${JSON.stringify(a)})`, async (r) => {
      const open = await rows(r, async (ctx) =>
        (await ctx.db.query("shipments").collect()).filter(
          (s) => s.status === "open" && s.source === "stock" && !s.onHold && s.lines.some((l) => l.quantity > 0),
        ),
      );
      const s = at(open, a.s);
      if (s) await step(r, `pick${a.short ? " (short)" : ""}`, () => pickShipment(r.b, s._id, { short: a.short }));
    }),
  ),
  arbPick.map((i) =>
    cmd(`pack(${i})`, async (r) => {
      const picked = await rows(r, async (ctx) =>
        (await ctx.db.query("shipments").collect()).filter((s) => s.status === "picked"),
      );
      const s = at(picked, i);
      if (s) await step(r, "pack", () => packShipment(r.b, s._id));
    }),
  ),
  arbPick.map((i) =>
    cmd(`buyLabel(${i})`, async (r) => {
      const packed = await rows(r, async (ctx) =>
        (await ctx.db.query("shipments").collect()).filter((s) => s.status === "packed"),
      );
      const s = at(packed, i);
      if (!s) return;
      await step(r, "buyLabel", async () => {
        await r.b.floor.mutation(api.shipping.shopRates, { shipmentId: s._id, autoBuy: true });
        await r.b.t.finishAllScheduledFunctions(() => {});
      });
    }),
  ),
  fc.record({ i: arbPick, relabel: fc.boolean() }).map((a) =>
    cmd(`voidLabel(${JSON.stringify(a)})`, async (r) => {
      const labels = await rows(r, async (ctx) =>
        (await ctx.db.query("shippingLabels").collect()).filter((l) => l.status === "purchased"),
      );
      const label = at(labels, a.i);
      if (!label) return;
      await step(r, "voidLabel", async () => {
        await r.b.supervisor.mutation(api.shipping.voidLabel, { labelId: label._id });
        await r.b.t.finishAllScheduledFunctions(() => {});
      });
      if (a.relabel) {
        await step(r, "relabel", async () => {
          await r.b.floor.mutation(api.shipping.buyLabels, { shipmentId: label.shipmentId });
          await r.b.t.finishAllScheduledFunctions(() => {});
        });
      }
    }),
  ),
  fc
    .record({
      l: arbPick,
      qty: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: arbQuantity }),
      dup: fc.boolean(),
      reason: fc.constantFrom("defective", "size_or_fit", "wrong_item"),
    })
    .map((a) =>
      cmd(`issueRma(${JSON.stringify(a)})`, async (r) => {
        const shipped = await rows(r, async (ctx) =>
          (await ctx.db.query("orderLines").collect()).filter((l) => l.shipped > 0),
        );
        const line = at(shipped, a.l);
        if (!line) return;
        const lines = [{ orderLineId: line._id, quantity: a.qty, reason: a.reason }];
        if (a.dup) lines.push({ orderLineId: line._id, quantity: 1, reason: "defective" });
        await step(r, "issueRma", () =>
          r.b.supervisor.mutation(api.returns.issue, {
            rma: { orderId: line.orderId, lines, expectedDisposition: "restock" },
          }),
        );
      }),
    ),
  fc.record({ i: arbPick, w: arbPick, damaged: fc.boolean(), wrongCode: fc.boolean() }).map((a) =>
    cmd(`receiveReturn(${JSON.stringify(a)})`, async (r) => {
      const open = await rows(r, async (ctx) =>
        (await ctx.db.query("rmaLines").collect()).filter((l) => l.restocked + l.damaged + l.missing < l.quantity),
      );
      const line = at(open, a.i);
      if (!line) return;
      const product = await rows(r, (ctx) => ctx.db.get("products", line.productId));
      await step(r, `receiveReturn${a.damaged ? " (damaged)" : ""}`, () =>
        r.b.floor.mutation(api.returns.receive, {
          rmaId: line.rmaId,
          code: a.wrongCode ? at(r.barcodes, a.i + 1)! : product!.barcodes[0],
          disposition: a.damaged ? "damaged" : "restock",
          warehouseId: at(r.warehouseIds, a.w),
          scanId: `ret-${r.stats.commands}`,
        }),
      );
    }),
  ),
  fc
    .record({
      i: arbPick,
      how: fc.constantFrom("release", "cancel", "reroute", "reroute"),
      strategy: fc.constantFrom(undefined, "single_warehouse", "fifo_cost"),
    })
    .map((a) =>
      cmd(`resolveException(${JSON.stringify(a)})`, async (r) => {
        const open = await rows(r, (ctx) =>
          ctx.db
            .query("orderHolds")
            .withIndex("by_status_and_createdAt", (q) => q.eq("status", "open"))
            .collect(),
        );
        const hold = at(open, a.i);
        if (!hold) return;
        await step(r, `exception:${a.how}`, () =>
          a.how === "release"
            ? r.b.supervisor.mutation(api.holds.release, { holdId: hold._id, note: "checked by phone" })
            : a.how === "cancel"
              ? r.b.supervisor.mutation(api.holds.cancel, { holdId: hold._id, note: "customer asked" })
              : r.b.supervisor.mutation(api.holds.reroute, { holdId: hold._id, strategy: a.strategy }),
        );
      }),
    ),
  fc.record({ o: arbPick, shipment: fc.boolean() }).map((a) =>
    cmd(`placeHold(${JSON.stringify(a)})`, async (r) => {
      const orderId = at(r.orders, a.o);
      if (!orderId) return;
      const shipment = a.shipment
        ? await rows(r, (ctx) =>
            ctx.db
              .query("shipments")
              .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
              .first(),
          )
        : null;
      await step(r, `placeHold${shipment ? " (shipment)" : ""}`, () =>
        r.b.supervisor.mutation(api.holds.placeHold, {
          orderId,
          reason: "check the address",
          shipmentId: shipment?._id,
        }),
      );
    }),
  ),
  fc.record({ o: arbPick, paid: fc.boolean() }).map((a) =>
    cmd(`payment(${JSON.stringify(a)})`, async (r) => {
      const orderId = at(r.orders, a.o);
      if (!orderId) return;
      await step(r, a.paid ? "payment:confirmed" : "payment:failed", () =>
        a.paid
          ? r.b.t.mutation(internal.holds.confirmPayment, { orderId, reference: "ch_1" })
          : r.b.t.mutation(internal.holds.failPayment, { orderId, reason: "card declined" }),
      );
    }),
  ),
];

/** Pushes one order's open stock shipment along the floor: pick (maybe short), pack, buy a label. */
const flowArb = fc.record({ s: arbPick, short: fc.boolean(), stopAfter: fc.constantFrom(1, 2, 3, 3) }).map((a) =>
  cmd(`flow(${JSON.stringify(a)})`, async (r) => {
    const open = await rows(r, async (ctx) =>
      (await ctx.db.query("shipments").collect()).filter(
        (s) => s.status === "open" && s.source === "stock" && !s.onHold && s.lines.some((l) => l.quantity > 0),
      ),
    );
    const s = at(open, a.s);
    if (!s) return;
    await step(r, `flow:pick${a.short ? " (short)" : ""}`, () => pickShipment(r.b, s._id, { short: a.short }));
    if (a.stopAfter < 2) return;
    await step(r, "flow:pack", () => packShipment(r.b, s._id));
    if (a.stopAfter < 3) return;
    await step(r, "flow:buyLabel", async () => {
      const now = await rows(r, (ctx) => ctx.db.get("shipments", s._id));
      if (now?.status !== "packed") return;
      await r.b.floor.mutation(api.shipping.shopRates, { shipmentId: s._id, autoBuy: true });
      await r.b.t.finishAllScheduledFunctions(() => {});
    });
  }),
);

/** The commands fast-check draws from, the floor and returns weighted up so runs reach them. */
export const weightedCommands: fc.Arbitrary<Cmd>[] = [
  ...commandArbs,
  flowArb,
  flowArb,
  flowArb,
  ...commandArbs.slice(-6, -3),
  ...commandArbs.slice(-5, -3),
];

/** A fresh backend with two warehouses, three products (one without stock) and a channel. */
export async function freshReal(stats: RunStats): Promise<Real> {
  const b = await setupTest();
  const { productIds, warehouseId } = await seedStock(b.t, [8, 3, 0]);
  const second = await b.t.run((ctx) =>
    saveWarehouse(
      ctx,
      undefined,
      warehouseInput({
        latitude: 34,
        longitude: -118,
        address: {
          name: "West",
          line1: "1 Dock Rd",
          city: "Los Angeles",
          region: "CA",
          postalCode: "90001",
          country: "US",
        },
      }),
    ),
  );
  const products = await b.t.run(async (ctx) => Promise.all(productIds.map((id) => ctx.db.get("products", id))));
  let channelId: Id<"channels"> | undefined;
  const channel = async () => {
    if (!channelId) {
      channelId = await connectStore(b.t, "amazon");
      await connectStore(b.t, "csv");
    }
    return channelId;
  };
  // Two orders to start from (more come from the create commands).
  const orders: Id<"orders">[] = [];
  for (const [i, qty] of [
    [0, 2],
    [1, 1],
  ] as const) {
    const { orderId } = await b.supervisor.mutation(api.orders.createManual, {
      order: {
        kind: "phone",
        customer: { name: "Pat", email: "pat@example.com" },
        shipTo: usAddress,
        currency: "USD",
        lines: [{ productId: productIds[i], quantity: qty, unitPriceMinor: 1500 }],
      },
    });
    orders.push(orderId);
  }
  return {
    b,
    productIds,
    skus: products.map((p) => p!.sku),
    barcodes: products.map((p) => p!.barcodes[0]),
    warehouseIds: [warehouseId, second],
    channel,
    orders,
    stats,
    log: [],
  };
}

/** The property: any sequence of commands keeps every invariant and refuses only with typed errors. */
export function invariantProperty(stats: RunStats, maxCommands: number) {
  return fc.asyncProperty(fc.commands(weightedCommands, { maxCommands, size: "max" }), async (cmds) => {
    const real = await freshReal(stats);
    stats.sequences += 1;
    await fc.asyncModelRun(() => ({ model: { orders: 0 }, real }), cmds);
  });
}

export const emptyStats = (): RunStats => ({
  sequences: 0,
  commands: 0,
  refused: 0,
  violations: 0,
  unhandled: 0,
  byCommand: {},
});
