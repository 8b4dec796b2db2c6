/**
 * Carrier journeys (issue 20).
 *  1. The Carriers board moves when tracking events arrive: a label is bought through the public
 *     API, the board shows the shipment in transit; a signed EasyPost tracker webhook is posted to
 *     the runtime's HTTP port (the real route, signature and ingestion) and the board shows it
 *     delivered, with its transit days, without a reload.
 *  2. A finance export is started from the page, runs on the server, and its downloaded CSV ties
 *     out with the totals the page shows: revenue, postage, COGS, shipping charged, refunds and the
 *     channel fees (empty exactly where not reported, and the page's "reported for n of m").
 *  3. An emissions rule: at +10 % it refuses the cleaner, slower UPS Ground (12 % dearer than the
 *     cheapest service within 3 days) and the quote log says so; edited to +15 % in the rules
 *     editor, the next rate shop chooses UPS Ground, with the CO₂e figures in the quote log.
 */
import { readFile } from "node:fs/promises";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { easyPostSignature } from "../../convex/lib/tracking/vendors";
import { signIn, until, STATE_TIMEOUT_MS, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { check, client, markPacked, nonce, phoneOrder, stockedProduct, gtin } from "../support";

type Dest = { name: string; line1: string; city: string; region: string; postalCode: string; country: string };

/** An order of one new product from EWR to `to`, its shipment packed into one package of `grams`. */
async function packedOrder(
  stack: Stack,
  to: Dest,
  grams: number,
): Promise<{ orderId: Id<"orders">; number: string; shipmentId: Id<"shipments"> }> {
  const supervisor = client(stack.runtime.url, "supervisor");
  const warehouses = await supervisor.query(api.warehouses.list, {});
  const ewr = warehouses.find((w) => w.code === "EWR");
  check(ewr, "the demo has no EWR warehouse");
  const n = nonce();
  const sku = `E2E-CAR-${n}`;
  const productId = await stockedProduct(stack.runtime.url, {
    sku,
    name: "E2E carrier parcel",
    barcode: gtin(`7${n}00002`),
    weightGrams: grams - 100,
    dims: [300, 200, 100],
    priceMinor: 4500,
    costMinor: 1500,
    stock: { warehouseId: ewr._id, quantity: 3, reference: "PO-E2E-CAR" },
  });
  const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
    order: {
      ...phoneOrder({ name: to.name, email: "carrier.e2e@example.com" }, [
        { productId, quantity: 1, unitPriceMinor: 4500 },
      ]),
      shipTo: to,
    },
  });
  let shipmentId: Id<"shipments"> | undefined;
  await markPacked(stack, [orderId], async (ctx, s) => {
    check(s.warehouseId === ewr._id, "the order was not allocated from EWR");
    shipmentId = s._id;
    await ctx.db.insert("packages", {
      shipmentId: s._id,
      index: 1,
      weightGrams: grams,
      lengthMm: 320,
      widthMm: 220,
      heightMm: 120,
      items: [{ productId, sku, quantity: 1 }],
    });
  });
  check(shipmentId, "the order has no shipment");
  return { orderId, number, shipmentId };
}

const SF: Dest = {
  name: "Cora Carrier",
  line1: "500 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
};
const ATLANTA: Dest = {
  name: "Gus Green",
  line1: "55 Trinity Ave SW",
  city: "Atlanta",
  region: "GA",
  postalCode: "30303",
  country: "US",
};

