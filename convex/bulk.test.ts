import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { MAX_BULK_IDS } from "./lib/bounds";
import { errorOf, expectInvariants, setupStocked, setupTest, usAddress } from "./testing/setup.testing";

type Setup = Awaited<ReturnType<typeof setupTest>>;

async function makeOrders(s: Setup, n: number, productId: Id<"products">, email = "pat@example.com") {
  const ids: Id<"orders">[] = [];
  for (let i = 0; i < n; i++) {
    const { orderId } = await s.supervisor.mutation(api.orders.createManual, {
      order: {
        kind: "phone",
        customer: { name: `Pat ${i}`, email },
        shipTo: usAddress,
        currency: "USD",
        lines: [{ productId, quantity: 1, unitPriceMinor: 1000 }],
      },
    });
    ids.push(orderId);
  }
  return ids;
}

const statusOf = (s: Setup, id: Id<"orders">) => s.t.run(async (ctx) => (await ctx.db.get("orders", id))!.status);
const eventCount = (s: Setup, id: Id<"orders">) =>
  s.t.run(
    async (ctx) =>
      (
        await ctx.db
          .query("orderEvents")
          .withIndex("by_orderId", (q) => q.eq("orderId", id))
          .collect()
      ).length,
  );

describe("bulk actions on orders", () => {
  test("hold then release a page: each id decided on its own, the refused ones untouched and named with a reason", async () => {
    const { productIds, ...s } = await setupStocked([100]);
    const ids = await makeOrders(s, 5, productIds[0]);
    // One already held, one cancelled: both refused, the other three held.
    await s.supervisor.mutation(api.orders.hold, { orderId: ids[0], reason: "Customer called" });
    await s.supervisor.mutation(api.orders.cancel, { orderId: ids[1], reason: "Customer cancelled" });
    const before = await eventCount(s, ids[1]);
    const held = await s.supervisor.mutation(api.bulk.orders, {
      op: "hold",
      ids: [...ids, ids[2]],
      reason: "Address check",
    });
    expect(held.done).toBe(3);
    expect(held.refused).toEqual([
      { id: ids[0], reason: expect.stringMatching(/already on hold/) },
      { id: ids[1], reason: expect.stringMatching(/cancelled and can no longer be held/) },
    ]);
    expect(await eventCount(s, ids[1])).toBe(before);
    for (const id of ids.slice(2)) expect(await statusOf(s, id)).toBe("on_hold");
    await expectInvariants(s.t);

    const released = await s.supervisor.mutation(api.bulk.orders, { op: "release", ids });
    expect(released.done).toBe(4);
    expect(released.refused).toEqual([{ id: ids[1], reason: expect.stringMatching(/not on hold/) }]);
    for (const id of ids.slice(2)) expect(await statusOf(s, id)).toBe("allocated");
    await expectInvariants(s.t);
  });

  test("a request is refused whole (nothing written) without a reason, above the page limit, or below supervisor", async () => {
    const { productIds, ...s } = await setupStocked([10]);
    const ids = await makeOrders(s, 2, productIds[0]);
    expect((await errorOf(s.supervisor.mutation(api.bulk.orders, { op: "hold", ids, reason: " x " }))).code).toBe(
      "INVALID_INPUT",
    );
    const many = Array.from({ length: MAX_BULK_IDS + 1 }, () => ids[0]);
    expect(
      (await errorOf(s.supervisor.mutation(api.bulk.orders, { op: "hold", ids: many, reason: "Too many" }))).message,
    ).toMatch(/At most 100/);
    expect((await errorOf(s.floor.mutation(api.bulk.orders, { op: "hold", ids, reason: "Floor tries" }))).code).toBe(
      "FORBIDDEN",
    );
    for (const id of ids) expect(await statusOf(s, id)).toBe("allocated");
  });

  test("allocate and re-allocate in bulk: backordered orders allocate when stock arrives, others say why not", async () => {
    const { productIds, warehouseId, ...s } = await setupStocked([1]);
    const ids = await makeOrders(s, 2, productIds[0]);
    expect(await statusOf(s, ids[1])).toBe("backordered");
    const r = await s.supervisor.mutation(api.bulk.orders, { op: "allocate", ids });
    expect(r.done).toBe(0);
    expect(r.refused.map((x) => x.reason)).toEqual([
      `Order SO-100001 has nothing left to allocate.`,
      `Order SO-100002 has nothing left to allocate.`,
    ]);
    await s.floor.mutation(api.inventory.receive, {
      productId: productIds[0],
      warehouseId,
      quantity: 5,
      unitCostMinor: 500,
    });
    const re = await s.supervisor.mutation(api.bulk.orders, { op: "reallocate", ids });
    expect(re).toEqual({ done: 2, refused: [] });
    expect(await statusOf(s, ids[1])).toBe("allocated");
    await expectInvariants(s.t);
  });

  test("select all matching pages through the list's own filter", async () => {
    const { productIds, ...s } = await setupStocked([100]);
    const ids = await makeOrders(s, 7, productIds[0]);
    await s.supervisor.mutation(api.bulk.orders, { op: "hold", ids: ids.slice(0, 5), reason: "Check them" });
    const got: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: { ids: string[]; isDone: boolean; continueCursor: string } = await s.supervisor.query(
        api.bulk.orderIds,
        { status: "on_hold", paginationOpts: { numItems: 2, cursor } },
      );
      got.push(...page.ids);
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    expect(new Set(got)).toEqual(new Set(ids.slice(0, 5)));
    expect(got).toHaveLength(5);
  });
});

