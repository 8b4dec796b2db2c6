/**
 * Click & collect and the customer portal in the browser (issue 20):
 *  - a pickup order keyed in on the order form ("Pick up at …"), picked on a phone with a
 *    keyboard-wedge scanner, marked ready; the customer opens the portal and sees the code as a
 *    QR code; the counter scans (wedge-types) the code, checks the name and hands over — the order
 *    is shipped and the store's stock is down in the ledger;
 *  - an uncollected order sent back to stock by a supervisor's "Expire now";
 *  - a customer cancelling a backordered line and starting a return in the portal.
 * Each journey makes its own store, products and stock through the public API.
 */
import type { Page } from "playwright-core";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { MutationCtx } from "../../convex/_generated/server";
import { shipShipment } from "../../convex/model/fulfillment/ship";
import { SYSTEM } from "../../convex/model/audit/record";
import { markAllPackedForDemo } from "../../convex/model/allocation/shipmentLines";
import { newPerson, PHONE, signIn, until, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { envPrefix } from "../../convex/lib/channels/env";
import { gqlOrder, pickupAt, startShopifyFake } from "../../convex/integrations/channels/shopifyServer.testing";
import { check, client, expectScan, gtin, phoneOrder, stockedProduct, wedge } from "../support";

export type PickupWork = {
  storeId: Id<"warehouses">;
  storeCode: string;
  storeName: string;
  productId: Id<"products">;
  name: string;
  sku: string;
  code: string;
};

/** A store with 5 units of a new product, and the product. */
export async function makeStore(url: string, tag: string): Promise<PickupWork> {
  const admin = client(url, "admin");
  const nonce = String(Date.now() % 100_000).padStart(5, "0");
  const storeCode = `ST-${tag}${nonce}`.slice(0, 12);
  const storeId = await admin.mutation(api.warehouses.create, {
    warehouse: {
      code: storeCode,
      name: `Market St store ${nonce}`,
      kind: "store",
      address: {
        name: "Store",
        line1: "845 Market St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94103",
        country: "US",
      },
      latitude: 37.78,
      longitude: -122.41,
      cutoffLocal: "17:00",
      timezone: "America/Los_Angeles",
      priority: 4,
    },
  });
  await admin.mutation(api.pickups.setStore, {
    storeId,
    shipFromStore: false,
    dailyCapacity: null,
    pickupHours: "Mon–Sat 10–19",
  });
  const body = `6${nonce}${tag === "EXP" ? "1" : "0"}0001`.slice(0, 11);
  const code = gtin(body);
  const sku = `E2E-PU-${tag}-${nonce}`;
  const name = `Pickup lantern ${tag} ${nonce}`;
  const productId = await stockedProduct(url, {
    sku,
    name,
    barcode: gtin(body),
    weightGrams: 300,
    dims: [120, 80, 40],
    priceMinor: 2500,
    costMinor: 900,
    stock: { warehouseId: storeId, quantity: 5, reference: "PO-E2E-STORE" },
  });
  return { storeId, storeCode, storeName: `Market St store ${nonce}`, productId, name, sku, code };
}

async function portalLogin(page: Page, appUrl: string, number: string, email: string) {
  await page.goto(`${appUrl}/track`);
  await page.getByLabel(/Order number/).fill(number);
  await page.getByLabel(/Email or postal code/).fill(email);
  await page.getByRole("button", { name: "Find my order" }).click();
  await page.getByRole("heading", { name: new RegExp(`Order ${number}`) }).waitFor({ timeout: 10_000 });
}

async function pickupIdOf(url: string, storeId: Id<"warehouses">, number: string, status: "preparing" | "ready") {
  const floor = client(url, "floor");
  return until(
    `pickup ${number} ${status}`,
    async () =>
      (
        await floor.query(api.pickups.list, { storeId, status, paginationOpts: { numItems: 50, cursor: null } })
      ).page.find((p) => p.orderNumber === number)?._id,
  );
}

const pickupToHandover: Journey = {
  name: "pickup: a click & collect order from the order form to a handover by scanning the customer's code",
  async run(stack, track) {
    const work = await makeStore(stack.runtime.url, "HND");
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    const { page } = sup;
    await page.goto(`${stack.appUrl}/orders/new`);
    await page.getByRole("heading", { name: "New order" }).waitFor();
    await page.getByLabel("Customer name").fill("Pia Pickup");
    await page.getByLabel("Email").fill("pia.pickup@example.com");
    await page.getByLabel("Recipient name").fill("Pia Pickup");
    await page.getByLabel("Street address").fill("500 Market St");
    await page.getByLabel("City").fill("San Francisco");
    await page.getByLabel("Country").selectOption("US");
    await page.getByLabel(/State/).fill("CA");
    await page.getByLabel("Postal code").fill("94105");
    await page.getByRole("combobox", { name: /Product/ }).fill(work.name);
    await page.getByRole("option", { name: new RegExp(work.sku) }).click();
    await page.getByLabel(/Quantity/).fill("2");
    await page
      .getByRole("combobox", { name: "Fulfilment" })
      .selectOption({ label: `Pick up at ${work.storeName} (${work.storeCode})` });
    await page.getByRole("button", { name: "Create order" }).click();
    const toast = page.getByText(/Order SO-\d+ created/);
    await toast.waitFor({ timeout: 10_000 });
    const number = /SO-\d+/.exec((await toast.textContent()) ?? "")?.[0];
    check(number, "no order number in the confirmation");
    const pickupId = await pickupIdOf(stack.runtime.url, work.storeId, number, "preparing");

    // The store picks it on a phone with a wedge scanner.
    const floor = track("floor", await signIn(stack, "floor", { phone: true }));
    await floor.page.goto(`${stack.appUrl}/store/pickups?store=${work.storeId}`);
    await floor.page.getByRole("link", { name: number }).click();
    await floor.page.getByRole("heading", { name: `Pickup ${number}` }).waitFor();
    await wedge(floor.page, "0000000000000");
    await expectScan(floor.page, 1, { state: "refused", text: /no product has this code/ });
    await wedge(floor.page, work.code);
    await expectScan(floor.page, 2, { state: "ok", text: /picked; 1 to go/ });
    await wedge(floor.page, work.code);
    await expectScan(floor.page, 3, { state: "ok", text: /every item is picked/ });
    await floor.page.getByRole("button", { name: "Ready for pickup" }).click();
    await floor.page
      .getByText(new RegExp(`${number} is ready; the customer has code PU-`))
      .waitFor({ timeout: 10_000 });

    // The customer sees the code as a QR code on the portal.
    const cust = track("customer", await newPerson(stack.browser, { device: PHONE }));
    await portalLogin(cust.page, stack.appUrl, number, "pia.pickup@example.com");
    const code = ((await cust.page.getByTestId("pickup-code").textContent()) ?? "").trim();
    check(/^PU-[A-Z0-9]{8}$/.test(code), `the portal shows no pickup code (saw "${code}")`);
    await cust.page.getByRole("img", { name: `QR code of pickup code ${code}` }).waitFor({ timeout: 10_000 });

    // At the counter: another order's made-up code is refused; the customer's code shows the name; hand over.
    await floor.page.goto(`${stack.appUrl}/store/pickups?store=${work.storeId}&tab=ready`);
    await floor.page.getByRole("heading", { name: "Hand over" }).waitFor();
    await wedge(floor.page, "PU-22222222");
    await expectScan(floor.page, 1, { state: "refused", text: /no pickup code of this store/ });
    await wedge(floor.page, code);
    await expectScan(floor.page, 2, { state: "ok", text: new RegExp(`${number}: check the name — Pia Pickup`) });
    check(
      ((await floor.page.getByTestId("handover-name").textContent()) ?? "") === "Pia Pickup",
      "the counter should show the customer's name",
    );
    await floor.page.getByRole("button", { name: "Name checked — hand over" }).click();
    await floor.page.getByText(`${number} handed over.`).waitFor({ timeout: 10_000 });
    // The same code again: refused as used.
    await wedge(floor.page, code);
    await expectScan(floor.page, 3, { state: "refused", text: /already used/ });

    const supervisor = client(stack.runtime.url, "supervisor");
    const detail = await until("the order shipped", async () => {
      const d = await supervisor.query(api.orders.get, {
        id: (await supervisor.query(api.pickups.get, { pickupId })).pickup.orderId,
      });
      return d.order.status === "shipped" ? d : undefined;
    });
    check(detail.lines[0].shipped === 2, "both units should be shipped");
    const level = (await supervisor.query(api.inventory.levelsForProduct, { productId: work.productId })).find(
      (l) => l.warehouseId === work.storeId,
    );
    check(
      level && level.onHand === 3 && level.reserved === 0,
      `store stock should be 3 on hand, 0 reserved; saw ${JSON.stringify(level)}`,
    );
  },
};

/** Creates a pickup order of one unit through the API and readies it as the floor would. */
async function readyPickup(url: string, work: PickupWork, name: string, email: string) {
  const supervisor = client(url, "supervisor");
  const floor = client(url, "floor");
  const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
    order: {
      ...phoneOrder({ name, email }, [{ productId: work.productId, quantity: 1, unitPriceMinor: 2500 }]),
      pickupStoreId: work.storeId,
    },
  });
  const pickupId = await pickupIdOf(url, work.storeId, number, "preparing");
  await floor.mutation(api.pickups.scanItem, { pickupId, code: work.code, scanId: `e2e-${number}` });
  const { code } = await floor.mutation(api.pickups.ready, { pickupId });
  return { orderId, number, pickupId, code };
}

