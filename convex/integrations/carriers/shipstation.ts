/**
 * ShipStation API v2 (the ShipEngine API served under https://api.shipstation.com/v2) over fetch,
 * no SDK: POST /v2/rates with the shipment and the connected carrier ids (GET /v2/carriers when
 * none are configured); POST /v2/labels/rates/{rate_id} buys in the printer's `label_format` (one
 * label per shipment; with several packages the label carries a tracking number per package, the
 * first the master); PUT /v2/labels/{label_id}/void; GET /v2/labels/{label_id}/track. A retried
 * purchase first lists the labels of the rated shipment, so a shipment already labelled is not
 * bought again. Responses go through lenient schemas (nulls as the recorded responses have them);
 * delivery days come from `delivery_days`, else a numeric `carrier_delivery_days`, else the days
 * from `ship_date` to `estimated_delivery_date`; a package the label does not list gets the
 * shipment's own tracking number, never a made-up one.
 */
import { z } from "zod";
import {
  CarrierError,
  classifyVendorError,
  splitCost,
  type BoughtLabel,
  type BuyRequest,
  type CarrierAddress,
  type CarrierProvider,
  type LabelFormat,
  type ProviderRate,
  type RateRequest,
  type TrackingResult,
  type TrackingStatus,
} from "./types";
import { callVendor, readVendorAnswer, zNumber, zText } from "./vendorHttp";
import { DAY } from "../../lib/clock";

const zMoney = z.looseObject({ currency: z.string(), amount: z.number() });
const zError = z.looseObject({
  error_source: zText,
  error_type: zText,
  error_code: zText,
  message: zText,
  field_name: zText,
});
export const zSsRate = z.looseObject({
  rate_id: z.string(),
  carrier_id: z.string(),
  carrier_code: zText,
  carrier_friendly_name: zText,
  service_code: z.string(),
  service_type: zText,
  shipping_amount: zMoney,
  other_amount: zMoney.nullish(),
  confirmation_amount: zMoney.nullish(),
  insurance_amount: zMoney.nullish(),
  delivery_days: zNumber,
  carrier_delivery_days: zText,
  estimated_delivery_date: zText,
  ship_date: zText,
});
export const zSsRates = z.looseObject({
  shipment_id: z.string(),
  rate_response: z.looseObject({
    rates: z.array(zSsRate).nullish(),
    invalid_rates: z.array(zSsRate).nullish(),
    errors: z.array(zError).nullish(),
    status: zText,
  }),
});
const zDownload = z.looseObject({ pdf: zText, png: zText, zpl: zText, href: zText });
export const zSsLabel = z.looseObject({
  label_id: z.string(),
  status: z.string(),
  shipment_id: z.string(),
  tracking_number: zText,
  shipment_cost: zMoney,
  voided: z.boolean().nullish(),
  label_format: zText,
  label_download: zDownload.nullish(),
  packages: z.array(z.looseObject({ tracking_number: zText, label_download: zDownload.nullish() })).nullish(),
});
export const zSsTrack = z.looseObject({
  tracking_number: zText,
  status_code: zText,
  status_description: zText,
  carrier_status_description: zText,
  exception_description: zText,
  estimated_delivery_date: zText,
  events: z.array(z.looseObject({ occurred_at: zText, status_code: zText, description: zText })).nullish(),
});
const zCarriers = z.looseObject({ carriers: z.array(z.looseObject({ carrier_id: z.string() })).nullish() });
type Money = z.infer<typeof zMoney>;
type Ref = { shipmentId: string; rateId: string };

const address = (a: CarrierAddress) => ({
  name: a.name,
  company_name: a.company,
  phone: a.phone ?? "",
  address_line1: a.line1,
  address_line2: a.line2,
  city_locality: a.city,
  state_province: a.region ?? "",
  postal_code: a.postalCode,
  country_code: a.country,
  address_residential_indicator: "unknown",
});
const toMinor = (m: Money | null | undefined) => (m ? Math.round(m.amount * 100) : 0);
const LOWER: Record<LabelFormat, "pdf" | "zpl" | "png"> = { PDF: "pdf", ZPL: "zpl", PNG: "png" };

