/**
 * Return labels through the carrier providers: with no vendor key the built-in table-rate
 * provider quotes and makes the label offline. The request schedules the purchase; the RMA shows
 * the label with its tracking number and PDF; a second request is refused (postage bought once).
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { shipShipment } from "./model/fulfillment/ship";
import { errorOf, expectInvariants, phoneOrder, setupStocked } from "./testing/setup.testing";

afterEach(() => {
  vi.useRealTimers();
});

describe("return labels", () => {
  test("a table-rate label is bought once, from the customer to the return warehouse", async () => {
    vi.useFakeTimers();
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await b.supervisor.mutation(api.orders.createManual, {
      order: phoneOrder([{ productId: productIds[0], quantity: 2, unitPriceMinor: 1999 }]),
    });
    await b.t.run(async (ctx) => {
      for (const s of await ctx.db
        .query("shipments")
        .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
        .collect()) {
        await ctx.db.patch("shipments", s._id, {
          status: "packed",
          lines: s.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
        });
        await shipShipment(ctx, undefined, s._id);
      }
    });
    const { lines } = await b.floor.query(api.orders.get, { id: orderId });
    const { rmaId } = await b.supervisor.mutation(api.returns.issue, {
      rma: {
        orderId,
        lines: [{ orderLineId: lines[0]._id, quantity: 2, reason: "wrong_item" }],
        expectedDisposition: "restock",
      },
    });
    await b.supervisor.mutation(api.returns.requestLabel, { rmaId });
    expect((await b.floor.query(api.returns.get, { rmaId })).rma.returnLabel?.status).toBe("requested");
    await b.t.finishAllScheduledFunctions(vi.runAllTimers);
    const { rma, labelFile, history } = await b.floor.query(api.returns.get, { rmaId });
    expect(rma.returnLabel).toMatchObject({ status: "bought", provider: "table", currency: "USD" });
    expect(rma.returnLabel?.trackingNumber).toMatch(/^TR[A-Z]{1,3}\d{12}$/);
    expect(rma.returnLabel?.costMinor).toBeGreaterThan(0);
    expect(rma.trackingNumber).toBe(rma.returnLabel?.trackingNumber);
    expect(labelFile).toBeTruthy();
    const pdf = await b.t.run(async (ctx) => (await ctx.storage.get(rma.returnLabel!.storageId!))!.text());
    expect(pdf.startsWith("%PDF")).toBe(true);
    expect(history[0].summary).toMatch(/return label/);
    expect((await errorOf(b.supervisor.mutation(api.returns.requestLabel, { rmaId }))).code).toBe("CONFLICT");
    expect((await errorOf(b.floor.mutation(api.returns.requestLabel, { rmaId }))).code).toBe("FORBIDDEN");
    await expectInvariants(b.t);
  });
});
