/**
 * The role matrix: walks every module, finds every public function (new ones are covered
 * automatically), and proves each is built with a role-checked builder, refuses a signed-out
 * caller and a non-member, refuses each role below its minimum, and lets its minimum role past
 * the auth check. Arguments are generated from each function's own validator, ids from fixtures.
 */
import { describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import type { Id, TableNames } from "./_generated/dataModel";
import { modules, setupTest, seedStock, usAddress, type TestBackend } from "./setup.testing";
import { createOrder } from "./model/orders/create";
import { ROLES, type Role } from "./model/members/tables";

type ValidatorJson = { type: string; value?: unknown; tableName?: string; keys?: ValidatorJson; values?: { fieldType: ValidatorJson } };
type Fields = Record<string, { fieldType: ValidatorJson; optional: boolean }>;

/** A value that passes the validator, so a refusal can only come from the auth check. */
function sample(v: ValidatorJson, ids: Partial<Record<string, string>>): unknown {
  switch (v.type) {
    case "string": return "x";
    case "number": case "float64": return 1;
    case "int64": return 1n;
    case "boolean": return true;
    case "null": return null;
    case "any": return null;
    case "bytes": return new ArrayBuffer(1);
    case "literal": return v.value;
    case "id": {
      const id = ids[v.tableName!];
      if (!id) throw new Error(`Role matrix: add a fixture id for table "${v.tableName}" in functions.test.ts`);
      return id;
    }
    case "array": return [sample(v.value as ValidatorJson, ids)];
    case "union": return sample((v.value as ValidatorJson[])[0], ids);
    case "record": return {};
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(v.value as Fields)) out[k] = f.optional ? undefined : sample(f.fieldType, ids);
      return out;
    }
    default: throw new Error(`Role matrix: no sample for validator type ${v.type}`);
  }
}

type Registered = { isPublic?: boolean; isQuery?: boolean; isMutation?: boolean; isAction?: boolean; exportArgs(): string; minRole?: Role };

async function publicFunctions() {
  const found: { name: string; kind: "query" | "mutation" | "action"; fn: Registered }[] = [];
  for (const [path, load] of Object.entries(modules)) {
    if (path.includes("_generated") || path.includes("/lib/") || path.includes("/model/")) continue;
    const mod = (await load()) as Record<string, unknown>;
    const modName = path.replace(/^\.\//, "").replace(/\.[jt]s$/, "");
    for (const [exp, value] of Object.entries(mod)) {
      const fn = value as Registered;
      if (typeof value !== "function" || !fn.isPublic) continue;
      const kind = fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action";
      found.push({ name: `${modName}:${exp}`, kind, fn });
    }
  }
  return found;
}

async function fixtures(t: TestBackend, memberIds: Record<Role, Id<"members">>) {
  const { productIds, warehouseId } = await seedStock(t, [5]);
  return t.run(async (ctx) => {
    const { orderId } = await createOrder(ctx, undefined, {
      kind: "phone",
      channel: "manual",
      customer: { name: "A", email: "a@example.com" },
      shipTo: usAddress,
      currency: "USD",
      lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 100 }],
    });
    const line = (await ctx.db.query("orderLines").first())!;
    const level = (await ctx.db.query("inventoryLevels").first())!;
    const shipmentId = await ctx.db.insert("shipments", { orderId, number: "S-1", warehouseId, source: "stock", status: "open", createdAt: 0, lines: [] });
    const pickListId = await ctx.db.insert("pickLists", { warehouseId, number: "PL-1", kind: "batch", status: "open", requireBinScan: false, shipmentIds: [shipmentId], unitsTotal: 1, unitsPicked: 0, unitsShort: 0, createdAt: 0 });
    const pickTaskId = await ctx.db.insert("pickTasks", { pickListId, seq: 0, shipmentId, orderLineId: line._id, productId: productIds[0], sku: "S", name: "S", bin: "A-1", zone: "A", tote: 1, quantity: 1, picked: 0, short: 0, binConfirmed: false });
    const packageId = await ctx.db.insert("packages", { shipmentId, index: 1, weightGrams: 1, lengthMm: 1, widthMm: 1, heightMm: 1, items: [] });
    const boxTypeId = await ctx.db.insert("boxTypes", { code: "B", name: "B", lengthMm: 1, widthMm: 1, heightMm: 1, tareGrams: 1, active: true });
    const rmaId = await ctx.db.insert("rmas", { number: "RMA-1", orderId, orderNumber: "SO-1", status: "approved", origin: "operator", reasons: ["defective"], expectedDisposition: "restock", currency: "USD", refundPolicy: { includeShipping: false, shippingMinor: 0, restockingFeeBps: 0 }, refundAmountMinor: 0, refundStatus: "not_due", unitsAuthorised: 1, unitsSettled: 0, createdByName: "A", createdAt: 0, updatedAt: 0 });
    const rmaLineId = await ctx.db.insert("rmaLines", { rmaId, orderId, orderLineId: line._id, productId: productIds[0], sku: "S", name: "S", reason: "defective", unitPriceMinor: 100, quantity: 1, restocked: 0, damaged: 0, missing: 0 });
    const holdId = await ctx.db.insert("orderHolds", { orderId, type: "manual", scope: "order", blocking: false, status: "open", reason: "fixture", createdAt: 0 });
    const channelId = await ctx.db.insert("channels", { code: "fixture", kind: "sandbox", name: "F", settings: {}, enabled: true, status: "idle", consecutiveFailures: 0, nextPullAt: 0, ackDeadlineHours: 1, importedCount: 0, createdAt: 0 });
    const skuMappingId = await ctx.db.insert("skuMappings", { channel: "fixture", listingSku: "L", components: [], mapped: false, waitingOrders: 0, updatedAt: 0 });
    const outboxId = await ctx.db.insert("outbox", { kind: "ack", channel: "fixture", externalOrderId: "E", idempotencyKey: "ack:fixture:E", status: "failed", attempts: 1, nextAttemptAt: 0, createdAt: 0 });
    const shippingRuleId = await ctx.db.insert("shippingRules", { name: "R", position: 1, enabled: true, isDefault: false, conditions: {}, action: { kind: "cheapest" }, constraints: {}, version: 1, updatedAt: 0, updatedByName: "A" });
    const rateShopId = await ctx.db.insert("rateShopRequests", { shipmentId, packageIds: [packageId], status: "done", autoBuy: false, requestedByName: "A", requestedAt: 0, outcomes: [] });
    const shippingQuoteId = await ctx.db.insert("shippingQuotes", { shipmentId, requestId: rateShopId, provider: "table", carrier: "USPS", service: "Priority Mail", amountMinor: 100, currency: "USD", ref: "{}", quotedAt: 0, selected: true });
    const shippingLabelId = await ctx.db.insert("shippingLabels", { shipmentId, packageId, quoteId: shippingQuoteId, purchaseKey: "k", idempotencyKey: "k:1", provider: "table", carrier: "USPS", service: "Priority Mail", status: "purchased", attempts: 1, trackingNumber: "T1", currency: "USD", requestedByName: "A", createdAt: 0 });
    const notificationId = await ctx.db.insert("notifications", { event: "order_confirmed", channel: "email", orderId, orderNumber: "SO-1", idempotencyKey: "fixture", to: "a@example.com", subject: "s", body: "b", templateVersion: 0, status: "offline", attempts: 0, nextAttemptAt: 0, createdAt: 0 });
    // Click & collect (issue 20): one pickup row of the fixture order at the fixture warehouse.
    const pickupId = await ctx.db.insert("pickups", { orderId, orderNumber: "SO-1", storeId: warehouseId, status: "preparing", customerName: "A", createdAt: 0 });
    const ids: Partial<Record<TableNames, string>> = {
      pickups: pickupId,
      shippingRules: shippingRuleId,
      rateShopRequests: rateShopId,
      shippingQuotes: shippingQuoteId,
      shippingLabels: shippingLabelId,
      channels: channelId,
      skuMappings: skuMappingId,
      outbox: outboxId,
      orderHolds: holdId,
      notifications: notificationId,
      rmas: rmaId,
      rmaLines: rmaLineId,
      pickLists: pickListId,
      pickTasks: pickTaskId,
      packages: packageId,
      boxTypes: boxTypeId,
      members: memberIds.floor,
      products: productIds[0],
      warehouses: warehouseId,
      orders: orderId,
      orderLines: line._id,
      inventoryLevels: level._id,
      shipments: shipmentId,
    };
    return ids;
  });
}

