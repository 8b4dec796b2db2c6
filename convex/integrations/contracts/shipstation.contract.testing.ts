/**
 * ShipEngine's captured responses (shipengine-dotnet HttpResponseMocks; ShipStation API v2 serves
 * the same API under /v2) replayed through ShipStationProvider over HTTP.
 */
import { ShipStationProvider } from "../carriers/shipstation";
import type { LabelFormat } from "../carriers/types";
import { buyRequest, carrierFailure, rateRequest } from "../carriers/fixtures.testing";
import { check, equal, equalColumns, exchange, type Contract, type Replay } from "./replay.testing";

const V = "shipstation";
const ex = (name: string) => exchange(V, `${name}.json`);
const provider = (r: Replay, carriers = ["se-423888"]) => new ShipStationProvider("ss_replay", carriers, r.vendor.url);
const addr = {
  name: "John Smith",
  line1: "3910 Bailey Lane",
  city: "Austin",
  region: "TX",
  postalCode: "78756",
  country: "US",
};
const rateReq = (parcels = 1) =>
  rateRequest(parcels, {
    reference: "S-1",
    from: addr,
    to: addr,
    parcel: { weightGrams: 7711, lengthMm: 914, widthMm: 305, heightMm: 610 },
  });
const buyReq = (parcels = 1, labelFormat?: LabelFormat) =>
  buyRequest(
    rateReq(parcels),
    {
      ref: JSON.stringify({ shipmentId: "se-153814671", rateId: "se-843583649" }),
      carrier: "UPS",
      service: "UPS® Ground",
      amountMinor: 9703,
      currency: "USD",
    },
    1,
    { purchaseKey: "replay", labelFormat },
  );

export const shipStationContract: Contract = {
  vendor: V,
  cases: [
    {
      name: "rates: every charge summed; delivery days from the estimated date when delivery_days is null",
      run: async (r) => {
        r.serve(ex("GetRatesWithShipmentDetails200Response"), "POST /v2/rates");
        const [rate] = await provider(r).getRates(rateReq());
        equal(
          [rate.carrier, rate.service, rate.amountMinor, rate.currency, rate.deliveryDays],
          ["UPS", "UPS® Ground", 9703, "USD", 6],
          "rate",
        );
        equal(JSON.parse(rate.ref), { shipmentId: "se-153814671", rateId: "se-843583649" }, "ref");
      },
    },
    {
      name: "no carrier ids configured: the account's carriers are listed first",
      run: async (r) => {
        r.serve(ex("ListCarriers200Response"), "GET /v2/carriers").serve(
          ex("GetRatesWithShipmentDetails200Response"),
          "POST /v2/rates",
        );
        await provider(r, []).getRates(rateReq());
        const sent = r.requests.at(-1)!.body as { rate_options: { carrier_ids: string[] } };
        check(
          sent.rate_options.carrier_ids.length > 0 && sent.rate_options.carrier_ids.every((id) => id.startsWith("se-")),
          JSON.stringify(sent.rate_options),
        );
      },
    },
    {
      name: "a rate answer where every carrier refused (unknown error code, 'Authentication failed') is an account error",
      run: async (r) => {
        r.serve(ex("GetRatesWithShipmentDetailsMissingErrorCodeEnum200Response"), "POST /v2/rates");
        const e = await carrierFailure(provider(r).getRates(rateReq()));
        check(e.kind === "auth" && e.message.includes("Authentication failed"), `${e.kind} ${e.message}`);
      },
    },
    {
      name: "400 request_body_required is a parameter error; 429 rate_limit_exceeded is a rate limit",
      run: async (r) => {
        r.serve(ex("BadRequest400Response"), "POST /v2/rates").serve(ex("RateLimited429Response"), "POST /v2/rates");
        const bad = await carrierFailure(provider(r).getRates(rateReq()));
        equal([bad.kind, bad.status], ["parameter", 400], "400");
        const limited = await carrierFailure(provider(r).getRates(rateReq()));
        equal([limited.kind, limited.status], ["rate_limited", 429], "429");
      },
    },
    ...["CreateLabelFromRate200Response", "CreateLabelFromShipmentDetails200Response"].map((name) => ({
      name: `${name}: the label's tracking number, cost and the file in the printer's format`,
      run: async (r: Replay) => {
        r.serve(ex(name), "POST /v2/labels/rates/se-843583649");
        const [label] = await provider(r).buyLabels(buyReq(1, "ZPL"));
        const rec = ex(name).response as {
          tracking_number: string;
          shipment_cost: { amount: number };
          label_id: string;
        };
        equal(
          [label.trackingNumber, label.costMinor, label.providerLabelId],
          [rec.tracking_number, Math.round(rec.shipment_cost.amount * 100), rec.label_id],
          "label",
        );
        equal((r.requests.at(-1)!.body as { label_format: string }).label_format, "zpl", "label_format asked");
      },
    })),
    {
      name: "two packages on a label that lists one: the second travels under the shipment's tracking number, none invented",
      run: async (r) => {
        r.serve(ex("CreateLabelFromRate200Response"), "POST /v2/labels/rates/se-843583649");
        const labels = await provider(r).buyLabels(buyReq(2));
        equalColumns(labels, {
          trackingNumber: ["1Z63R0960332529481", "1Z63R0960332529481"],
          costMinor: [4661, 4660],
        });
        check(
          labels[0].labelUrl?.endsWith("labelpackage-85151459.pdf") &&
            labels[1].labelUrl?.endsWith("label-80255646.pdf"),
          `${labels[0].labelUrl} ${labels[1].labelUrl}`,
        );
      },
    },
    ...["TrackUsingLabelId200Response", "TrackUsingCarrierCodeAndTrackingNumber200Response"].map((name) => ({
      name: `${name}: UN with the carrier's own words; events without a status code carry the shipment's`,
      run: async (r: Replay) => {
        r.serve(ex(name), "GET /v2/labels/se-1/track");
        const t = await provider(r).track({ trackingNumber: "1026167028310292", providerLabelId: "se-1" });
        equal(t.status, "unknown", "status");
        check(t.detail?.includes("Electronic information submitted by shipper"), String(t.detail));
        equal(
          t.events,
          [{ at: "2021-07-10T02:58:01Z", status: "unknown", detail: "Electronic information submitted by shipper" }],
          "events",
        );
      },
    })),
    {
      name: "void: approved",
      run: async (r) => {
        r.serve(ex("VoidLabelWithLabelId200Response"), "PUT /v2/labels/se-80255646/void");
        equal(
          await provider(r).voidLabel({ providerLabelId: "se-80255646" }),
          { voided: true, message: "Request for refund submitted.  This label has been voided." },
          "void",
        );
      },
    },
  ],
  excluded: {
    "shipstation/CreateManifest200Response.json#0":
      "End-of-day manifests (POST /v2/manifests) are not part of the carrier interface yet.",
    "shipstation/ValidateCommercialAddresses200Response.json#0":
      "Address validation goes through EasyPost or Shippo (addressVerification.ts); ShipStation's /v2/addresses/validate is not wired.",
    "shipstation/ValidateResidentialAddresses200Response.json#0":
      "As above: ShipStation address validation is not wired.",
  },
};
