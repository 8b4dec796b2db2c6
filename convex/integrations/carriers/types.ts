/**
 * The one carrier-provider interface: rates for a shipment's packages, buy labels for a chosen
 * rate, void a label, fetch tracking. EasyPost, Shippo, ShipStation and the built-in table rates
 * implement it; only the internal shipping actions call it. Units at this boundary are the
 * project's own (grams, millimetres, integer minor units); each adapter converts to its vendor's.
 */

import type { AddressInput } from "../../lib/address";

/** An address as the platform keeps it (an order's ship-to, a warehouse's); adapters map it to their vendor's shape. */
export type CarrierAddress = AddressInput;

export type Parcel = { packageId: string; weightGrams: number; lengthMm: number; widthMm: number; heightMm: number };

export type RateRequest = {
  /** Our shipment number, passed on as the vendor's reference. */
  reference: string;
  from: CarrierAddress;
  to: CarrierAddress;
  parcels: Parcel[];
  /** The printer's label format, for vendors that fix it when the shipment is made (EasyPost). */
  labelFormat?: LabelFormat;
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

export { LABEL_FORMATS, type LabelFormat } from "../../lib/shipping/types";
import type { LabelFormat } from "../../lib/shipping/types";
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
  /** The printer's format; PDF when unset. */
  labelFormat?: LabelFormat;
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
  /** A label file made here (table rates; PDF or ZPL as `labelFormat` says); vendors give a URL instead. */
  labelPdf?: Uint8Array;
  /** The format the vendor really delivered (it can differ from the one asked for: see each adapter). */
  labelFormat?: LabelFormat;
};

export type VoidRequest = { providerLabelId: string; trackingNumber: string; carrier: string };
export type VoidResult = { voided: boolean; message?: string };

export const TRACKING_STATUSES = ["pre_transit", "in_transit", "delivered", "returned", "failure", "unknown"] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];
export type TrackingResult = {
  status: TrackingStatus;
  detail?: string;
  events: { at: string; status: TrackingStatus; detail: string }[];
};

export interface CarrierProvider {
  readonly name: string;
  getRates(req: RateRequest): Promise<ProviderRate[]>;
  buyLabels(req: BuyRequest): Promise<BoughtLabel[]>;
  voidLabel(req: VoidRequest): Promise<VoidResult>;
  track(req: { trackingNumber: string; carrier: string; providerLabelId?: string }): Promise<TrackingResult>;
}

/**
 * The carrier error taxonomy. `address`: the vendor could not use an address (fix the order's
 * ship-to); `parameter`: a missing or invalid field of ours (weight, dimensions, a stale rate id:
 * a bug or a setting, not the customer's address); `auth`: the API key or the carrier account is
 * refused (an admin must fix credentials or billing); `rate_limited`: too many calls, retried later;
 * `unavailable`: the vendor or network failed, retried; `timeout`: no answer in time; `no_rates`: no
 * service for this shipment; `refused`: a purchase the vendor declined for another reason.
 */
export type CarrierErrorKind =
  "address" | "parameter" | "auth" | "rate_limited" | "unavailable" | "timeout" | "no_rates" | "refused";

/** What each kind means for the person reading it, first in every message. */
export const CARRIER_ERROR_TITLES: Record<CarrierErrorKind, string> = {
  address: "Address problem (the carrier cannot use this address)",
  parameter: "Invalid shipment data (a missing or wrong field, not the address)",
  auth: "Carrier account problem (API key, account or billing refused)",
  rate_limited: "Carrier rate limit reached (will retry)",
  unavailable: "Carrier unavailable (will retry)",
  timeout: "Carrier did not answer in time",
  no_rates: "No rates for this shipment",
  refused: "Carrier refused the purchase",
};

/** Kinds a retry cannot fix: a person must change the order, the data or the credentials. */
export const FINAL_KINDS: ReadonlySet<CarrierErrorKind> = new Set(["address", "parameter", "auth", "refused"]);

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

const ADDRESS_WORDS =
  /address|street|zip|postal|postcode|city|state_province|country|residential|ship_to|shipto|to_address|from_address|address_to|address_from|ship_from|house.?number/i;
const AUTH_WORDS =
  /api.?key|apikey|unauthori[sz]ed|forbidden|token|credential|account|billing|payment|funds|balance|permission|security/i;

/**
 * Classifies a vendor's error from its status and its own words: the error code(s), the fields it
 * names and the message. A 400/422 is an address problem only when the vendor says so (an address
 * code or field); account words make it an authentication problem; anything else is a parameter.
 */
export function classifyVendorError(
  status: number | undefined,
  detail: { codes?: (string | undefined | null)[]; fields?: (string | undefined | null)[]; message?: string } = {},
): CarrierErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403 || status === 402) return "auth";
  if (status === 408 || status === 504) return "timeout";
  if (status === undefined || status >= 500) return "unavailable";
  const codes = (detail.codes ?? []).filter(Boolean).join(" ");
  const fields = (detail.fields ?? []).filter(Boolean).join(" ");
  if (/rate.?limit|too.?many/i.test(codes)) return "rate_limited";
  if (/^(ADDRESS|E\.ADDRESS)|address/i.test(codes) || ADDRESS_WORDS.test(fields)) return "address";
  if (AUTH_WORDS.test(codes) || /APIKEY|ACCOUNT|BILLING|PAYMENT/i.test(codes)) return "auth";
  if (!codes && !fields && detail.message && ADDRESS_WORDS.test(detail.message)) return "address";
  return "parameter";
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
