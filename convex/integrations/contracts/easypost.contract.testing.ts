/**
 * EasyPost's own recordings (easypost-node test cassettes, 2024) replayed through EasyPostProvider
 * and the EasyPost address verifier, through the real `@easypost/api` SDK pointed at the replay.
 */
import { EasyPostProvider } from "../carriers/easypost";
import { easyPostVerifier } from "../addressVerification";
import type { LabelFormat, ProviderRate, RateRequest } from "../carriers/types";
import { buyRequest, carrierFailure, rateRequest } from "../carriers/fixtures.testing";
import { check, equal, equalColumns, exchange, type Contract, type Exchange, type Replay } from "./replay.testing";

const V = "easypost";
const ex = (file: string, i = 0) => exchange(V, `${file}.json`, i);
type Rec = Record<string, unknown> & {
  rates?: { id: string; carrier: string; service: string; rate: string; delivery_days: number | null }[];
};
const body = (e: Exchange) => e.response as Rec;

const provider = (r: Replay) => new EasyPostProvider("EZTK_replay", `${r.vendor.url}/v2/`);
const verifier = (r: Replay) => easyPostVerifier("EZTK_replay", `${r.vendor.url}/v2/`);
/** The address EasyPost's recordings fail to verify ("Address not found"). */
const UNKNOWN_STREET = {
  name: "",
  company: "EasyPost",
  line1: "000 unknown street",
  city: "Not A City",
  region: "ZZ",
  postalCode: "00001",
  country: "US",
};
const from = {
  name: "Jack Sparrow",
  line1: "388 Townsend St",
  line2: "Apt 20",
  city: "San Francisco",
  region: "CA",
  postalCode: "94107",
  country: "US",
  phone: "5555555555",
};
const to = {
  name: "Elizabeth Swan",
  line1: "179 N Harbor Dr",
  city: "Redondo Beach",
  region: "CA",
  postalCode: "90277",
  country: "US",
  phone: "5555555555",
};
const rateReq = (parcels: number, labelFormat?: LabelFormat) =>
  rateRequest(parcels, {
    reference: "123",
    from,
    to,
    labelFormat,
    parcel: { weightGrams: 437, lengthMm: 254, widthMm: 203, heightMm: 102 },
  });
const buyReq = (req: RateRequest, rate: ProviderRate, attempt = 1, labelFormat?: LabelFormat) =>
  buyRequest(req, rate, attempt, { purchaseKey: "replay", labelFormat });

/** Rates for `parcels` in PNG, then purchase attempt `attempt` of the rate for `service` (the first rate when none is named). */
async function rateAndBuy(
  r: Replay,
  { parcels, attempt, service }: { parcels: number; attempt: number; service?: string },
) {
  const ep = provider(r);
  const req = rateReq(parcels, "PNG");
  const rates = await ep.getRates(req);
  const rate = service === undefined ? rates[0] : rates.find((x) => x.service === service)!;
  return ep.buyLabels(buyReq(req, rate, attempt, "PNG"));
}

/** A retried purchase: the shipment or order made again and retrieved (`retrieves`), then the buy recorded in `buys` for it. */
function serveRetry(
  r: Replay,
  { retrieves, buys, path }: { retrieves: string; buys: string; path: "shipments" | "orders" },
) {
  const created = ex(retrieves, 0);
  r.serve(created)
    .serve(ex(retrieves, 1))
    .serve(ex(buys, 1), `POST /v2/${path}/${String(body(created).id)}/buy`);
}

/** The rates as the recording has them: cents from the decimal string, days as given. */
function ratesMatch(got: ProviderRate[], rec: Rec) {
  equal(
    got.map((r) => [r.carrier, r.service, r.amountMinor, r.deliveryDays]),
    (rec.rates ?? []).map((r) => [
      r.carrier,
      r.service,
      Math.round(Number(r.rate) * 100),
      r.delivery_days ?? undefined,
    ]),
    "rates",
  );
}