/** A ShipEngine error body (`{ request_id, errors: [...] }`) as a CarrierError of the right kind. */
export function shipStationError(provider: string, status: number, json: unknown, statusText = ""): CarrierError {
  const errors = z.looseObject({ errors: z.array(zError).nullish() }).safeParse(json);
  const list = errors.success ? (errors.data.errors ?? []) : [];
  const why = list.map((e) => `${e.error_code ?? ""} ${e.message ?? ""}`.trim()).join("; ") || statusText;
  const kind = classifyVendorError(status, {
    codes: list.map((e) => `${e.error_type === "security" ? "unauthorized " : ""}${e.error_code ?? ""}`),
    fields: list.map((e) => e.field_name),
    message: why,
  });
  return new CarrierError(provider, kind, `${status} ${why}`.trim(), status);
}

/** Whole days a rate takes, from whichever field the carrier filled. */
export function shipStationDays(r: z.infer<typeof zSsRate>): number | undefined {
  if (typeof r.delivery_days === "number") return r.delivery_days;
  if (r.carrier_delivery_days && /^\d+$/.test(r.carrier_delivery_days.trim()))
    return Number(r.carrier_delivery_days.trim());
  if (r.estimated_delivery_date) {
    const start = r.ship_date ? Date.parse(r.ship_date) : NaN;
    const end = Date.parse(r.estimated_delivery_date);
    if (Number.isFinite(start) && Number.isFinite(end)) {
      const day = (t: number) => Math.floor(t / DAY);
      return Math.max(0, day(end) - day(start));
    }
  }
  return undefined;
}

export class ShipStationProvider implements CarrierProvider {
  readonly name = "shipstation";
  private carriers?: string[];
  constructor(
    private readonly apiKey: string,
    carrierIds: string[],
    private readonly baseUrl = "https://api.shipstation.com",
  ) {
    this.carriers = carrierIds.length > 0 ? carrierIds : undefined;
  }

