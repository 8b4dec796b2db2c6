/**
 * Returns (RMA) scenarios end to end through the public API: issue with over-return refused,
 * approval of customer requests, receipt by scan into restock / damaged / missing, backorders
 * filled by restocked units, refunds, the lifecycle and roles. Every scenario ends with the
 * ledger and line checks (expectInvariants).
 *
 * Shipped orders are built by createManual (auto-allocates) and then, in t.run, patching each
 * shipment to "packed" (lines picked and packed in full) and calling shipShipment — the floor
 * flow is tested in floor.test.ts; returns only need goods that really left through the ledger.
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { shipShipment } from "./model/fulfillment/ship";
import { seedReturns } from "./model/seed/returns";
import {
  errorOf,
  expectInvariants,
  levelOf,
  phoneOrder,
  seedStock,
  setupStocked,
  setupTest,
  upc,
  usAddress,
} from "./testing/setup.testing";
import type { RmaInput } from "./model/returns/tables";
import type { ReturnReason } from "./lib/returns";
import { MAX_RMAS_PER_LINE, MAX_RMAS_PER_ORDER } from "./lib/bounds";

type Backend = Awaited<ReturnType<typeof setupTest>>;
let codes = 8000;
let scans = 0;
const scanId = () => `rscan-${++scans}`;

async function placeOrder(b: Backend, productIds: Id<"products">[], qty: number[], priceMinor = 1999) {
  const { orderId } = await b.supervisor.mutation(api.orders.createManual, {
    order: phoneOrder(productIds.map((productId, i) => ({ productId, quantity: qty[i], unitPriceMinor: priceMinor }))),
  });
  return orderId;
}

async function shipAll(b: Backend, orderId: Id<"orders">) {
  await b.t.run(async (ctx) => {
    const shipments = await ctx.db
      .query("shipments")
      .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
      .collect();
    for (const s of shipments) {
      if (s.status === "shipped" || s.status === "cancelled") continue;
      await ctx.db.patch("shipments", s._id, {
        status: "packed",
        lines: s.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
      });
      await shipShipment(ctx, undefined, s._id);
    }
  });
}

/** Products with known barcodes, stock in one warehouse, and one order of `qty` shipped in full. */
async function shippedOrder(b: Backend, stock: number[] = [10], qty: number[] = [3]) {
  const barcodes = stock.map(() => upc(++codes));
  const { productIds, warehouseId } = await seedStock(
    b.t,
    stock,
    barcodes.map((c) => ({ barcodes: [c] })),
  );
  const orderId = await placeOrder(b, productIds, qty);
  await shipAll(b, orderId);
  const { lines } = await b.floor.query(api.orders.get, { id: orderId });
  return { productIds, warehouseId, orderId, lines, barcodes };
}

const input = (
  orderId: Id<"orders">,
  lines: { orderLineId: Id<"orderLines">; quantity: number; reason?: ReturnReason }[],
  over: Partial<RmaInput> = {},
): RmaInput => ({
  orderId,
  lines: lines.map((l) => ({ ...l, reason: l.reason ?? "defective" })),
  expectedDisposition: "restock",
  ...over,
});

