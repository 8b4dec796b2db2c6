/**
 * The floor simulator works the demo through the public API: lists are built and picked, packed
 * shipments get labels and ship, and the data keeps its invariants (nothing picked twice).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startRuntime, type Runtime } from "./runtime";
import { startSimulator } from "./simulator";

let rt: Runtime;
beforeAll(async () => {
  process.env.OFFLINE_QUIET = "1";
  rt = await startRuntime({ port: 0, httpActionsPort: null, seed: "small", crons: false });
}, 120_000);
afterAll(() => rt?.stop());

type Row = Record<string, unknown>;
const table = (name: string) => {
  const b = rt.engine.backend;
  return b.within(() => b.t.run(async (ctx) => (await ctx.db.query(name as never).take(5000)) as Row[])) as Promise<
    Row[]
  >;
};

test("the crew picks, packs and ships demo orders, one public call at a time", { timeout: 120_000 }, async () => {
  const lines: string[] = [];
  const stop = startSimulator(rt.engine, { warmUpSteps: 150, stepMs: 60_000, log: (l) => lines.push(l) });
  const until = Date.now() + 100_000;
  while (Date.now() < until && !lines.some((l) => l.startsWith("the morning's work is done")))
    await new Promise((r) => setTimeout(r, 100));
  stop();
  expect(lines.filter((l) => l.startsWith("step refused"))).toEqual([]);
  // Every package is weighed at least at its contents, so no label is refused for weight.
  expect(lines.filter((l) => l.startsWith("left a shipment"))).toEqual([]);
  const lists = await table("pickLists");
  expect(lists.some((l) => l.status === "done")).toBe(true);
  // Labels are bought by the scheduled purchase after the rate shop.
  let labels: Row[] = [];
  for (let i = 0; i < 200 && !labels.some((l) => l.status === "purchased"); i++) {
    await new Promise((r) => setTimeout(r, 100));
    labels = await table("shippingLabels");
  }
  expect(labels.filter((l) => l.status === "purchased").length).toBeGreaterThan(0);
  const shipments = await table("shipments");
  expect(shipments.filter((s) => s.status === "shipped").length).toBeGreaterThan(0);
  // Never more picked than asked for.
  for (const s of shipments)
    for (const l of s.lines as { quantity: number; picked: number }[]) expect(l.picked).toBeLessThanOrEqual(l.quantity);
});