  private async request<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const res = await callVendor(this.name, `${this.baseUrl.replace(/\/$/, "")}${path}`, {
      method,
      headers: { "API-Key": this.apiKey },
      body,
    });
    if (!res.ok) {
      let json: unknown = {};
      try {
        json = JSON.parse(res.text);
      } catch {
        /* an HTML or empty error page: the status tells */
      }
      throw shipStationError(this.name, res.status, json, res.statusText);
    }
    return readVendorAnswer(this.name, schema, res);
  }

  /** The configured carrier ids, or every carrier connected to the account. */
  private async carrierIds(): Promise<string[]> {
    this.carriers ??= ((await this.request(zCarriers, "GET", "/v2/carriers")).carriers ?? []).map((c) => c.carrier_id);
    if (this.carriers.length === 0)
      throw new CarrierError(this.name, "auth", "no carrier is connected to this ShipStation account");
    return this.carriers;
  }

  async getRates(req: RateRequest): Promise<ProviderRate[]> {
    const out = await this.request(zSsRates, "POST", "/v2/rates", {
      rate_options: { carrier_ids: await this.carrierIds() },
      shipment: {
        validate_address: "no_validation",
        external_shipment_id: req.reference,
        ship_to: address(req.to),
        ship_from: address(req.from),
        packages: req.parcels.map((p) => ({
          weight: { value: p.weightGrams, unit: "gram" },
          dimensions: { unit: "centimeter", length: p.lengthMm / 10, width: p.widthMm / 10, height: p.heightMm / 10 },
        })),
      },
    });
    const rates = out.rate_response.rates ?? [];
    if (rates.length === 0) {
      const errors = out.rate_response.errors ?? [];
      const why = errors
        .map((e) => e.message)
        .filter(Boolean)
        .join("; ");
      // A rate call can "succeed" with every carrier refusing: say which kind of refusal it was.
      const named = errors.length
        ? classifyVendorError(400, {
            codes: errors.map((e) => e.error_code),
            fields: errors.map((e) => e.field_name),
            message: why,
          })
        : "no_rates";
      const kind = /authenticat|unauthori[sz]ed|credential|api.?key/i.test(why)
        ? "auth"
        : named === "address" || named === "auth"
          ? named
          : "no_rates";
      throw new CarrierError(this.name, kind, why || "no rates for this shipment");
    }
    return rates.map((r) => ({
      carrier: r.carrier_friendly_name ?? r.carrier_code ?? r.carrier_id,
      service: r.service_type ?? r.service_code,
      amountMinor:
        toMinor(r.shipping_amount) +
        toMinor(r.other_amount) +
        toMinor(r.confirmation_amount) +
        toMinor(r.insurance_amount),
      currency: r.shipping_amount.currency.toUpperCase(),
      deliveryDays: shipStationDays(r),
      ref: JSON.stringify({ shipmentId: out.shipment_id, rateId: r.rate_id } satisfies Ref),
    }));
  }

  async buyLabels(req: BuyRequest): Promise<BoughtLabel[]> {
    const ref = JSON.parse(req.ref) as Ref;
    const format = req.labelFormat ?? "PDF";
    let label: z.infer<typeof zSsLabel> | undefined;
    if (req.attempt > 1) {
      const list = await this.request(
        z.looseObject({ labels: z.array(zSsLabel).nullish() }),
        "GET",
        `/v2/labels?shipment_id=${encodeURIComponent(ref.shipmentId)}`,
      );
      label = (list.labels ?? []).find((l) => l.status === "completed" && !l.voided);
    }
    label ??= await this.request(zSsLabel, "POST", `/v2/labels/rates/${encodeURIComponent(ref.rateId)}`, {
      label_format: LOWER[format],
      label_layout: "4x6",
      label_download_type: "url",
    });
    if (label.status === "error" || !label.tracking_number)
      throw new CarrierError(
        this.name,
        "refused",
        `label ${label.label_id} is ${label.status} without a tracking number`,
      );
    const master = label.tracking_number;
    const delivered = (["pdf", "zpl", "png"] as const).find((f) => f === label.label_format) ?? LOWER[format];
    const pick = (d: z.infer<typeof zDownload> | null | undefined) =>
      d ? (d[delivered] ?? d.href ?? undefined) : undefined;
    const costs = splitCost(toMinor(label.shipment_cost), req.parcels.length);
    return req.parcels.map((p, i) => {
      const pkg = label.packages?.[i];
      return {
        packageId: p.packageId,
        // The vendor's number for this package; a package it did not list travels under the shipment's number.
        trackingNumber: pkg?.tracking_number || master,
        providerLabelId: label.label_id,
        costMinor: costs[i],
        currency: label.shipment_cost.currency.toUpperCase(),
        masterTrackingNumber: req.parcels.length > 1 ? master : undefined,
        labelUrl: pick(pkg?.label_download) ?? pick(label.label_download),
        labelFormat: delivered.toUpperCase() as LabelFormat,
      };
    });
  }

  async voidLabel(req: { providerLabelId: string }) {
    const r = await this.request(
      z.looseObject({ approved: z.boolean(), message: zText }),
      "PUT",
      `/v2/labels/${encodeURIComponent(req.providerLabelId)}/void`,
    );
    return { voided: r.approved, message: r.message ?? undefined };
  }

  async track(req: { trackingNumber: string; providerLabelId?: string }): Promise<TrackingResult> {
    if (!req.providerLabelId) throw new CarrierError(this.name, "parameter", "tracking needs the label id");
    const t = await this.request(zSsTrack, "GET", `/v2/labels/${encodeURIComponent(req.providerLabelId)}/track`);
    const status = shipStationTrackingStatus(t.status_code);
    return {
      status,
      detail:
        [t.status_description, t.carrier_status_description, t.exception_description].filter(Boolean).join(" — ") ||
        undefined,
      // An event without its own status code (the carrier's raw scan) carries the shipment's.
      events: (t.events ?? []).map((e) => ({
        at: e.occurred_at ?? "",
        status: e.status_code ? shipStationTrackingStatus(e.status_code) : status,
        detail: e.description ?? "",
      })),
    };
  }
}

/**
 * ShipEngine's tracking status_code enum: UN unknown, AC accepted, IT in transit, DE delivered,
 * EX exception, AT delivery attempt, NY not yet in system, SP delivered to a collection point.
 */
export function shipStationTrackingStatus(code: string | null | undefined): TrackingStatus {
  switch (code) {
    case "AC":
    case "NY":
      return "pre_transit";
    case "IT":
    case "AT":
      return "in_transit";
    case "DE":
    case "SP":
      return "delivered";
    case "EX":
      return "failure";
    default:
      return "unknown";
  }
}