describe("issuing an RMA", () => {
  test("an operator RMA is approved at once, numbered, and on the order's trail", async () => {
    const b = await setupTest();
    const { orderId, lines } = await shippedOrder(b);
    const { number, rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 2 }]),
    });
    expect(number).toBe("RMA-10001");
    const { rma, history } = await b.floor.query(api.returns.get, { rmaId });
    expect(rma).toMatchObject({
      status: "approved",
      origin: "operator",
      unitsAuthorised: 2,
      refundStatus: "not_due",
      orderNumber: (await b.floor.query(api.orders.get, { id: orderId })).order.number,
    });
    expect(rma.refundPolicy.includeShipping).toBe(true); // defective: the merchant's fault
    expect(history[0].summary).toMatch(/RMA-10001: issued and approved/);
    const events = await b.floor.query(api.orders.events, { orderId, paginationOpts: { numItems: 5, cursor: null } });
    expect(events.page[0]).toMatchObject({ kind: "return", details: [`2 × ${lines[0].sku}: defective`] });
    await expectInvariants(b.t);
  });

  test("over-return is refused naming the line, and nothing is written", async () => {
    const b = await setupTest();
    const { orderId, lines } = await shippedOrder(b, [10], [3]);
    const err = await errorOf(
      b.supervisor.mutation(api.returns.issue, { rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 4 }]) }),
    );
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.fields?.["lines.0.quantity"]).toMatch(/At most 3 of SKU-\d+ can be returned \(3 shipped, 0 returned\)/);
    expect(await b.t.run((ctx) => ctx.db.query("rmas").collect())).toHaveLength(0);
    expect(
      await b.t.run((ctx) =>
        ctx.db
          .query("counters")
          .withIndex("by_name", (q) => q.eq("name", "rma"))
          .unique(),
      ),
    ).toBeNull();
    await expectInvariants(b.t);
  });

  test("units on an open RMA count against the next one until it is cancelled", async () => {
    const b = await setupTest();
    const { orderId, lines } = await shippedOrder(b, [10], [3]);
    const first = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 2 }]),
    });
    const err = await errorOf(
      b.supervisor.mutation(api.returns.issue, { rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 2 }]) }),
    );
    expect(err.fields?.["lines.0.quantity"]).toMatch(/At most 1 .*2 on open RMAs/);
    // Two lines of the same order line with different reasons add up too.
    const split = await errorOf(
      b.supervisor.mutation(api.returns.issue, {
        rma: input(orderId, [
          { orderLineId: lines[0]._id, quantity: 1 },
          { orderLineId: lines[0]._id, quantity: 1 },
        ]),
      }),
    );
    expect(split.fields?.["lines.1.quantity"]).toMatch(/At most 1/);
    expect((await b.supervisor.query(api.returns.returnable, { orderId }))[0]).toMatchObject({
      shipped: 3,
      pending: 2,
      returnable: 1,
    });
    await b.supervisor.mutation(api.returns.cancel, { rmaId: first.rmaId, reason: "Customer kept it" });
    expect((await b.supervisor.query(api.returns.returnable, { orderId }))[0].returnable).toBe(3);
    await expectInvariants(b.t);
  });

  test("an order line is on at most MAX_RMAS_PER_LINE returns; one more is refused in words", async () => {
    const b = await setupTest();
    // A wholesale line of 105 units: fraud review off, or the bulk-quantity rule would hold it.
    const settings = await b.admin.query(api.holds.settings, {});
    await b.admin.mutation(api.holds.saveSettings, {
      settings: { ...settings, fraud: { ...settings.fraud, enabled: false } },
    });
    const { orderId, lines } = await shippedOrder(b, [MAX_RMAS_PER_LINE + 5], [MAX_RMAS_PER_LINE + 5]);
    const one = () => input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]);
    for (let i = 0; i < MAX_RMAS_PER_LINE; i++) await b.supervisor.mutation(api.returns.issue, { rma: one() });
    // Every unit on those returns still counts (none is read past), and the next return is refused.
    expect((await b.supervisor.query(api.returns.returnable, { orderId }))[0]).toMatchObject({
      pending: MAX_RMAS_PER_LINE,
      returnable: 5,
    });
    const err = await errorOf(b.supervisor.mutation(api.returns.issue, { rma: one() }));
    expect(err.fields?.["lines.0.orderLineId"]).toMatch(/has been on 100 returns already/);
  });

  test("an order has at most MAX_RMAS_PER_ORDER RMAs; its page lists every one", async () => {
    const b = await setupTest();
    const settings = await b.admin.query(api.holds.settings, {});
    await b.admin.mutation(api.holds.saveSettings, {
      settings: { ...settings, fraud: { ...settings.fraud, enabled: false } },
    });
    const half = MAX_RMAS_PER_ORDER / 2;
    const { orderId, lines } = await shippedOrder(b, [half + 5, half + 5], [half + 5, half + 5]);
    const one = (line: number) => input(orderId, [{ orderLineId: lines[line]._id, quantity: 1 }]);
    for (let i = 0; i < MAX_RMAS_PER_ORDER; i++) await b.supervisor.mutation(api.returns.issue, { rma: one(i % 2) });
    expect(await b.floor.query(api.returns.forOrder, { orderId })).toHaveLength(MAX_RMAS_PER_ORDER);
    const err = await errorOf(b.supervisor.mutation(api.returns.issue, { rma: one(0) }));
    expect(err.fields?.lines).toMatch(/has 100 RMAs already/);
  });

  test("a line never shipped cannot be returned; a line of another order is refused", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const unshipped = await placeOrder(b, productIds, [1]);
    const other = await shippedOrder(b);
    const { lines } = await b.floor.query(api.orders.get, { id: unshipped });
    const err = await errorOf(
      b.supervisor.mutation(api.returns.issue, {
        rma: input(unshipped, [
          { orderLineId: lines[0]._id, quantity: 1 },
          { orderLineId: other.lines[0]._id, quantity: 1 },
        ]),
      }),
    );
    expect(err.fields?.["lines.0.quantity"]).toMatch(/No unit of .* can be returned \(0 shipped/);
    expect(err.fields?.["lines.1.orderLineId"]).toMatch(/not on order/);
    await expectInvariants(b.t);
  });
});

