import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { errorOf, setupTest, warehouseInput } from "./testing/setup.testing";
import { MAX_WAREHOUSES } from "./lib/bounds";

describe("warehouses", () => {
  test("admin creates sources of each kind; the list is by priority and hides inactive ones", async () => {
    const { admin, floor } = await setupTest();
    const b = await admin.mutation(api.warehouses.create, { warehouse: warehouseInput({ code: "WEST", priority: 2 }) });
    const a = await admin.mutation(api.warehouses.create, {
      warehouse: warehouseInput({ code: "EAST", priority: 1, kind: "3pl" }),
    });
    const d = await admin.mutation(api.warehouses.create, {
      warehouse: warehouseInput({ code: "DROP", priority: 3, kind: "dropship", leadTimeDays: 4 }),
    });
    expect((await floor.query(api.warehouses.list, {})).map((w) => w._id)).toEqual([a, b, d]);
    await admin.mutation(api.warehouses.setActive, { id: b, active: false });
    expect((await floor.query(api.warehouses.list, {})).map((w) => w.code)).toEqual(["EAST", "DROP"]);
    expect((await floor.query(api.warehouses.list, { includeInactive: true })).map((w) => w.code)).toEqual([
      "EAST",
      "DROP",
      "WEST",
    ]);
  });

  test("bad fields and duplicate codes are refused naming the field", async () => {
    const { admin } = await setupTest();
    await admin.mutation(api.warehouses.create, { warehouse: warehouseInput({ code: "EAST" }) });
    const dup = await errorOf(admin.mutation(api.warehouses.create, { warehouse: warehouseInput({ code: "east" }) }));
    expect([dup.code, dup.fields?.code]).toEqual(["DUPLICATE", "Choose another code."]);
    const bad = await errorOf(
      admin.mutation(api.warehouses.create, {
        warehouse: warehouseInput({ cutoffLocal: "25:00", timezone: "Mars/Base", latitude: 123, kind: "dropship" }),
      }),
    );
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["cutoffLocal", "latitude", "leadTimeDays", "timezone"]);
  });

  test("edits are audited; supervisors may read but not edit", async () => {
    const { t, admin, supervisor } = await setupTest();
    const id = await admin.mutation(api.warehouses.create, { warehouse: warehouseInput({ code: "EAST" }) });
    await admin.mutation(api.warehouses.update, { id, warehouse: warehouseInput({ code: "EAST", name: "East DC" }) });
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(
      (await errorOf(supervisor.mutation(api.warehouses.update, { id, warehouse: warehouseInput({ code: "EAST" }) })))
        .code,
    ).toBe("FORBIDDEN");
  });

  test("a workspace holds at most 200 sources: the 201st is refused in words, and every source is listed and offered to the shipping rules", async () => {
    const { t, admin, floor } = await setupTest();
    const before = (await floor.query(api.warehouses.list, { includeInactive: true })).length;
    await t.run(async (ctx) => {
      for (let i = before; i < MAX_WAREHOUSES - 1; i++)
        await ctx.db.insert("warehouses", { ...warehouseInput({ code: `S${i}`, priority: i }), active: true });
    });
    await admin.mutation(api.warehouses.create, { warehouse: warehouseInput({ code: "LAST" }) });
    const refused = await errorOf(
      admin.mutation(api.warehouses.create, { warehouse: warehouseInput({ code: "ONEMORE" }) }),
    );
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/at most 200 sources/) });
    expect(await floor.query(api.warehouses.list, {})).toHaveLength(MAX_WAREHOUSES);
    // The shipping rules' "ship from" choices read 100 of them before.
    expect((await floor.query(api.shippingRules.list, {})).warehouses).toHaveLength(MAX_WAREHOUSES);
  });
});
