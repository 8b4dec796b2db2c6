/**
 * Scale: with convex-test's transaction limits on, 40,000 orders (more than the 32,000 documents
 * a Convex query may read) and every board loads, reading a bounded number of documents.
 */
import { expect, test } from "vitest";
import { convexTest } from "convex-test";
import schema from "./schema";
import { api } from "./_generated/api";
import { modules } from "./testing/setup.testing";
import { boardSnapshot, rebuildAll, SCALE_STATUSES, seedScale } from "./testing/boards.testing";
import { isCompletedOrder, isOpenOrder } from "./lib/statusSets";
import { roundNow } from "./lib/clock";

const ORDERS = 40_000;

test(
  `every board loads over ${ORDERS.toLocaleString("en-US")} orders within the transaction limits`,
  { timeout: 240_000 },
  async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run((ctx) =>
      ctx.db.insert("members", {
        name: "Sam",
        email: "sam@example.com",
        role: "supervisor",
        active: true,
        tokenIdentifier: "test|supervisor",
      }),
    );
    const supervisor = t.withIdentity({ tokenIdentifier: "test|supervisor", subject: "supervisor", issuer: "test" });
    await seedScale(t, ORDERS);
    expect(await t.run(async (ctx) => (await ctx.db.query("orders").order("desc").first())?.number)).toBe(
      `SO-S${ORDERS - 1}`,
    );

    const nowBucket = roundNow(Date.now());
    const page = { numItems: 50, cursor: null };
    const backlog = await supervisor.query(api.boards.backlog, {});
    const statuses = Array.from({ length: ORDERS }, (_, i) => SCALE_STATUSES[i % SCALE_STATUSES.length]);
    expect(backlog.byChannel.reduce((s, r) => s + r.count, 0)).toBe(statuses.filter(isOpenOrder).length);
    const atRisk = await supervisor.query(api.boards.atRisk, { nowBucket, windowMinutes: 240, paginationOpts: page });
    expect(atRisk.page).toHaveLength(50);
    expect(atRisk.page.every((r, i) => i === 0 || atRisk.page[i - 1].deadline <= r.deadline)).toBe(true);
    const demand = await supervisor.query(api.boards.unallocatedDemand, { paginationOpts: page });
    expect(demand.page.length).toBeGreaterThan(0);
    const metrics = await supervisor.query(api.boards.metrics, { nowBucket, days: 31 });
    expect(metrics.totals.ordersShipped).toBe(statuses.filter(isCompletedOrder).length);
    expect(metrics.totals.fillRate).toBe(1);
    const spend = await supervisor.query(api.boards.carrierSpend, { nowBucket, weeks: 4 });
    expect(spend.days.length).toBeGreaterThanOrEqual(3 * 22);
    const returns = await supervisor.query(api.boards.returnsBySku, { paginationOpts: page });
    expect(returns.page.length).toBeGreaterThan(0);
    expect(returns.page.every((r) => r.ratio !== null && r.ratio > 0)).toBe(true);
    const floor = await supervisor.query(api.boards.floor, { nowBucket });
    expect(floor.active).toHaveLength(5);
  },
);

test("the scale fixture seeds the figures a full rebuild computes from its rows", { timeout: 60_000 }, async () => {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await seedScale(t, 400, 150);
  const seeded = await boardSnapshot(t);
  await rebuildAll(t);
  expect(await boardSnapshot(t)).toEqual(seeded);
});
