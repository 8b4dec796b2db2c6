/**
 * EasyPost v2 as documented: HTTP Basic auth with the API key as user; shipments (rates on create,
 * buy by rate id, refund), orders for multi-piece (order rates sum the rate of each shipment per
 * carrier/service; buy by carrier + service), trackers; errors as `{ error: { code, message, errors } }`.
 * `charges` counts postage actually bought.
 */
import { FakeVendor, fakeId, isBadZip, isUnserved, PDF_BYTES, type FakeRequest } from "./fakeServer.testing";
import { exchange } from "../contracts/replay.testing";

/** Bodies start from EasyPost's own recordings (every field, nulls included); the fake fills in what it computes. */
const recorded = <T>(file: string, i: number, pick: (r: never) => T): T =>
  structuredClone(pick(exchange("easypost", `${file}.json`, i).response as never));
const RATE_TEMPLATE = () => recorded("buys-a-shipment", 0, (r: { rates: Record<string, unknown>[] }) => r.rates[0]);
const SHIPMENT_TEMPLATE = () => recorded("creates-a-shipment", 0, (r: Record<string, unknown>) => r);
const TRACKER_TEMPLATE = () => recorded("creates-a-tracker", 0, (r: Record<string, unknown>) => r);

type Rate = {
  id: string;
  object: "Rate";
  carrier: string;
  service: string;
  rate: string;
  currency: string;
  delivery_days: number | null;
  est_delivery_days: number | null;
  shipment_id: string;
  carrier_account_id: string;
};
type Shipment = {
  id: string;
  object: "Shipment";
  mode: "test";
  reference?: string;
  options: Record<string, unknown>;
  parcel: Record<string, number>;
  rates: Rate[];
  messages: unknown[];
  tracking_code: string | null;
  postage_label: unknown;
  selected_rate: Rate | null;
  refund_status: string | null;
  to_address: Record<string, unknown>;
  from_address: Record<string, unknown>;
};

const SERVICES = [
  { carrier: "USPS", service: "GroundAdvantage", base: 5.1, perLb: 0.6, days: 4 },
  { carrier: "USPS", service: "Priority", base: 8.7, perLb: 0.9, days: 2 },
  { carrier: "UPS", service: "Ground", base: 10.2, perLb: 0.5, days: 3 },
];

