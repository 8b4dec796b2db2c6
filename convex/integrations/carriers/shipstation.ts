/**
 * ShipStation API v2 over fetch (no SDK): POST /v2/rates with the shipment and the connected
 * carrier ids; POST /v2/labels/rates/{rate_id} buys (one label per shipment; with several packages
 * the label carries a tracking number per package, the first the master); PUT
 * /v2/labels/{label_id}/void; GET /v2/labels/{label_id}/track. A retried purchase first lists the
 * labels of the rated shipment, so a shipment ShipStation already labelled is not bought again.
 */
import {
  CarrierError,
  kindForStatus,
  splitCost,
  type BoughtLabel,
  type BuyRequest,
  type CarrierAddress,
  type CarrierProvider,
  type ProviderRate,
  type RateRequest,
  type TrackingResult,
  type TrackingStatus,
} from "./types";

type Money = { currency: string; amount: number };
type SsRate = { rate_id: string; carrier_id: string; carrier_code?: string; carrier_friendly_name?: string; service_code: string; service_type?: string; shipping_amount: Money; other_amount?: Money; confirmation_amount?: Money; delivery_days?: number | null };
type SsLabel = {
  label_id: string; status: string; shipment_id: string; tracking_number: string; shipment_cost: Money;
  label_download?: { pdf?: string; href?: string }; packages?: { tracking_number?: string }[]; voided?: boolean;
};
type Ref = { shipmentId: string; rateId: string };

const address = (a: CarrierAddress) => ({
  name: a.name, company_name: a.company, phone: a.phone ?? "", address_line1: a.line1, address_line2: a.line2, city_locality: a.city,
  state_province: a.region ?? "", postal_code: a.postalCode, country_code: a.country, address_residential_indicator: "unknown",
});
const toMinor = (m: Money | undefined) => (m ? Math.round(m.amount * 100) : 0);

export class ShipStationProvider implements CarrierProvider {
  readonly name = "shipstation";
  constructor(
    private readonly apiKey: string,
    private readonly carrierIds: string[],
    private readonly baseUrl = "https://api.shipstation.com",
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, "")}${path}`, {
        method,
        headers: { "API-Key": this.apiKey, "Content-Type": "application/json", Accept: "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new CarrierError(this.name, "unavailable", (e as Error).message);
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) {
      const errors = (json.errors as { error_code?: string; message?: string }[] | undefined) ?? [];
      const why = errors.map((e) => `${e.error_code ?? ""} ${e.message ?? ""}`.trim()).join("; ") || res.statusText;
      throw new CarrierError(this.name, kindForStatus(res.status), `${res.status} ${why}`, res.status);
    }
    return json as T;
  }

  async getRates(req: RateRequest): Promise<ProviderRate[]> {
    const out = await this.request<{ shipment_id: string; rate_response: { rates: SsRate[]; errors?: { message?: string }[]; status?: string } }>("POST", "/v2/rates", {
      rate_options: { carrier_ids: this.carrierIds },
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
      const why = (out.rate_response.errors ?? []).map((e) => e.message).filter(Boolean).join("; ");
      throw new CarrierError(this.name, "no_rates", why || "no rates for this shipment");
    }
    return rates.map((r) => ({
      carrier: r.carrier_friendly_name ?? r.carrier_code ?? r.carrier_id,
      service: r.service_type ?? r.service_code,
      amountMinor: toMinor(r.shipping_amount) + toMinor(r.other_amount) + toMinor(r.confirmation_amount),
      currency: r.shipping_amount.currency.toUpperCase(),
      deliveryDays: r.delivery_days ?? undefined,
      ref: JSON.stringify({ shipmentId: out.shipment_id, rateId: r.rate_id } satisfies Ref),
    }));
  }

  async buyLabels(req: BuyRequest): Promise<BoughtLabel[]> {
    const ref = JSON.parse(req.ref) as Ref;
    let label: SsLabel | undefined;
    if (req.attempt > 1) {
      const list = await this.request<{ labels: SsLabel[] }>("GET", `/v2/labels?shipment_id=${encodeURIComponent(ref.shipmentId)}`);
      label = list.labels.find((l) => l.status === "completed" && !l.voided);
    }
    label ??= await this.request<SsLabel>("POST", `/v2/labels/rates/${encodeURIComponent(ref.rateId)}`, { label_format: "pdf", label_layout: "4x6", label_download_type: "url" });
    const trackings = label.packages?.map((p) => p.tracking_number).filter((t): t is string => !!t) ?? [];
    const costs = splitCost(toMinor(label.shipment_cost), req.parcels.length);
    return req.parcels.map((p, i) => ({
      packageId: p.packageId,
      trackingNumber: trackings[i] ?? (i === 0 ? label.tracking_number : `${label.tracking_number}-${i + 1}`),
      providerLabelId: label.label_id,
      costMinor: costs[i],
      currency: label.shipment_cost.currency.toUpperCase(),
      masterTrackingNumber: req.parcels.length > 1 ? label.tracking_number : undefined,
      labelUrl: label.label_download?.pdf ?? label.label_download?.href,
    }));
  }

  async voidLabel(req: { providerLabelId: string }) {
    const r = await this.request<{ approved: boolean; message?: string }>("PUT", `/v2/labels/${encodeURIComponent(req.providerLabelId)}/void`);
    return { voided: r.approved, message: r.message };
  }

  async track(req: { trackingNumber: string; providerLabelId?: string }): Promise<TrackingResult> {
    if (!req.providerLabelId) throw new CarrierError(this.name, "refused", "tracking needs the label id");
    const t = await this.request<{ status_code: string; status_description?: string; events?: { occurred_at: string; status_code: string; description: string }[] }>(
      "GET", `/v2/labels/${encodeURIComponent(req.providerLabelId)}/track`,
    );
    return { status: trackingStatus(t.status_code), detail: t.status_description, events: (t.events ?? []).map((e) => ({ at: e.occurred_at, status: trackingStatus(e.status_code), detail: e.description })) };
  }
}

function trackingStatus(code: string): TrackingStatus {
  switch (code) {
    case "AC": return "pre_transit";
    case "IT": return "in_transit";
    case "DE": return "delivered";
    case "EX": return "failure";
    default: return "unknown";
  }
}
