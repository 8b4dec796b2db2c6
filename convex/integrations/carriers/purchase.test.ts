/**
 * The whole shipping path through Convex functions (convex-test) with EasyPost as the configured
 * provider, answered by the vendor-shaped server on 127.0.0.1: rate shop, purchase that the vendor
 * carries out but whose answer is lost, retries, multi-package orders, void and relabel.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../_generated/api";
import { expectInvariants, setupTest } from "../../testing/setup.testing";
import { packedShipment } from "../../testing/shipping.testing";
import { easyPostFake } from "./fakeEasyPost.testing";
import { serveFake } from "./serveFake.testing";

const ep = easyPostFake("EZTK_purchase");
serveFake(ep, {
  env: () => ({
    EASYPOST_API_KEY: "EZTK_purchase",
    EASYPOST_BASE_URL: ep.baseUrl(),
    SHIPPING_RETRY_BASE_MS: "0",
    SHIPPING_PROVIDER_TIMEOUT_MS: "2000",
    SHIPPING_BUY_TIMEOUT_MS: "2000",
  }),
});

type Backend = Awaited<ReturnType<typeof setupTest>>;
const settle = (b: Backend) => b.t.finishAllScheduledFunctions(() => {});
const buys = () => ep.vendor.count("POST", /^\/v2\/(shipments|orders)\/[^/]+\/buy$/);

describe("labels through EasyPost", () => {
  test("the vendor bought but the answer was lost; the action is retried three times: one label, one charge", async () => {
    const b = await setupTest();
    const { shipmentId } = await packedShipment(b, [1200]);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId });
    await settle(b);
    const shop = (await b.floor.query(api.shipping.forShipment, { shipmentId })).quoteLog[0];
    expect(shop.request.outcomes).toMatchObject([{ provider: "easypost", status: "ok", quoteCount: 3 }]);
    expect(shop.quotes.find((q) => q.selected)).toMatchObject({ carrier: "USPS", service: "GroundAdvantage" });

    const charges = ep.stats.charges;
    const buysBefore = buys();
    // Attempt 1: EasyPost buys, the connection drops before the answer. Attempts 2 and 3: the
    // lookup of the shipment fails (500). Attempt 4 finds the purchase and saves it.
    ep.vendor.fault({ match: /^POST \/v2\/shipments\/[^/]+\/buy$/, times: 1, kind: "drop" });
    ep.vendor.fault({
      match: /^GET \/v2\/shipments\/[^/]+$/,
      times: 2,
      kind: "status",
      status: 500,
      body: { error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong", errors: [] } },
    });
    await b.floor.mutation(api.shipping.buyLabels, { shipmentId });
    await settle(b);

    const view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(view.labels.map((l) => [l.status, l.attempts])).toEqual([["purchased", 4]]);
    expect(ep.stats.charges).toBe(charges + 1);
    expect(buys()).toBe(buysBefore + 1);
    const shp = [...ep.shipments.values()].find((s) => s.tracking_code === view.labels[0].trackingNumber)!;
    expect(view.labels[0]).toMatchObject({
      provider: "easypost",
      providerLabelId: shp.id,
      costMinor: Math.round(Number(shp.selected_rate!.rate) * 100),
      labelUrl: `${ep.vendor.url}/labels/${shp.id}.pdf`,
    });
    expect(view.shipment.status).toBe("shipped");
    await expectInvariants(b.t);
  });

  test("the warehouse's label printer decides the format: ZPL asked at shipment creation, delivered and recorded", async () => {
    const b = await setupTest();
    const { shipmentId } = await packedShipment(b, [900]);
    const shipment = await b.t.run((ctx) => ctx.db.get("shipments", shipmentId));
    await b.t.run((ctx) => ctx.db.patch("warehouses", shipment!.warehouseId, { labelFormat: "ZPL" }));
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    const created = ep.vendor.requests.filter((r) => r.method === "POST" && r.path === "/v2/shipments").at(-1)!;
    expect((created.body as { shipment: { options: object } }).shipment.options).toEqual({ label_format: "ZPL" });
    const view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(view.labels.map((l) => [l.status, l.labelFormat])).toEqual([["purchased", "ZPL"]]);
    expect(view.labels[0].labelUrl).toMatch(/\.zpl$/);
  });

  test("multi-package through an EasyPost order, then void one label and relabel it", async () => {
    const b = await setupTest();
    const { shipmentId } = await packedShipment(b, [1200, 700]);
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    let view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(view.labels.map((l) => l.status)).toEqual(["purchased", "purchased"]);
    expect(new Set(view.labels.map((l) => l.masterTrackingNumber)).size).toBe(1);
    expect(view.shipment.status).toBe("shipped");

    const victim = view.labels[0];
    await b.supervisor.mutation(api.shipping.voidLabel, { labelId: victim._id });
    await settle(b);
    expect(ep.shipments.get(victim.providerLabelId!)!.refund_status).toBe("submitted");
    await b.floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    await settle(b);
    view = await b.floor.query(api.shipping.forShipment, { shipmentId });
    expect(
      view.labels
        .filter((l) => l.status === "purchased")
        .map((l) => l.packageId)
        .sort(),
    ).toEqual([...new Set(view.labels.map((l) => l.packageId))].sort());
    expect(view.labels.find((l) => l._id === victim._id)!.status).toBe("voided");
    expect(view.postage?.labels).toBe(2);
    await expectInvariants(b.t);
  });

  test("a bad address is logged on the quote log and nothing is chosen", async () => {
    const b = await setupTest();
    const { shipmentId } = await packedShipment(b, [1200], {
      shipTo: { name: "X", line1: "1 Nowhere", city: "Nowhere", region: "CA", postalCode: "00000", country: "US" },
    });
    await b.floor.mutation(api.shipping.shopRates, { shipmentId });
    await settle(b);
    const { request, quotes } = (await b.floor.query(api.shipping.forShipment, { shipmentId })).quoteLog[0];
    expect(quotes).toEqual([]);
    expect(request.outcomes[0]).toMatchObject({
      provider: "easypost",
      status: "error",
      error:
        "Address problem (the carrier cannot use this address) [address]: easypost: ADDRESS.VERIFY.FAILURE Unable to verify address. (zip Invalid or nonexistent ZIP code)",
    });
    expect(request.reason).toMatch(/no provider returned a quote.*easypost error/);
  });
});