describe("bulk actions on shipments", () => {
  test("hold, release and re-allocate shipments; the order's other work is left alone", async () => {
    const { productIds, ...s } = await setupStocked([100]);
    const ids = await makeOrders(s, 3, productIds[0]);
    const shipmentIds = await s.t.run(async (ctx) => {
      const out: Id<"shipments">[] = [];
      for (const orderId of ids)
        out.push(
          (await ctx.db
            .query("shipments")
            .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
            .first())!._id,
        );
      return out;
    });
    const held = await s.supervisor.mutation(api.bulk.shipments, {
      op: "hold",
      ids: shipmentIds.slice(0, 2),
      reason: "Box damaged",
    });
    expect(held).toEqual({ done: 2, refused: [] });
    const page = await s.floor.query(api.shipments.list, {
      paginationOpts: { numItems: 10, cursor: null },
      status: "open",
    });
    expect(
      page.page
        .filter((r) => r.onHold)
        .map((r) => r._id)
        .sort(),
    ).toEqual(shipmentIds.slice(0, 2).sort());
    const released = await s.supervisor.mutation(api.bulk.shipments, { op: "release", ids: shipmentIds });
    expect(released.done).toBe(2);
    expect(released.refused).toEqual([{ id: shipmentIds[2], reason: expect.stringMatching(/is not on hold/) }]);
    const re = await s.supervisor.mutation(api.bulk.shipments, { op: "reallocate", ids: [shipmentIds[0]] });
    expect(re).toEqual({ done: 1, refused: [] });
    const again = await s.supervisor.mutation(api.bulk.shipments, { op: "reallocate", ids: [shipmentIds[0]] });
    expect(again.refused[0].reason).toMatch(/cancelled; only shipments not yet being picked/);
    await expectInvariants(s.t);
  });
});

describe("list order", () => {
  test("one warehouse's shipments are newest first across statuses, as the page says (not grouped by status)", async () => {
    const { productIds, warehouseId, ...s } = await setupStocked([100]);
    await makeOrders(s, 3, productIds[0]);
    const list = async () =>
      (
        await s.floor.query(api.shipments.list, { warehouseId, paginationOpts: { numItems: 10, cursor: null } })
      ).page.map((r) => [r.number, r.status]);
    const before = await list();
    expect(before).toHaveLength(3);
    // The oldest shipment moves on to picking: it stays last.
    const oldest = (await s.t.run((ctx) => ctx.db.query("shipments").order("asc").first()))!;
    await s.supervisor.mutation(api.floor.buildBatchList, {
      warehouseId,
      maxShipments: 1,
      requireBinScan: false,
      shipmentId: oldest._id,
    });
    const after = await list();
    expect(after.map(([n]) => n)).toEqual(before.map(([n]) => n));
    expect(after.at(-1)).toEqual([oldest.number, "picking"]);
  });
});
