"use node";
/**
 * EasyPost API v2 (https://api.easypost.com/v2/) through `@easypost/api` 8.x. One parcel: a
 * Shipment (its rates, `Shipment.buy`, refund). Several parcels: an Order (multi-piece; order rates
 * cover every parcel; `Order.buy` by carrier and service gives each shipment of the order its own
 * label). A retried purchase first retrieves the shipment/order: if EasyPost already bought it, the
 * existing labels are returned and nothing is bought again.
 *
 * The SDK returns the vendor's JSON as objects without checking it; every response goes through
 * the lenient schemas below (nulls and missing fields as the recordings show them). The label
 * format is asked for in `options.label_format` when the shipment is created (EasyPost's default is
 * PNG); when a label still comes back without the asked-for file, the label is converted
 * (`GET /shipments/:id/label?file_format=`), and `labelFormat` always says what was delivered.
 */
import EasyPostClient from "@easypost/api";
import { z } from "zod";
import {
  CarrierError,
  classifyVendorError,
  decimalToMinor,
  gramsToOunces,
  mmToInches,
  splitCost,
  type BoughtLabel,
  type BuyRequest,
  type CarrierProvider,
  type LabelFormat,
  type Parcel,
  type ProviderRate,
  type RateRequest,
  type TrackingResult,
  type TrackingStatus,
} from "./types";
import { toStreetAddress } from "./streetAddress";
import { fitVendorAnswer, zNumber, zText } from "./vendorHttp";

const zRate = z.looseObject({
  id: z.string(),
  carrier: z.string(),
  service: z.string(),
  rate: z.union([z.string(), z.number()]),
  currency: zText,
  delivery_days: zNumber,
  est_delivery_days: zNumber,
});
const zMessage = z.looseObject({ carrier: zText, message: z.unknown(), type: zText });
const zPostageLabel = z.looseObject({
  label_url: zText,
  label_pdf_url: zText,
  label_zpl_url: zText,
  label_epl2_url: zText,
  label_file_type: zText,
});
export const zEpShipment = z.looseObject({
  id: z.string(),
  rates: z.array(zRate).nullish(),
  messages: z.array(zMessage).nullish(),
  tracking_code: zText,
  postage_label: zPostageLabel.nullish(),
  selected_rate: zRate.nullish(),
  refund_status: zText,
  options: z.looseObject({ label_format: zText }).nullish(),
});
export const zEpOrder = z.looseObject({
  id: z.string(),
  rates: z.array(zRate).nullish(),
  messages: z.array(zMessage).nullish(),
  shipments: z.array(zEpShipment),
});
const zTrackingDetail = z.looseObject({ datetime: zText, status: zText, message: zText, status_detail: zText });
export const zEpTracker = z.looseObject({
  id: zText,
  status: zText,
  status_detail: zText,
  tracking_details: z.array(zTrackingDetail).nullish(),
  est_delivery_date: zText,
});
type EpShipment = z.infer<typeof zEpShipment>;
type EpOrder = z.infer<typeof zEpOrder>;
type Ref = { kind: "shipment" | "order"; id: string; rateId?: string };

const parcel = (p: Parcel) => ({
  length: mmToInches(p.lengthMm),
  width: mmToInches(p.widthMm),
  height: mmToInches(p.heightMm),
  weight: gramsToOunces(p.weightGrams),
});
const messagesText = (ms: EpShipment["messages"]) =>
  (ms ?? [])
    .map((m) => `${m.carrier ?? ""} ${typeof m.message === "string" ? m.message : JSON.stringify(m.message)}`.trim())
    .join("; ");

/** The URL of the label file in `format`, if EasyPost delivered that file. */
export function labelFileOf(pl: z.infer<typeof zPostageLabel>, format: LabelFormat): string | undefined {
  if (format === "PDF")
    return pl.label_pdf_url ?? (pl.label_file_type === "application/pdf" ? pl.label_url : undefined) ?? undefined;
  if (format === "ZPL")
    return pl.label_zpl_url ?? (pl.label_file_type === "application/zpl" ? pl.label_url : undefined) ?? undefined;
  return pl.label_file_type === "image/png" || !pl.label_file_type ? (pl.label_url ?? undefined) : undefined;
}

