/**
 * No bare errors (issue 13, point 5): every public function (found by walking every module, as
 * the role matrix does) is called as its own minimum role with boundary values built from its own
 * argument validator — the longest text each field allows, one character more and 100 kB, the
 * largest numbers of each kind and one more, 1e308, NaN, −Infinity, negative fractions, zero and
 * empty text and arrays, arrays naming the same thing twice and arrays past the item limit. Each call must succeed or be refused with a typed ConvexError whose message is a
 * sentence; afterwards every invariant must still hold.
 */
import { describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import type { Id, TableNames } from "./_generated/dataModel";
import { invariantReport, modules, seedStock, setupTest, usAddress, type TestBackend } from "./setup.testing";
import { createOrder } from "./model/orders/create";
import { isAppErrorData } from "./lib/errors";
import { MAX_MONEY_MINOR, MAX_MOVEMENT_QUANTITY, numberKindOf, STRING_LIMITS, stringKindOf } from "./lib/bounds";
import type { Role } from "./model/members/tables";

type ValidatorJson = { type: string; value?: unknown; tableName?: string; keys?: ValidatorJson; values?: { fieldType: ValidatorJson } };
type Fields = Record<string, { fieldType: ValidatorJson; optional: boolean }>;

const MODES = ["over", "longest", "nan", "inf", "fraction", "zero", "duplicates", "huge"] as const;
type Mode = (typeof MODES)[number];

/** A boundary value of the validator's type for `mode`; `field` picks the text and number kind. */
function boundary(v: ValidatorJson, mode: Mode, field: string, ids: Partial<Record<string, string>>): unknown {
  switch (v.type) {
    case "string": {
      const limit = STRING_LIMITS[stringKindOf(field)];
      if (mode === "over") return "x".repeat(limit + 1);
      if (mode === "longest") return "x".repeat(limit);
      if (mode === "huge") return "x".repeat(100_001);
      if (mode === "zero") return "";
      return "ok value";
    }
    case "number":
    case "float64": {
      const kind = numberKindOf(field);
      const max = kind === "quantity" ? MAX_MOVEMENT_QUANTITY : kind === "money" ? MAX_MONEY_MINOR : Number.MAX_SAFE_INTEGER;
      return { over: max + 1, longest: max, nan: Number.NaN, inf: Number.NEGATIVE_INFINITY, fraction: -0.5, zero: 0, duplicates: 1, huge: 1e308 }[mode];
    }
    case "int64": return mode === "fraction" ? -1n : 1n;
    case "boolean": return mode === "zero" ? false : true;
    case "null": case "any": return null;
    case "bytes": return new ArrayBuffer(1);
    case "literal": return v.value;
    case "id": {
      const id = ids[v.tableName!];
      if (!id) throw new Error(`boundaries: add a fixture id for table "${v.tableName}"`);
      return id;
    }
    case "array": {
      if (mode === "zero") return [];
      // Past the item limit, with plain items (a 100 kB string × 1,001 items is beyond any transport).
      if (mode === "huge") return Array.from({ length: 1_001 }, () => boundary(v.value as ValidatorJson, "duplicates", field, ids));
      const item = boundary(v.value as ValidatorJson, mode, field, ids);
      return mode === "duplicates" ? [item, item] : [item];
    }
    case "union": {
      const options = v.value as ValidatorJson[];
      return boundary(options.find((o) => o.type !== "null") ?? options[0], mode, field, ids);
    }
    case "record": return {};
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(v.value as Fields)) {
        // Pagination options are the client library's own; they stay sane.
        if (k === "paginationOpts") out[k] = { numItems: 10, cursor: null };
        else out[k] = boundary(f.fieldType, mode, k, ids);
      }
      return out;
    }
    default: throw new Error(`boundaries: no value for validator type ${v.type}`);
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
      found.push({ name: `${modName}:${exp}`, kind: fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action", fn });
    }
  }
  return found;
}