export function easyPostFake(apiKey = "EZTK_test") {
  const shipments = new Map<string, Shipment>();
  const orders = new Map<string, { id: string; object: "Order"; shipments: string[] }>();
  const stats = { charges: 0, conversions: 0 };
  const err = (status: number, code: string, message: string, errors: unknown[] = []) => ({
    status,
    body: { error: { code, message, errors } },
  });
  const vendor = new FakeVendor((req) => {
    const auth = req.headers.authorization ?? "";
    const user = Buffer.from(auth.replace(/^Basic /, ""), "base64")
      .toString()
      .split(":")[0];
    return req.path.startsWith("/labels/") || user === apiKey
      ? undefined
      : err(401, "APIKEY.INACTIVE", "This api key is no longer active.");
  });

  function makeShipment(input: Record<string, unknown>): ReturnType<typeof err> | Shipment {
    const to = (input.to_address ?? {}) as Record<string, unknown>;
    const parcel = (input.parcel ?? {}) as Record<string, number>;
    if (isBadZip(to.zip))
      return err(422, "ADDRESS.VERIFY.FAILURE", "Unable to verify address.", [
        { field: "zip", message: "Invalid or nonexistent ZIP code" },
      ]);
    if (typeof parcel.weight !== "number" || parcel.weight <= 0)
      return err(422, "PARCEL.WEIGHT.INVALID", "Parcel weight must be greater than 0.", [
        { field: "weight", message: "must be > 0" },
      ]);
    const id = fakeId("shp_");
    const served = !isUnserved(to.country);
    const rates: Rate[] = served
      ? SERVICES.map((s) => ({
          ...RATE_TEMPLATE(),
          id: fakeId("rate_"),
          object: "Rate",
          carrier: s.carrier,
          service: s.service,
          rate: (s.base + (s.perLb * parcel.weight) / 16).toFixed(2),
          currency: "USD",
          delivery_days: s.days,
          est_delivery_days: s.days,
          shipment_id: id,
          carrier_account_id: `ca_${s.carrier.toLowerCase()}`,
        }))
      : [];
    const messages = served
      ? []
      : [
          {
            carrier: "USPS",
            carrier_account_id: "ca_usps",
            type: "rate_error",
            message: "Destination country is not served.",
          },
        ];
    const shp: Shipment = {
      ...(SHIPMENT_TEMPLATE() as object),
      id,
      object: "Shipment",
      mode: "test",
      reference: input.reference as string,
      options: (input.options ?? {}) as Record<string, unknown>,
      parcel,
      rates,
      messages,
      tracking_code: null,
      postage_label: null,
      selected_rate: null,
      refund_status: null,
      to_address: to,
      from_address: (input.from_address ?? {}) as Record<string, unknown>,
    };
    shipments.set(id, shp);
    return shp;
  }

  function buy(shp: Shipment, rate: Rate) {
    stats.charges += 1;
    shp.selected_rate = rate;
    shp.tracking_code = `9400${Math.floor(Math.random() * 1e12)
      .toString()
      .padStart(12, "0")}${stats.charges}`;
    // As EasyPost does: the file asked for in options.label_format (PNG when none was asked).
    const format = String(
      (shp as unknown as { options?: { label_format?: string } }).options?.label_format ?? "PNG",
    ).toLowerCase();
    shp.postage_label = {
      object: "PostageLabel",
      id: fakeId("pl_"),
      label_url: `${vendor.url}/labels/${shp.id}.${format}`,
      label_pdf_url: format === "pdf" ? `${vendor.url}/labels/${shp.id}.pdf` : null,
      label_zpl_url: format === "zpl" ? `${vendor.url}/labels/${shp.id}.zpl` : null,
      label_file_type: format === "pdf" ? "application/pdf" : format === "zpl" ? "application/zpl" : "image/png",
    };
  }

  const body = (req: FakeRequest) => (req.body ?? {}) as Record<string, Record<string, unknown>>;
  const orderView = (o: { id: string; shipments: string[] }) => {
    const shps = o.shipments.map((id) => shipments.get(id)!);
    const rates = SERVICES.flatMap((s) => {
      const per = shps.map((x) => x.rates.find((r) => r.carrier === s.carrier && r.service === s.service));
      if (per.some((r) => !r)) return [];
      return [{ ...per[0]!, id: fakeId("rate_"), rate: per.reduce((sum, r) => sum + Number(r!.rate), 0).toFixed(2) }];
    });
    return {
      id: o.id,
      object: "Order",
      mode: "test",
      shipments: shps,
      rates,
      messages: shps.flatMap((x) => x.messages),
    };
  };

  vendor
    .route("POST", "/v2/shipments", (req) => {
      const made = makeShipment(body(req).shipment ?? {});
      return "body" in made ? made : { status: 201, body: made };
    })
    .route("GET", "/v2/shipments/:id", (_req, [id]) =>
      shipments.has(id)
        ? { status: 200, body: shipments.get(id) }
        : err(404, "NOT_FOUND", "The requested resource could not be found."),
    )
    .route("POST", "/v2/shipments/:id/buy", (req, [id]) => {
      const shp = shipments.get(id);
      if (!shp) return err(404, "NOT_FOUND", "The requested resource could not be found.");
      if (shp.postage_label) return err(422, "SHIPMENT.POSTAGE.EXISTS", "Postage already exists for this shipment.");
      const rate = shp.rates.find((r) => r.id === (body(req).rate?.id as string));
      if (!rate) return err(422, "SHIPMENT.RATE.INVALID", "Invalid rate.");
      buy(shp, rate);
      return { status: 200, body: shp };
    })
    .route("POST", "/v2/shipments/:id/refund", (_req, [id]) => {
      const shp = shipments.get(id);
      if (!shp?.postage_label)
        return err(422, "SHIPMENT.REFUND.UNAVAILABLE", "This shipment has no postage to refund.");
      shp.refund_status = "submitted";
      return { status: 200, body: shp };
    })
    .route("POST", "/v2/orders", (req) => {
      const o = body(req).order ?? {};
      const ids: string[] = [];
      for (const s of (o.shipments as Record<string, unknown>[]) ?? []) {
        const made = makeShipment({
          ...s,
          options: { ...(o.options as object), ...((s.options as object) ?? {}) },
          to_address: o.to_address,
          from_address: o.from_address,
          reference: o.reference,
        });
        if ("body" in made) return made;
        ids.push(made.id);
      }
      const order = { id: fakeId("order_"), object: "Order" as const, shipments: ids };
      orders.set(order.id, order);
      return { status: 201, body: orderView(order) };
    })
    .route("GET", "/v2/orders/:id", (_req, [id]) =>
      orders.has(id)
        ? { status: 200, body: orderView(orders.get(id)!) }
        : err(404, "NOT_FOUND", "The requested resource could not be found."),
    )
    .route("POST", "/v2/orders/:id/buy", (req, [id]) => {
      const o = orders.get(id);
      if (!o) return err(404, "NOT_FOUND", "The requested resource could not be found.");
      const shps = o.shipments.map((s) => shipments.get(s)!);
      if (shps.some((s) => s.postage_label))
        return err(422, "ORDER.POSTAGE.EXISTS", "Postage already exists for this order.");
      const { carrier, service } = body(req) as unknown as { carrier: string; service: string };
      const chosen = shps.map((s) => s.rates.find((r) => r.carrier === carrier && r.service === service));
      if (chosen.some((r) => !r))
        return err(422, "ORDER.RATE.INVALID", `No ${carrier} ${service} rate for every shipment.`);
      shps.forEach((s, i) => buy(s, chosen[i]!));
      return { status: 200, body: orderView(o) };
    })
    .route("GET", "/v2/shipments/:id/label", (req, [id]) => {
      // Label conversion: the same postage in another file format.
      const shp = shipments.get(id);
      if (!shp?.postage_label) return err(422, "SHIPMENT.POSTAGE.MISSING", "This shipment has no postage.");
      const format = (req.query.get("file_format") ?? "").toLowerCase();
      if (!["pdf", "zpl", "epl2", "png"].includes(format))
        return err(422, "PARAMETER.INVALID", "file_format is invalid.", [
          { field: "file_format", message: "must be one of PDF, ZPL, EPL2, PNG" },
        ]);
      stats.conversions += 1;
      shp.postage_label = {
        ...(shp.postage_label as object),
        [`label_${format}_url`]: `${vendor.url}/labels/${shp.id}.${format}`,
      };
      return { status: 200, body: shp };
    })
    .route("POST", "/v2/trackers", (req) => {
      const t = body(req).tracker ?? {};
      const template = TRACKER_TEMPLATE() as { tracking_details: Record<string, unknown>[] };
      return {
        status: 201,
        body: {
          ...template,
          id: fakeId("trk_"),
          object: "Tracker",
          tracking_code: t.tracking_code,
          carrier: t.carrier,
          status: "in_transit",
          status_detail: "arrived_at_facility",
          tracking_details: [
            {
              ...template.tracking_details[0],
              datetime: "2025-01-02T10:00:00Z",
              status: "in_transit",
              status_detail: "arrived_at_facility",
              message: "Arrived at USPS facility",
            },
          ],
        },
      };
    })
    .route("GET", "/labels/:file", () => ({ status: 200, body: PDF_BYTES, contentType: "application/pdf" }));

  return { vendor, shipments, orders, stats, baseUrl: () => `${vendor.url}/v2/` };
}