describe("customer requests", () => {
  test("land as requested, cannot be received until approved, and can be rejected", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes } = await shippedOrder(b);
    const { rmaId } = await b.t.mutation(internal.returns.requestReturnFromCustomer, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }], { expectedDisposition: "inspect" }),
    });
    expect((await b.floor.query(api.returns.get, { rmaId })).rma).toMatchObject({
      status: "requested",
      origin: "customer",
      createdByName: "Pat",
    });
    const early = await errorOf(
      b.floor.mutation(api.returns.receive, { rmaId, code: barcodes[0], disposition: "restock", scanId: scanId() }),
    );
    expect(early).toMatchObject({ code: "INVALID_TRANSITION" });
    expect(early.message).toMatch(/Approve it before receiving/);
    await b.supervisor.mutation(api.returns.approve, { rmaId });
    expect(
      (await b.supervisor.query(api.returns.stats, { paginationOpts: { numItems: 10, cursor: null } })).page[0],
    ).toMatchObject({ reason: "defective", authorised: 1 });
    const second = await b.t.mutation(internal.returns.requestReturnFromCustomer, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]),
    });
    expect(
      await b.supervisor.mutation(api.returns.reject, { rmaId: second.rmaId, reason: "Outside the 30-day window" }),
    ).toBe("rejected");
    expect((await errorOf(b.supervisor.mutation(api.returns.approve, { rmaId: second.rmaId }))).code).toBe(
      "INVALID_TRANSITION",
    );
    const over = await errorOf(
      b.t.mutation(internal.returns.requestReturnFromCustomer, {
        rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 3 }]),
      }),
    );
    expect(over.fields?.["lines.0.quantity"]).toMatch(/At most 2/);
    await expectInvariants(b.t);
  });
});