/** An SDK error (`ApiError`: statusCode, code, message, errors in either of EasyPost's formats) as a CarrierError. */
export function easyPostError(provider: string, e: unknown): CarrierError {
  if (e instanceof CarrierError) return e;
  const err = e as { statusCode?: number; code?: string; message?: string; errors?: unknown[] };
  if (typeof err.statusCode === "number") {
    const details = (err.errors ?? []).map((x) =>
      typeof x === "string" ? { message: x } : (x as { code?: string; field?: string; message?: string }),
    );
    const kind = classifyVendorError(err.statusCode, {
      codes: [err.code, ...details.map((d) => d.code)],
      fields: details.map((d) => d.field),
      message: err.message,
    });
    const why = details
      .map((d) => [d.field, d.message].filter(Boolean).join(" "))
      .filter(Boolean)
      .join("; ");
    return new CarrierError(
      provider,
      kind,
      `${err.code ?? err.statusCode} ${err.message ?? ""}${why ? ` (${why})` : ""}`.trim(),
      err.statusCode,
    );
  }
  return new CarrierError(provider, "unavailable", err.message ?? String(e));
}

export class EasyPostProvider implements CarrierProvider {
  readonly name = "easypost";
  private readonly client: InstanceType<typeof EasyPostClient>;
  constructor(apiKey: string, baseUrl?: string) {
    this.client = new EasyPostClient(apiKey, baseUrl ? { baseUrl } : {});
  }

  /** Turns SDK errors into CarrierErrors that name the kind and the vendor's reason; parses the answer. */
  private async call<T>(schema: z.ZodType<T>, work: () => Promise<unknown>): Promise<T> {
    let raw: unknown;
    try {
      raw = await work();
    } catch (e) {
      throw easyPostError(this.name, e);
    }
    return fitVendorAnswer(this.name, schema, JSON.parse(JSON.stringify(raw)));
  }

  async getRates(req: RateRequest): Promise<ProviderRate[]> {
    const labelFormat = req.labelFormat ?? "PDF";
    const base = {
      to_address: toStreetAddress(req.to),
      from_address: toStreetAddress(req.from),
      reference: req.reference,
      options: { label_format: labelFormat },
    };
    const multi = req.parcels.length > 1;
    const made: EpShipment | EpOrder = multi
      ? await this.call(zEpOrder, () =>
          this.client.Order.create({
            ...base,
            shipments: req.parcels.map((p) => ({ parcel: parcel(p), options: { label_format: labelFormat } })),
          }),
        )
      : await this.call(zEpShipment, () => this.client.Shipment.create({ ...base, parcel: parcel(req.parcels[0]) }));
    const rates = made.rates ?? [];
    if (rates.length === 0)
      throw new CarrierError(this.name, "no_rates", messagesText(made.messages) || "no rates for this shipment");
    return rates.map((r) => ({
      carrier: r.carrier,
      service: r.service,
      amountMinor: decimalToMinor(r.rate),
      currency: r.currency ?? "USD",
      deliveryDays: r.delivery_days ?? r.est_delivery_days ?? undefined,
      ref: JSON.stringify({ kind: multi ? "order" : "shipment", id: made.id, rateId: r.id } satisfies Ref),
    }));
  }

