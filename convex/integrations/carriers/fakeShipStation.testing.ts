/**
 * ShipStation API v2 as documented: `API-Key` header; POST /v2/rates (a shipment with packages and
 * `rate_options.carrier_ids` → `rate_response.rates`, money as `{ currency, amount }`); POST
 * /v2/labels/rates/{rate_id} (one label for the shipment, a tracking number per package); GET
 * /v2/labels?shipment_id=; PUT /v2/labels/{id}/void → `{ approved, message }`; GET
 * /v2/labels/{id}/track. Errors: `{ request_id, errors: [{ error_source, error_type, error_code, message }] }`.
 */
import { FakeVendor, fakeId, isBadZip, isUnserved, PDF_BYTES, type FakeRequest } from "./fakeServer.testing";
import { exchange } from "../contracts/replay.testing";

/** Bodies start from ShipEngine's own captured responses (every field, nulls included); the fake fills in what it computes. */
const recorded = (name: string) =>
  structuredClone(exchange("shipstation", `${name}.json`).response as Record<string, unknown>);
const RATE_TEMPLATE = () =>
  (recorded("GetRatesWithShipmentDetails200Response").rate_response as { rates: Record<string, unknown>[] }).rates[0];

const SERVICES = [
  {
    carrier_id: "se-100",
    carrier_code: "stamps_com",
    carrier_friendly_name: "Stamps.com",
    service_code: "usps_ground_advantage",
    service_type: "USPS Ground Advantage",
    base: 5.05,
    perKg: 1.0,
    days: 4,
  },
  {
    carrier_id: "se-200",
    carrier_code: "ups",
    carrier_friendly_name: "UPS",
    service_code: "ups_ground",
    service_type: "UPS® Ground",
    base: 9.95,
    perKg: 0.9,
    days: 3,
  },
  {
    carrier_id: "se-200",
    carrier_code: "ups",
    carrier_friendly_name: "UPS",
    service_code: "ups_next_day_air",
    service_type: "UPS Next Day Air®",
    base: 31.5,
    perKg: 3.1,
    days: 1,
  },
];
const error = (status: number, error_code: string, message: string, error_type = "validation") => ({
  status,
  body: { request_id: fakeId("req-"), errors: [{ error_source: "shipstation", error_type, error_code, message }] },
});

type Label = {
  label_id: string;
  status: string;
  shipment_id: string;
  tracking_number: string;
  shipment_cost: { currency: string; amount: number };
  voided: boolean;
  label_download: { pdf: string; href: string };
  packages: { package_id: number; tracking_number: string }[];
  carrier_code: string;
  service_code: string;
};

