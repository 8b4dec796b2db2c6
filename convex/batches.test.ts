/* eslint-disable @convex-dev/no-process-env -- the tests set the deployment's settings for the run */
/**
 * Batches with the offline table-rate carrier: selection and refusals, buying in the background
 * (every purchase through the quote log and the shipping rules), a failure fixed and retried, a
 * duplicated scheduled run buying once, void through the normal void path.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import { errorOf, expectInvariants } from "./testing/setup.testing";
import { packedShipment } from "./testing/shipping.testing";
import { itemsOf, waitForBatch } from "./testing/batches.testing";
import { setupPacked } from "./testing/packed.testing";

// convex-test lets one action store a file only while no other function holds its transaction
// lock (the offline runtime waits for it: dev/tracker.ts); the table-rate labels are stored files,
// so these tests buy one at a time. Concurrency is exercised against EasyPost (URL labels) in
// integrations/carriers/batch.test.ts.
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, { BATCH_MAX_CONCURRENT: "1", SHIPPING_RETRY_BASE_MS: "10" });
});
afterAll(() => {
  process.env = saved;
});

/** A batch of one packed 1 kg shipment, and its one item. */
async function setupOneItemBatch() {
  const { b, ...s } = await setupPacked([1000]);
  const { batchId } = await b.supervisor.mutation(api.batches.create, { shipmentIds: [s.shipmentId] });
  const [item] = await itemsOf(b, batchId);
  return { b, s, batchId, item };
}