const uncollected: Journey = {
  name: "pickup: an uncollected order goes back to stock when a supervisor expires it (order cancelled, refund due)",
  async run(stack, track) {
    const work = await makeStore(stack.runtime.url, "EXP");
    const o = await readyPickup(stack.runtime.url, work, "Uma Uncollected", "uma@example.com");
    const supervisor = client(stack.runtime.url, "supervisor");
    const before = (await supervisor.query(api.inventory.levelsForProduct, { productId: work.productId })).find(
      (l) => l.warehouseId === work.storeId,
    );
    check(before?.reserved === 1, `one unit should be reserved at the counter; saw ${JSON.stringify(before)}`);
    const sup = track("supervisor", await signIn(stack, "supervisor", { phone: true }));
    await sup.page.goto(`${stack.appUrl}/store/pickups?store=${work.storeId}&tab=ready`);
    const row = sup.page.getByRole("listitem").filter({ hasText: o.number });
    await row.waitFor({ timeout: 10_000 });
    sup.page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Expire now" }).click();
    await sup.page.getByText(`${o.number}: back to stock, order cancelled.`).waitFor({ timeout: 10_000 });
    await sup.page.getByRole("tab", { name: "Back to stock" }).click();
    await sup.page.getByRole("listitem").filter({ hasText: o.number }).waitFor({ timeout: 10_000 });
    const after = await until("the reservation released", async () => {
      const l = (await supervisor.query(api.inventory.levelsForProduct, { productId: work.productId })).find(
        (x) => x.warehouseId === work.storeId,
      );
      return l && l.reserved === 0 ? l : undefined;
    });
    check(after.onHand === 5, `nothing left the store: 5 on hand expected, saw ${after.onHand}`);
    check(
      (await supervisor.query(api.orders.get, { id: o.orderId })).order.status === "cancelled",
      "the order should be cancelled",
    );
    const events = (
      await supervisor.query(api.orders.events, { orderId: o.orderId, paginationOpts: { numItems: 50, cursor: null } })
    ).page.map((e) => e.reason ?? "");
    check(
      events.some((r) => r.startsWith("Refund of $25.00 due")),
      `the trail should record the refund; saw ${events.join(" | ")}`,
    );
  },
};