const boardMoves: Journey = {
  name: "carriers: the carrier board moves when a signed tracking webhook arrives",
  async run(stack, track) {
    check(stack.runtime.httpActionsUrl, "the runtime serves no HTTP actions");
    process.env.EASYPOST_WEBHOOK_SECRET = "e2e-easypost-secret";
    const { shipmentId } = await packedOrder(stack, SF, 1000);
    const supervisor = client(stack.runtime.url, "supervisor");
    await supervisor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    const label = await until("the label to be bought", async () =>
      (await supervisor.query(api.shipping.forShipment, { shipmentId })).labels.find(
        (l) => l.status === "purchased" && l.trackingNumber,
      ),
    );
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    await sup.page.goto(`${stack.appUrl}/boards/carriers`);
    await sup.page.getByRole("heading", { name: "Carriers", level: 1 }).waitFor();
    const kpis = sup.page.getByTestId("carrier-kpis");
    await kpis.waitFor({ timeout: STATE_TIMEOUT_MS });
    const deliveredCount = async () =>
      Number(
        /(\d+) delivered/.exec((await kpis.getByRole("group", { name: "Shipments" }).textContent()) ?? "")?.[1] ?? NaN,
      );
    const lane = sup.page
      .getByTestId("carrier-row")
      .filter({ hasText: "EWR → US-CA" })
      .filter({ hasText: label.service });
    await lane.first().waitFor({ timeout: STATE_TIMEOUT_MS });
    const before = await deliveredCount();
    let reloads = 0;
    sup.page.on("load", () => (reloads += 1));

    const at = (h: number) => new Date(label.purchasedAt! + h * 3_600_000).toISOString();
    const body = JSON.stringify({
      object: "Event",
      id: `evt_e2e_${Date.now()}`,
      description: "tracker.updated",
      mode: "test",
      result: {
        object: "Tracker",
        id: `trk_${label.trackingNumber}`,
        tracking_code: label.trackingNumber,
        status: "delivered",
        public_url: `https://track.easypost.com/${label.trackingNumber}`,
        tracking_details: [
          {
            object: "TrackingDetail",
            status: "in_transit",
            message: "Accepted",
            datetime: at(1),
            tracking_location: { city: "NEWARK", state: "NJ", country: "US" },
          },
          {
            object: "TrackingDetail",
            status: "delivered",
            message: "Delivered",
            datetime: at(2),
            tracking_location: { city: "SAN FRANCISCO", state: "CA", country: "US" },
          },
        ],
      },
    });
    const post = (signature: string) =>
      fetch(`${stack.runtime.httpActionsUrl}/webhooks/easypost/tracking`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Hmac-Signature": signature },
        body,
      });
    check((await post("hmac-sha256-hex=00")).status === 401, "an unsigned webhook was accepted");
    const ok = await post(await easyPostSignature(body, "e2e-easypost-secret"));
    check(ok.status === 200, `the signed webhook was answered ${ok.status}`);
    await until(
      "the board to count the delivery",
      async () => ((await deliveredCount()) === before + 1 ? true : undefined),
      () => `delivered ${before} → ${String(before + 1)}`,
    );
    const median = await lane.first().getByTestId("carrier-median").textContent();
    check(/\d+ d/.test(median ?? ""), `no median transit days on the lane: ${median}`);
    check(reloads === 0, "the board reloaded");
  },
};

/** "$1,234.56" → 123456. */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, "")) * 100);

const financeExport: Journey = {
  name: "carriers: a finance export is downloaded and ties out with the page",
  async run(stack, track) {
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    const page = sup.page;
    await page.goto(`${stack.appUrl}/finance/exports`);
    await page.getByRole("heading", { name: "Finance exports", level: 1 }).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("From (day)").fill(weekAgo);
    await page.getByLabel("To (day, included)").fill(today);
    await page.getByRole("button", { name: "Export" }).click();
    const row = page.getByTestId("finance-export").first();
    await row.getByText("done").waitFor({ timeout: STATE_TIMEOUT_MS });
    const shown = {
      revenue: minorOf((await row.getByTestId("finance-revenue").textContent()) ?? ""),
      postage: minorOf((await row.getByTestId("finance-postage").textContent()) ?? ""),
      cogs: minorOf((await row.getByTestId("finance-cogs").textContent()) ?? ""),
      shipping: minorOf((await row.getByTestId("finance-shipping").textContent()) ?? ""),
      refunds: minorOf((await row.getByTestId("finance-refunds").textContent()) ?? ""),
      fees: minorOf((await row.getByTestId("finance-fees").textContent()) ?? ""),
      feesReported: (await row.getByTestId("finance-fees-reported").textContent()) ?? "",
    };
    check(shown.revenue > 0, "the export found no revenue in the demo's week");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("link", { name: "Orders CSV" }).click(),
    ]);
    const csv = await readFile((await download.path())!, "utf8");
    const [header, ...lines] = csv
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    const sum = (name: string) => lines.reduce((s, l) => s + Math.round(Number(l[header.indexOf(name)]) * 100), 0);
    check(lines.length > 0, "the CSV has no orders");
    check(sum("revenue") === shown.revenue, `CSV revenue ${sum("revenue")} ≠ page ${shown.revenue}`);
    check(sum("postage_net") === shown.postage, `CSV postage ${sum("postage_net")} ≠ page ${shown.postage}`);
    check(sum("cogs") === shown.cogs, `CSV COGS ${sum("cogs")} ≠ page ${shown.cogs}`);
    check(sum("postage_net") === sum("postage_bought") - sum("postage_voided"), "postage net is not bought − voided");
    // Issue 20: shipping charged, refunds (the seed's desk cancels of paid orders) and channel fees.
    check(shown.shipping > 0, "the demo's orders charged no shipping");
    check(
      sum("shipping_charged") === shown.shipping,
      `CSV shipping ${sum("shipping_charged")} ≠ page ${shown.shipping}`,
    );
    check(shown.refunds > 0, "no refund from the demo's cancelled orders");
    check(sum("refunds") === shown.refunds, `CSV refunds ${sum("refunds")} ≠ page ${shown.refunds}`);
    const fees = header.indexOf("channel_fees");
    const status = header.indexOf("channel_fees_status");
    const reported = lines.filter((l) => l[fees] !== "");
    check(
      lines.every((l) => (l[fees] === "") === (l[status] !== "reported")),
      "a fee field is empty exactly when the channel did not report fees",
    );
    check(
      lines.some((l) => l[fees] === "" && l[status] === "not_reported"),
      "no order says its fees were not reported (manual orders report none)",
    );
    check(sum("channel_fees") === shown.fees, `CSV fees ${sum("channel_fees")} ≠ page ${shown.fees}`);
    check(
      shown.feesReported.includes(`reported for ${reported.length} of ${lines.length} orders`),
      `the page says "${shown.feesReported}", the CSV has fees on ${reported.length} of ${lines.length} orders`,
    );
  },
};

