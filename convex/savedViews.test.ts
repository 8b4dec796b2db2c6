import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { MAX_SAVED_VIEWS } from "./lib/bounds";
import { errorOf, setupTest } from "./testing/setup.testing";

describe("saved views", () => {
  test("create, rename, update, default and delete: each member sees only their own", async () => {
    const { supervisor, floor } = await setupTest();
    const id = await supervisor.mutation(api.savedViews.create, {
      list: "orders",
      name: "  Held   today ",
      filters: { status: "on_hold", q: "" },
      columns: ["number", "status", "status"],
    });
    const [view] = await supervisor.query(api.savedViews.list, { list: "orders" });
    expect(view).toMatchObject({
      _id: id,
      name: "Held today",
      filters: { status: "on_hold" },
      columns: ["number", "status"],
      isDefault: false,
    });
    expect(await floor.query(api.savedViews.list, { list: "orders" })).toEqual([]);
    expect(await supervisor.query(api.savedViews.list, { list: "shipments" })).toEqual([]);
    // Another member cannot touch it.
    expect((await errorOf(floor.mutation(api.savedViews.rename, { viewId: id, name: "Mine now" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await errorOf(floor.mutation(api.savedViews.remove, { viewId: id }))).code).toBe("NOT_FOUND");

    const other = await supervisor.mutation(api.savedViews.create, {
      list: "orders",
      name: "Urgent",
      filters: { status: "ready" },
      columns: [],
      isDefault: true,
    });
    const taken = {
      code: "DUPLICATE",
      message: "You already have a view named “Urgent”.",
      fields: { name: "Already used." },
    };
    expect(await errorOf(supervisor.mutation(api.savedViews.rename, { viewId: id, name: "Urgent" }))).toEqual(taken);
    expect(
      await errorOf(
        supervisor.mutation(api.savedViews.create, { list: "orders", name: " Urgent ", filters: {}, columns: [] }),
      ),
    ).toEqual(taken);
    // The name is the member's own per list: the other list may use it.
    await supervisor.mutation(api.savedViews.create, { list: "shipments", name: "Urgent", filters: {}, columns: [] });
    await supervisor.mutation(api.savedViews.rename, { viewId: id, name: "Held" });
    await supervisor.mutation(api.savedViews.update, {
      viewId: id,
      filters: { status: "on_hold", channel: "manual" },
      columns: ["number"],
    });
    await supervisor.mutation(api.savedViews.setDefault, { list: "orders", viewId: id });
    const views = await supervisor.query(api.savedViews.list, { list: "orders" });
    expect(views.map((v) => [v.name, v.isDefault, v.filters])).toEqual([
      ["Held", true, { status: "on_hold", channel: "manual" }],
      ["Urgent", false, { status: "ready" }],
    ]);
    await supervisor.mutation(api.savedViews.setDefault, { list: "orders", viewId: null });
    expect((await supervisor.query(api.savedViews.list, { list: "orders" })).some((v) => v.isDefault)).toBe(false);
    await supervisor.mutation(api.savedViews.remove, { viewId: other });
    expect((await supervisor.query(api.savedViews.list, { list: "orders" })).map((v) => v.name)).toEqual(["Held"]);
  });

  test("refuses an empty or long name, a duplicate, and more than the limit of views", async () => {
    const { floor } = await setupTest();
    expect(
      (await errorOf(floor.mutation(api.savedViews.create, { list: "orders", name: "   ", filters: {}, columns: [] })))
        .fields,
    ).toEqual({ name: "Required." });
    expect(
      (
        await errorOf(
          floor.mutation(api.savedViews.create, { list: "orders", name: "n".repeat(61), filters: {}, columns: [] }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
    for (let i = 0; i < MAX_SAVED_VIEWS; i++)
      await floor.mutation(api.savedViews.create, { list: "shipments", name: `View ${i}`, filters: {}, columns: [] });
    expect(
      (
        await errorOf(
          floor.mutation(api.savedViews.create, { list: "shipments", name: "View 0", filters: {}, columns: [] }),
        )
      ).message,
    ).toMatch(/already keep 30 views/);
    expect(
      (
        await errorOf(
          floor.mutation(api.savedViews.create, {
            list: "orders",
            name: "x",
            filters: { a: "v".repeat(201) },
            columns: [],
          }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
  });
});
