"use node";
/**
 * Shippo over its REST API (https://api.goshippo.com), pinned to API version 2018-02-08 by the
 * `Shippo-API-Version` header; called with fetch, not the `shippo` SDK: the SDK validates every
 * response against its own schema and rejects the nulls and the older-version fields real accounts
 * send (a label that *was* bought came back as a failure). The lenient schemas below accept both
 * versions: delivery days from `estimated_days` or (2017 and older) `days`.
 *
 * A Shipment with every parcel gives the rates (multi-piece when there are several parcels); a
 * Transaction buys a rate (`label_file_type` from the printer's format). Shippo may answer a
 * purchase QUEUED/WAITING with an empty tracking number: the transaction is then read again until
 * it is SUCCESS or ERROR, never reported as failed while it may still succeed. For a multi-piece
 * rate Shippo makes one transaction per parcel, listed by rate. A retried purchase first lists the
 * transactions of the rate, so a rate Shippo already bought is never bought twice. Refunds void.
 */
import { z } from "zod";
import {
  CarrierError,
  classifyVendorError,
  decimalToMinor,
  splitCost,
  type BoughtLabel,
  type BuyRequest,
  type CarrierProvider,
  type LabelFormat,
  type ProviderRate,
  type RateRequest,
  type TrackingResult,
  type TrackingStatus,
} from "./types";
import { toStreetAddress } from "./streetAddress";
import { callVendor, readVendorAnswer, zNumber, zText } from "./vendorHttp";

export const SHIPPO_API_VERSION = "2018-02-08";
const FILE_TYPE: Record<LabelFormat, string> = { PDF: "PDF_4x6", ZPL: "ZPLII", PNG: "PNG" };
const FORMAT_OF: Record<string, LabelFormat> = {
  PDF: "PDF",
  PDF_4x6: "PDF",
  PDF_4x8: "PDF",
  PDF_A4: "PDF",
  PDF_A6: "PDF",
  PDF_2_3x7_5: "PDF",
  ZPLII: "ZPL",
  PNG: "PNG",
  PNG_2_3x7_5: "PNG",
};

const zMessage = z.looseObject({ source: zText, code: zText, text: zText });
export const zShippoRate = z.looseObject({
  object_id: z.string(),
  amount: z.union([z.string(), z.number()]),
  currency: z.string(),
  provider: z.string(),
  servicelevel: z.looseObject({ name: zText, token: zText }).nullish(),
  servicelevel_name: zText,
  estimated_days: zNumber,
  days: zNumber,
});
export const zShippoShipment = z.looseObject({
  object_id: z.string(),
  status: zText,
  rates: z.array(zShippoRate).nullish(),
  rates_list: z.array(zShippoRate).nullish(),
  messages: z.array(zMessage).nullish(),
});
export const zShippoTx = z.looseObject({
  object_id: z.string(),
  status: zText,
  object_status: zText,
  rate: z.union([z.string(), z.looseObject({ object_id: zText })]).nullish(),
  tracking_number: zText,
  label_url: zText,
  label_file_type: zText,
  parcel: zText,
  messages: z.array(zMessage).nullish(),
});
const zShippoList = <T extends z.ZodType>(item: T) =>
  z.looseObject({ count: zNumber, next: zText, results: z.array(item).nullish() });
const zTrackEvent = z.looseObject({ status: zText, status_details: zText, status_date: zText, object_created: zText });
export const zShippoTrack = z.looseObject({
  tracking_status: zTrackEvent.nullish(),
  tracking_history: z.array(zTrackEvent).nullish(),
  eta: zText,
});
export const zShippoRefund = z.looseObject({ object_id: zText, status: zText });
export type ShippoTx = z.infer<typeof zShippoTx>;
type Ref = { shipmentId: string; rateId: string };

const txStatus = (t: ShippoTx) => t.status ?? t.object_status ?? "UNKNOWN";