const emissionsRule: Journey = {
  name: "carriers: an emissions rule chooses a slower, cleaner service within its bounds and refuses one outside them",
  async run(stack, track) {
    const admin = client(stack.runtime.url, "admin");
    const name = `E2E greener Atlanta ${Date.now() % 10_000}`;
    await admin.mutation(api.shippingRules.add, {
      name,
      conditions: { postalPrefixes: ["303"] },
      action: { kind: "lowest_emissions", withinPct: 10, maxDays: 3 },
      constraints: {},
    });
    const { orderId, number } = await packedOrder(stack, ATLANTA, 1000);
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    await sup.page.goto(`${stack.appUrl}/orders/${orderId}`);
    await sup.page.getByRole("heading", { name: new RegExp(number) }).waitFor();
    const card = sup.page.getByRole("article", { name: /Shipping for/ }).first();
    const shopAndRead = async (previous: string) => {
      await card.getByRole("button", { name: "Shop rates" }).click();
      return until("a new choice in the quote log", async () => {
        const text =
          (await card
            .getByTestId("quote-reason")
            .first()
            .textContent()
            .catch(() => null)) ?? "";
        return text && text !== previous && text.includes(name) ? text : undefined;
      });
    };
    // +10 %: UPS Ground is 11 % dearer than the cheapest within 3 days → refused.
    const first = await shopAndRead("");
    check(/chose USPS Priority Mail/.test(first) && /over the \+10 % price bound/.test(first), `at +10 %: ${first}`);
    const co2 = card.getByRole("columnheader", { name: "CO₂e" });
    check((await co2.count()) > 0, "the quote log shows no CO₂e column");

    // An admin widens the bound to +15 % in the rules editor.
    const adm = track("admin", await signIn(stack, "admin"));
    await adm.page.goto(`${stack.appUrl}/shipping/rules`);
    const rule = adm.page.getByRole("listitem", { name: new RegExp(name) });
    await rule.waitFor({ timeout: STATE_TIMEOUT_MS });
    await rule.getByRole("button", { name: `Edit choose of ${name}` }).click();
    const form = adm.page.getByRole("form", { name: `Action of ${name}` });
    await form.getByLabel("At most % above the cheapest").fill("15");
    await form.getByRole("button", { name: "Save action" }).click();
    await rule
      .getByText("lowest emissions within +15 % of the cheapest, at most 3 days")
      .waitFor({ timeout: STATE_TIMEOUT_MS });

    const second = await shopAndRead(first);
    check(
      /chose UPS Ground/.test(second) && /CO₂e less than the cheapest \(USPS Priority Mail\)/.test(second),
      `at +15 %: ${second}`,
    );
    const chosenRow = card.locator("tr.chosen").first();
    check(/kg CO₂e|g CO₂e/.test((await chosenRow.textContent()) ?? ""), "the chosen quote shows no CO₂e figure");
  },
};

export const CARRIER_JOURNEYS: Journey[] = [boardMoves, financeExport, emissionsRule];