export const easyPostContract: Contract = {
  vendor: V,
  cases: [
    {
      name: "creates a shipment: rates with cents and days; the printer's label format is asked for at creation",
      run: async (r) => {
        r.serve(ex("creates-a-shipment"));
        const rates = await provider(r).getRates(rateReq(1, "PNG"));
        ratesMatch(rates, body(ex("creates-a-shipment")));
        const sent = r.requests.at(-1)!.body as {
          shipment: { options: { label_format: string }; parcel: { weight: number } };
        };
        equal(sent.shipment.options.label_format, "PNG", "options.label_format sent");
        equal(sent.shipment.parcel.weight, 15.4, "weight in ounces");
      },
    },
    {
      name: "regenerated rates: the create half (rates come from the created shipment)",
      run: async (r) => {
        r.serve(ex("regenerates-rates-for-a-shipment", 0));
        ratesMatch(await provider(r).getRates(rateReq(1, "PNG")), body(ex("regenerates-rates-for-a-shipment", 0)));
      },
    },
    {
      name: "buys a shipment: the recorded tracking code, cost of the selected rate, and the PNG label it really is",
      run: async (r) => {
        r.serve(ex("buys-a-shipment", 0)).serve(ex("buys-a-shipment", 1));
        const [label] = await rateAndBuy(r, { parcels: 1, attempt: 1, service: "GroundAdvantage" });
        equal(label.trackingNumber, "9400100110368068953228", "tracking number");
        equal(label.costMinor, 593, "cost");
        equal(label.labelFormat, "PNG", "label format");
        check(label.labelUrl?.endsWith(".png"), `label url ${label.labelUrl}`);
        equal(
          (r.requests.at(-1)!.body as { rate: { id: string } }).rate.id,
          "rate_1417b8ba15e0420287f0249d36bb0ef6",
          "rate bought",
        );
      },
    },
    {
      name: "a retried purchase finds the shipment already bought (retrieve) and buys nothing",
      run: async (r) => {
        r.serve(ex("creates-a-refund", 0)).serve(ex("creates-a-refund", 1));
        const [label] = await rateAndBuy(r, { parcels: 1, attempt: 2 });
        equal(label.trackingNumber, "9400100110368068953068", "tracking number of the earlier purchase");
        equal(r.requests.filter((q) => q.path.endsWith("/buy")).length, 0, "buy calls");
      },
    },
    {
      name: "a retried purchase whose shipment is not bought yet buys it (retrieve, then the recorded buy)",
      run: async (r) => {
        // The buy answer is the one recorded for a shipment of the same request (buys-a-shipment).
        serveRetry(r, { retrieves: "retrieves-a-shipment", buys: "buys-a-shipment", path: "shipments" });
        const [label] = await rateAndBuy(r, { parcels: 1, attempt: 2 });
        equal(label.trackingNumber, "9400100110368068953228", "tracking number");
      },
    },
    {
      name: "refunds a shipment: submitted counts as voided",
      run: async (r) => {
        r.serve(ex("refunds-a-shipment", 0)).serve(ex("refunds-a-shipment", 1));
        const ep = provider(r);
        await ep.getRates(rateReq(1));
        equal(
          await ep.voidLabel({ providerLabelId: String(body(ex("refunds-a-shipment", 0)).id) }),
          { voided: true, message: "refund submitted" },
          "void",
        );
      },
    },
    ...["creates-an-order", "get-rates-of-an-order", "gets-the-lowest-rate"].map((file) => ({
      name: `${file}: several parcels are an order; its rates cover every parcel`,
      run: async (r: Replay) => {
        r.serve(ex(file, 0));
        const rates = await provider(r).getRates(rateReq(2));
        ratesMatch(rates, body(ex(file, 0)));
        equal(JSON.parse(rates[0].ref).kind, "order", "ref kind");
        if (file === "gets-the-lowest-rate") equal(Math.min(...rates.map((x) => x.amountMinor)), 1140, "lowest rate");
      },
    })),
    {
      name: "buys an order: one label per shipment with the recorded tracking codes, the first the master, costs from the selected rates",
      run: async (r) => {
        r.serve(ex("buys-an-order", 0)).serve(ex("buys-an-order", 1));
        const labels = await rateAndBuy(r, { parcels: 2, attempt: 1, service: "GroundAdvantage" });
        equalColumns(labels, {
          trackingNumber: ["9400100110368068952665", "9434600110368068952698"],
          masterTrackingNumber: ["9400100110368068952665", "9400100110368068952665"],
          costMinor: [507, 633],
        });
        equal(r.requests.at(-1)!.body, { carrier: "USPS", service: "GroundAdvantage" }, "buy by carrier and service");
      },
    },
    {
      name: "a retried order purchase retrieves the order first, then buys it once",
      run: async (r) => {
        serveRetry(r, { retrieves: "retrieves-an-order", buys: "buys-an-order", path: "orders" });
        const labels = await rateAndBuy(r, { parcels: 2, attempt: 2, service: "GroundAdvantage" });
        equal(labels.length, 2, "labels");
      },
    },
    ...["creates-a-tracker", "retrieves-a-tracker"].map((file) => ({
      name: `${file}: tracker status and every tracking detail`,
      run: async (r: Replay) => {
        r.serve(ex(file, 0));
        const t = await provider(r).track({ trackingNumber: "EZ1000000001", carrier: "USPS" });
        equal(t.status, "pre_transit", "status");
        equal(
          t.events.map((e) => [e.at, e.status, e.detail]),
          [
            ["2024-06-30T16:06:32Z", "pre_transit", "Pre-Shipment Info Sent to USPS"],
            ["2024-07-01T04:43:32Z", "pre_transit", "Shipping Label Created"],
          ],
          "events",
        );
      },
    })),
    {
      name: "a missing-parameter error (422 PARAMETER.REQUIRED) is a parameter error, not a bad address",
      run: async (r) => {
        r.serve(ex("pulls-out-error-properties-of-an-API-error"));
        const e = await carrierFailure(provider(r).getRates(rateReq(1)));
        equal([e.kind, e.status], ["parameter", 422], "kind");
        check(e.message.includes("PARAMETER.REQUIRED") && e.message.includes("shipment cannot be blank"), e.message);
      },
    },
    {
      name: "the alternative error format (errors as strings) is parsed; 404 NOT_FOUND is a parameter error",
      run: async (r) => {
        r.serve(
          ex("pulls-out-error-properties-of-an-API-error-when-using-the-alternative-format"),
          "POST /v2/shipments",
        );
        const e = await carrierFailure(provider(r).getRates(rateReq(1)));
        equal([e.kind, e.status], ["parameter", 404], "kind");
        check(e.message.includes("No eligible insurance found"), e.message);
      },
    },
    {
      name: "address verification: create, then verify when the create did not verify; delivery success with a ZIP+4 correction",
      run: async (r) => {
        r.serve(ex("verifies-an-address", 0)).serve(ex("verifies-an-address", 1));
        const out = await verifier(r).verify(to);
        equal(out.status, "verified", "verification");
      },
    },
    {
      name: "address verification: verify=true on create reads verifications.delivery (success)",
      run: async (r) => {
        r.serve(ex("creates-an-address-with-verify_strict-param"), "POST /v2/addresses");
        equal((await verifier(r).verify(to)).status, "verified", "verification");
      },
    },
    {
      name: "address verification: verify=true on create, a failed delivery verification with the carrier's reasons",
      run: async (r) => {
        r.serve(ex("creates-an-address-with-verify-param", 1));
        const out = await verifier(r).verify(UNKNOWN_STREET);
        check(
          out.status === "invalid" && out.messages.some((m) => m.includes("Address not found")),
          JSON.stringify(out),
        );
        equal((r.requests.at(-1)!.body as { verify: unknown }).verify, true, "verify sent");
      },
    },
    {
      name: "address verification: the verify call's 422 ADDRESS.VERIFY.FAILURE is an invalid address with each reason",
      run: async (r) => {
        r.serve(ex("throws-an-error-when-we-cannot-verify-an-address", 0)).serve(
          ex("throws-an-error-when-we-cannot-verify-an-address", 1),
        );
        const out = await verifier(r).verify({
          name: "",
          line1: "invalid",
          city: "",
          postalCode: "",
          country: "US",
        });
        check(
          out.status === "invalid" &&
            out.messages.includes("Address not found") &&
            out.messages.includes("House number is missing"),
          JSON.stringify(out),
        );
      },
    },
    {
      name: "address verification: create_and_verify success and its 422 failure",
      run: async (r) => {
        r.serve(ex("creates-a-verified-address"), "POST /v2/addresses").serve(
          ex("throws-an-error-when-we-cannot-create-and-verify-an-address"),
          "POST /v2/addresses",
        );
        const v = verifier(r);
        equal((await v.verify(to)).status, "verified", "good address");
        const bad = await v.verify(UNKNOWN_STREET);
        check(bad.status === "invalid" && bad.messages.includes("Address not found"), JSON.stringify(bad));
      },
    },
  ],
  excluded: {
    "easypost/creates-a-refund.json#2":
      "POST /v2/refunds refunds by carrier + tracking codes in bulk; the adapter voids per shipment (POST /shipments/:id/refund, replayed from refunds-a-shipment).",
    "easypost/regenerates-rates-for-a-shipment.json#1":
      "POST /shipments/:id/rerate: the adapter never re-rates; a new rate shop makes a new shipment.",
    "easypost/get-rates-of-an-order.json#1":
      "GET /orders/:id/rates: the adapter takes an order's rates from its create answer (replayed).",
    "easypost/creates-an-address-with-verify-param.json#0":
      "The same request without verify: the unverified-create answer is replayed from verifies-an-address#0 and throws-an-error-when-we-cannot-verify-an-address#0, each followed by its recorded verify call.",
    "easypost/retrieves-a-tracker.json#1":
      "GET /trackers/:id: the adapter asks with POST /trackers, which returns the existing tracker for a code (replayed).",
  },
};