const portalCancelAndReturn: Journey = {
  name: "portal: a customer cancels a backordered line and starts a return",
  async run(stack, track) {
    const supervisor = client(stack.runtime.url, "supervisor");
    const nonce = String(Date.now() % 100_000).padStart(5, "0");
    const warehouse = (await supervisor.query(api.warehouses.list, {})).find((w) => w.kind === "warehouse");
    check(warehouse, "no warehouse");
    const ids: Id<"products">[] = [];
    for (const [i, stock] of [3, 0].entries()) {
      ids.push(
        await stockedProduct(stack.runtime.url, {
          sku: `E2E-PORTAL-${nonce}-${i}`,
          name: i === 0 ? `Portal kettle ${nonce}` : `Portal stove ${nonce}`,
          barcode: gtin(`5${nonce}${i}0002`.slice(0, 11)),
          weightGrams: 300,
          dims: [100, 100, 100],
          priceMinor: 3000,
          costMinor: 1000,
          stock: stock > 0 ? { warehouseId: warehouse._id, quantity: stock, reference: "PO-E2E-PORTAL" } : undefined,
        }),
      );
    }
    const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
      order: phoneOrder({ name: "Cora Customer", email: "cora@example.com" }, [
        { productId: ids[0], quantity: 2, unitPriceMinor: 3000 },
        { productId: ids[1], quantity: 2, unitPriceMinor: 4000 },
      ]),
    });
    // The kettles ship (in the backend, as the returns journey does); the stoves wait for stock.
    const backend = stack.runtime.engine.backend;
    await backend.within(() =>
      backend.t.run(async (raw) => {
        const ctx = raw as unknown as MutationCtx;
        for (const s of await ctx.db
          .query("shipments")
          .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
          .take(10)) {
          if (s.status !== "open") continue;
          await markAllPackedForDemo(ctx, s);
          for (const l of s.lines) {
            const line = (await ctx.db.get("orderLines", l.orderLineId))!;
            await ctx.db.patch("orderLines", line._id, { picked: line.picked + l.quantity });
          }
          await shipShipment(ctx, SYSTEM, s._id);
        }
      }),
    );
    const cust = track("customer", await newPerson(stack.browser, { device: PHONE }));
    const { page } = cust;
    await portalLogin(page, stack.appUrl, number, "cora@example.com");
    await page.getByRole("list", { name: "Timeline" }).first().waitFor();
    await page.getByText(/2 × Portal stove .*: now expected by/).waitFor();
    await page.getByLabel(`Cancel how many of Portal stove ${nonce}?`).selectOption("1");
    await page.getByRole("button", { name: "Cancel the chosen items" }).click();
    await page.getByText("Cancelled. Any amount you paid for them will be refunded.").waitFor({ timeout: 10_000 });
    await page.getByText(/1 × Portal stove .*: now expected by/).waitFor({ timeout: 10_000 });
    await page.getByText(/Refund of \$40\.00 on its way/).waitFor({ timeout: 10_000 });
    // A return of one kettle, defective: the auto-approval rule approves it.
    await page.getByLabel(new RegExp(`Portal kettle ${nonce}`)).selectOption("1");
    await page.getByLabel("Reason").selectOption("defective");
    await page.getByRole("button", { name: "Request return" }).click();
    await page.getByText(/Return RMA-\d+ approved\./).waitFor({ timeout: 10_000 });
    await page.getByText(/RMA-\d+: approved/).waitFor({ timeout: 10_000 });

    const { lines } = await supervisor.query(api.orders.get, { id: orderId });
    const stove = lines.find((l) => l.productId === ids[1]);
    check(
      stove?.cancelled === 1 && stove.backordered === 1,
      `one stove cancelled, one waiting; saw ${JSON.stringify(stove)}`,
    );
    const rmas = await supervisor.query(api.returns.forOrder, { orderId });
    check(rmas.length === 1, `one RMA expected, saw ${rmas.length}`);
    const events = (
      await supervisor.query(api.orders.events, { orderId, paginationOpts: { numItems: 50, cursor: null } })
    ).page;
    check(
      events.some((e) => e.kind === "lines_cancelled" && e.actorName === "Customer (Cora Customer)"),
      "the cancel should be on the trail as the customer's",
    );
  },
};

