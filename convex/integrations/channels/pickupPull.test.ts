/**
 * Shopify click & collect end to end (issue 20, part 1 gap 1): the real pull worker and Shopify
 * adapter against the local Admin-GraphQL-shaped server. A PICK_UP fulfillment order at a mapped
 * location becomes a pickup order at the mapped store (allocated there only, the store's address
 * as destination when Shopify sent none); an unmapped location or a split cart goes on a
 * `pickup_location` hold — nothing reserved, never shipped — until the admin maps the location,
 * which releases the waiting orders in the same transaction. A pickup order arriving by webhook is
 * left to the pull (the REST body names no location).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../_generated/api";
import { saveWarehouse } from "../../model/warehouses/warehouses";
import { receiveStock } from "../../model/inventory/operations";
import { runWithTriggers } from "../../model/boards/triggers";
import {
  errorOf,
  expectInvariants,
  seedStock,
  setupTest,
  warehouseInput,
  type TestBackend,
} from "../../testing/setup.testing";
import { gqlOrder, pickupAt, startShopifyFake, type ShopifyFake } from "./shopifyServer.testing";
import { shopifyHmac } from "./shopifyWebhook";
import { stubShopifyEnv } from "./fakes.testing";

let shopify: ShopifyFake;
beforeAll(async () => {
  shopify = await startShopifyFake();
  // The throttle is shopify.test's subject, not this file's: a bucket that refills at once keeps the
  // adapter from really sleeping for points between the pull and each order's fee query.
  shopify.throttle.restoreRate = 1_000_000;
});
afterAll(() => shopify.close());
afterEach(() => vi.unstubAllEnvs());

const RIDEAU = { id: "55501", name: "Ottawa Rideau store" };
const GLEBE = { id: "55502", name: "Glebe store" };

async function world() {
  stubShopifyEnv(shopify);
  const b = await setupTest();
  const { t, admin } = b;
  const { productIds, warehouseId } = await seedStock(t, [100], [{ currency: "CAD" }]);
  const sku = await t.run(async (ctx) => (await ctx.db.get("products", productIds[0]))!.sku);
  const storeId = await t.run((raw) =>
    runWithTriggers(raw, async (ctx) => {
      const id = await saveWarehouse(
        ctx,
        undefined,
        warehouseInput({
          code: "OTT-STORE",
          kind: "store",
          priority: 5,
          address: {
            name: "Rideau",
            line1: "50 Rideau St",
            city: "Ottawa",
            region: "ON",
            postalCode: "K1N 9J7",
            country: "CA",
          },
        }),
      );
      await receiveStock(ctx, undefined, { productId: productIds[0], warehouseId: id, quantity: 10 });
      return id;
    }),
  );
  const channelId = await admin.mutation(api.channels.connect, {
    code: "shopify-main",
    kind: "shopify",
    name: "Shop",
    settings: { shopDomain: "demo.myshopify.com" },
  });
  await t.run((ctx) =>
    ctx.db.patch("channels", channelId, { cursor: JSON.stringify({ after: "2025-01-14T00:00:00Z" }) }),
  );
  const pull = () => t.action(internal.integrations.channels.worker.pullChannel, { channelId });
  /** An admin maps a location of the shop to the store. */
  const mapToStore = (locationId: string, locationName?: string) =>
    admin.mutation(api.channelLocations.map, {
      channel: "shopify-main",
      locationId,
      ...(locationName === undefined ? {} : { locationName }),
      storeId,
    });
  return { ...b, sku, productId: productIds[0], warehouseId, storeId, channelId, pull, mapToStore };
}

async function orderByExternal(t: TestBackend, externalId: string) {
  return t.run(async (ctx) => {
    const order = (await ctx.db
      .query("orders")
      .withIndex("by_channel_and_externalId", (q) => q.eq("channel", "shopify-main").eq("externalId", externalId))
      .unique())!;
    const shipments = (
      await ctx.db
        .query("shipments")
        .withIndex("by_orderId", (q) => q.eq("orderId", order._id))
        .collect()
    ).filter((s) => s.status !== "cancelled");
    const pickup = await ctx.db
      .query("pickups")
      .withIndex("by_orderId", (q) => q.eq("orderId", order._id))
      .unique();
    const holds = await ctx.db
      .query("orderHolds")
      .withIndex("by_orderId_and_status", (q) => q.eq("orderId", order._id).eq("status", "open"))
      .collect();
    return { order, shipments, pickup, holds };
  });
}

