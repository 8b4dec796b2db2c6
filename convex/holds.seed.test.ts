import { expect, test } from "vitest";
import { api } from "./_generated/api";
import { seedExceptions } from "./model/seed/holds";
import { expectInvariants, seedStock, setupTest } from "./testing/setup.testing";

test("demo exceptions: one of each hold in the queue, realistic content, a confirmation in the outbox", async () => {
  const { t, supervisor } = await setupTest();
  await seedStock(t, [50, 50]);
  const numbers = await t.run((ctx) => seedExceptions(ctx));
  expect(numbers).toHaveLength(5);
  const queue = await supervisor.query(api.holds.queue, { paginationOpts: { numItems: 20, cursor: null } });
  expect(queue.page.map((h) => h.type).sort()).toEqual(["address", "address", "fraud", "payment"]);
  const outbox = await supervisor.query(api.notifications.outbox, { paginationOpts: { numItems: 20, cursor: null } });
  expect(outbox.page.some((m) => m.body.includes("Ada Lovelace"))).toBe(true);
  // No test strings in the demo: hostile inputs belong in tests.
  for (const m of outbox.page) expect(m.body).not.toMatch(/&lt;|<script|Demo customer/i);
  // A second run (demo seed, then a browser journey) adds nothing.
  expect(await t.run((ctx) => seedExceptions(ctx))).toEqual([]);
  await expectInvariants(t);
});
