import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { errorOf, setupTest } from "./testing/setup.testing";
import { isPresent, PRESENCE_TTL_MS, presencePlace } from "./lib/presence";

describe("presence: one table keyed by place, one time-to-live", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("the rules page's editors live in the presence table and expire with the floor's rows", async () => {
    const b = await setupTest();
    await b.admin.mutation(api.shippingRules.heartbeat, { field: "conditions" });
    await b.floor.mutation(api.floor.presenceHeartbeat, { place: presencePlace.pickList("p1") });
    const rows = await b.t.run((ctx) => ctx.db.query("presence").collect());
    expect(rows.map((r) => [r.name, r.place, r.editing?.field]).sort()).toEqual([
      ["Test admin", "shippingRules", "conditions"],
      ["Test floor", "pickList:p1", undefined],
    ]);
    expect((await b.floor.query(api.shippingRules.list, {})).editors.map((e) => [e.name, e.field])).toEqual([
      ["Test admin", "conditions"],
    ]);

    // Still inside the time-to-live: the safety net keeps both; past it, both go.
    vi.advanceTimersByTime(PRESENCE_TTL_MS - 1);
    expect((await b.t.mutation(internal.scheduling.safetyNet, {})).presenceExpired).toBe(0);
    vi.advanceTimersByTime(2);
    expect((await b.t.mutation(internal.scheduling.safetyNet, {})).presenceExpired).toBe(2);
    expect((await b.floor.query(api.shippingRules.list, {})).editors).toEqual([]);
  });

  test("a new heartbeat replaces what the person was editing; leaving the page removes them", async () => {
    const b = await setupTest();
    await b.admin.mutation(api.shippingRules.heartbeat, { field: "conditions" });
    await b.admin.mutation(api.shippingRules.heartbeat, {});
    let editors = (await b.floor.query(api.shippingRules.list, {})).editors;
    expect(editors.map((e) => [e.name, e.field])).toEqual([["Test admin", undefined]]);
    await b.admin.mutation(api.shippingRules.leave, {});
    editors = (await b.floor.query(api.shippingRules.list, {})).editors;
    expect(editors).toEqual([]);
  });

  test("a floor page cannot say someone is on the rules page", async () => {
    const b = await setupTest();
    const err = await errorOf(b.floor.mutation(api.floor.presenceHeartbeat, { place: presencePlace.shippingRules }));
    expect(err.code).toBe("FORBIDDEN");
    expect(await b.t.run((ctx) => ctx.db.query("presence").collect())).toEqual([]);
  });

  test("the client's cut-off is the server's: present until the time-to-live has passed", () => {
    expect(isPresent({ lastSeen: 1_000 }, 1_000 + PRESENCE_TTL_MS - 1)).toBe(true);
    expect(isPresent({ lastSeen: 1_000 }, 1_000 + PRESENCE_TTL_MS)).toBe(false);
  });
});
