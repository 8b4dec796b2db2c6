/**
 * Shippo as documented: `Authorization: ShippoToken <key>`; POST /shipments (rates computed
 * synchronously for every parcel: a multi-piece shipment's rate covers them all), POST
 * /transactions (buys a rate: one transaction per parcel, all carrying the rate id), GET
 * /transactions?rate=, POST /refunds, GET /tracks/{carrier}/{number}. Validation errors are
 * 400 `{ field: [messages] }`, throttling 429 `{ detail }`. `charges` counts labels bought.
 */
import { FakeVendor, fakeId, isBadZip, isUnserved, PDF_BYTES, type FakeRequest } from "./fakeServer.testing";
import { exchange } from "../contracts/replay.testing";

/** Bodies start from Shippo's own recordings (every field, nulls included); the fake fills in what it computes. */
const RATE_TEMPLATE = () => {
  const r = structuredClone(
    (exchange("shippo", "shipment__test_create.json", 3).response as { rates: Record<string, unknown>[] }).rates[0],
  );
  delete r.days; // the 2017 field: this fake answers as the pinned version does (estimated_days)
  return r;
};
const TX_TEMPLATE = () =>
  structuredClone(exchange("shippo", "transaction__test_create.json", 6).response as Record<string, unknown>);

const now = () => new Date().toISOString();
const SERVICES = [
  { provider: "USPS", name: "Ground Advantage", token: "usps_ground_advantage", base: 5.3, perKg: 1.1, days: 5 },
  { provider: "USPS", name: "Priority Mail", token: "usps_priority", base: 8.9, perKg: 1.6, days: 2 },
  { provider: "FedEx", name: "Home Delivery", token: "fedex_home_delivery", base: 9.8, perKg: 1.2, days: 3 },
];

type Tx = Record<string, unknown> & { object_id: string; rate: string; status: string; tracking_number: string };

