/**
 * Documents read by the boards at 1,000 and 40,000 orders, from convex-test's transaction metrics
 * (transaction limits on). Each board is the real public query, called with a supervisor's identity
 * through ctx.runQuery inside one t.run, whose metrics include the nested query's reads (the member
 * lookup of the role check included): every query the Boards page subscribes to, lists at the page
 * sizes it asks for (PAGES). Also the orders list (orders:list) first page at 40,000 orders.
 * Writes bench/.tmp/dashboards.json for bench/run.ts. A benchmark, not a test: asserts nothing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { test } from "vitest";
import { convexTest } from "convex-test";
import schema from "../convex/schema";
import { api } from "../convex/_generated/api";
import { modules } from "../convex/testing/setup.testing";
import { seedScale } from "../convex/testing/boards.testing";
import { roundNow } from "../convex/lib/clock";

/** Rows per list as the Boards page asks for them (src/features/boards). */
const PAGES = { atRisk: 15, unallocatedDemand: 10, returnsBySku: 10 };
const ORDER_PAGE = 50;

async function measure(orders: number) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run((ctx) =>
    ctx.db.insert("members", {
      name: "Sam",
      email: "sam@example.com",
      role: "supervisor",
      active: true,
      tokenIdentifier: "bench|supervisor",
    }),
  );
  await seedScale(t, orders);
  const supervisor = t.withIdentity({ tokenIdentifier: "bench|supervisor", subject: "supervisor", issuer: "bench" });
  const nowBucket = roundNow(Date.now());
  const page = (numItems: number) => ({ numItems, cursor: null });
  return supervisor.run(async (ctx) => {
    const read = async () => (await ctx.meta.getTransactionMetrics()).documentsRead.used;
    const perBoard: Record<string, number> = {};
    const boards: [string, () => Promise<unknown>][] = [
      ["backlog", () => ctx.runQuery(api.boards.backlog, {})],
      [
        "atRisk",
        () => ctx.runQuery(api.boards.atRisk, { nowBucket, windowMinutes: 240, paginationOpts: page(PAGES.atRisk) }),
      ],
      [
        "unallocatedDemand",
        () => ctx.runQuery(api.boards.unallocatedDemand, { paginationOpts: page(PAGES.unallocatedDemand) }),
      ],
      ["carrierSpend", () => ctx.runQuery(api.boards.carrierSpend, { nowBucket, weeks: 4 })],
      ["metrics", () => ctx.runQuery(api.boards.metrics, { nowBucket, days: 7 })],
      ["returnsBySku", () => ctx.runQuery(api.boards.returnsBySku, { paginationOpts: page(PAGES.returnsBySku) })],
      ["floor", () => ctx.runQuery(api.boards.floor, { nowBucket })],
    ];
    for (const [name, run] of boards) {
      const before = await read();
      await run();
      perBoard[name] = (await read()) - before;
    }
    const before = await read();
    const list = await ctx.runQuery(api.orders.list, { paginationOpts: { numItems: ORDER_PAGE, cursor: null } });
    const orderList = (await read()) - before;
    return {
      total: Object.values(perBoard).reduce((a, b) => a + b, 0),
      perBoard,
      orderList,
      orderListRows: list.page.length,
    };
  });
}

test("board documents read at 1k and 40k orders", { timeout: 600_000 }, async () => {
  const small = await measure(1_000);
  const large = await measure(40_000);
  const out = {
    dashboard_docs_read_1k: small.total,
    dashboard_docs_read_40k: large.total,
    dashboard_read_growth: Math.round((large.total / small.total) * 1000) / 1000,
    order_list_page_docs_read: large.orderList,
    dashboard_docs_detail: {
      pageSizes: PAGES,
      at1k: small.perBoard,
      at40k: large.perBoard,
      orderListPageSize: ORDER_PAGE,
      orderListRows: large.orderListRows,
    },
  };
  mkdirSync("bench/.tmp", { recursive: true });
  writeFileSync("bench/.tmp/dashboards.json", JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out));
});
