/**
 * The one carrier-provider interface: rates for a shipment's packages, buy labels for a chosen
 * rate, void a label, fetch tracking. EasyPost, Shippo, ShipStation and the built-in table rates
 * implement it; only the internal shipping actions call it. Units at this boundary are the
 * project's own (grams, millimetres, integer minor units); each adapter converts to its vendor's.
 */

export type CarrierAddress = {
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
  phone?: string;
};

export type Parcel = { packageId: string; weightGrams: number; lengthMm: number; widthMm: number; heightMm: number };

export type RateRequest = {
  /** Our shipment number, passed on as the vendor's reference. */
  reference: string;
  from: CarrierAddress;
  to: CarrierAddress;
  parcels: Parcel[];
};

/** A vendor rate covering every parcel of the request. `ref` is what `buyLabels` needs, as JSON. */
export type ProviderRate = {
  carrier: string;
  service: string;
  amountMinor: number;
  currency: string;
  deliveryDays?: number;
  ref: string;
};

export type BuyRequest = Omit<RateRequest, "parcels"> & {
  ref: string;
  carrier: string;
  service: string;
  amountMinor: number;
  currency: string;
  /** Same for every attempt at this purchase; one per parcel too (`parcels[i].idempotencyKey`). */
  purchaseKey: string;
  parcels: (Parcel & { idempotencyKey: string })[];
  /** 1 on the first try. From 2 on, an adapter first looks for a purchase the vendor already made. */
  attempt: number;
};

export type BoughtLabel = {
  packageId: string;
  trackingNumber: string;
  /** What `voidLabel` and `track` need: the vendor's shipment/transaction/label id. */
  providerLabelId: string;
  costMinor: number;
  currency: string;
  masterTrackingNumber?: string;
  labelUrl?: string;
  /** A label file made here (table rates); vendors give a URL instead. */
  labelPdf?: Uint8Array;
};

export type VoidRequest = { providerLabelId: string; trackingNumber: string; carrier: string };
export type VoidResult = { voided: boolean; message?: string };

export type TrackingStatus = "pre_transit" | "in_transit" | "delivered" | "returned" | "failure" | "unknown";
export type TrackingResult = { status: TrackingStatus; detail?: string; events: { at: string; status: TrackingStatus; detail: string }[] };

export interface CarrierProvider {
  readonly name: string;
  getRates(req: RateRequest): Promise<ProviderRate[]>;
  buyLabels(req: BuyRequest): Promise<BoughtLabel[]>;
  voidLabel(req: VoidRequest): Promise<VoidResult>;
  track(req: { trackingNumber: string; carrier: string; providerLabelId?: string }): Promise<TrackingResult>;
}

export type CarrierErrorKind = "bad_address" | "no_rates" | "rate_limited" | "timeout" | "auth" | "refused" | "unavailable";

/** A vendor refusal or failure, classified so the quote log and the UI can say what happened. */
export class CarrierError extends Error {
  constructor(
    readonly provider: string,
    readonly kind: CarrierErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(`${provider}: ${message}`);
    this.name = "CarrierError";
  }
}

/** Maps an HTTP status to an error kind. */
export function kindForStatus(status: number | undefined): CarrierErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 400 || status === 422) return "bad_address";
  if (status === 408 || status === 504) return "timeout";
  return "unavailable";
}

// ---- unit conversions shared by the vendor adapters ------------------------------------------

export const gramsToOunces = (g: number) => Math.round((g / 28.349523125) * 10) / 10;
export const mmToInches = (mm: number) => Math.round((mm / 25.4) * 10) / 10;
/** "7.58" → 758; throws on text that is not a decimal amount. */
export function decimalToMinor(amount: string | number): number {
  const text = typeof amount === "number" ? amount.toFixed(2) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text);
  if (!m) throw new Error(`Not an amount: ${text}`);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -minor : minor;
}

/** Splits `total` minor units over `n` labels, the remainder on the first (the master). */
export function splitCost(total: number, n: number): number[] {
  const each = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? total - each * (n - 1) : each));
}
