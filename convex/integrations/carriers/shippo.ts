"use node";
/**
 * Shippo through the `shippo` SDK. A Shipment with every parcel gives the rates (multi-piece when
 * there are several parcels); a Transaction buys a rate (synchronously, PDF); for a multi-piece
 * rate Shippo makes one transaction per parcel, listed by rate. A retried purchase first lists the
 * transactions of the rate, so a rate Shippo already bought is never bought twice. Refunds void.
 */
import { Shippo } from "shippo";
import {
  CarrierError,
  decimalToMinor,
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

type Ref = { shipmentId: string; rateId: string };
type Tx = { objectId?: string; status?: string; trackingNumber?: string; labelUrl?: string; parcel?: string; messages?: { text?: string }[] };

const address = (a: CarrierAddress) => ({
  name: a.name, company: a.company, street1: a.line1, street2: a.line2, city: a.city, state: a.region, zip: a.postalCode, country: a.country, phone: a.phone,
});

export class ShippoProvider implements CarrierProvider {
  readonly name = "shippo";
  private readonly client: Shippo;
  constructor(apiKey: string, serverURL?: string) {
    this.client = new Shippo({ apiKeyHeader: `ShippoToken ${apiKey}`, serverURL, retryConfig: { strategy: "none" } });
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof CarrierError) throw e;
      const err = e as { statusCode?: number; body?: string; message?: string; name?: string };
      if (err.statusCode !== undefined) throw new CarrierError(this.name, kindForStatus(err.statusCode), `${err.statusCode} ${vendorMessage(err.body) ?? err.message ?? ""}`.trim(), err.statusCode);
      const timeout = err.name === "RequestTimeoutError";
      throw new CarrierError(this.name, timeout ? "timeout" : "unavailable", err.message ?? String(e));
    }
  }

  async getRates(req: RateRequest): Promise<ProviderRate[]> {
    const shipment = await this.call(() =>
      this.client.shipments.create({
        addressFrom: address(req.from),
        addressTo: address(req.to),
        parcels: req.parcels.map((p) => ({
          length: (p.lengthMm / 10).toFixed(1), width: (p.widthMm / 10).toFixed(1), height: (p.heightMm / 10).toFixed(1), distanceUnit: "cm",
          weight: String(p.weightGrams), massUnit: "g",
        })),
        metadata: req.reference,
        async: false,
      }),
    );
    if (shipment.rates.length === 0) {
      const why = shipment.messages.map((m) => `${m.source ?? ""} ${m.text ?? ""}`.trim()).join("; ");
      throw new CarrierError(this.name, "no_rates", why || "no rates for this shipment");
    }
    return shipment.rates.map((r) => ({
      carrier: r.provider,
      service: r.servicelevel.name ?? r.servicelevel.token ?? "service",
      amountMinor: decimalToMinor(r.amount),
      currency: r.currency,
      deliveryDays: r.estimatedDays,
      ref: JSON.stringify({ shipmentId: shipment.objectId, rateId: r.objectId } satisfies Ref),
    }));
  }

  /** Successful transactions of a rate (all parcels of a multi-piece purchase). */
  private async transactionsOf(rateId: string): Promise<Tx[]> {
    const list = await this.call(() => this.client.transactions.list({ rate: rateId, objectStatus: "SUCCESS", results: 100 }));
    return (list.results ?? []) as Tx[];
  }

  async buyLabels(req: BuyRequest): Promise<BoughtLabel[]> {
    const ref = JSON.parse(req.ref) as Ref;
    let txs = req.attempt > 1 ? await this.transactionsOf(ref.rateId) : [];
    if (txs.length === 0) {
      const tx = (await this.call(() =>
        this.client.transactions.create({ rate: ref.rateId, labelFileType: "PDF", async: false, metadata: req.purchaseKey }),
      )) as Tx;
      if (tx.status !== "SUCCESS") {
        const why = (tx.messages ?? []).map((m) => m.text).filter(Boolean).join("; ");
        throw new CarrierError(this.name, "refused", `transaction ${tx.status ?? "unknown"}${why ? `: ${why}` : ""}`);
      }
      txs = req.parcels.length > 1 ? await this.transactionsOf(ref.rateId) : [tx];
    }
    if (txs.length < req.parcels.length) throw new CarrierError(this.name, "refused", `${txs.length} labels for ${req.parcels.length} parcels`);
    const costs = splitCost(req.amountMinor, req.parcels.length);
    const master = txs[0].trackingNumber;
    return req.parcels.map((p, i) => {
      const tx = txs[i];
      if (!tx.trackingNumber || !tx.objectId) throw new CarrierError(this.name, "refused", "transaction without tracking number");
      return {
        packageId: p.packageId, trackingNumber: tx.trackingNumber, providerLabelId: tx.objectId, costMinor: costs[i], currency: req.currency, labelUrl: tx.labelUrl,
        masterTrackingNumber: req.parcels.length > 1 ? master : undefined,
      };
    });
  }

  async voidLabel(req: { providerLabelId: string }) {
    const refund = await this.call(() => this.client.refunds.create({ transaction: req.providerLabelId, async: false }));
    return { voided: refund.status !== "ERROR", message: `refund ${refund.status ?? "unknown"}` };
  }

  async track(req: { trackingNumber: string; carrier: string }): Promise<TrackingResult> {
    const t = await this.call(() => this.client.trackingStatus.get(req.trackingNumber, req.carrier.toLowerCase()));
    return {
      status: trackingStatus(t.trackingStatus?.status),
      detail: t.trackingStatus?.statusDetails,
      events: t.trackingHistory.map((h) => ({ at: (h.statusDate ?? h.objectCreated).toISOString(), status: trackingStatus(h.status), detail: h.statusDetails })),
    };
  }
}

function vendorMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (typeof parsed.detail === "string") return parsed.detail;
    return Object.entries(parsed).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`).join("; ");
  } catch {
    return body.slice(0, 200);
  }
}

function trackingStatus(s: string | undefined): TrackingStatus {
  switch (s) {
    case "PRE_TRANSIT": return "pre_transit";
    case "TRANSIT": return "in_transit";
    case "DELIVERED": return "delivered";
    case "RETURNED": return "returned";
    case "FAILURE": return "failure";
    default: return "unknown";
  }
}
