/**
 * Shippo's own recordings (shippo-python-client VCR fixtures, API version 2017-03-29, older than
 * the version we pin) replayed through ShippoProvider and the Shippo address verifier over HTTP.
 */
import { ShippoProvider } from "../carriers/shippo";
import { shippoVerifier } from "../addressVerification";
import { buyRequest, carrierFailure, rateRequest } from "../carriers/fixtures.testing";
import { check, equal, exchange, recordingFiles, exchangesOf, type Contract, type Replay } from "./replay.testing";

const V = "shippo";
const ex = (file: string, i = 0) => exchange(V, `${file}.json`, i);
const provider = (r: Replay, polls = 0) =>
  new ShippoProvider("shippo_replay", r.vendor.url, { times: polls, delayMs: 0 });
const from = {
  name: "Laura Behrens Wu",
  company: "Shippo",
  line1: "215 Clayton St.",
  city: "San Francisco",
  region: "CA",
  postalCode: "94117",
  country: "US",
  phone: "+1 555 341 9393",
};
const to = {
  name: "Mr Hippo",
  company: "",
  line1: "965 Mission St #572",
  city: "San Francisco",
  region: "CA",
  postalCode: "94103",
  country: "US",
  phone: "+1 555 341 9393",
};
const rateReq = () =>
  rateRequest(1, {
    reference: "Customer ID 123456",
    from,
    to,
    parcel: { weightGrams: 907, lengthMm: 50, widthMm: 50, heightMm: 50 },
  });
const buyReq = (rateId: string, attempt = 1) =>
  buyRequest(
    rateReq(),
    {
      ref: JSON.stringify({ shipmentId: "s", rateId }),
      carrier: "USPS",
      service: "Priority Mail",
      amountMinor: 1000,
      currency: "USD",
    },
    attempt,
    { purchaseKey: "replay" },
  );
type RecRate = {
  object_id: string;
  provider: string;
  amount: string;
  days?: number | null;
  estimated_days?: number | null;
  servicelevel?: { name?: string };
};

const SHIPMENT_FILES = [
  "shipment__test_create",
  "shipment__test_get_rate",
  "shipment__test_get_rates_blocking",
  "shipment__test_retrieve",
  "rate__test_retrieve",
  "transaction__test_create",
  "transaction__test_retrieve",
];