/** A Shippo error body (`{ field: [messages] }`, `{ detail }`, or an HTML page) as a CarrierError. */
export function shippoError(provider: string, status: number, text: string): CarrierError {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* HTML or text */
  }
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const o = body as Record<string, unknown>;
    if (typeof o.detail === "string")
      return new CarrierError(
        provider,
        classifyVendorError(status, { message: o.detail }),
        `${status} ${o.detail}`,
        status,
      );
    const text = (v: unknown) => (Array.isArray(v) ? v.join(", ") : typeof v === "string" ? v : JSON.stringify(v));
    const why = Object.entries(o)
      .map(([k, v]) => `${k}: ${text(v)}`)
      .join("; ");
    // A field we left out ("This field is required.") is a parameter error even when it is an address field.
    const fields = Object.entries(o)
      .filter(([, v]) => !/required|blank|not found/i.test(text(v)))
      .map(([k]) => k);
    return new CarrierError(
      provider,
      classifyVendorError(status, { codes: fields.length ? [] : ["missing"], fields, message: why }),
      `${status} ${why}`,
      status,
    );
  }
  const plain = String(body)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  return new CarrierError(
    provider,
    classifyVendorError(status, { codes: [status === 404 ? "not_found" : undefined], message: plain }),
    `${status} ${plain}`,
    status,
  );
}

export class ShippoProvider implements CarrierProvider {
  readonly name = "shippo";
  private readonly baseUrl: string;
  constructor(
    private readonly apiKey: string,
    serverURL?: string,
    /** Reads of a QUEUED purchase before giving up on this attempt (the retry finds it by rate). */
    private readonly pendingPolls = { times: 6, delayMs: 1000 },
  ) {
    this.baseUrl = (serverURL ?? "https://api.goshippo.com").replace(/\/$/, "");
  }

