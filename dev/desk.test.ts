/**
 * The desk's search index and bulk sub-transactions through the offline runtime (the official
 * client over the app's convex/, "small" seed): convex-test implements `withSearchIndex` and
 * nested `ctx.runMutation` rollback, and the runtime serves both, live.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import { startRuntime, type Runtime } from "./runtime";
import { client, waitFor } from "./testkit";

type Hits = { orders: { _id: string; number: string; email: string; status: string }[]; products: { sku: string }[] };
const search = makeFunctionReference<"query", { text: string }, Hits>("search:global");
const bulkOrders = makeFunctionReference<
  "mutation",
  { op: string; ids: string[]; reason?: string },
  { done: number; refused: { id: string; reason: string }[] }
>("bulk:orders");

let rt: Runtime;
beforeAll(async () => {
  rt = await startRuntime({ port: 0, httpActionsPort: null, seed: "small", crons: false });
}, 60_000);
afterAll(async () => {
  await rt?.stop();
});

describe("desk over the offline runtime", () => {
  test("search finds an order by its customer's email and by its number; a bulk hold refuses per order and the search result follows live", async () => {
    const c = client(rt, "supervisor");
    try {
      const order = await rt.engine.backend.t.run(async (ctx) => {
        const o = await ctx.db
          .query("orders")
          .withIndex("by_status", (q) => q.eq("status", "allocated"))
          .first();
        if (!o) throw new Error("no allocated order in the small seed");
        return { id: o._id as string, number: o.number as string, email: (o.customer as { email: string }).email };
      });
      const byEmail = await c.query(search, { text: order.email.toUpperCase() });
      expect(byEmail.orders.map((o) => o.number)).toContain(order.number);
      const byNumber = await c.query(search, { text: order.number });
      expect(byNumber.orders.map((o) => o.number)).toEqual([order.number]);

      let latest: Hits | undefined;
      const unsub = c.onUpdate(search, { text: order.number }, (v) => (latest = v));
      await waitFor(() => latest?.orders[0]?.status === "allocated" || undefined, 10_000, "the live search result");
      const r = await c.mutation(bulkOrders, { op: "hold", ids: [order.id, order.id], reason: "Runtime check" });
      expect(r).toEqual({ done: 1, refused: [] });
      const again = await c.mutation(bulkOrders, { op: "hold", ids: [order.id], reason: "Runtime check" });
      expect(again.refused).toEqual([{ id: order.id, reason: `Order ${order.number} is already on hold.` }]);
      await waitFor(
        () => latest?.orders[0]?.status === "on_hold" || undefined,
        10_000,
        "the held status in the live search",
      );
      unsub();
    } finally {
      await c.close();
    }
  }, 60_000);
});
