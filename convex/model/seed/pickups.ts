/**
 * Demo click & collect (`npm start`): a San Francisco store with stock of a few products, its
 * opening hours and a ship-from-store capacity, and pickup orders in every state — to pick, ready
 * (with a code; one already reminded), collected, back to stock after the hold ran out, and one
 * the store cannot fill (a "Pickup short" exception). Everything goes through the real paths.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { saveWarehouse } from "../warehouses/warehouses";
import { receiveStock } from "../inventory/operations";
import { createOrder } from "../orders/create";
import { syncSources } from "../allocation/settings";
import { handOver, markReady, scanPickupItem } from "../pickup/lifecycle";
import { expirePickup, remindPickup } from "../pickup/expire";
import { demoCustomers } from "./customers";
import { SYSTEM } from "../audit/record";
import { warehouseByCode } from "../warehouses/sources";
import { rowBy, rowsBy } from "../rows";

const PEOPLE = demoCustomers("Maya Chen", "Harper Lee", "Grace Kim");

export async function seedPickups(ctx: MutationCtx, staff: Actor, supervisor: Actor) {
  if (await warehouseByCode(ctx, "SF-STORE")) return 0;
  const storeId = await saveWarehouse(ctx, SYSTEM, {
    code: "SF-STORE",
    name: "Trailhead San Francisco (store)",
    kind: "store",
    address: {
      name: "Trailhead SF",
      company: "Order Platform Demo",
      line1: "845 Market St",
      city: "San Francisco",
      region: "CA",
      postalCode: "94103",
      country: "US",
    },
    latitude: 37.7841,
    longitude: -122.4075,
    cutoffLocal: "17:00",
    timezone: "America/Los_Angeles",
    priority: 3,
  });
  // Ship-from-store off in the demo (the floor simulator works the warehouses only); its capacity is set for the Stores page.
  await ctx.db.patch("warehouses", storeId, {
    pickupHours: "Mon–Sat 10:00–19:00, Sun 11:00–17:00",
    shipFromStore: false,
    dailyCapacity: { unit: "orders", limit: 5 },
  });
  await syncSources(ctx);
  const products = (await rowsBy(ctx, "products", "by_active_and_nameLower", true, { limit: 12 })).slice(0, 8);
  if (products.length < 3) return 0;
  for (const [i, p] of products.slice(0, 6).entries()) {
    const { levelId } = await receiveStock(ctx, SYSTEM, {
      productId: p._id,
      warehouseId: storeId,
      quantity: 8,
      unitCostMinor: p.costMinor,
      reference: "PO-SF-STORE-1",
    });
    // Shelf locations in the store's back room, in the demo's bin format.
    await ctx.db.patch("inventoryLevels", levelId, { bin: `S-${String(i + 1).padStart(2, "0")}-1` });
  }
  const staffMember = { role: "floor" as const, storeId, name: staff.name };
  let n = 0;
  const order = async (products: Doc<"products">[], who: number) => {
    const { name, email, shipTo } = PEOPLE[who % PEOPLE.length];
    n += 1;
    const { orderId, number } = await createOrder(ctx, supervisor, {
      kind: "phone",
      channel: "manual",
      customer: { name, email },
      shipTo,
      currency: "USD",
      lines: products.map((p) => ({ productId: p._id, quantity: 1, unitPriceMinor: p.priceMinor })),
      pickupStoreId: storeId,
      notes: n === 1 ? "Click & collect" : undefined,
    });
    const pickup = (await rowBy(ctx, "pickups", "by_orderId", orderId))!;
    return { orderId, number, pickupId: pickup._id as Id<"pickups">, products };
  };
  const ready = async (o: Awaited<ReturnType<typeof order>>) => {
    for (const [i, p] of o.products.entries())
      await scanPickupItem(ctx, staff, staffMember, {
        pickupId: o.pickupId,
        code: p.barcodes[0] ?? p.sku,
        scanId: `seed-${o.number}-${i}`,
      });
    return markReady(ctx, staff, staffMember, o.pickupId);
  };
  await order([products[0], products[1]], 0); // to pick
  await ready(await order([products[2]], 1)); // ready
  const reminded = await order([products[3]], 2);
  await ready(reminded);
  await remindPickup(ctx, reminded.pickupId);
  const collected = await order([products[4]], 0);
  const { code } = await ready(collected);
  await handOver(ctx, staff, staffMember, { pickupId: collected.pickupId, code, nameChecked: true });
  const expired = await order([products[5]], 1);
  await ready(expired);
  await expirePickup(ctx, supervisor, expired.pickupId, { force: true });
  await order([products[6]], 2); // the store has none: a "Pickup short" exception
  return n;
}