export const shippoContract: Contract = {
  vendor: V,
  cases: [
    ...SHIPMENT_FILES.map((file) => ({
      name: `${file}: a synchronous shipment's rates, delivery days from the 2017 field "days"`,
      run: async (r: Replay) => {
        const created = ex(file, 3);
        r.serve(created);
        const rates = await provider(r).getRates(rateReq());
        const rec = (created.response as { rates: RecRate[] }).rates;
        equal(
          rates.map((x) => [x.carrier, x.amountMinor, x.deliveryDays ?? null]),
          rec.map((x) => [x.provider, Math.round(Number(x.amount) * 100), x.estimated_days ?? x.days ?? null]),
          "rates",
        );
        check(
          rates.some((x) => x.deliveryDays !== undefined),
          "some rate has delivery days",
        );
        const sent = r.requests.at(-1)!;
        equal(sent.headers["shippo-api-version"], "2018-02-08", "pinned API version");
        equal((sent.body as { async: boolean }).async, false, "synchronous");
      },
    })),
    {
      name: "a purchase Shippo answers QUEUED (empty tracking number) is not a failure: it is read again, and stays retryable while queued",
      run: async (r) => {
        const rateId = (ex("transaction__test_retrieve", 6).request as { rate: string }).rate;
        r.serve(ex("transaction__test_retrieve", 6)).serve(ex("transaction__test_retrieve", 7));
        const e = await carrierFailure(provider(r, 1).buyLabels(buyReq(rateId)));
        equal(e.kind, "unavailable", "still queued is retryable, not refused");
        check(e.message.includes("still QUEUED"), e.message);
        equal(
          (r.requests[0].body as { label_file_type: string }).label_file_type,
          "PDF_4x6",
          "label file type from the printer format",
        );
      },
    },
    {
      name: "a retried purchase lists the rate's transactions (queued → none done) and buys again, queued again",
      run: async (r) => {
        const rateId = (ex("transaction__test_create", 6).request as { rate: string }).rate;
        r.serve(ex("transaction__test_list_page_size"), "GET /transactions").serve(ex("transaction__test_create", 6));
        equal((await carrierFailure(provider(r, 0).buyLabels(buyReq(rateId, 2)))).kind, "unavailable", "kind");
      },
    },
    {
      name: "a retried purchase finds the rate's SUCCESS transaction in the list and buys nothing",
      run: async (r) => {
        r.serve(ex("transaction__test_list_all"), "GET /transactions");
        const [label] = await provider(r).buyLabels(buyReq("5b4754eaa54c4912bad8ac7c1818304f", 2));
        equal(label.trackingNumber, "9205590164917310132354", "tracking number of the earlier purchase");
        equal(r.requests.filter((q) => q.method === "POST").length, 0, "purchases");
      },
    },
    {
      name: "a missing rate (400 {rate: [required]}) is a parameter error",
      run: async (r) => {
        r.serve(ex("transaction__test_invalid_create"), "POST /transactions");
        const e = await carrierFailure(provider(r).buyLabels(buyReq("")));
        equal([e.kind, e.status], ["parameter", 400], "kind");
      },
    },
    {
      name: "a transaction that cannot be read back (404 HTML page) is a parameter error with the page's words",
      run: async (r) => {
        const rateId = (ex("transaction__test_create", 6).request as { rate: string }).rate;
        r.serve(ex("transaction__test_create", 6)).serve(
          ex("transaction__test_invalid_retrieve"),
          "GET /transactions/*",
        );
        const e = await carrierFailure(provider(r, 1).buyLabels(buyReq(rateId)));
        check(e.kind === "parameter" && e.status === 404 && e.message.includes("Not Found"), `${e.kind} ${e.message}`);
      },
    },
    {
      name: "a shipment refused for missing fields (address_to, parcels required) is a parameter error, not a bad address",
      run: async (r) => {
        r.serve(ex("shipment__test_invalid_create"));
        const e = await carrierFailure(provider(r).getRates(rateReq()));
        equal(e.kind, "parameter", "kind");
        check(e.message.includes("parcels: This field is required."), e.message);
      },
    },
    ...["track__test_get_status", "track__test_create"].map((file) => ({
      name: `${file}: DELIVERED with every history event (UNKNOWN, TRANSIT …)`,
      run: async (r: Replay) => {
        r.serve(ex(file), "GET /tracks/usps/9205590164917337534322");
        const t = await provider(r).track({ trackingNumber: "9205590164917337534322", carrier: "USPS" });
        equal(t.status, "delivered", "status");
        equal(
          t.events.map((e) => e.status),
          ["unknown", "unknown", ...Array(8).fill("in_transit"), "delivered"],
          "events",
        );
        equal(t.events[10].at, "2016-12-08T15:19:00Z", "event time");
      },
    })),
    {
      name: "tracking answers with nulls (no status yet) and the carrier errors (400 detail, 400 field, 404 page)",
      run: async (r) => {
        r.serve(ex("track__test_invalid_create", 1), "GET /tracks/usps/*");
        const empty = await provider(r).track({ trackingNumber: "EXAMPLEOFINVALID123TRACKINGNUMBER", carrier: "USPS" });
        equal([empty.status, empty.events.length], ["unknown", 0], "no status yet");
        // The adapter sends carrier tokens in lower case, as Shippo names them.
        r.serve(
          ex("track__test_invalid_get_status", 0),
          "GET /tracks/example_of_invalid_carrier/9205590164917337534322",
        )
          .serve(ex("track__test_invalid_create", 0), "GET /tracks/*/x")
          .serve(ex("track__test_invalid_get_status", 1));
        const a = await carrierFailure(
          provider(r).track({ trackingNumber: "9205590164917337534322", carrier: "EXAMPLE_OF_INVALID_CARRIER" }),
        );
        check(a.kind === "parameter" && a.message.includes("is not supported"), a.message);
        const b = await carrierFailure(
          provider(r).track({ trackingNumber: "x", carrier: "EXAMPLE_OF_INVALID_CARRIER" }),
        );
        check(b.kind === "parameter" && b.message.includes("Invalid value specified for provider"), b.message);
        const c = await carrierFailure(
          provider(r).track({ trackingNumber: "EXAMPLE_OF_INVALID_TRACKING_NUMBER", carrier: "usps" }),
        );
        equal([c.kind, c.status], ["parameter", 404], "404");
      },
    },
    {
      name: "address validation: create, then validate; valid and invalid with the carrier's message; an incomplete address is invalid as it stands",
      run: async (r) => {
        const v = shippoVerifier("shippo_replay", r.vendor.url);
        r.serve(ex("address__test_validate", 0)).serve(ex("address__test_validate", 1));
        equal((await v.verify(from)).status, "verified", "valid");
        r.serve(ex("address__test_invalid_validate", 0)).serve(ex("address__test_invalid_validate", 1));
        const bad = await v.verify({ ...from, line1: "0798987987987 ClaytonKLJLKJL St.", postalCode: "74338" });
        check(
          bad.status === "invalid" && bad.messages[0].startsWith("The address as submitted could not be found"),
          JSON.stringify(bad),
        );
        r.serve(ex("address__test_invalid_create"));
        equal((await v.verify({ ...from, line1: "", postalCode: "" })).status, "invalid", "incomplete");
      },
    },
  ],
  excluded: Object.fromEntries([
    ...SHIPMENT_FILES.flatMap((f) =>
      [0, 1, 2].map((i) => [
        `shippo/${f}.json#${i}`,
        "POST /addresses and /parcels made as separate objects before the shipment; the adapter sends both inline in POST /shipments (replayed).",
      ]),
    ),
    ...SHIPMENT_FILES.filter((f) => exchangesOf(V, `${f}.json`).length > 4).map((f) => [
      `shippo/${f}.json#4`,
      "GET /shipments/:id: the adapter rates synchronously (async: false) and reads rates from the create answer.",
    ]),
    ...SHIPMENT_FILES.filter((f) => exchangesOf(V, `${f}.json`)[5]?.path?.endsWith("/rates/")).map((f) => [
      `shippo/${f}.json#5`,
      "GET /shipments/:id/rates: rates come in the create answer.",
    ]),
    [
      "shippo/rate__test_retrieve.json#6",
      "GET /rates/:id: the adapter keeps the rate id it was given and never re-reads a rate.",
    ],
    [
      "shippo/rate__test_invalid_retrieve.json#0",
      "GET /rates/:id (404 page): never called; the same 404 page shape is replayed on GET /transactions/:id.",
    ],
    ["shippo/shipment__test_invalid_retrieve.json#0", "GET /shipments/:id (404 page): never called (see above)."],
    ["shippo/shipment__test_invalid_get_rate.json#0", "GET /shipments/:id/rates (404 page): never called (see above)."],
    ["shippo/shipment__test_list_all.json#0", "GET /shipments: the adapter never lists shipments."],
    ["shippo/shipment__test_list_page_size.json#0", "GET /shipments?results=1: the adapter never lists shipments."],
  ]),
};

/** Sanity for the exclusion list: every name in it is a recorded exchange. */
export const shippoExchangeIds = () => recordingFiles(V).flatMap((f) => exchangesOf(V, `${f}`).map((e) => e.id));