/** One row per table a public function names by id, built through the model or inserted directly. */
async function fixtures(t: TestBackend, memberIds: Record<Role, Id<"members">>) {
  const { productIds, warehouseId } = await seedStock(t, [5, 5]);
  return t.run(async (ctx) => {
    const { orderId } = await createOrder(ctx, undefined, {
      kind: "phone", channel: "manual", customer: { name: "A", email: "a@example.com" }, shipTo: usAddress, currency: "USD",
      lines: [{ productId: productIds[0], quantity: 2, unitPriceMinor: 100 }, { productId: productIds[1], quantity: 1, unitPriceMinor: 100 }],
    });
    const line = (await ctx.db.query("orderLines").first())!;
    const level = (await ctx.db.query("inventoryLevels").first())!;
    const shipment = (await ctx.db.query("shipments").first())!;
    const shipmentId = shipment._id;
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
    const shippingLabelId = await ctx.db.insert("shippingLabels", { shipmentId, packageId, quoteId: shippingQuoteId, purchaseKey: "k", idempotencyKey: "k:1", provider: "table", carrier: "USPS", service: "Priority Mail", status: "failed", attempts: 1, currency: "USD", requestedByName: "A", createdAt: 0 });
    const notificationId = await ctx.db.insert("notifications", { event: "order_confirmed", channel: "email", orderId, orderNumber: "SO-1", idempotencyKey: "fixture", to: "a@example.com", subject: "s", body: "b", templateVersion: 0, status: "offline", attempts: 0, nextAttemptAt: 0, createdAt: 0 });
    // Click & collect (issue 20): one pickup row of the fixture order at the fixture warehouse.
    const pickupId = await ctx.db.insert("pickups", { orderId, orderNumber: "SO-1", storeId: warehouseId, status: "preparing", customerName: "A", createdAt: 0 });
    const ids: Partial<Record<TableNames, string>> = {
      pickups: pickupId,
      shippingRules: shippingRuleId, rateShopRequests: rateShopId, shippingQuotes: shippingQuoteId, shippingLabels: shippingLabelId, channels: channelId,
      skuMappings: skuMappingId, outbox: outboxId, orderHolds: holdId, notifications: notificationId, rmas: rmaId, rmaLines: rmaLineId, pickLists: pickListId,
      pickTasks: pickTaskId, packages: packageId, boxTypes: boxTypeId, members: memberIds.floor, products: productIds[0], warehouses: warehouseId, orders: orderId,
      orderLines: line._id, inventoryLevels: level._id, shipments: shipmentId,
    };
    return ids;
  });
}

async function call(t: TestBackend, role: Role, kind: "query" | "mutation" | "action", name: string, args: Record<string, unknown>): Promise<string | null> {
  const caller = t.withIdentity({ tokenIdentifier: `test|${role}`, subject: role, issuer: "test" });
  try {
    if (kind === "query") await caller.query(makeFunctionReference<"query">(name), args);
    else if (kind === "mutation") await caller.mutation(makeFunctionReference<"mutation">(name), args);
    else await caller.action(makeFunctionReference<"action">(name), args);
    return null;
  } catch (e) {
    const data = (e as { data?: unknown }).data;
    if (isAppErrorData(data) && data.message.trim().length >= 8 && !/Uncaught|TypeError|RangeError|undefined|NaN|Infinity/.test(data.message)) return null;
    return isAppErrorData(data) ? `typed, but the message is not a sentence: "${data.message.slice(0, 160)}"` : `untyped: ${(e as Error).message.split("\n")[0].slice(0, 200)}`;
  }
}

describe("no bare errors", () => {
  test("every public function, called with boundary values from its own validator, succeeds or refuses with a typed sentence", { timeout: 600_000 }, async () => {
    const { t, memberIds } = await setupTest();
    const ids = await fixtures(t, memberIds);
    const fns = await publicFunctions();
    expect(fns.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let calls = 0;
    for (const { name, kind, fn } of fns) {
      const fields = (JSON.parse(fn.exportArgs()) as { value: Fields }).value;
      for (const mode of MODES) {
        const args = boundary({ type: "object", value: fields }, mode, "", ids) as Record<string, unknown>;
        calls += 1;
        const problem = await call(t, fn.minRole!, kind, name, args);
        if (problem) failures.push(`${name} [${mode}]: ${problem}`);
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    expect(await invariantReport(t)).toEqual([]);
  });
});