export function shipStationFake(apiKey = "ss_test_key") {
  const shipments = new Map<
    string,
    { packages: number; rates: Map<string, { amount: number; carrier_code: string; service_code: string }> }
  >();
  const labels: Label[] = [];
  const stats = { charges: 0 };
  const vendor = new FakeVendor((req) =>
    req.path.startsWith("/labels/") || req.headers["api-key"] === apiKey
      ? undefined
      : error(
          401,
          "unauthorized",
          "The API key is invalid. Please see https://www.shipstation.com/docs/auth",
          "security",
        ),
  );
  const body = (req: FakeRequest) => (req.body ?? {}) as Record<string, Record<string, unknown>>;

  vendor
    .route("POST", "/v2/rates", (req) => {
      const shipment = body(req).shipment ?? {};
      const to = (shipment.ship_to ?? {}) as Record<string, unknown>;
      if (isBadZip(to.postal_code))
        return error(400, "invalid_address", "Invalid ship_to address: postal_code 00000 is not valid.");
      const carrierIds = (body(req).rate_options?.carrier_ids as string[]) ?? [];
      if (carrierIds.length === 0)
        return error(400, "invalid_field_value", "rate_options.carrier_ids must contain at least one carrier id.");
      const packages = (shipment.packages as { weight: { value: number; unit: string } }[]) ?? [];
      const kg = packages.reduce(
        (s, p) => s + (p.weight.unit === "gram" ? p.weight.value / 1000 : p.weight.value * 0.0283495),
        0,
      );
      const shipment_id = fakeId("se-");
      const rates = new Map<string, { amount: number; carrier_code: string; service_code: string }>();
      const out = isUnserved(to.country_code)
        ? []
        : SERVICES.filter((s) => carrierIds.includes(s.carrier_id)).map((s) => {
            const rate_id = fakeId("se-");
            const amount = Math.round((s.base + s.perKg * kg) * packages.length * 100) / 100;
            rates.set(rate_id, { amount, carrier_code: s.carrier_code, service_code: s.service_code });
            return {
              ...RATE_TEMPLATE(),
              rate_id,
              rate_type: "shipment",
              carrier_id: s.carrier_id,
              shipping_amount: { currency: "usd", amount },
              insurance_amount: { currency: "usd", amount: 0 },
              confirmation_amount: { currency: "usd", amount: 0 },
              other_amount: { currency: "usd", amount: 0 },
              zone: 5,
              package_type: "package",
              delivery_days: s.days,
              guaranteed_service: false,
              estimated_delivery_date: null,
              carrier_delivery_days: String(s.days),
              ship_date: new Date().toISOString(),
              negotiated_rate: false,
              service_type: s.service_type,
              service_code: s.service_code,
              trackable: true,
              carrier_code: s.carrier_code,
              carrier_nickname: s.carrier_friendly_name,
              carrier_friendly_name: s.carrier_friendly_name,
              validation_status: "valid",
              warning_messages: [],
              error_messages: [],
            };
          });
      shipments.set(shipment_id, { packages: packages.length, rates });
      const errors = out.length
        ? []
        : [
            {
              error_source: "carrier",
              error_type: "business_rules",
              error_code: "unspecified",
              message: "No carrier serves the destination country.",
            },
          ];
      return {
        status: 200,
        body: {
          shipment_id,
          rate_response: {
            rates: out,
            invalid_rates: [],
            rate_request_id: fakeId("se-"),
            shipment_id,
            created_at: new Date().toISOString(),
            status: out.length ? "completed" : "error",
            errors,
          },
        },
      };
    })
    .route("POST", "/v2/labels/rates/:rate_id", (_req, [rateId]) => {
      const shipmentId = [...shipments.entries()].find(([, s]) => s.rates.has(rateId))?.[0];
      if (!shipmentId) return error(404, "rate_not_found", `Rate ${rateId} was not found.`);
      if (labels.some((l) => l.shipment_id === shipmentId && !l.voided))
        return error(400, "invalid_status", "A label already exists for this shipment.", "business_rules");
      const s = shipments.get(shipmentId)!;
      const rate = s.rates.get(rateId)!;
      stats.charges += 1;
      const label_id = fakeId("se-");
      const master = `1Z${Math.floor(Math.random() * 1e12)}${stats.charges}`;
      const label: Label = {
        ...(recorded("CreateLabelFromRate200Response") as object),
        label_id,
        status: "completed",
        shipment_id: shipmentId,
        tracking_number: master,
        shipment_cost: { currency: "usd", amount: rate.amount },
        voided: false,
        label_download: { pdf: `${vendor.url}/labels/${label_id}.pdf`, href: `${vendor.url}/labels/${label_id}.pdf` },
        packages: Array.from({ length: s.packages }, (_, i) => ({
          package_id: i + 1,
          tracking_number: i === 0 ? master : `${master}${String(i + 1).padStart(2, "0")}`,
        })),
        carrier_code: rate.carrier_code,
        service_code: rate.service_code,
      };
      labels.push(label);
      return { status: 200, body: label };
    })
    .route("GET", "/v2/labels", (req) => {
      const id = req.query.get("shipment_id");
      const found = labels.filter((l) => !id || l.shipment_id === id);
      return { status: 200, body: { labels: found, total: found.length, page: 1, pages: 1, links: {} } };
    })
    .route("PUT", "/v2/labels/:id/void", (_req, [id]) => {
      const l = labels.find((x) => x.label_id === id);
      if (!l) return error(404, "label_not_found", `Label ${id} was not found.`);
      if (l.voided) return { status: 200, body: { approved: false, message: "This label has already been voided." } };
      l.voided = true;
      return {
        status: 200,
        body: { approved: true, message: "Request for refund submitted. This label has been voided." },
      };
    })
    .route("GET", "/v2/labels/:id/track", (_req, [id]) => {
      const l = labels.find((x) => x.label_id === id);
      if (!l) return error(404, "label_not_found", `Label ${id} was not found.`);
      const track = recorded("TrackUsingLabelId200Response") as { events: Record<string, unknown>[] };
      return {
        status: 200,
        body: {
          ...track,
          tracking_number: l.tracking_number,
          status_code: "IT",
          status_description: "In Transit",
          events: [
            {
              ...track.events[0],
              occurred_at: "2025-01-02T10:00:00Z",
              status_code: "IT",
              description: "Departed facility",
            },
          ],
        },
      };
    })
    .route("GET", "/labels/:file", () => ({ status: 200, body: PDF_BYTES, contentType: "application/pdf" }));

  return { vendor, labels, stats };
}
