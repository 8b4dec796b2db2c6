/**
 * The customer portal over its HTTP actions (issue 20, part 5): the session token (required,
 * forged or expired refused, an order id alone opens nothing), the timeline of a split order, the
 * pickup code, cancelling backordered units (released through the desk's path, refunded), waiting,
 * returns inside and after the window (auto-approval rule), the lookup's rate limit, and the trail
 * written as the customer's.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { shipShipment } from "./model/fulfillment/ship";
import { markAllPackedForDemo } from "./model/allocation/shipmentLines";
import { runWithTriggers } from "./model/boards/triggers";
import {
  customerOrder,
  errorOf,
  expectInvariants,
  phoneOrder,
  setupTest,
  stockedSources,
  type TestBackend,
  usAddress,
} from "./testing/setup.testing";
import { DAY } from "./lib/clock";

const ADA = { name: "Ada Lovelace", email: "ada@example.com" };
type Json = Record<string, unknown> & { ok: boolean; message?: string };

const post = async (t: TestBackend, path: string, body: unknown, ip = "10.0.0.1") => {
  const res = await t.fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

/** Two warehouses; an order of 4 × P0 (2 in each: split) and 5 × P1 (2 in stock: 3 backordered). */
async function splitOrder(t: TestBackend, supervisor: ReturnType<TestBackend["withIdentity"]>) {
  const { a, b, productIds } = await stockedSources(t, {
    sources: { a: { code: "WA" }, b: { code: "WB", latitude: 34, longitude: -118 } },
    stock: { a: [2, 2], b: [2, 0] },
    products: [{ name: "Tent" }, { name: "Lamp" }],
    postcode: false,
  });
  const w = { a, b, p0: productIds[0], p1: productIds[1] };
  const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
    order: phoneOrder(
      [
        { productId: w.p0, quantity: 4, unitPriceMinor: 1000 },
        { productId: w.p1, quantity: 5, unitPriceMinor: 700 },
      ],
      usAddress,
      ADA,
    ),
  });
  return { ...w, orderId, number };
}

async function session(t: TestBackend, number: string) {
  const r = await post(t, "/portal/session", { orderNumber: number, email: "ADA@example.com" });
  expect(r.status).toBe(200);
  return r.body as Json & { token: string; order: PortalOrder };
}

type PortalOrder = {
  shipments: {
    number: string;
    items: { sku: string; quantity: number }[];
    milestones: { key: string; done: boolean }[];
  }[];
  backordered: { lineId: string; sku: string; quantity: number; estimate: number }[];
  returns: {
    open: boolean;
    windowClosesAt: number | null;
    lines: { lineId: string; sku: string; returnable: number }[];
  };
  rmas: { number: string; status: string }[];
  pickup: null | { code: string | null; storeName: string; storeHours: string };
};

async function shipAll(t: TestBackend, orderId: Id<"orders">) {
  await t.run((raw) =>
    runWithTriggers(raw, async (ctx) => {
      for (const s of await ctx.db
        .query("shipments")
        .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
        .collect()) {
        if (s.status !== "open") continue;
        await markAllPackedForDemo(ctx, s);
        for (const l of s.lines) {
          const line = (await ctx.db.get("orderLines", l.orderLineId))!;
          await ctx.db.patch("orderLines", line._id, { picked: line.picked + l.quantity });
        }
        await shipShipment(ctx, undefined, s._id);
      }
    }),
  );
}