/**
 * A Shopify order the buyer chose to collect at a shop location (a PICK_UP fulfillment order),
 * pulled through the real adapter from the local Shopify-shaped server: the location is mapped to
 * no store yet, so the order waits in the exception queue and on the Channels page; the admin maps
 * the location there, the order becomes a pickup at the store, and the store picks, readies and
 * hands it over by the customer's code.
 */
const shopifyPickup: Journey = {
  name: "pickup: a Shopify pickup order at an unmapped location waits, is mapped to a store on the Channels page and handed over",
  async run(stack, track) {
    const work = await makeStore(stack.runtime.url, "SHP");
    const shopify = await startShopifyFake();
    try {
      const nonce = String(Date.now() % 100_000).padStart(5, "0");
      const code = `shop-pu-${nonce}`;
      const channelName = `Lantern shop ${nonce}`;
      // The runtime runs the functions in this process: the channel's environment is this process's.
      process.env[`${envPrefix(code)}ACCESS_TOKEN`] = "shpat_test";
      process.env[`${envPrefix(code)}GRAPHQL_URL`] = shopify.url;
      process.env[`${envPrefix(code)}WEBHOOK_SECRET`] = "e2e-hush";
      const location = { id: `9${nonce}`, name: `Market St counter ${nonce}` };
      const now = new Date().toISOString();
      shopify.orders = [
        pickupAt(
          gqlOrder(`77${nonce}`, now, work.sku, {
            createdAt: now,
            currencyCode: "USD",
            customer: { firstName: "Sho", lastName: "Pickup", email: "sho.pickup@example.com" },
            email: "sho.pickup@example.com",
            lineItems: {
              nodes: [
                {
                  id: `gid://shopify/LineItem/77${nonce}1`,
                  sku: work.sku,
                  title: work.name,
                  quantity: 2,
                  originalUnitPriceSet: { shopMoney: { amount: "25.00", currencyCode: "USD" } },
                },
              ],
            },
          }),
          location,
        ),
      ];
      const admin = client(stack.runtime.url, "admin");
      const supervisor = client(stack.runtime.url, "supervisor");
      const channelId = await admin.mutation(api.channels.connect, {
        code,
        kind: "shopify",
        name: channelName,
        settings: { shopDomain: `lantern-${nonce}.myshopify.com` },
      });
      await admin.mutation(api.channels.pullNow, { channelId });
      let seen = "";
      const orderId = await until(
        "the Shopify order imported",
        async () => {
          const ch = (await admin.query(api.channels.list, {})).find((c) => c._id === channelId);
          seen = `channel ${ch?.status} ${ch?.lastError ?? ""}; Shopify asked ${shopify.log.length} time(s)`;
          return (
            await supervisor.query(api.orders.list, { paginationOpts: { numItems: 20, cursor: null }, channel: code })
          ).page[0]?._id;
        },
        () => seen,
      );
      const held = await supervisor.query(api.holds.forOrder, { orderId });
      check(
        held.open.map((h) => h.type).join() === "pickup_location",
        `the order should wait on its pickup location; holds: ${held.open.map((h) => h.type).join()}`,
      );
      const number = (await supervisor.query(api.orders.get, { id: orderId })).order.number;

      // The admin sees the waiting location on the Channels page and maps it to the store.
      const adm = track("admin", await signIn(stack, "admin"));
      await adm.page.goto(`${stack.appUrl}/channels`);
      const section = adm.page.getByRole("region", { name: `Pickup locations — ${channelName}` });
      await section.getByText(new RegExp(`${location.name} \\(${location.id}\\): 1 order`)).waitFor();
      await section.getByRole("button", { name: `Map it ${location.id}` }).click();
      await section.getByLabel(/Store/).selectOption({ label: `${work.storeCode} — ${work.storeName}` });
      await section.getByRole("button", { name: "Save mapping" }).click();
      await adm.page.getByText(`Location ${location.id} mapped; 1 waiting order is now a pickup.`).waitFor();
      await section.getByRole("cell", { name: work.storeCode }).waitFor();

      // The store picks it on a phone, readies it and hands it over to the buyer's code.
      const pickupId = await pickupIdOf(stack.runtime.url, work.storeId, number, "preparing");
      const floor = track("floor", await signIn(stack, "floor", { phone: true }));
      await floor.page.goto(`${stack.appUrl}/store/pickups?store=${work.storeId}`);
      await floor.page.getByRole("link", { name: number }).click();
      await floor.page.getByRole("heading", { name: `Pickup ${number}` }).waitFor();
      await wedge(floor.page, work.code);
      await expectScan(floor.page, 1, { state: "ok", text: /picked; 1 to go/ });
      await wedge(floor.page, work.code);
      await expectScan(floor.page, 2, { state: "ok", text: /every item is picked/ });
      await floor.page.getByRole("button", { name: "Ready for pickup" }).click();
      await floor.page.getByText(new RegExp(`${number} is ready; the customer has code PU-`)).waitFor();
      const handoverCode = await until("the pickup code", () => codeOf(stack, pickupId));
      await floor.page.goto(`${stack.appUrl}/store/pickups?store=${work.storeId}&tab=ready`);
      await floor.page.getByRole("heading", { name: "Hand over" }).waitFor();
      await wedge(floor.page, handoverCode);
      await expectScan(floor.page, 1, { state: "ok", text: new RegExp(`${number}: check the name — Sho Pickup`) });
      await floor.page.getByRole("button", { name: "Name checked — hand over" }).click();
      await floor.page.getByText(`${number} handed over.`).waitFor();
      const level = await until("the store's units shipped", async () => {
        const l = (await supervisor.query(api.inventory.levelsForProduct, { productId: work.productId })).find(
          (x) => x.warehouseId === work.storeId,
        );
        return l && l.onHand === 3 && l.reserved === 0 ? l : undefined;
      });
      check(level.onHand === 3, "two units left the store");
    } finally {
      await shopify.close();
    }
  },
};

/** The pickup's code (the customer's phone shows it; the shopifyPickup journey reads it in the backend). */
async function codeOf(stack: Stack, pickupId: Id<"pickups">): Promise<string | undefined> {
  const backend = stack.runtime.engine.backend;
  const code = await backend.within(() =>
    backend.t.run(async (raw) => (await (raw as unknown as MutationCtx).db.get("pickups", pickupId))?.code ?? null),
  );
  return code ?? undefined;
}

export const PICKUP_JOURNEYS: Journey[] = [pickupToHandover, uncollected, portalCancelAndReturn, shopifyPickup];
