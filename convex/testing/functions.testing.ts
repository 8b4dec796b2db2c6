/**
 * What the role matrix (functions.test.ts) and the boundary run (boundaries.test.ts) share: every
 * public function found by walking the modules, the shape of an argument validator's JSON, and
 * one fixture row per table a public function names by id.
 */
import { makeFunctionReference } from "convex/server";
import type { Id, TableNames } from "../_generated/dataModel";
import { modules, seedStock, usAddress, type TestBackend } from "./setup.testing";
import { createOrder } from "../model/orders/create";
import type { Role } from "../model/members/tables";
import { insertRow } from "./rows.testing";

export type ValidatorJson = {
  type: string;
  value?: unknown;
  tableName?: string;
  keys?: ValidatorJson;
  values?: { fieldType: ValidatorJson };
};
export type Fields = Record<string, { fieldType: ValidatorJson; optional: boolean }>;

export type Registered = {
  isPublic?: boolean;
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  exportArgs(): string;
  exportReturns(): string;
  minRole?: Role;
};

/** Every public function of every module (new ones are covered automatically). */
export async function publicFunctions() {
  const found: { name: string; kind: "query" | "mutation" | "action"; fn: Registered }[] = [];
  for (const [path, load] of Object.entries(modules)) {
    if (path.includes("_generated") || path.includes("/lib/") || path.includes("/model/")) continue;
    const mod = (await load()) as Record<string, unknown>;
    const modName = path.replace(/^\.\.\//, "").replace(/\.[jt]s$/, "");
    for (const [exp, value] of Object.entries(mod)) {
      const fn = value as Registered;
      if (typeof value !== "function" || !fn.isPublic) continue;
      found.push({ name: `${modName}:${exp}`, kind: fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action", fn });
    }
  }
  return found;
}

/** Calls a public function by name as `caller` (an identity, or the backend itself for a signed-out call). */
export async function invoke(
  caller: Pick<TestBackend, "query" | "mutation" | "action">,
  kind: "query" | "mutation" | "action",
  name: string,
  args: Record<string, unknown>,
) {
  if (kind === "query") await caller.query(makeFunctionReference<"query">(name), args);
  else if (kind === "mutation") await caller.mutation(makeFunctionReference<"mutation">(name), args);
  else await caller.action(makeFunctionReference<"action">(name), args);
}

/** A function's arguments validator as the object validator `valueFor` walks. */
export const argsOf = (fn: Registered): ValidatorJson => ({
  type: "object",
  value: (JSON.parse(fn.exportArgs()) as { value: Fields }).value,
});

/**
 * How `valueFor` fills a validator: the scalars by field name, and optionally arrays, which union
 * option and each object field. Ids (from the fixtures), literals, null/any, bytes and records
 * are the same for every generator.
 */
export type ValueRules = {
  string(field: string): unknown;
  number(field: string): unknown;
  int64: bigint;
  boolean: boolean;
  /** The array for an `item` validator (default: one item). */
  array?(item: ValidatorJson, field: string): unknown[];
  /** The union option to fill (default: the first). */
  option?(options: ValidatorJson[]): ValidatorJson;
  /** A field's value; `fill()` is the value its validator gives (default). */
  field?(key: string, optional: boolean, fill: () => unknown): unknown;
};

/** A value of validator `v` built by `rules`; `field` is the name of the field it fills. */
export function valueFor(
  v: ValidatorJson,
  ids: Partial<Record<string, string>>,
  rules: ValueRules,
  field = "",
): unknown {
  switch (v.type) {
    case "string":
      return rules.string(field);
    case "number":
    case "float64":
      return rules.number(field);
    case "int64":
      return rules.int64;
    case "boolean":
      return rules.boolean;
    case "null":
    case "any":
      return null;
    case "bytes":
      return new ArrayBuffer(1);
    case "literal":
      return v.value;
    case "id": {
      const id = ids[v.tableName!];
      if (!id) throw new Error(`add a fixture id for table "${v.tableName}" in testing/functions.testing.ts`);
      return id;
    }
    case "array": {
      const item = v.value as ValidatorJson;
      return rules.array ? rules.array(item, field) : [valueFor(item, ids, rules, field)];
    }
    case "union": {
      const options = v.value as ValidatorJson[];
      return valueFor(rules.option ? rules.option(options) : options[0], ids, rules, field);
    }
    case "record":
      return {};
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(v.value as Fields)) {
        const fill = () => valueFor(f.fieldType, ids, rules, k);
        out[k] = rules.field ? rules.field(k, f.optional, fill) : fill();
      }
      return out;
    }
    default:
      throw new Error(`no value for validator type ${v.type}`);
  }
}

/** One row per table a public function names by id, built through the model or inserted directly. */
export async function fixtures(t: TestBackend, memberIds: Record<Role, Id<"members">>) {
  const { productIds, warehouseId } = await seedStock(t, [5, 5]);
  return t.run(async (ctx) => {
    const { orderId } = await createOrder(ctx, undefined, {
      kind: "phone",
      channel: "manual",
      customer: { name: "A", email: "a@example.com" },
      shipTo: usAddress,
      currency: "USD",
      lines: [
        { productId: productIds[0], quantity: 2, unitPriceMinor: 100 },
        { productId: productIds[1], quantity: 1, unitPriceMinor: 100 },
      ],
    });
    const line = (await ctx.db.query("orderLines").first())!;
    const level = (await ctx.db.query("inventoryLevels").first())!;
    const shipment = (await ctx.db.query("shipments").first())!;
    const shipmentId = shipment._id;
    const pickListId = await insertRow(ctx, "pickLists", { warehouseId, shipmentIds: [shipmentId] });
    const pickTaskId = await insertRow(ctx, "pickTasks", {
      pickListId,
      shipmentId,
      orderLineId: line._id,
      productId: productIds[0],
    });
    const packageId = await insertRow(ctx, "packages", { shipmentId });
    const boxTypeId = await ctx.db.insert("boxTypes", {
      code: "B",
      name: "B",
      lengthMm: 1,
      widthMm: 1,
      heightMm: 1,
      tareGrams: 1,
      active: true,
    });
    const rmaId = await ctx.db.insert("rmas", {
      number: "RMA-1",
      orderId,
      orderNumber: "SO-1",
      status: "approved",
      origin: "operator",
      reasons: ["defective"],
      expectedDisposition: "restock",
      currency: "USD",
      refundPolicy: { includeShipping: false, shippingMinor: 0, restockingFeeBps: 0 },
      refundAmountMinor: 0,
      refundStatus: "not_due",
      unitsAuthorised: 1,
      unitsSettled: 0,
      createdByName: "A",
      createdAt: 0,
      updatedAt: 0,
    });
    const rmaLineId = await ctx.db.insert("rmaLines", {
      rmaId,
      orderId,
      orderLineId: line._id,
      productId: productIds[0],
      sku: "S",
      name: "S",
      reason: "defective",
      unitPriceMinor: 100,
      quantity: 1,
      restocked: 0,
      damaged: 0,
      missing: 0,
    });
    const holdId = await ctx.db.insert("orderHolds", {
      orderId,
      type: "manual",
      scope: "order",
      blocking: false,
      status: "open",
      reason: "fixture",
      createdAt: 0,
    });
    const channelId = await ctx.db.insert("channels", {
      code: "fixture",
      kind: "sandbox",
      name: "F",
      settings: {},
      enabled: true,
      status: "idle",
      consecutiveFailures: 0,
      nextPullAt: 0,
      ackDeadlineHours: 1,
      importedCount: 0,
      createdAt: 0,
    });
    const skuMappingId = await ctx.db.insert("skuMappings", {
      channel: "fixture",
      listingSku: "L",
      components: [],
      mapped: false,
      waitingOrders: 0,
      updatedAt: 0,
    });
    const outboxId = await ctx.db.insert("outbox", {
      kind: "ack",
      channel: "fixture",
      externalOrderId: "E",
      idempotencyKey: "ack:fixture:E",
      status: "failed",
      attempts: 1,
      nextAttemptAt: 0,
      createdAt: 0,
    });
    const shippingRuleId = await ctx.db.insert("shippingRules", {
      name: "R",
      position: 1,
      enabled: true,
      isDefault: false,
      conditions: {},
      action: { kind: "cheapest" },
      constraints: {},
      version: 1,
      updatedAt: 0,
      updatedByName: "A",
    });
    const rateShopId = await insertRow(ctx, "rateShopRequests", { shipmentId, packageIds: [packageId] });
    const shippingQuoteId = await insertRow(ctx, "shippingQuotes", { shipmentId, requestId: rateShopId });
    const shippingLabelId = await insertRow(ctx, "shippingLabels", { shipmentId, packageId, quoteId: shippingQuoteId });
    const notificationId = await ctx.db.insert("notifications", {
      event: "order_confirmed",
      channel: "email",
      orderId,
      orderNumber: "SO-1",
      idempotencyKey: "fixture",
      to: "a@example.com",
      subject: "s",
      body: "b",
      templateVersion: 0,
      status: "offline",
      attempts: 0,
      nextAttemptAt: 0,
      createdAt: 0,
    });
    // Rows of the tables issues 19 and 20 added (saved views, batches, stored files, pickups).
    const savedViewId = await ctx.db.insert("savedViews", {
      memberId: memberIds.floor,
      list: "orders",
      name: "Fixture",
      filters: {},
      columns: [],
      isDefault: false,
      updatedAt: 0,
    });
    const batchId = await ctx.db.insert("batches", {
      number: "B-1",
      status: "open",
      source: "fixture",
      counts: { total: 1, ready: 1, queued: 0, working: 0, bought: 0, failed: 0, voided: 0 },
      createdBy: memberIds.supervisor,
      createdByName: "S",
      createdAt: 0,
    });
    const batchItemId = await ctx.db.insert("batchItems", {
      batchId,
      shipmentId,
      orderId,
      shipmentNumber: "S-1",
      orderNumber: "SO-1",
      status: "ready",
      lease: 0,
      claimed: 0,
      quoteAttempts: 0,
      queuedAt: 0,
      updatedAt: 0,
    });
    const storageId = await ctx.storage.store(new Blob(["fixture"]));
    const pickupId = await ctx.db.insert("pickups", {
      orderId,
      orderNumber: "SO-1",
      storeId: warehouseId,
      status: "preparing",
      customerName: "A",
      createdAt: 0,
    });
    const ids: Partial<Record<TableNames | "_storage", string>> = {
      savedViews: savedViewId,
      batches: batchId,
      batchItems: batchItemId,
      _storage: storageId,
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