  private async request<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const res = await callVendor(this.name, `${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `ShippoToken ${this.apiKey}`, "Shippo-API-Version": SHIPPO_API_VERSION },
      body,
    });
    if (!res.ok) throw shippoError(this.name, res.status, res.text);
    return readVendorAnswer(this.name, schema, res);
  }

  async getRates(req: RateRequest): Promise<ProviderRate[]> {
    const shipment = await this.request(zShippoShipment, "POST", "/shipments", {
      address_from: toStreetAddress(req.from),
      address_to: toStreetAddress(req.to),
      parcels: req.parcels.map((p) => ({
        length: (p.lengthMm / 10).toFixed(1),
        width: (p.widthMm / 10).toFixed(1),
        height: (p.heightMm / 10).toFixed(1),
        distance_unit: "cm",
        weight: String(p.weightGrams),
        mass_unit: "g",
      })),
      metadata: req.reference,
      async: false,
    });
    const rates = shipment.rates ?? shipment.rates_list ?? [];
    if (rates.length === 0) {
      const why = (shipment.messages ?? [])
        .map((m) => `${m.source ?? ""} ${m.text ?? ""}`.trim())
        .filter(Boolean)
        .join("; ");
      throw new CarrierError(this.name, "no_rates", why || "no rates for this shipment");
    }
    return rates.map((r) => shippoRate(r, shipment.object_id));
  }

  /** Successful transactions of a rate (all parcels of a multi-piece purchase). */
  private async transactionsOf(rateId: string): Promise<ShippoTx[]> {
    const q = new URLSearchParams({ rate: rateId, object_status: "SUCCESS", results: "100" });
    const list = await this.request(zShippoList(zShippoTx), "GET", `/transactions?${q}`);
    const rateOf = (t: ShippoTx) => (typeof t.rate === "string" ? t.rate : t.rate?.object_id);
    return (list.results ?? []).filter((t) => txStatus(t) === "SUCCESS" && rateOf(t) === rateId);
  }

  /** A purchase Shippo is still working on, read again until it settles. */
  private async settle(tx: ShippoTx): Promise<ShippoTx> {
    let t = tx;
    for (let i = 0; i < this.pendingPolls.times && (txStatus(t) === "QUEUED" || txStatus(t) === "WAITING"); i++) {
      await new Promise((r) => setTimeout(r, this.pendingPolls.delayMs));
      t = await this.request(zShippoTx, "GET", `/transactions/${encodeURIComponent(t.object_id)}`);
    }
    return t;
  }

  async buyLabels(req: BuyRequest): Promise<BoughtLabel[]> {
    const ref = JSON.parse(req.ref) as Ref;
    const format = req.labelFormat ?? "PDF";
    let txs = req.attempt > 1 ? await this.transactionsOf(ref.rateId) : [];
    if (txs.length === 0) {
      const created = await this.request(zShippoTx, "POST", "/transactions", {
        rate: ref.rateId,
        label_file_type: FILE_TYPE[format],
        async: false,
        metadata: req.purchaseKey,
      });
      const tx = await this.settle(created);
      const status = txStatus(tx);
      if (status === "QUEUED" || status === "WAITING")
        throw new CarrierError(
          this.name,
          "unavailable",
          `transaction ${tx.object_id} is still ${status}; the next attempt picks it up`,
        );
      if (status !== "SUCCESS") {
        const why = (tx.messages ?? [])
          .map((m) => m.text)
          .filter(Boolean)
          .join("; ");
        throw new CarrierError(this.name, "refused", `transaction ${status}${why ? `: ${why}` : ""}`);
      }
      txs = req.parcels.length > 1 ? await this.transactionsOf(ref.rateId) : [tx];
    }
    if (txs.length < req.parcels.length)
      throw new CarrierError(this.name, "refused", `${txs.length} labels for ${req.parcels.length} parcels`);
    const costs = splitCost(req.amountMinor, req.parcels.length);
    const master = txs[0].tracking_number ?? undefined;
    return req.parcels.map((p, i) => {
      const tx = txs[i];
      if (!tx.tracking_number)
        throw new CarrierError(this.name, "refused", `transaction ${tx.object_id} has no tracking number`);
      return {
        packageId: p.packageId,
        trackingNumber: tx.tracking_number,
        providerLabelId: tx.object_id,
        costMinor: costs[i],
        currency: req.currency,
        labelUrl: tx.label_url || undefined,
        labelFormat: (tx.label_file_type && FORMAT_OF[tx.label_file_type]) || format,
        masterTrackingNumber: req.parcels.length > 1 ? master : undefined,
      };
    });
  }

  async voidLabel(req: { providerLabelId: string }) {
    const refund = await this.request(zShippoRefund, "POST", "/refunds", {
      transaction: req.providerLabelId,
      async: false,
    });
    return { voided: refund.status !== "ERROR", message: `refund ${refund.status ?? "unknown"}` };
  }

  async track(req: { trackingNumber: string; carrier: string }): Promise<TrackingResult> {
    const t = await this.request(
      zShippoTrack,
      "GET",
      `/tracks/${encodeURIComponent(req.carrier.toLowerCase())}/${encodeURIComponent(req.trackingNumber)}`,
    );
    return {
      status: shippoTrackingStatus(t.tracking_status?.status),
      detail: t.tracking_status?.status_details ?? undefined,
      events: (t.tracking_history ?? []).map((h) => ({
        at: h.status_date ?? h.object_created ?? "",
        status: shippoTrackingStatus(h.status),
        detail: h.status_details ?? "",
      })),
    };
  }
}

/** One Shippo rate in our terms: days from whichever field the account's API version fills. */
export function shippoRate(r: z.infer<typeof zShippoRate>, shipmentId: string): ProviderRate {
  return {
    carrier: r.provider,
    service: r.servicelevel?.name ?? r.servicelevel_name ?? r.servicelevel?.token ?? "service",
    amountMinor: decimalToMinor(r.amount),
    currency: r.currency,
    deliveryDays: r.estimated_days ?? r.days ?? undefined,
    ref: JSON.stringify({ shipmentId, rateId: r.object_id } satisfies Ref),
  };
}

/** Shippo's tracking status enum: PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED, FAILURE, UNKNOWN. */
export function shippoTrackingStatus(s: string | null | undefined): TrackingStatus {
  switch (s) {
    case "PRE_TRANSIT":
      return "pre_transit";
    case "TRANSIT":
      return "in_transit";
    case "DELIVERED":
      return "delivered";
    case "RETURNED":
      return "returned";
    case "FAILURE":
      return "failure";
    default:
      return "unknown";
  }
}