describe("batches", () => {
  test("a selection becomes a batch; refusals say why; buying runs in the background through the quote log and the rules", async () => {
    const { b, ...one } = await setupPacked([1200]);
    const two = await packedShipment(b, [900]);
    const unpacked = await packedShipment(b, [], { pack: false });
    // The same order twice, and its shipment once more: one item.
    const created = await b.supervisor.mutation(api.batches.create, {
      orderIds: [one.orderId, one.orderId, unpacked.orderId],
      shipmentIds: [one.shipmentId],
    });
    expect(created.added).toBe(1);
    expect(created.refused).toEqual([
      { id: unpacked.orderId, reason: expect.stringMatching(/is open; labels are bought once it is packed/) },
    ]);
    const { batchId } = created;
    const again = await b.supervisor.mutation(api.batches.add, {
      batchId,
      shipmentIds: [one.shipmentId, two.shipmentId],
    });
    expect(again).toMatchObject({
      added: 1,
      refused: [{ id: one.shipmentId, reason: expect.stringMatching(/already in this batch/) }],
      room: 998,
    });
    // Another batch cannot take a shipment this one holds.
    const other = await b.supervisor.mutation(api.batches.create, { shipmentIds: [two.shipmentId] });
    expect(other.refused[0].reason).toMatch(/already in batch B-1001 \(ready\)/);
    expect((await errorOf(b.floor.mutation(api.batches.create, { shipmentIds: [two.shipmentId] }))).code).toBe(
      "FORBIDDEN",
    );

    expect(await b.supervisor.mutation(api.batches.buy, { batchId })).toBe(2);
    const done = await waitForBatch(b, batchId);
    expect(done).toMatchObject({
      status: "done",
      counts: { total: 2, ready: 0, queued: 0, working: 0, bought: 2, failed: 0, voided: 0 },
    });
    const items = await itemsOf(b, batchId);
    expect(items.map((i) => i.status)).toEqual(["bought", "bought"]);
    for (const item of items) {
      const view = await b.floor.query(api.shipping.forShipment, { shipmentId: item.shipmentId });
      expect(view.labels.map((l) => [l.status, l.attempts, l.trackingNumber])).toEqual([
        ["purchased", 1, item.trackingNumber],
      ]);
      // The quote log holds the batch's rate shop and the rule's choice.
      expect(view.quoteLog[0].request).toMatchObject({
        status: "done",
        requestedByName: "Test supervisor",
        _id: item.requestId,
      });
      expect(view.quoteLog[0].request.reason).toMatch(/cheapest/);
      expect(view.shipment.status).toBe("shipped");
      expect(item.costMinor).toBe(view.postage!.costMinor);
    }
    await expectInvariants(b.t);
  });

  test("one failure never stops the rest; the failed one is fixed (weight) and retried", async () => {
    const { b, ...good } = await setupPacked([1000]);
    const heavy = await packedShipment(b, [100_000]); // over every table service's weight limit
    const { batchId } = await b.supervisor.mutation(api.batches.create, {
      shipmentIds: [good.shipmentId, heavy.shipmentId],
    });
    await b.supervisor.mutation(api.batches.buy, { batchId });
    let batch = await waitForBatch(b, batchId);
    expect(batch.counts).toMatchObject({ bought: 1, failed: 1 });
    const failed = (await itemsOf(b, batchId)).find((i) => i.status === "failed")!;
    expect(failed.shipmentId).toBe(heavy.shipmentId);
    expect(failed.reason).toMatch(
      /^No rates for this shipment \[no_rates\]: table: no table service reaches this destination at this weight/,
    );
    // Nothing was bought for it; its package is free for the retry.
    expect((await b.floor.query(api.shipping.forShipment, { shipmentId: heavy.shipmentId })).labels).toEqual([]);

    // Fixed: weighed again at a real weight, then retried.
    await b.supervisor.mutation(api.floor.weighPackage, { packageId: heavy.packageIds[0], weightGrams: 2500 });
    expect(await b.supervisor.mutation(api.batches.retry, { batchId })).toBe(1);
    batch = await waitForBatch(b, batchId);
    expect(batch).toMatchObject({ status: "done", counts: { bought: 2, failed: 0 } });
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId: heavy.shipmentId });
    expect(view.labels.map((l) => l.status)).toEqual(["purchased"]);
    // Both rate shops of the failed shipment are on its quote log.
    expect(view.quoteLog.map((q) => q.request.status)).toEqual(["done", "done"]);
    expect((await errorOf(b.supervisor.mutation(api.batches.retry, { batchId }))).code).toBe("INVALID_INPUT");
    await expectInvariants(b.t);
  });

  test("a duplicated scheduled run of the same lease buys once", async () => {
    const { b, s, batchId, item } = await setupOneItemBatch();
    // Queue it by hand with the pump's lease, then run the same lease twice at once.
    await b.t.run(async (ctx) => {
      await ctx.db.patch("batchItems", item._id, { status: "quoting", lease: 7 });
      await ctx.db.patch("batches", batchId, {
        status: "running",
        counts: { total: 1, ready: 0, queued: 0, working: 1, bought: 0, failed: 0, voided: 0 },
      });
    });
    await Promise.all([
      b.t.action(internal.batchActions.runItem, { itemId: item._id, lease: 7 }),
      b.t.action(internal.batchActions.runItem, { itemId: item._id, lease: 7 }),
    ]);
    await b.t.action(internal.batchActions.runItem, { itemId: item._id, lease: 7 });
    const batch = await waitForBatch(b, batchId);
    expect(batch.counts).toMatchObject({ bought: 1, working: 0 });
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId: s.shipmentId });
    expect(view.labels.map((l) => [l.status, l.attempts])).toEqual([["purchased", 1]]);
    expect(view.quoteLog).toHaveLength(1);
    expect(view.postage).toMatchObject({ labels: 1 });
    await expectInvariants(b.t);
  });

  test("a run that never reports back is retried by its watchdog; a stale watchdog does nothing", async () => {
    const { b, batchId, item } = await setupOneItemBatch();
    // As if run 3 was claimed and the runtime died under it.
    await b.t.run(async (ctx) => {
      await ctx.db.patch("batchItems", item._id, { status: "quoting", lease: 3, claimed: 3 });
      await ctx.db.patch("batches", batchId, {
        status: "running",
        counts: { total: 1, ready: 0, queued: 0, working: 1, bought: 0, failed: 0, voided: 0 },
      });
    });
    await b.t.mutation(internal.batchesInternal.runLost, { itemId: item._id, lease: 2 });
    expect((await itemsOf(b, batchId))[0]).toMatchObject({ status: "quoting", lease: 3 });
    await b.t.mutation(internal.batchesInternal.runLost, { itemId: item._id, lease: 3 });
    expect((await itemsOf(b, batchId))[0].reason).toMatch(/The run was lost/);
    expect((await waitForBatch(b, batchId)).counts).toMatchObject({ bought: 1, working: 0 });
    await expectInvariants(b.t);
  });

  test("void: refused while buying; then every bought label is voided through the void path and the failed shipment leaves", async () => {
    const { b, ...a } = await setupPacked([1000]);
    const c = await packedShipment(b, [1100]);
    const heavy = await packedShipment(b, [100_000]);
    const { batchId } = await b.supervisor.mutation(api.batches.create, {
      shipmentIds: [a.shipmentId, c.shipmentId, heavy.shipmentId],
    });
    await b.supervisor.mutation(api.batches.buy, { batchId });
    expect((await errorOf(b.supervisor.mutation(api.batches.voidBatchLabels, { batchId }))).message).toMatch(
      /being bought right now/,
    );
    expect((await waitForBatch(b, batchId)).counts).toMatchObject({ bought: 2, failed: 1 });
    expect((await errorOf(b.floor.mutation(api.batches.voidBatchLabels, { batchId }))).code).toBe("FORBIDDEN");
    await b.supervisor.mutation(api.batches.voidBatchLabels, { batchId });
    const until = Date.now() + 10_000;
    let batch = (await b.supervisor.query(api.batches.get, { batchId }))!;
    while (batch.status !== "voided" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 25));
      batch = (await b.supervisor.query(api.batches.get, { batchId }))!;
    }
    expect(batch).toMatchObject({ status: "voided", counts: { total: 2, bought: 0, failed: 0, voided: 2 } });
    for (const s of [a, c]) {
      let labels = (await b.floor.query(api.shipping.forShipment, { shipmentId: s.shipmentId })).labels;
      for (let i = 0; i < 200 && labels[0].status !== "voided"; i++) {
        await new Promise((r) => setTimeout(r, 25));
        labels = (await b.floor.query(api.shipping.forShipment, { shipmentId: s.shipmentId })).labels;
      }
      expect(labels.map((l) => l.status)).toEqual(["voided"]);
    }
    // The failed shipment left the voided batch and can go into another one.
    expect((await b.supervisor.mutation(api.batches.create, { shipmentIds: [heavy.shipmentId] })).added).toBe(1);
    expect(
      (await errorOf(b.supervisor.mutation(api.batches.add, { batchId, shipmentIds: [heavy.shipmentId] }))).code,
    ).toBe("INVALID_TRANSITION");
    // Nothing more is bought or retried: one refusal for both.
    const voided = { code: "INVALID_TRANSITION", message: `Batch ${batch.number} is voided.` };
    expect(await errorOf(b.supervisor.mutation(api.batches.buy, { batchId }))).toEqual(voided);
    expect(await errorOf(b.supervisor.mutation(api.batches.retry, { batchId }))).toEqual(voided);
    await expectInvariants(b.t);
  });

  test("a page is at most BATCH_PAGE_SIZE ids; an empty selection is refused", async () => {
    const { b, ...s } = await setupPacked([1000]);
    expect((await errorOf(b.supervisor.mutation(api.batches.create, {}))).code).toBe("INVALID_INPUT");
    const many = Array.from({ length: 101 }, () => s.shipmentId);
    expect((await errorOf(b.supervisor.mutation(api.batches.create, { shipmentIds: many }))).message).toMatch(
      /at most 100/,
    );
  });
});