describe("Shopify click & collect", () => {
  test("a pickup at a mapped location is a pickup order at the store: allocated there only, the store as destination", async () => {
    const w = await world();
    await w.mapToStore(RIDEAU.id, RIDEAU.name);
    shopify.orders = [
      pickupAt(gqlOrder("8001", "2025-01-14T10:00:00Z", w.sku), RIDEAU),
      gqlOrder("8002", "2025-01-14T11:00:00Z", w.sku),
    ];
    await w.pull();
    const pickup = await orderByExternal(w.t, "8001");
    expect(pickup.order).toMatchObject({ status: "allocated", pickupStoreId: w.storeId });
    expect(pickup.order.shipTo).toMatchObject({ name: "Jon Snow", line1: "50 Rideau St", postalCode: "K1N 9J7" });
    expect(pickup.shipments.map((s) => s.warehouseId)).toEqual([w.storeId]);
    expect(pickup.pickup?.status).toBe("preparing");
    // The store's page lists it; the ordinary order ships from the warehouse.
    const list = await w.floor.query(api.pickups.list, {
      storeId: w.storeId,
      status: "preparing",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(list.page.map((p) => p.orderNumber)).toEqual([pickup.order.number]);
    const shipped = await orderByExternal(w.t, "8002");
    expect(shipped.order.pickupStoreId).toBeUndefined();
    expect(shipped.shipments.map((s) => s.warehouseId)).toEqual([w.warehouseId]);
    await expectInvariants(w.t);
  });

  test("an unmapped location holds the order in the exception queue with the reason; mapping it releases the order as a pickup", async () => {
    const w = await world();
    shopify.orders = [
      pickupAt(gqlOrder("8101", "2025-01-14T10:00:00Z", w.sku), RIDEAU),
      pickupAt(gqlOrder("8102", "2025-01-14T10:30:00Z", w.sku), RIDEAU),
    ];
    await w.pull();
    const held = await orderByExternal(w.t, "8101");
    expect(held.order.status).toBe("on_hold");
    expect(held.shipments).toEqual([]);
    expect(held.pickup).toBeNull();
    // One hold, the location's: no address hold for a pickup order Shopify sent without an address.
    expect(held.holds.map((h) => [h.type, h.blocking])).toEqual([["pickup_location", true]]);
    expect(held.holds[0].reason).toContain('"Ottawa Rideau store" (location 55501)');
    expect(held.holds[0].reason).toContain("mapped to none of our stores");
    const queue = await w.supervisor.query(api.holds.forOrder, { orderId: held.order._id });
    expect(queue.open.map((h) => h.type)).toEqual(["pickup_location"]);
    expect(await w.supervisor.query(api.channelLocations.list, { channel: "shopify-main" })).toEqual({
      mapped: [],
      waiting: [{ locationId: "55501", locationName: "Ottawa Rideau store", orders: 2 }],
    });
    // Releasing it to ship is refused: it has no address to ship to.
    const refused = await errorOf(w.supervisor.mutation(api.holds.release, { holdId: held.holds[0]._id }));
    expect(refused.message).toContain("no delivery address");
    expect((await orderByExternal(w.t, "8101")).order.status).toBe("on_hold");

    const r = await w.mapToStore("55501");
    expect(r).toEqual({ released: 2, more: false });
    for (const id of ["8101", "8102"]) {
      const now = await orderByExternal(w.t, id);
      expect(now.order).toMatchObject({ status: "allocated", pickupStoreId: w.storeId });
      expect(now.order.shipTo.line1).toBe("50 Rideau St");
      expect(now.shipments.map((s) => s.warehouseId)).toEqual([w.storeId]);
      expect(now.pickup?.status).toBe("preparing");
      expect(now.holds).toEqual([]);
    }
    expect(await w.supervisor.query(api.channelLocations.list, { channel: "shopify-main" })).toMatchObject({
      mapped: [
        { locationId: "55501", locationName: "Ottawa Rideau store", storeId: w.storeId, storeCode: "OTT-STORE" },
      ],
      waiting: [],
    });
    // A later pull of another order at that location goes straight to the store.
    shopify.orders.push(pickupAt(gqlOrder("8103", "2025-01-14T12:00:00Z", w.sku), RIDEAU));
    await w.pull();
    expect((await orderByExternal(w.t, "8103")).order.pickupStoreId).toBe(w.storeId);
    await expectInvariants(w.t);
  });

  test("a split cart (part pickup, part shipped) and two pickup locations are held; a mapping does not release them", async () => {
    const w = await world();
    await w.mapToStore(RIDEAU.id);
    const split = gqlOrder("8201", "2025-01-14T10:00:00Z", w.sku, {
      fulfillmentOrders: {
        nodes: [
          ...pickupAt(gqlOrder("8201", ""), RIDEAU).fulfillmentOrders!.nodes,
          ...gqlOrder("8201", "").fulfillmentOrders!.nodes,
        ],
      },
    });
    const twoStores = gqlOrder("8202", "2025-01-14T11:00:00Z", w.sku, {
      shippingAddress: null,
      fulfillmentOrders: {
        nodes: [
          ...pickupAt(gqlOrder("8202", ""), RIDEAU).fulfillmentOrders!.nodes,
          ...pickupAt(gqlOrder("8202", ""), GLEBE).fulfillmentOrders!.nodes,
        ],
      },
    });
    shopify.orders = [split, twoStores];
    await w.pull();
    for (const id of ["8201", "8202"]) {
      const o = await orderByExternal(w.t, id);
      expect(o.order.status).toBe("on_hold");
      expect(o.shipments).toEqual([]);
      expect(o.holds.map((h) => h.type)).toEqual(["pickup_location"]);
      expect(o.holds[0].reason).toContain("for part of this order");
    }
    await w.mapToStore(GLEBE.id);
    expect((await orderByExternal(w.t, "8202")).order.status).toBe("on_hold");
    // The split cart has an address: a supervisor may release it to ship everything.
    const hold = (await orderByExternal(w.t, "8201")).holds[0];
    await w.supervisor.mutation(api.holds.release, { holdId: hold._id });
    const released = await orderByExternal(w.t, "8201");
    expect(released.order.status).toBe("allocated");
    expect(released.order.pickupStoreId).toBeUndefined();
    await expectInvariants(w.t);
  });

  test("a location mapped to a deactivated store holds the order, and mapping refuses a warehouse or a bad id", async () => {
    const w = await world();
    await w.mapToStore(RIDEAU.id);
    await w.admin.mutation(api.warehouses.setActive, { id: w.storeId, active: false });
    shopify.orders = [pickupAt(gqlOrder("8301", "2025-01-14T10:00:00Z", w.sku), RIDEAU)];
    await w.pull();
    const o = await orderByExternal(w.t, "8301");
    expect(o.order.status).toBe("on_hold");
    expect(o.holds[0].reason).toContain("takes no pickup orders");
    expect(o.shipments).toEqual([]);
    const asWarehouse = await errorOf(
      w.admin.mutation(api.channelLocations.map, { channel: "shopify-main", locationId: "9", storeId: w.warehouseId }),
    );
    expect(asWarehouse.fields?.storeId).toContain("not a store");
    const badId = await errorOf(
      w.admin.mutation(api.channelLocations.map, { channel: "shopify-main", locationId: "a b", storeId: w.storeId }),
    );
    expect(badId.fields?.locationId).toBeDefined();
    const noChannel = await errorOf(
      w.admin.mutation(api.channelLocations.map, { channel: "nope", locationId: "1", storeId: w.storeId }),
    );
    expect(noChannel.code).toBe("NOT_FOUND");
    expect(
      (
        await errorOf(
          w.supervisor.mutation(api.channelLocations.map, { channel: "shopify-main", locationId: "1", storeId: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await expectInvariants(w.t);
  });

  test("a pickup order by webhook is left to the pull, which reads its location; a cancellation by webhook still applies", async () => {
    const w = await world();
    await w.mapToStore(RIDEAU.id);
    const rest = {
      id: 8401,
      created_at: "2025-01-14T10:00:00Z",
      updated_at: "2025-01-14T10:00:00Z",
      email: "jon@example.com",
      currency: "CAD",
      customer: { first_name: "Jon", last_name: "Snow", email: "jon@example.com" },
      shipping_address: null,
      shipping_lines: [
        { code: "Ottawa Rideau store", title: "Ottawa Rideau store", source: "shopify", delivery_category: "pickup" },
      ],
      line_items: [
        {
          id: 1,
          admin_graphql_api_id: "gid://shopify/LineItem/84011",
          sku: w.sku,
          title: "Widget",
          quantity: 3,
          price: "12.50",
        },
      ],
    };
    const post = async (body: unknown, id: string) => {
      const raw = JSON.stringify(body);
      return (
        await w.t.fetch("/webhooks/shopify/shopify-main", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-shopify-hmac-sha256": await shopifyHmac(raw, "hush"),
            "x-shopify-webhook-id": id,
            "x-shopify-topic": "orders/create",
          },
          body: raw,
        })
      ).json();
    };
    expect((await post(rest, "wh-1")).result).toBe("pickup_left_to_pull");
    expect(await w.t.run(async (ctx) => (await ctx.db.query("orders").collect()).length)).toBe(0);
    shopify.orders = [pickupAt(gqlOrder("8401", "2025-01-14T10:00:00Z", w.sku), RIDEAU)];
    await w.pull();
    const o = await orderByExternal(w.t, "8401");
    expect(o.order.pickupStoreId).toBe(w.storeId);
    // The buyer cancels on Shopify: the webhook's cancellation reaches the pickup order.
    expect(
      (await post({ ...rest, cancelled_at: "2025-01-14T11:00:00Z", updated_at: "2025-01-14T11:00:00Z" }, "wh-2"))
        .result,
    ).toBe("cancelled");
    expect((await orderByExternal(w.t, "8401")).order.status).toBe("cancelled");
    await expectInvariants(w.t);
  });
});