describe("receiving by scan", () => {
  test("restock raises on hand by exactly the restocked units and fills a waiting backorder", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes, productIds, warehouseId } = await shippedOrder(b, [2], [2]);
    const waiting = await placeOrder(b, productIds, [1]);
    expect((await b.floor.query(api.orders.get, { id: waiting })).order.status).toBe("backordered");
    const before = await levelOf(b.t, productIds[0], warehouseId);
    expect(before).toMatchObject({ onHand: 0, reserved: 0 });
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 2 }]),
    });
    const r = await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: ` ${barcodes[0]}\r\n`,
      disposition: "restock",
      scanId: scanId(),
    });
    expect(r).toMatchObject({ result: "ok", disposition: "restock", rmaStatus: "partially_received" });
    expect(r.filled).toHaveLength(1);
    const after = await levelOf(b.t, productIds[0], warehouseId);
    expect(after.onHand - before.onHand).toBe(1);
    expect(after.reserved).toBe(1); // the backorder took it in the same transaction
    expect((await b.floor.query(api.orders.get, { id: waiting })).order.status).toBe("allocated");
    const { page } = await b.floor.query(api.inventory.ledger, {
      productId: productIds[0],
      paginationOpts: { numItems: 1, cursor: null },
    });
    expect(page[0]).toMatchObject({ kind: "return_restock", onHandDelta: 1, reference: "RMA-10001" });
    const layers = await b.t.run((ctx) => ctx.db.query("costLayers").collect());
    expect(layers.some((l) => l.reference === "RMA-10001" && l.quantityReceived === 1)).toBe(true);
    expect((await b.floor.query(api.orders.get, { id: orderId })).lines[0]).toMatchObject({ shipped: 2, returned: 1 });
    await expectInvariants(b.t);
  });

  test("damaged units never become available and fill no backorder", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes, productIds, warehouseId } = await shippedOrder(b, [2], [2]);
    const waiting = await placeOrder(b, productIds, [1]);
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 2, reason: "damaged_in_transit" }], {
        expectedDisposition: "damaged",
      }),
    });
    for (let i = 0; i < 2; i++)
      expect(
        (
          await b.floor.mutation(api.returns.receive, {
            rmaId,
            code: barcodes[0],
            disposition: "damaged",
            scanId: scanId(),
          })
        ).result,
      ).toBe("ok");
    const after = await levelOf(b.t, productIds[0], warehouseId);
    expect(after).toMatchObject({ onHand: 0, reserved: 0, damaged: 2 });
    expect((await b.floor.query(api.orders.get, { id: waiting })).order.status).toBe("backordered");
    const { rma } = await b.floor.query(api.returns.get, { rmaId });
    expect(rma.status).toBe("received");
    expect((await b.floor.query(api.orders.get, { id: orderId })).lines[0].returned).toBe(2);
    await expectInvariants(b.t);
  });

  test("units not on the RMA or beyond the authorised quantity are refused and recorded", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes, productIds, warehouseId } = await shippedOrder(b, [5, 5], [2, 1]);
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]),
    });
    const unknown = await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: "NOPE-1",
      disposition: "restock",
      scanId: scanId(),
    });
    expect(unknown).toMatchObject({
      result: "refused",
      message: expect.stringMatching(/Scanned NOPE-1: not a SKU or barcode in the catalog/),
    });
    const notOn = await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: barcodes[1],
      disposition: "restock",
      scanId: scanId(),
    });
    expect(notOn.message).toMatch(/Scanned SKU-\d+ \(.*\): not on RMA-10001/);
    expect(
      (
        await b.floor.mutation(api.returns.receive, {
          rmaId,
          code: barcodes[0],
          disposition: "restock",
          scanId: scanId(),
        })
      ).result,
    ).toBe("ok");
    // The RMA is fully received now; an extra unit in the box is still refused and recorded.
    const beyond = await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: barcodes[0],
      disposition: "restock",
      scanId: scanId(),
    });
    expect(beyond).toMatchObject({
      result: "refused",
      rmaStatus: "received",
      message: expect.stringMatching(/All 1 authorised unit/),
    });
    const { units } = await b.floor.query(api.returns.get, { rmaId });
    expect(units.map((u) => u.result)).toEqual(["refused", "ok", "refused", "refused"]);
    expect((await levelOf(b.t, productIds[1], warehouseId)).onHand).toBe(4);
    expect((await levelOf(b.t, productIds[0], warehouseId)).onHand).toBe(4);
    await expectInvariants(b.t);
  });

  test("with no disposition named, a defective or damaged unit defaults to damaged, others to restock", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes, productIds, warehouseId } = await shippedOrder(b, [10, 10], [2, 1]);
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [
        { orderLineId: lines[0]._id, quantity: 1, reason: "defective" },
        { orderLineId: lines[0]._id, quantity: 1, reason: "damaged_in_transit" },
        { orderLineId: lines[1]._id, quantity: 1, reason: "size_or_fit" },
      ]),
    });
    const before = await levelOf(b.t, productIds[0], warehouseId);
    const r1 = await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: barcodes[0].toLowerCase(),
      scanId: scanId(),
    });
    const r2 = await b.floor.mutation(api.returns.receive, { rmaId, code: barcodes[0], scanId: scanId() });
    const r3 = await b.floor.mutation(api.returns.receive, { rmaId, code: barcodes[1], scanId: scanId() });
    expect([r1.disposition, r2.disposition, r3.disposition]).toEqual(["damaged", "damaged", "restock"]);
    const after = await levelOf(b.t, productIds[0], warehouseId);
    expect(after.onHand - before.onHand).toBe(0);
    await expectInvariants(b.t);
  });

  test("a retried scan counts once", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes, productIds, warehouseId } = await shippedOrder(b, [5], [2]);
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 2 }]),
    });
    const id = scanId();
    const first = await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: barcodes[0],
      disposition: "restock",
      scanId: id,
    });
    const again = await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: barcodes[0],
      disposition: "restock",
      scanId: id,
    });
    expect(again.message).toBe(first.message);
    expect((await levelOf(b.t, productIds[0], warehouseId)).onHand).toBe(4);
    await expectInvariants(b.t);
  });

  test("partial receipt, missing units, refund and close", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes, productIds, warehouseId } = await shippedOrder(b, [5], [3]);
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 3 }], {
        refundPolicy: { includeShipping: true, shippingMinor: 595, restockingFeeBps: 1000 },
      }),
    });
    await b.supervisor.mutation(api.returns.inTransit, { rmaId, trackingNumber: "1Z999AA10123456784" });
    await b.floor.mutation(api.returns.receive, { rmaId, code: barcodes[0], disposition: "restock", scanId: scanId() });
    let got = await b.floor.query(api.returns.get, { rmaId });
    expect(got.rma).toMatchObject({ status: "partially_received", refundStatus: "due", unitsSettled: 1 });
    // 1 restocked × 19.99 − 10 % fee (199.9 → 200) + 5.95 shipping
    expect(got.rma.refundAmountMinor).toBe(1999 - 200 + 595);
    const line = got.lines[0];
    const missing = await b.floor.mutation(api.returns.missing, {
      rmaId,
      rmaLineId: line._id,
      quantity: 1,
      scanId: scanId(),
    });
    expect(missing).toMatchObject({ result: "missing", rmaStatus: "partially_received" });
    expect(
      (
        await errorOf(
          b.floor.mutation(api.returns.missing, { rmaId, rmaLineId: line._id, quantity: 2, scanId: scanId() }),
        )
      ).fields?.quantity,
    ).toBe("Between 1 and 1.");
    await b.floor.mutation(api.returns.receive, { rmaId, code: barcodes[0], disposition: "damaged", scanId: scanId() });
    got = await b.floor.query(api.returns.get, { rmaId });
    expect(got.rma.status).toBe("received");
    expect(got.lines[0]).toMatchObject({ restocked: 1, damaged: 1, missing: 1 });
    // 2 back × 19.99, fee only on the restocked unit, shipping: 3998 − 200 + 595
    expect(got.refund).toMatchObject({ merchandiseMinor: 3998, feeMinor: 200, shippingMinor: 595, amountMinor: 4393 });
    expect(
      await b.supervisor.mutation(api.returns.refund, { rmaId, method: "original_payment", reference: "manual-42" }),
    ).toBe(4393);
    expect((await errorOf(b.supervisor.mutation(api.returns.refund, { rmaId, method: "manual" }))).code).toBe(
      "INVALID_TRANSITION",
    );
    const exported = await b.supervisor.query(api.returns.refunds, {
      from: 0,
      to: Date.now() + 1000,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(exported.page).toEqual([
      expect.objectContaining({ number: "RMA-10001", amountMinor: 4393, currency: "USD", feeMinor: 200 }),
    ]);
    expect(await b.supervisor.mutation(api.returns.close, { rmaId })).toBe("closed");
    expect((await b.floor.query(api.orders.get, { id: orderId })).lines[0]).toMatchObject({ shipped: 3, returned: 2 });
    expect(await levelOf(b.t, productIds[0], warehouseId)).toMatchObject({ onHand: 3, damaged: 1 });
    const stats = await b.supervisor.query(api.returns.stats, {
      reason: "defective",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(stats.page[0]).toMatchObject({ authorised: 3, returned: 2, restocked: 1, damaged: 1, missing: 1 });
    const history = (await b.floor.query(api.returns.get, { rmaId })).history.map((h) => h.action);
    expect(history).toEqual(["closed", "refunded", "received", "partially_received", "in_transit", "issue"]);
    await expectInvariants(b.t);
  });

  test("restock into another warehouse; a dropship supplier is refused as the destination", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes, productIds } = await shippedOrder(b, [5], [1]);
    const other = await seedStock(b.t, [0]);
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]),
    });
    const dropship = await b.t.run((ctx) =>
      ctx.db.insert("warehouses", {
        code: "DS1",
        name: "Supplier",
        kind: "dropship",
        active: true,
        address: usAddress,
        latitude: 0,
        longitude: 0,
        cutoffLocal: "15:00",
        timezone: "UTC",
        priority: 9,
      }),
    );
    const err = await errorOf(
      b.floor.mutation(api.returns.receive, {
        rmaId,
        code: barcodes[0],
        disposition: "restock",
        warehouseId: dropship,
        scanId: scanId(),
      }),
    );
    expect(err.fields?.warehouseId).toMatch(/not a dropship supplier/);
    await b.floor.mutation(api.returns.receive, {
      rmaId,
      code: barcodes[0],
      disposition: "restock",
      warehouseId: other.warehouseId,
      scanId: scanId(),
    });
    expect((await levelOf(b.t, productIds[0], other.warehouseId)).onHand).toBe(1);
    await expectInvariants(b.t);
  });
});

