import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { errorOf, setupTest } from "./testing/setup.testing";

/** A backend with a second admin, Alex, to edit the rule set together with the first. */
async function setupTwoAdmins() {
  const b = await setupTest();
  await b.t.run((ctx) =>
    ctx.db.insert("members", {
      name: "Alex Admin",
      email: "alex@test.local",
      role: "admin",
      active: true,
      tokenIdentifier: "test|alex",
    }),
  );
  return {
    b,
    alex: b.t.withIdentity({ tokenIdentifier: "test|alex", subject: "alex", issuer: "test", name: "Alex Admin" }),
  };
}
const base = { conditions: {}, action: { kind: "cheapest" as const }, constraints: {} };

describe("shipping rules: collaborative editing", () => {
  test("rules are added before the default rule, which stays last and cannot be deleted or moved", async () => {
    const b = await setupTest();
    const a = await b.admin.mutation(api.shippingRules.add, { ...base, name: "Heavy" });
    const c = await b.admin.mutation(api.shippingRules.add, {
      ...base,
      name: "Canada",
      conditions: { countries: ["ca"] },
    });
    const { rules } = await b.floor.query(api.shippingRules.list, {});
    expect(rules.map((r) => r.name)).toEqual(["Heavy", "Canada", "Default: cheapest"]);
    expect(rules[1].conditions.countries).toEqual(["CA"]);
    const def = rules[2];
    expect(
      (await errorOf(b.admin.mutation(api.shippingRules.remove, { ruleId: def._id, expectedVersion: 1 }))).message,
    ).toMatch(/cannot be deleted/);
    expect(
      (
        await errorOf(
          b.admin.mutation(api.shippingRules.move, { ruleId: def._id, expectedVersion: 1, direction: "up" }),
        )
      ).message,
    ).toMatch(/always comes last/);
    await b.admin.mutation(api.shippingRules.move, { ruleId: c, expectedVersion: 1, direction: "up" });
    expect((await b.floor.query(api.shippingRules.list, {})).rules.map((r) => r._id)).toEqual([c, a, def._id]);
    // Moving the last ordinary rule down never passes the default.
    await b.admin.mutation(api.shippingRules.move, { ruleId: a, expectedVersion: 1, direction: "down" });
    expect((await b.floor.query(api.shippingRules.list, {})).rules.at(-1)!._id).toBe(def._id);
  });

  test("a stale edit is refused with the newer value; nothing is written; every accepted change is audited", async () => {
    const { b, alex } = await setupTwoAdmins();
    const ruleId = await b.admin.mutation(api.shippingRules.add, {
      ...base,
      name: "West coast",
      conditions: { states: ["CA", "OR"] },
    });
    // Both open version 1. Test admin saves first.
    expect(
      await b.admin.mutation(api.shippingRules.setAction, {
        ruleId,
        expectedVersion: 1,
        action: { kind: "cheapest_within_days", days: 2 },
      }),
    ).toEqual({ version: 2 });
    const stale = await errorOf(
      alex.mutation(api.shippingRules.setAction, { ruleId, expectedVersion: 1, action: { kind: "fastest" } }),
    );
    expect(stale).toEqual({
      code: "CONFLICT",
      message:
        'Test admin changed "West coast" since you opened it: action is now cheapest within 2 days. Your change was not saved.',
      fields: { action: "cheapest within 2 days" },
    });
    const renamed = await errorOf(
      alex.mutation(api.shippingRules.rename, { ruleId, expectedVersion: 1, name: "Pacific" }),
    );
    expect(renamed.message).toMatch(/name is now "West coast"/);
    // With the current version Alex's edit goes through.
    await alex.mutation(api.shippingRules.rename, { ruleId, expectedVersion: 2, name: "Pacific" });
    const rule = (await b.floor.query(api.shippingRules.list, {})).rules[0];
    expect(rule).toMatchObject({
      name: "Pacific",
      version: 3,
      updatedByName: "Alex Admin",
      action: { kind: "cheapest_within_days", days: 2 },
    });
    const audit = await b.t.run((ctx) =>
      ctx.db
        .query("auditLog")
        .withIndex("by_entity_and_entityId", (q) => q.eq("entity", "shippingRule").eq("entityId", ruleId))
        .collect(),
    );
    expect(audit.map((x) => [x.actorName, x.summary])).toEqual([
      ["Test admin", 'Added "West coast": state CA/OR → cheapest'],
      ["Test admin", '"West coast" action: cheapest → cheapest within 2 days'],
      ["Alex Admin", '"Pacific" name: "West coast" → "Pacific"'],
    ]);
  });

  test("bad input names the field; the default rule's conditions cannot be edited", async () => {
    const b = await setupTest();
    const ruleId = await b.admin.mutation(api.shippingRules.add, { ...base, name: "R" });
    const bad = await errorOf(
      b.admin.mutation(api.shippingRules.setConditions, {
        ruleId,
        expectedVersion: 1,
        conditions: { weightGrams: { min: 5000, max: 1000 }, countries: ["USA"] },
      }),
    );
    expect(bad.fields).toEqual({
      "conditions.weightGrams": "The upper bound must be above the lower bound.",
      "conditions.countries": "Countries are two-letter codes, like US or CA.",
    });
    expect(
      (
        await errorOf(
          b.admin.mutation(api.shippingRules.setAction, {
            ruleId,
            expectedVersion: 1,
            action: { kind: "named", carrier: " " },
          }),
        )
      ).fields,
    ).toEqual({ "action.carrier": "Name the carrier." });
    const def = (await b.floor.query(api.shippingRules.list, {})).rules[1];
    expect(
      (
        await errorOf(
          b.admin.mutation(api.shippingRules.setConditions, {
            ruleId: def._id,
            expectedVersion: 1,
            conditions: { countries: ["US"] },
          }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
    expect(
      (await errorOf(b.supervisor.mutation(api.shippingRules.rename, { ruleId, expectedVersion: 1, name: "x" }))).code,
    ).toBe("FORBIDDEN");
  });

  test("shadowed rules are flagged; who is editing which rule is visible", async () => {
    const { b, alex } = await setupTwoAdmins();
    const us = await b.admin.mutation(api.shippingRules.add, {
      ...base,
      name: "US",
      conditions: { countries: ["US"] },
    });
    const ca = await b.admin.mutation(api.shippingRules.add, {
      ...base,
      name: "US west",
      conditions: { countries: ["US"], states: ["CA"] },
    });
    await b.admin.mutation(api.shippingRules.heartbeat, { ruleId: ca, field: "conditions" });
    await alex.mutation(api.shippingRules.heartbeat, {});
    let list = await b.floor.query(api.shippingRules.list, {});
    expect(list.rules.find((r) => r._id === ca)!.shadow).toMatchObject({ shadowedBy: us, shadowedByName: "US" });
    expect(list.rules.find((r) => r._id === us)!.shadow).toBeNull();
    expect(list.editors.map((e) => [e.name, e.ruleId, e.field]).sort()).toEqual([
      ["Alex Admin", undefined, undefined],
      ["Test admin", ca, "conditions"],
    ]);
    await b.admin.mutation(api.shippingRules.move, { ruleId: ca, expectedVersion: 1, direction: "up" });
    await alex.mutation(api.shippingRules.leave, {});
    list = await b.floor.query(api.shippingRules.list, {});
    expect(list.rules.every((r) => r.shadow === null)).toBe(true);
    expect(list.editors.map((e) => e.name)).toEqual(["Test admin"]);
  });
});