  async buyLabels(req: BuyRequest): Promise<BoughtLabel[]> {
    const ref = JSON.parse(req.ref) as Ref;
    const format = req.labelFormat ?? "PDF";
    if (ref.kind === "shipment") {
      let shp: EpShipment | undefined;
      if (req.attempt > 1) {
        const existing = await this.call(zEpShipment, () => this.client.Shipment.retrieve(ref.id));
        if (existing.postage_label && existing.tracking_code) shp = existing;
      }
      shp ??= await this.call(zEpShipment, () => this.client.Shipment.buy(ref.id, ref.rateId!));
      return [await this.label(req.parcels[0].packageId, shp, req.currency, format)];
    }
    let order: EpOrder | undefined;
    if (req.attempt > 1) {
      const existing = await this.call(zEpOrder, () => this.client.Order.retrieve(ref.id));
      if (existing.shipments.every((s) => s.postage_label && s.tracking_code)) order = existing;
    }
    order ??= await this.call(zEpOrder, () => this.client.Order.buy(ref.id, req.carrier, req.service));
    if (order.shipments.length !== req.parcels.length)
      throw new CarrierError(
        this.name,
        "refused",
        `order has ${order.shipments.length} shipments for ${req.parcels.length} parcels`,
      );
    const master = order.shipments[0].tracking_code ?? undefined;
    const costs = order.shipments.map((s) => (s.selected_rate ? decimalToMinor(s.selected_rate.rate) : undefined));
    // An order's shipments may not carry their selected rate: split the order's price instead.
    const fallback = costs.some((c) => c === undefined) ? splitCost(req.amountMinor, req.parcels.length) : undefined;
    const out: BoughtLabel[] = [];
    for (const [i, s] of order.shipments.entries()) {
      const l = await this.label(req.parcels[i].packageId, s, req.currency, format);
      out.push({ ...l, costMinor: fallback ? fallback[i] : l.costMinor, masterTrackingNumber: master });
    }
    return out;
  }

  private async label(packageId: string, s: EpShipment, currency: string, format: LabelFormat): Promise<BoughtLabel> {
    if (!s.tracking_code || !s.postage_label)
      throw new CarrierError(this.name, "refused", `shipment ${s.id} has no label`);
    let url = labelFileOf(s.postage_label, format);
    let delivered: LabelFormat = format;
    if (!url) {
      // Bought (the tracking number is real) but not in the printer's format: ask for that file.
      try {
        const converted = await this.call(zEpShipment, () => this.client.Shipment.convertLabelFormat(s.id, format));
        url = converted.postage_label ? labelFileOf(converted.postage_label, format) : undefined;
      } catch {
        url = undefined;
      }
      if (!url) {
        delivered = s.postage_label.label_pdf_url ? "PDF" : s.postage_label.label_zpl_url ? "ZPL" : "PNG";
        url = labelFileOf(s.postage_label, delivered) ?? s.postage_label.label_url ?? undefined;
      }
    }
    return {
      packageId,
      trackingNumber: s.tracking_code,
      providerLabelId: s.id,
      costMinor: s.selected_rate ? decimalToMinor(s.selected_rate.rate) : 0,
      currency: s.selected_rate?.currency ?? currency,
      labelUrl: url,
      labelFormat: delivered,
    };
  }

  async voidLabel(req: { providerLabelId: string }) {
    const shp = await this.call(zEpShipment, () => this.client.Shipment.refund(req.providerLabelId));
    const status = shp.refund_status ?? "unknown";
    // EasyPost accepts the request ("submitted") and settles later; rejected means the carrier refused.
    return { voided: status !== "rejected" && status !== "not_applicable", message: `refund ${status}` };
  }

  async track(req: { trackingNumber: string; carrier: string }): Promise<TrackingResult> {
    const t = await this.call(zEpTracker, () =>
      this.client.Tracker.create({ tracking_code: req.trackingNumber, carrier: req.carrier }),
    );
    return {
      status: easyPostTrackingStatus(t.status),
      detail: t.status_detail ?? undefined,
      events: (t.tracking_details ?? []).map((d) => ({
        at: d.datetime ?? "",
        status: easyPostTrackingStatus(d.status),
        detail: d.message ?? d.status_detail ?? "",
      })),
    };
  }
}

/** EasyPost's Tracker status enum (unknown, pre_transit, in_transit, out_for_delivery, delivered, available_for_pickup, return_to_sender, failure, cancelled, error). */
export function easyPostTrackingStatus(s: string | null | undefined): TrackingStatus {
  switch (s) {
    case "pre_transit":
      return "pre_transit";
    case "in_transit":
    case "out_for_delivery":
    case "available_for_pickup":
      return "in_transit";
    case "delivered":
      return "delivered";
    case "return_to_sender":
      return "returned";
    case "failure":
    case "error":
    case "cancelled":
      return "failure";
    default:
      return "unknown";
  }
}