describe("customer portal", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("no token, a forged or expired token, or a bare order id opens nothing", async () => {
    const { t, supervisor } = await setupTest();
    const o = await splitOrder(t, supervisor);
    expect((await post(t, "/portal/view", {})).status).toBe(401);
    expect((await post(t, "/portal/view", { token: o.orderId })).status).toBe(401);
    expect((await post(t, "/portal/cancel", { token: `${o.orderId}.x`, lines: [] })).status).toBe(401);
    const s = await session(t, o.number);
    const [payload, sig] = s.token.split(".");
    const forged = `${btoa(JSON.stringify({ o: o.orderId, x: Date.now() + 10 * DAY }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_")}.${sig}`;
    expect((await post(t, "/portal/view", { token: forged })).status).toBe(401);
    expect(payload).not.toContain(o.orderId);
    expect((await post(t, "/portal/view", { token: s.token })).status).toBe(200);
    const bearer = await t.fetch("/portal/view", {
      method: "POST",
      headers: { Authorization: `Bearer ${s.token}` },
      body: "{}",
    });
    expect(bearer.status).toBe(200);
    vi.advanceTimersByTime(31 * 60_000);
    expect((await post(t, "/portal/view", { token: s.token })).status).toBe(401);
    // A wrong email reveals nothing and gives no token.
    const wrong = await post(t, "/portal/session", { orderNumber: o.number, email: "eve@example.com" });
    expect(wrong.status).toBe(404);
    expect(wrong.body.token).toBeUndefined();
  });

  test("the lookup is rate limited per order", async () => {
    const { t, supervisor } = await setupTest();
    const o = await splitOrder(t, supervisor);
    const codes = [];
    for (let i = 0; i < 7; i++)
      codes.push(
        (await post(t, "/portal/session", { orderNumber: o.number, postalCode: `0000${i}` }, `10.0.1.${i}`)).status,
      );
    expect(codes.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  test("a split order shows each parcel's contents and timeline, and the backordered line's estimate", async () => {
    const { t, supervisor } = await setupTest();
    const o = await splitOrder(t, supervisor);
    const { order } = await session(t, o.number);
    expect(order.shipments).toHaveLength(2);
    const items = order.shipments
      .map((s) =>
        s.items
          .map((i) => `${i.quantity}×${i.sku}`)
          .sort()
          .join(","),
      )
      .sort();
    expect(items).toEqual(["2×P0", "2×P0,2×P1"]);
    expect(order.shipments[0].milestones.find((m) => m.key === "shipped")?.done).toBe(false);
    expect(order.backordered).toMatchObject([{ sku: "P1", quantity: 3 }]);
    expect(order.backordered[0].estimate).toBeGreaterThan(Date.now());
    expect(order.returns.open).toBe(false);
  });

  test("cancelling backordered units releases them through the desk's path and records the refund; over-asks refused", async () => {
    const { t, supervisor } = await setupTest();
    const o = await splitOrder(t, supervisor);
    const s = await session(t, o.number);
    const lineId = s.order.backordered[0].lineId;
    const over = await post(t, "/portal/cancel", { token: s.token, lines: [{ lineId, quantity: 4 }] });
    expect(over).toMatchObject({ status: 400, body: { message: "At most 3 of Lamp are waiting for stock." } });
    const dup = await post(t, "/portal/cancel", {
      token: s.token,
      lines: [
        { lineId, quantity: 1 },
        { lineId, quantity: 1 },
      ],
    });
    expect(dup.status).toBe(400);
    const waited = await post(t, "/portal/wait", { token: s.token });
    expect(waited.status).toBe(200);
    const ok = await post(t, "/portal/cancel", { token: s.token, lines: [{ lineId, quantity: 3 }] });
    expect(ok).toMatchObject({ status: 200, body: { refundedMinor: 2100 } });
    const { lines } = await supervisor.query(api.orders.get, { id: o.orderId });
    expect(lines.find((l) => l.sku === "P1")).toMatchObject({ backordered: 0, cancelled: 3, allocated: 2 });
    const queue = await t.run((ctx) =>
      ctx.db
        .query("backorders")
        .withIndex("by_orderLineId", (q) => q.eq("orderLineId", lineId as Id<"orderLines">))
        .collect(),
    );
    expect(queue).toEqual([]);
    expect((await supervisor.query(api.orders.get, { id: o.orderId })).order.status).toBe("allocated");
    const trail = (
      await supervisor.query(api.orders.events, { orderId: o.orderId, paginationOpts: { numItems: 50, cursor: null } })
    ).page;
    expect(trail.find((e) => e.kind === "lines_cancelled")?.actorName).toBe("Customer (Ada Lovelace)");
    expect(trail.find((e) => e.reason?.startsWith("The customer chose to wait"))?.actorName).toBe(
      "Customer (Ada Lovelace)",
    );
    expect(trail.some((e) => e.reason === "Refund of $21.00 due to the customer for cancelled units")).toBe(true);
    // Another order's line through this token: refused.
    const other = await supervisor.mutation(api.orders.createManual, {
      order: customerOrder({ name: "Eve", email: "eve@example.com" }, [o.p1], {
        quantity: () => 2,
        unitPriceMinor: 700,
      }),
    });
    const otherLine = (await supervisor.query(api.orders.get, { id: other.orderId })).lines[0]._id;
    expect((await supervisor.query(api.orders.get, { id: other.orderId })).lines[0].backordered).toBe(2);
    expect(
      (await post(t, "/portal/cancel", { token: s.token, lines: [{ lineId: otherLine, quantity: 1 }] })).status,
    ).toBe(400);
    await expectInvariants(t);
  });

  test("returns: within the window an RMA (auto-approved by rule for a defect), after it refused", async () => {
    const { t, supervisor } = await setupTest();
    const o = await splitOrder(t, supervisor);
    await shipAll(t, o.orderId);
    const s = await session(t, o.number);
    expect(s.order.returns.open).toBe(true);
    const p0 = s.order.returns.lines.find((l) => l.sku === "P0")!;
    expect(p0.returnable).toBe(4);
    const liked = await post(t, "/portal/return", {
      token: s.token,
      lines: [{ lineId: p0.lineId, quantity: 1, reason: "size_or_fit" }],
    });
    expect(liked.body).toMatchObject({ ok: true, approved: false, labelRequested: false });
    const broken = await post(t, "/portal/return", {
      token: s.token,
      lines: [{ lineId: p0.lineId, quantity: 1, reason: "defective" }],
    });
    expect(broken.body).toMatchObject({ ok: true, approved: true, labelRequested: true });
    const tooMany = await post(t, "/portal/return", {
      token: s.token,
      lines: [{ lineId: p0.lineId, quantity: 3, reason: "defective" }],
    });
    expect(tooMany.status).toBe(400);
    const rmas = await t.run((ctx) =>
      ctx.db
        .query("rmas")
        .withIndex("by_orderId", (q) => q.eq("orderId", o.orderId))
        .collect(),
    );
    expect(rmas.map((r) => [r.status, r.createdByName, r.returnLabel?.status ?? null])).toEqual([
      ["requested", "Customer (Ada Lovelace)", null],
      ["approved", "Customer (Ada Lovelace)", "requested"],
    ]);
    vi.advanceTimersByTime(31 * DAY);
    const late = await session(t, o.number);
    expect(late.order.returns.open).toBe(false);
    const refused = await post(t, "/portal/return", {
      token: late.token,
      lines: [{ lineId: p0.lineId, quantity: 1, reason: "defective" }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/30-day return window of order SO-\d+ closed on/);
    await expectInvariants(t);
  });

  test("a pickup order shows the store and, once ready, its code", async () => {
    const { t, supervisor, floor } = await setupTest();
    const { store, productIds } = await stockedSources(t, {
      sources: { store: { code: "ST", kind: "store", name: "Market St store" } },
      stock: { store: [3] },
      products: [{ sku: "PX" }],
      postcode: false,
    });
    await t.run((ctx) => ctx.db.patch("warehouses", store, { pickupHours: "Mon–Sat 9–19" }));
    const w = { store, p: productIds[0] };
    const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
      order: { ...customerOrder(ADA, [w.p], { unitPriceMinor: 100 }), pickupStoreId: w.store },
    });
    const before = await session(t, number);
    expect(before.order.pickup).toMatchObject({ code: null, storeName: "Market St store", storeHours: "Mon–Sat 9–19" });
    const pickup = (await t.run((ctx) =>
      ctx.db
        .query("pickups")
        .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
        .unique(),
    ))!;
    await floor.mutation(api.pickups.scanItem, { pickupId: pickup._id, code: "PX", scanId: "x1" });
    const { code } = await floor.mutation(api.pickups.ready, { pickupId: pickup._id });
    const after = await post(t, "/portal/view", { token: before.token });
    expect((after.body.order as PortalOrder).pickup?.code).toBe(code);
    expect(
      (after.body.order as PortalOrder).shipments[0].milestones.find((m) => m.key === "ready_for_pickup")?.done,
    ).toBe(true);
  });
});

describe("portal settings", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("admins set the window and the rule (audited); a supervisor may read, not write; bad values refused", async () => {
    const { t, admin, supervisor } = await setupTest();
    expect((await supervisor.query(api.portalSettings.get, {})).returnWindowDays).toBe(30);
    await admin.mutation(api.portalSettings.save, {
      settings: {
        returnWindowDays: 14,
        autoApprove: { enabled: false, reasons: ["defective", "defective"], maxValueMinor: 0 },
      },
    });
    expect(await supervisor.query(api.portalSettings.get, {})).toEqual({
      returnWindowDays: 14,
      autoApprove: { enabled: false, reasons: ["defective"], maxValueMinor: 0 },
    });
    const bad = await errorOf(
      admin.mutation(api.portalSettings.save, {
        settings: { returnWindowDays: 366, autoApprove: { enabled: true, reasons: [], maxValueMinor: -1 } },
      }),
    );
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["maxValueMinor", "returnWindowDays"]);
    await expect(
      supervisor.mutation(api.portalSettings.save, {
        settings: { returnWindowDays: 1, autoApprove: { enabled: false, reasons: [], maxValueMinor: 0 } },
      }),
    ).rejects.toThrow();
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.some((a) => a.entity === "portalSettings")).toBe(true);
  });

  test("with auto-approval off a defect waits for a supervisor, and a 14-day window closes sooner", async () => {
    const { t, admin, supervisor } = await setupTest();
    await admin.mutation(api.portalSettings.save, {
      settings: { returnWindowDays: 14, autoApprove: { enabled: false, reasons: [], maxValueMinor: 0 } },
    });
    const o = await splitOrder(t, supervisor);
    await shipAll(t, o.orderId);
    const s = await session(t, o.number);
    const p0 = s.order.returns.lines.find((l) => l.sku === "P0")!;
    const r = await post(t, "/portal/return", {
      token: s.token,
      lines: [{ lineId: p0.lineId, quantity: 1, reason: "defective" }],
    });
    expect(r.body).toMatchObject({ ok: true, approved: false, labelRequested: false });
    vi.advanceTimersByTime(15 * DAY);
    const late = await session(t, o.number);
    expect(
      (
        await post(t, "/portal/return", {
          token: late.token,
          lines: [{ lineId: p0.lineId, quantity: 1, reason: "defective" }],
        })
      ).body.message,
    ).toMatch(/14-day return window/);
  });
});

