"use node";
/**
 * EasyPost through `@easypost/api`. One parcel: a Shipment (its rates, `Shipment.buy`, refund).
 * Several parcels: an Order (multi-piece; order rates cover every parcel; `Order.buy` by carrier and
 * service gives each shipment of the order its own label). A retried purchase first retrieves the
 * shipment/order: if EasyPost already bought it, the existing labels are returned and nothing is
 * bought again.
 */
import EasyPostClient from "@easypost/api";
import {
  CarrierError,
  decimalToMinor,
  gramsToOunces,
  kindForStatus,
  mmToInches,
  type BoughtLabel,
  type BuyRequest,
  type CarrierAddress,
  type CarrierProvider,
  type Parcel,
  type ProviderRate,
  type RateRequest,
  type TrackingResult,
  type TrackingStatus,
} from "./types";

type EpRate = { id: string; carrier: string; service: string; rate: string; currency: string; delivery_days?: number | null; est_delivery_days?: number | null };
type EpShipment = {
  id: string;
  rates?: EpRate[];
  messages?: { carrier?: string; message: string; type?: string }[];
  tracking_code?: string | null;
  postage_label?: { label_url?: string; label_pdf_url?: string } | null;
  selected_rate?: EpRate | null;
  refund_status?: string | null;
};
type EpOrder = { id: string; rates?: EpRate[]; messages?: EpShipment["messages"]; shipments: EpShipment[] };
type Ref = { kind: "shipment" | "order"; id: string; rateId?: string };

const address = (a: CarrierAddress) => ({
  name: a.name, company: a.company, street1: a.line1, street2: a.line2, city: a.city, state: a.region, zip: a.postalCode, country: a.country, phone: a.phone,
});
const parcel = (p: Parcel) => ({ length: mmToInches(p.lengthMm), width: mmToInches(p.widthMm), height: mmToInches(p.heightMm), weight: gramsToOunces(p.weightGrams) });

export class EasyPostProvider implements CarrierProvider {
  readonly name = "easypost";
  private readonly client: InstanceType<typeof EasyPostClient>;
  constructor(apiKey: string, baseUrl?: string) {
    this.client = new EasyPostClient(apiKey, baseUrl ? { baseUrl } : {});
  }

  /** Turns SDK errors into CarrierErrors that name the vendor's reason. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof CarrierError) throw e;
      const err = e as { statusCode?: number; code?: string; message?: string };
      if (err.statusCode !== undefined) throw new CarrierError(this.name, kindForStatus(err.statusCode), `${err.code ?? err.statusCode} ${err.message ?? ""}`.trim(), err.statusCode);
      throw new CarrierError(this.name, "unavailable", err.message ?? String(e));
    }
  }

  async getRates(req: RateRequest): Promise<ProviderRate[]> {
    const base = { to_address: address(req.to), from_address: address(req.from), reference: req.reference };
    const multi = req.parcels.length > 1;
    const made: EpShipment | EpOrder = multi
      ? ((await this.call(() => this.client.Order.create({ ...base, shipments: req.parcels.map((p) => ({ parcel: parcel(p) })) }))) as unknown as EpOrder)
      : ((await this.call(() => this.client.Shipment.create({ ...base, parcel: parcel(req.parcels[0]) }))) as unknown as EpShipment);
    const rates = made.rates ?? [];
    if (rates.length === 0) {
      const why = (made.messages ?? []).map((m) => `${m.carrier ?? ""} ${m.message}`.trim()).join("; ");
      throw new CarrierError(this.name, "no_rates", why || "no rates for this shipment");
    }
    return rates.map((r) => ({
      carrier: r.carrier,
      service: r.service,
      amountMinor: decimalToMinor(r.rate),
      currency: r.currency,
      deliveryDays: r.delivery_days ?? r.est_delivery_days ?? undefined,
      ref: JSON.stringify({ kind: multi ? "order" : "shipment", id: made.id, rateId: r.id } satisfies Ref),
    }));
  }

  async buyLabels(req: BuyRequest): Promise<BoughtLabel[]> {
    const ref = JSON.parse(req.ref) as Ref;
    if (ref.kind === "shipment") {
      let shp: EpShipment | undefined;
      if (req.attempt > 1) {
        const existing = (await this.call(() => this.client.Shipment.retrieve(ref.id))) as unknown as EpShipment;
        if (existing.postage_label && existing.tracking_code) shp = existing;
      }
      shp ??= (await this.call(() => this.client.Shipment.buy(ref.id, ref.rateId!))) as unknown as EpShipment;
      return [this.label(req.parcels[0].packageId, shp, req.currency)];
    }
    let order: EpOrder | undefined;
    if (req.attempt > 1) {
      const existing = (await this.call(() => this.client.Order.retrieve(ref.id))) as unknown as EpOrder;
      if (existing.shipments.every((s) => s.postage_label && s.tracking_code)) order = existing;
    }
    order ??= (await this.call(() => this.client.Order.buy(ref.id, req.carrier, req.service))) as unknown as EpOrder;
    if (order.shipments.length !== req.parcels.length) throw new CarrierError(this.name, "refused", `order has ${order.shipments.length} shipments for ${req.parcels.length} parcels`);
    const master = order.shipments[0].tracking_code ?? undefined;
    return order.shipments.map((s, i) => ({ ...this.label(req.parcels[i].packageId, s, req.currency), masterTrackingNumber: master }));
  }

  private label(packageId: string, s: EpShipment, currency: string): BoughtLabel {
    if (!s.tracking_code || !s.postage_label) throw new CarrierError(this.name, "refused", `shipment ${s.id} has no label`);
    return {
      packageId,
      trackingNumber: s.tracking_code,
      providerLabelId: s.id,
      costMinor: s.selected_rate ? decimalToMinor(s.selected_rate.rate) : 0,
      currency: s.selected_rate?.currency ?? currency,
      labelUrl: s.postage_label.label_pdf_url ?? s.postage_label.label_url,
    };
  }

  async voidLabel(req: { providerLabelId: string }) {
    const shp = (await this.call(() => this.client.Shipment.refund(req.providerLabelId))) as unknown as EpShipment;
    const status = shp.refund_status ?? "unknown";
    // EasyPost accepts the request ("submitted") and settles later; rejected means the carrier refused.
    return { voided: status !== "rejected" && status !== "not_applicable", message: `refund ${status}` };
  }

  async track(req: { trackingNumber: string; carrier: string }): Promise<TrackingResult> {
    const t = (await this.call(() => this.client.Tracker.create({ tracking_code: req.trackingNumber, carrier: req.carrier }))) as unknown as {
      status: string; status_detail?: string; tracking_details?: { datetime: string; status: string; message: string }[];
    };
    return { status: trackingStatus(t.status), detail: t.status_detail, events: (t.tracking_details ?? []).map((d) => ({ at: d.datetime, status: trackingStatus(d.status), detail: d.message })) };
  }
}

function trackingStatus(s: string): TrackingStatus {
  if (s === "pre_transit") return "pre_transit";
  if (s === "in_transit" || s === "out_for_delivery" || s === "available_for_pickup") return "in_transit";
  if (s === "delivered") return "delivered";
  if (s === "return_to_sender") return "returned";
  if (s === "failure" || s === "error" || s === "cancelled") return "failure";
  return "unknown";
}
