/**
 * The role matrix: walks every module, finds every public function (new ones are covered
 * automatically), and proves each is built with a role-checked builder, refuses a signed-out
 * caller and a non-member, refuses each role below its minimum, and lets its minimum role past
 * the auth check. Arguments are generated from each function's own validator, ids from fixtures.
 */
import { describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import { errorOf, setupTest, seedStock, type TestBackend } from "./testing/setup.testing";
import { argsOf, fixtures, invoke, publicFunctions, valueFor, type ValueRules } from "./testing/functions.testing";
import { ROLES, type Role } from "./lib/roles";

/** Values that pass any validator (optional fields left out), so a refusal can only come from the auth check. */
const SAMPLE: ValueRules = {
  string: () => "x",
  number: () => 1,
  int64: 1n,
  boolean: true,
  field: (_key, optional, fill) => (optional ? undefined : fill()),
};

async function callAs(
  t: TestBackend,
  who: Role | "signed-out" | "stranger",
  kind: "query" | "mutation" | "action",
  name: string,
  args: Record<string, unknown>,
) {
  const caller =
    who === "signed-out"
      ? t
      : who === "stranger"
        ? t.withIdentity({ tokenIdentifier: "test|nobody", subject: "nobody", issuer: "test" })
        : t.withIdentity({ tokenIdentifier: `test|${who}`, subject: who, issuer: "test" });
  try {
    await invoke(caller, kind, name, args);
    return "ok";
  } catch (e) {
    const code = (e as { data?: { code?: string } }).data?.code;
    return code ?? `error: ${(e as Error).message.slice(0, 120)}`;
  }
}

describe("role matrix", () => {
  test("every public function is role-checked", async () => {
    const { t, memberIds } = await setupTest();
    const ids = await fixtures(t, memberIds);
    const fns = await publicFunctions();
    expect(fns.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const { name, kind, fn } of fns) {
      if (!fn.minRole) {
        failures.push(`${name} is public but not made with a builder from convex/functions.ts`);
        continue;
      }
      const args = valueFor(argsOf(fn), ids, SAMPLE) as Record<string, unknown>;
      const expectRefused = async (who: Role | "signed-out" | "stranger", code: string) => {
        const got = await callAs(t, who, kind, name, args);
        if (got !== code) failures.push(`${name} as ${who}: expected ${code}, got ${got}`);
      };
      await expectRefused("signed-out", "UNAUTHENTICATED");
      await expectRefused("stranger", "FORBIDDEN");
      for (const role of ROLES) {
        if (ROLES.indexOf(role) < ROLES.indexOf(fn.minRole)) await expectRefused(role, "FORBIDDEN");
      }
      const allowed = await callAs(t, fn.minRole, kind, name, args);
      if (allowed === "UNAUTHENTICATED" || allowed === "FORBIDDEN")
        failures.push(`${name} refuses its own minimum role ${fn.minRole}`);
    }
    expect(failures).toEqual([]);
  });

  test("every public function declares what it returns", async () => {
    // convex-test (and the offline runtime) check each result against it, so the suite proves them.
    const missing = (await publicFunctions())
      .filter(({ fn }) => JSON.parse(fn.exportReturns()) === null)
      .map(({ name }) => name);
    expect(missing).toEqual([]);
  });

  test("a deactivated member is refused everywhere", async () => {
    const { t, memberIds, admin } = await setupTest();
    await t.run((ctx) => ctx.db.patch("members", memberIds.admin, { active: false }));
    await expect(admin.query(makeFunctionReference<"query">("members:me"), {})).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
  });

  test("the last active admin can be neither demoted nor deactivated; with a second admin both are allowed", async () => {
    const { t, memberIds, admin, supervisor } = await setupTest();
    const setRole = makeFunctionReference<"mutation">("members:setRole");
    const setActive = makeFunctionReference<"mutation">("members:setActive");
    const lastAdmin = { code: "CONFLICT", message: "The workspace needs at least one active admin." };
    expect(await errorOf(admin.mutation(setRole, { memberId: memberIds.admin, role: "supervisor" }))).toEqual(
      lastAdmin,
    );
    expect(await errorOf(admin.mutation(setActive, { memberId: memberIds.admin, active: false }))).toEqual(lastAdmin);
    await admin.mutation(setRole, { memberId: memberIds.supervisor, role: "admin" });
    await admin.mutation(setRole, { memberId: memberIds.admin, role: "floor" });
    await supervisor.mutation(setActive, { memberId: memberIds.admin, active: false });
    const before = await t.run((ctx) => ctx.db.get("members", memberIds.admin));
    expect([before?.role, before?.active]).toEqual(["floor", false]);
  });

  test("a member added by email is linked on first sign-in", async () => {
    const { t, admin } = await setupTest();
    await admin.mutation(makeFunctionReference<"mutation">("members:add"), {
      name: "New",
      email: "New@Example.com",
      role: "floor",
    });
    const newcomer = t.withIdentity({
      tokenIdentifier: "clerk|user_1",
      subject: "user_1",
      issuer: "clerk",
      email: "new@example.com",
    });
    expect(await newcomer.query(makeFunctionReference<"query">("members:me"), {})).toMatchObject({ role: "floor" });
    await expect(
      newcomer.mutation(makeFunctionReference<"mutation">("orders:createManual"), { order: {} }),
    ).rejects.toThrow();
    // A mutation by the newcomer links the token; afterwards the same email under another token is refused.
    await newcomer.mutation(makeFunctionReference<"mutation">("inventory:receive"), {
      productId: (await seedStock(t, [0])).productIds[0],
      warehouseId: (await seedStock(t, [0])).warehouseId,
      quantity: 1,
    });
    const member = await t.run((ctx) =>
      ctx.db
        .query("members")
        .withIndex("by_email", (q) => q.eq("email", "new@example.com"))
        .unique(),
    );
    expect(member?.tokenIdentifier).toBe("clerk|user_1");
    const impostor = t.withIdentity({
      tokenIdentifier: "other|x",
      subject: "x",
      issuer: "other",
      email: "new@example.com",
    });
    await expect(impostor.query(makeFunctionReference<"query">("members:me"), {})).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
  });
});