export function shippoFake(apiKey = "shippo_test_key") {
  const shipments = new Map<string, { parcels: Record<string, unknown>[]; rates: Record<string, unknown>[] }>();
  const rateIndex = new Map<string, { shipmentId: string; amount: string }>();
  const transactions: Tx[] = [];
  const refunds: string[] = [];
  const stats = { charges: 0 };
  const vendor = new FakeVendor((req) =>
    req.path.startsWith("/labels/") || req.headers.authorization === `ShippoToken ${apiKey}`
      ? undefined
      : { status: 401, body: { detail: "Invalid token." } },
  );
  const body = (req: FakeRequest) => (req.body ?? {}) as Record<string, unknown>;

  vendor
    .route("POST", "/shipments", (req) => {
      const b = body(req);
      const to = (b.address_to ?? {}) as Record<string, unknown>;
      const from = (b.address_from ?? {}) as Record<string, unknown>;
      if (isBadZip(to.zip))
        return {
          status: 400,
          body: { address_to: ["The address could not be validated: zip code 00000 does not exist."] },
        };
      const parcels: Record<string, unknown>[] = ((b.parcels ?? []) as Record<string, unknown>[]).map((p) => ({
        ...p,
        object_id: fakeId(""),
        object_state: "VALID",
      }));
      if (parcels.length === 0) return { status: 400, body: { parcels: ["This field is required."] } };
      const kg = parcels.reduce((s, p) => s + Number(p.weight) / (p.mass_unit === "g" ? 1000 : 1), 0);
      const id = fakeId("");
      const rates = isUnserved(to.country)
        ? []
        : SERVICES.map((s) => {
            const rid = fakeId("");
            const amount = ((s.base + s.perKg * kg) * parcels.length).toFixed(2);
            rateIndex.set(rid, { shipmentId: id, amount });
            return {
              ...RATE_TEMPLATE(),
              object_id: rid,
              object_created: now(),
              object_owner: "test@example.com",
              shipment: id,
              attributes: [],
              amount,
              currency: "USD",
              amount_local: amount,
              currency_local: "USD",
              provider: s.provider,
              servicelevel: { name: s.name, token: s.token },
              estimated_days: s.days,
              duration_terms: `${s.days} days`,
              carrier_account: `ca_${s.provider.toLowerCase()}`,
              test: true,
            };
          });
      const messages = rates.length ? [] : [{ source: "USPS", code: "", text: "Destination country is not served." }];
      shipments.set(id, { parcels, rates });
      return {
        status: 201,
        body: {
          object_id: id,
          object_created: now(),
          object_updated: now(),
          object_owner: "test@example.com",
          status: "SUCCESS",
          metadata: (b.metadata as string) ?? "",
          address_from: { ...from, country: from.country ?? "US" },
          address_to: { ...to, country: to.country ?? "US" },
          parcels,
          rates,
          messages,
          carrier_accounts: [],
          test: true,
        },
      };
    })
    .route("POST", "/transactions", (req) => {
      const b = body(req);
      const rate = rateIndex.get(String(b.rate));
      if (!rate) return { status: 400, body: { rate: ["Rate not found."] } };
      if (transactions.some((t) => t.rate === b.rate && t.status === "SUCCESS")) {
        return {
          status: 200,
          body: {
            object_id: fakeId(""),
            status: "ERROR",
            rate: b.rate,
            messages: [{ source: "Shippo", code: "", text: "This rate was already purchased." }],
          },
        };
      }
      const shp = shipments.get(rate.shipmentId)!;
      const made = shp.parcels.map((p) => {
        stats.charges += 1;
        const tx: Tx = {
          ...TX_TEMPLATE(),
          object_id: fakeId(""),
          object_state: "VALID",
          status: "SUCCESS",
          object_created: now(),
          object_updated: now(),
          object_owner: "test@example.com",
          test: true,
          rate: String(b.rate),
          parcel: String(p.object_id),
          metadata: (b.metadata as string) ?? "",
          tracking_number: `92${Math.floor(Math.random() * 1e15)}${stats.charges}`,
          tracking_status: "UNKNOWN",
          tracking_url_provider: "https://tools.usps.com/",
          label_url: `${vendor.url}/labels/${fakeId("")}.pdf`,
          label_file_type: "PDF",
          messages: [],
        };
        transactions.push(tx);
        return tx;
      });
      return { status: 201, body: made[0] };
    })
    .route("GET", "/transactions", (req) => {
      const rate = req.query.get("rate");
      const status = req.query.get("object_status");
      return {
        status: 200,
        body: { results: transactions.filter((t) => (!rate || t.rate === rate) && (!status || t.status === status)) },
      };
    })
    .route("POST", "/refunds", (req) => {
      const b = body(req);
      const tx = transactions.find((t) => t.object_id === b.transaction);
      if (!tx) return { status: 400, body: { transaction: ["Transaction not found."] } };
      refunds.push(tx.object_id);
      tx.status = "REFUNDPENDING";
      return {
        status: 201,
        body: {
          object_id: fakeId(""),
          object_created: now(),
          object_updated: now(),
          object_owner: "test@example.com",
          status: "QUEUED",
          transaction: tx.object_id,
          test: true,
        },
      };
    })
    .route("GET", "/tracks/:carrier/:number", (_req, [carrier, number]) => ({
      status: 200,
      body: {
        carrier,
        tracking_number: number,
        messages: [],
        tracking_status: {
          object_id: fakeId(""),
          object_created: now(),
          object_updated: now(),
          status: "TRANSIT",
          status_details: "Your shipment is in transit.",
          status_date: now(),
        },
        tracking_history: [
          {
            object_id: fakeId(""),
            object_created: now(),
            object_updated: now(),
            status: "PRE_TRANSIT",
            status_details: "Label created.",
            status_date: now(),
          },
        ],
      },
    }))
    .route("GET", "/labels/:file", () => ({ status: 200, body: PDF_BYTES, contentType: "application/pdf" }));

  return { vendor, transactions, refunds, stats };
}
