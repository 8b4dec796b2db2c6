/**
 * Issue 20 — the finance export ties out: the action pages through the period, and its CSV and
 * JSON agree with the ledger (Σ COGS = Σ cost of the FIFO layers consumed), the labels
 * (postage net = Σ live labels, voids apart) and the orders (revenue = Σ order totals).
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { expectInvariants, seedStock, setupTest, usAddress } from "./testing/setup.testing";
import { packedShipment } from "./testing/shipping.testing";
import { csvField, decimal } from "./lib/finance";
import { channelOrder, connect } from "./testing/channels.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;
const settle = (b: Backend) => b.t.finishAllScheduledFunctions(() => {});

async function shippedOrder(b: Backend, weights = [1200]) {
  const { shipmentId, orderId } = await packedShipment(b, weights);
  await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
  await settle(b);
  return { shipmentId, orderId };
}

const parseCsv = (text: string) =>
  text
    .trim()
    .split("\r\n")
    .map((l) => l.split(","));
const minor = (s: string) => Math.round(Number(s) * 100);

async function runExport(b: Backend, from: number, to: number) {
  const exportId = await b.supervisor.mutation(api.finance.start, { from, to });
  await settle(b);
  const { page } = await b.supervisor.query(api.finance.list, { paginationOpts: { numItems: 10, cursor: null } });
  const row = page.find((r) => r._id === exportId)!;
  expect(row.status).toBe("done");
  const files = await b.t.run(async (ctx) => {
    const e = (await ctx.db.get("financeExports", exportId as Id<"financeExports">))!;
    const text = async (id: Id<"_storage"> | undefined) => await (await ctx.storage.get(id!))!.text();
    return {
      csv: await text(e.csvStorageId),
      days: await text(e.daysCsvStorageId),
      json: JSON.parse(await text(e.jsonStorageId)),
    };
  });
  return { row, ...files };
}

describe("finance export", () => {
  test("per order and per day, tied out to the ledger's cost layers, the labels and the order totals", async () => {
    const b = await setupTest();
    const from = Date.now() - 1000;
    const one = await shippedOrder(b);
    const two = await shippedOrder(b, [900, 1400]);
    // Relabel two: void a label (refunded) — postage net counts only live labels.
    const labelsTwo = (await b.floor.query(api.shipping.forShipment, { shipmentId: two.shipmentId })).labels;
    await b.supervisor.mutation(api.shipping.voidLabel, { labelId: labelsTwo[0]._id });
    await settle(b);
    const unshipped = await packedShipment(b, [1000]);
    const to = Date.now() + 1000;
    const { row, csv, days, json } = await runExport(b, from, to);

    const truth = await b.t.run(async (ctx) => {
      const orders = await Promise.all(
        [one.orderId, two.orderId, unshipped.orderId].map((id) => ctx.db.get("orders", id)),
      );
      const labels = await ctx.db.query("shippingLabels").collect();
      const layers = await ctx.db.query("costLayers").collect();
      return {
        revenue: orders.reduce((s, o) => s + o!.totalMinor, 0),
        live: labels.filter((l) => l.status === "purchased").reduce((s, l) => s + (l.costMinor ?? 0), 0),
        voided: labels.filter((l) => l.status === "voided").reduce((s, l) => s + (l.costMinor ?? 0), 0),
        consumed: layers.reduce((s, l) => s + (l.quantityReceived - l.quantityRemaining) * l.unitCostMinor, 0),
      };
    });
    expect(truth.voided).toBeGreaterThan(0);
    expect(truth.consumed).toBeGreaterThan(0);

    const [header, ...lines] = parseCsv(csv);
    const col = (name: string) => header.indexOf(name);
    expect(lines.length).toBe(3);
    const sum = (name: string) => lines.reduce((s, l) => s + minor(l[col(name)]), 0);
    expect(sum("revenue")).toBe(truth.revenue);
    expect(sum("cogs")).toBe(truth.consumed);
    expect(sum("postage_net")).toBe(truth.live);
    expect(sum("postage_voided")).toBe(truth.voided);
    expect(sum("postage_bought")).toBe(truth.live + truth.voided);
    expect(sum("margin")).toBe(truth.revenue - truth.live - truth.consumed);

    // Per-day totals and the stored totals agree with the order rows.
    const [dh, ...dayLines] = parseCsv(days);
    expect(dayLines.reduce((s, l) => s + minor(l[dh.indexOf("revenue")]), 0)).toBe(truth.revenue);
    expect(dayLines.reduce((s, l) => s + Number(l[dh.indexOf("orders")]), 0)).toBe(3);
    expect(row.ordersDone).toBe(3);
    expect(row.totals).toEqual([
      expect.objectContaining({
        currency: "USD",
        orders: 3,
        revenueMinor: truth.revenue,
        cogsMinor: truth.consumed,
        postageNetMinor: truth.live,
        postageVoidedMinor: truth.voided,
      }),
    ]);
    expect(json.orders.length).toBe(3);
    expect(json.totals[0].revenueMinor).toBe(truth.revenue);
    expect(row.requestedByName).toBe("Test supervisor");
    await expectInvariants(b.t);
  });

  test("shipping charged, channel fees (reported or not) and desk-cancel refunds tie out to their sources", async () => {
    const b = await setupTest();
    const from = Date.now() - 1000;
    const shipped = await shippedOrder(b);
    const { productIds } = await seedStock(b.t, [50, 50]);
    const sku = await b.t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
    const manual = (shippingChargedMinor?: number) =>
      b.supervisor.mutation(api.orders.createManual, {
        order: {
          kind: "phone",
          customer: { name: "Pat", email: "p@example.com" },
          shipTo: usAddress,
          currency: "USD",
          lines: productIds.map((productId) => ({ productId, quantity: 2, unitPriceMinor: 1500 })),
          shippingChargedMinor,
        },
      });
    // A paid order cancelled at the desk (units + shipping back), one with a line cancelled (units back).
    const cancelled = await manual(899);
    await b.supervisor.mutation(api.orders.cancel, { orderId: cancelled.orderId, reason: "Customer cancelled" });
    const partly = await manual(450);
    const [line] = await b.t.run((ctx) =>
      ctx.db
        .query("orderLines")
        .withIndex("by_orderId", (q) => q.eq("orderId", partly.orderId))
        .collect(),
    );
    await b.supervisor.mutation(api.orders.cancelOrderLines, {
      orderId: partly.orderId,
      lines: [{ lineId: line._id, quantity: 1 }],
      reason: "One too many",
    });
    // Channel orders: the sandbox reports fees (Shopify-like and Amazon-like ids), CSV reports none.
    const sandboxId = await connect(b.t, "sandbox", "sandbox");
    const csvId = await connect(b.t, "csv", "csv");
    const lines = [{ externalLineId: "L1", listingSku: sku, quantity: 1, unitPriceMinor: 1500 }];
    await b.t.mutation(internal.channelSync.commitPulled, {
      channelId: sandboxId,
      orders: ["SBX-2", "SBX-3", "SBX-4", "SBX-5", "SBX-10"].map((externalId, i) =>
        channelOrder({ externalId, lines, shippingChargedMinor: 100 * (i + 1) }),
      ),
      cursor: "c",
      done: true,
    });
    await b.t.mutation(internal.channelSync.commitPulled, {
      channelId: csvId,
      orders: [channelOrder({ externalId: "W-1", lines, shippingChargedMinor: 350 })],
      cursor: "c",
      done: true,
    });
    const feeRows = await b.t.run((ctx) => ctx.db.query("channelFees").collect());
    expect(feeRows).toHaveLength(5);
    for (const r of feeRows) await b.t.action(internal.integrations.channels.fees.check, { feeId: r._id });
    const to = Date.now() + 1000;
    const { row, csv, days, json } = await runExport(b, from, to);

    const truth = await b.t.run(async (ctx) => {
      const orders = await ctx.db.query("orders").collect();
      const refunds = await ctx.db.query("cancellationRefunds").collect();
      const fees = await ctx.db.query("channelFees").collect();
      return {
        orders: orders.length,
        shipping: orders.reduce((s, o) => s + (o.shippingChargedMinor ?? 0), 0),
        refunds: refunds.reduce((s, r) => s + r.amountMinor, 0),
        fees: fees.filter((f) => f.status === "reported").reduce((s, f) => s + f.feesMinor!, 0),
        feesReported: fees.filter((f) => f.status === "reported").length,
        notReported: fees.filter((f) => f.status === "not_reported").map((f) => f.externalId),
      };
    });
    // Shipping: 8.99 + 4.50 + 1.00 … 5.00 (sandbox) + 3.50 (CSV); refunds: 2 × 2 × 15.00 + 8.99, and 15.00.
    expect(truth.shipping).toBe(899 + 450 + 1500 + 350);
    expect(truth.refunds).toBe(6000 + 899 + 1500);
    expect(truth.fees).toBeGreaterThan(0);
    expect(truth.feesReported).toBeGreaterThan(0);

    const [header, ...rows] = parseCsv(csv);
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(truth.orders);
    const sum = (name: string) => rows.reduce((s, l) => s + minor(l[col(name)] || "0"), 0);
    expect(sum("shipping_charged")).toBe(truth.shipping);
    expect(sum("refunds")).toBe(truth.refunds);
    expect(sum("channel_fees")).toBe(truth.fees);
    // "Not reported" is an empty field, never 0: the manual orders, the CSV order and any sandbox
    // order paid through another gateway.
    const byOrder = new Map(json.orders.map((o: { orderNumber: string }) => [o.orderNumber, o]));
    const empty = rows.filter((l) => l[col("channel_fees")] === "");
    expect(empty.length).toBe(truth.orders - truth.feesReported);
    for (const l of empty) {
      expect(["not_reported", "checking"]).toContain(l[col("channel_fees_status")]);
      expect((byOrder.get(l[col("order")]) as { channelFeesMinor: unknown }).channelFeesMinor).toBeNull();
    }
    for (const l of rows)
      expect(minor(l[col("margin")])).toBe(
        minor(l[col("revenue")]) +
          minor(l[col("shipping_charged")]) -
          minor(l[col("postage_net")]) -
          minor(l[col("refunds")]) -
          minor(l[col("channel_fees")] || "0") -
          minor(l[col("cogs")]),
      );
    const [dh, ...dayLines] = parseCsv(days);
    expect(dayLines.reduce((s, l) => s + minor(l[dh.indexOf("channel_fees")]), 0)).toBe(truth.fees);
    expect(dayLines.reduce((s, l) => s + Number(l[dh.indexOf("orders_with_fees_reported")]), 0)).toBe(
      truth.feesReported,
    );
    expect(row.totals).toEqual([
      expect.objectContaining({
        currency: "USD",
        orders: truth.orders,
        shippingChargedMinor: truth.shipping,
        refundsMinor: truth.refunds,
        channelFeesMinor: truth.fees,
        feesReportedOrders: truth.feesReported,
      }),
    ]);
    expect(shipped.orderId).toBeDefined();
    await expectInvariants(b.t);
  });

  test("pages through more orders than one page holds, and an empty period gives headers only", async () => {
    const b = await setupTest();
    const from = Date.now() - 1000;
    for (let i = 0; i < 3; i++) await packedShipment(b, [1000], { pack: false });
    const to = Date.now() + 1000;
    const pages: number[] = [];
    const exportId = await b.supervisor.mutation(api.finance.start, { from, to });
    // Drive the pages by hand with a page of 2 to see the progress move.
    let cursor: string | null = null;
    for (;;) {
      const page: { rows: unknown[]; continueCursor: string; isDone: boolean } | null = await b.t.query(
        internal.finance.page,
        { exportId, cursor, numItems: 2 },
      );
      pages.push(page!.rows.length);
      if (page!.isDone) break;
      cursor = page!.continueCursor;
    }
    expect(pages.reduce((s, n) => s + n, 0)).toBe(3);
    expect(pages.length).toBeGreaterThan(1);
    await settle(b);
    const empty = await runExport(b, to + 10_000, to + 20_000);
    expect(parseCsv(empty.csv).length).toBe(1);
    expect(empty.row.totals).toEqual([]);
  });

  test("refuses a period that ends first or spans more than a year", async () => {
    const b = await setupTest();
    const now = Date.now();
    await expect(b.supervisor.mutation(api.finance.start, { from: now, to: now })).rejects.toThrow(
      /end after it starts/,
    );
    await expect(b.supervisor.mutation(api.finance.start, { from: now - 400 * 86_400_000, to: now })).rejects.toThrow(
      /at most a year/,
    );
    await expect(b.floor.mutation(api.finance.start, { from: now - 1000, to: now })).rejects.toThrow(/supervisor/);
  });

  test("CSV text is escaped and defused; decimals are exact", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-12")).toBe("-12");
    expect([decimal(0), decimal(5), decimal(-1230), decimal(123456789)]).toEqual([
      "0.00",
      "0.05",
      "-12.30",
      "1234567.89",
    ]);
  });
});