async function callAs(t: TestBackend, who: Role | "signed-out" | "stranger", kind: "query" | "mutation" | "action", name: string, args: Record<string, unknown>) {
  const caller =
    who === "signed-out" ? t : who === "stranger" ? t.withIdentity({ tokenIdentifier: "test|nobody", subject: "nobody", issuer: "test" }) : t.withIdentity({ tokenIdentifier: `test|${who}`, subject: who, issuer: "test" });
  try {
    if (kind === "query") await caller.query(makeFunctionReference<"query">(name), args);
    else if (kind === "mutation") await caller.mutation(makeFunctionReference<"mutation">(name), args);
    else await caller.action(makeFunctionReference<"action">(name), args);
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
      const args = sample({ type: "object", value: (JSON.parse(fn.exportArgs()) as { value: Fields }).value }, ids) as Record<string, unknown>;
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
      if (allowed === "UNAUTHENTICATED" || allowed === "FORBIDDEN") failures.push(`${name} refuses its own minimum role ${fn.minRole}`);
    }
    expect(failures).toEqual([]);
  });

  test("a deactivated member is refused everywhere", async () => {
    const { t, memberIds, admin } = await setupTest();
    await t.run((ctx) => ctx.db.patch("members", memberIds.admin, { active: false }));
    await expect(admin.query(makeFunctionReference<"query">("members:me"), {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });

  test("a member added by email is linked on first sign-in", async () => {
    const { t, admin } = await setupTest();
    await admin.mutation(makeFunctionReference<"mutation">("members:add"), { name: "New", email: "New@Example.com", role: "floor" });
    const newcomer = t.withIdentity({ tokenIdentifier: "clerk|user_1", subject: "user_1", issuer: "clerk", email: "new@example.com" });
    expect(await newcomer.query(makeFunctionReference<"query">("members:me"), {})).toMatchObject({ role: "floor" });
    await expect(newcomer.mutation(makeFunctionReference<"mutation">("orders:createManual"), { order: {} })).rejects.toThrow();
    // A mutation by the newcomer links the token; afterwards the same email under another token is refused.
    await newcomer.mutation(makeFunctionReference<"mutation">("inventory:receive"), { productId: (await seedStock(t, [0])).productIds[0], warehouseId: (await seedStock(t, [0])).warehouseId, quantity: 1 });
    const member = await t.run((ctx) => ctx.db.query("members").withIndex("by_email", (q) => q.eq("email", "new@example.com")).unique());
    expect(member?.tokenIdentifier).toBe("clerk|user_1");
    const impostor = t.withIdentity({ tokenIdentifier: "other|x", subject: "x", issuer: "other", email: "new@example.com" });
    await expect(impostor.query(makeFunctionReference<"query">("members:me"), {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});