describe("portal: hostile bodies", () => {
  test("junk bodies are refused with a sentence and write nothing", async () => {
    const { t, supervisor } = await setupTest();
    const o = await splitOrder(t, supervisor);
    const s = await session(t, o.number);
    const lineId = s.order.backordered[0].lineId;
    const bodies: unknown[] = [
      { token: s.token },
      { token: s.token, lines: "all" },
      { token: s.token, lines: [{ lineId, quantity: "3" }] },
      { token: s.token, lines: [{ lineId, quantity: 1.5 }] },
      { token: s.token, lines: [{ lineId, quantity: 0 }] },
      { token: s.token, lines: [{ lineId, quantity: 1e300 }] },
      { token: s.token, lines: [{ lineId: "x".repeat(10_000), quantity: 1 }] },
      { token: s.token, lines: Array.from({ length: 300 }, () => ({ lineId, quantity: 1 })) },
    ];
    for (const body of bodies) {
      const r = await post(t, "/portal/cancel", body);
      expect(r.status).toBe(400);
      expect(typeof r.body.message).toBe("string");
    }
    const raw = await t.fetch("/portal/cancel", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(raw.status).toBe(401);
    const { lines } = await supervisor.query(api.orders.get, { id: o.orderId });
    expect(lines.every((l) => l.cancelled === 0)).toBe(true);
    await expectInvariants(t);
  });
});
