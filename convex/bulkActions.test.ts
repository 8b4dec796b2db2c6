/* eslint-disable @convex-dev/no-process-env -- the tests set the deployment's settings for the run */
/**
 * The bulk-action contract of src/features/batches/bulkActions.ts, run against convex-test through
 * a client with the ConvexReactClient's mutation/action calls: "Add to batch" over several pages
 * makes one batch, "Print" makes one PDF per page; refusals come back with their reasons.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ConvexReactClient } from "convex/react";
import { PDFDocument } from "pdf-lib";
import { orderBulkActions, shipmentBulkActions } from "../src/features/batches/bulkActions";
import { api } from "./_generated/api";
import { setupTest } from "./testing/setup.testing";
import { packedShipment } from "./testing/shipping.testing";
import { itemsOf } from "./testing/batches.testing";
import { setupPacked } from "./testing/packed.testing";

const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, { BATCH_MAX_CONCURRENT: "1", SHIPPING_RETRY_BASE_MS: "10" });
});
afterAll(() => {
  process.env = saved;
});

type Backend = Awaited<ReturnType<typeof setupTest>>;
const clientOf = (b: Backend) =>
  ({ mutation: b.supervisor.mutation, action: b.supervisor.action }) as unknown as ConvexReactClient;

describe("bulk actions", () => {
  test("both lists offer Add to batch and Print with the server's page sizes", () => {
    for (const list of [orderBulkActions, shipmentBulkActions]) {
      expect(list.map((a) => [a.key, a.label, a.pageSize])).toEqual([
        ["add-to-batch", "Add to batch", 100],
        ["print", "Print", 100],
      ]);
    }
  });

  test("Add to batch over three pages: the first creates, the rest add to the same batch; refusals say why", async () => {
    const b = await setupTest();
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push((await packedShipment(b, [900 + i], { pack: i !== 2 })).orderId);
    const add = orderBulkActions.find((a) => a.key === "add-to-batch")!;
    const state: Record<string, unknown> = {};
    const client = clientOf(b);
    const results = [];
    for (const page of [orders.slice(0, 2), orders.slice(2, 4), orders.slice(4)])
      results.push(await add.run(page, client, state));
    const batchId = state.batchId as string;
    expect(results.map((r) => [r.done, r.refused.length, r.open])).toEqual([
      [2, 0, `/batches/${batchId}`],
      [1, 1, `/batches/${batchId}`],
      [1, 0, `/batches/${batchId}`],
    ]);
    expect(results[1].refused[0]).toEqual({
      id: orders[2],
      reason: expect.stringMatching(/labels are bought once it is packed/),
    });
    expect((await itemsOf(b, batchId as never)).map((i) => i.status)).toEqual(["ready", "ready", "ready", "ready"]);
    // The same page again: each one refused as already in this batch.
    const again = await add.run(orders.slice(0, 2), client, state);
    expect(again.done).toBe(0);
    expect(again.refused.map((r) => r.reason)).toEqual([
      expect.stringMatching(/already in this batch/),
      expect.stringMatching(/already in this batch/),
    ]);
  });

  test("Print: one PDF of the page's slips; a shipment id that is gone is refused", async () => {
    const { b, ...one } = await setupPacked([900]);
    const two = await packedShipment(b, [1000]);
    const print = shipmentBulkActions.find((a) => a.key === "print")!;
    const state: Record<string, unknown> = {};
    const gone = await b.t.run(async (ctx) => {
      const { _id: _unused, _creationTime: _created, ...copy } = (await ctx.db.get("shipments", two.shipmentId))!;
      const id = await ctx.db.insert("shipments", { ...copy, number: "X-1" });
      await ctx.db.delete("shipments", id);
      return id;
    });
    const r = await print.run([one.shipmentId, two.shipmentId, gone], clientOf(b), state);
    expect(r).toMatchObject({
      done: 2,
      refused: [{ id: gone, reason: "That shipment no longer exists." }],
      open: expect.stringMatching(/^https?:/),
    });
    expect(state.documents).toEqual([r.open]);
    const doc = await b.t.run(async (ctx) => (await ctx.db.query("documents").order("desc").first())!);
    const bytes = await b.t.run(async (ctx) => (await ctx.storage.get(doc.storageId))!.arrayBuffer());
    expect((await PDFDocument.load(new Uint8Array(bytes))).getPageCount()).toBe(2);
    expect(await b.supervisor.query(api.documentSettings.get, {})).toMatchObject({ saved: false });
  });
});