describe("lookup, lifecycle and roles", () => {
  test("the first scan resolves an RMA number or an order number", async () => {
    const b = await setupTest();
    const { orderId, lines } = await shippedOrder(b);
    await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]),
    });
    const orderNumber = (await b.floor.query(api.orders.get, { id: orderId })).order.number;
    expect(await b.floor.query(api.returns.lookup, { code: "rma-10001\n" })).toMatchObject({
      kind: "rma",
      rmas: [{ number: "RMA-10001" }],
    });
    expect(await b.floor.query(api.returns.lookup, { code: "10001" })).toMatchObject({ kind: "rma" });
    expect(await b.floor.query(api.returns.lookup, { code: orderNumber })).toMatchObject({
      kind: "order",
      rmas: [{ number: "RMA-10001" }],
    });
    expect((await b.floor.query(api.returns.lookup, { code: "XYZ" })).kind).toBe("none");
  });

  test("cancel only before receipt; nothing to refund when every unit went missing", async () => {
    const b = await setupTest();
    const { orderId, lines, barcodes } = await shippedOrder(b, [5], [2]);
    const a = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]),
    });
    await b.floor.mutation(api.returns.receive, {
      rmaId: a.rmaId,
      code: barcodes[0],
      disposition: "restock",
      scanId: scanId(),
    });
    expect(
      (await errorOf(b.supervisor.mutation(api.returns.cancel, { rmaId: a.rmaId, reason: "Changed mind" }))).code,
    ).toBe("INVALID_TRANSITION");
    const c = await b.supervisor.mutation(api.returns.issue, {
      rma: input(orderId, [{ orderLineId: lines[0]._id, quantity: 1, reason: "undeliverable" }]),
    });
    const line = (await b.floor.query(api.returns.get, { rmaId: c.rmaId })).lines[0];
    await b.floor.mutation(api.returns.missing, { rmaId: c.rmaId, rmaLineId: line._id, quantity: 1, scanId: scanId() });
    expect(
      (await errorOf(b.supervisor.mutation(api.returns.refund, { rmaId: c.rmaId, method: "manual" }))).message,
    ).toMatch(/Nothing to refund/);
    expect(await b.supervisor.mutation(api.returns.close, { rmaId: c.rmaId, note: "Lost by carrier" })).toBe("closed");
    // The missing unit was never returned: the order line can take a new RMA for it.
    expect((await b.supervisor.query(api.returns.returnable, { orderId }))[0]).toMatchObject({
      returned: 1,
      returnable: 1,
    });
    await expectInvariants(b.t);
  });

  test("the RMA list by origin is newest first across statuses", async () => {
    const b = await setupTest();
    const { orderId, lines } = await shippedOrder(b, [10], [3]);
    const rma = () => input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]);
    const older = await b.supervisor.mutation(api.returns.issue, { rma: rma() });
    const newer = await b.supervisor.mutation(api.returns.issue, { rma: rma() });
    await b.supervisor.mutation(api.returns.cancel, { rmaId: older.rmaId, reason: "Customer kept it" });
    const listed = await b.floor.query(api.returns.list, {
      paginationOpts: { numItems: 10, cursor: null },
      origin: "operator",
    });
    expect(listed.page.map((r) => [r._id, r.status])).toEqual([
      [newer.rmaId, "approved"],
      [older.rmaId, "cancelled"],
    ]);
  });

  test("floor staff receive but cannot issue, approve or refund", async () => {
    const b = await setupTest();
    const { orderId, lines } = await shippedOrder(b);
    const rma = input(orderId, [{ orderLineId: lines[0]._id, quantity: 1 }]);
    expect((await errorOf(b.floor.mutation(api.returns.issue, { rma }))).code).toBe("FORBIDDEN");
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, { rma });
    expect((await errorOf(b.floor.mutation(api.returns.refund, { rmaId, method: "manual" }))).code).toBe("FORBIDDEN");
    expect((await errorOf(b.floor.mutation(api.returns.approve, { rmaId }))).code).toBe("FORBIDDEN");
    expect((await errorOf(b.floor.mutation(api.returns.close, { rmaId }))).code).toBe("FORBIDDEN");
    expect((await errorOf(b.stranger.query(api.returns.get, { rmaId }))).code).toBe("FORBIDDEN");
    expect(
      (await b.floor.query(api.returns.list, { paginationOpts: { numItems: 10, cursor: null }, status: "approved" }))
        .page,
    ).toHaveLength(1);
    expect(
      (await b.floor.query(api.returns.list, { paginationOpts: { numItems: 10, cursor: null }, origin: "customer" }))
        .page,
    ).toHaveLength(0);
  });
});

describe("demo seed", () => {
  test("seedReturns ships allocated orders and leaves one RMA per stage, once", async () => {
    const { productIds, ...b } = await setupStocked([10, 10, 10]);
    for (const p of productIds) await placeOrder(b, [p], [2]);
    const seeded = await b.t.run((ctx) => seedReturns(ctx));
    expect(seeded.map((r) => r.status)).toEqual(["approved", "requested", "closed"]);
    expect(seeded.every((r) => r.barcode)).toBe(true);
    expect(await b.t.run((ctx) => seedReturns(ctx))).toEqual([]);
    await expectInvariants(b.t);
  });
});
