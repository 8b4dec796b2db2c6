/**
 * The one interface every sales channel implements. Adapters only talk to their vendor and return
 * orders in the internal model (lib/channels/order.ts); the pull worker (worker.ts) owns cursors,
 * commits and retries, and only internal actions call adapters.
 */
import type { NormalizedOrder } from "../../lib/channels/order";

/** One page of orders changed since a cursor, and the cursor to continue from. */
export type PullPage = {
  orders: NormalizedOrder[];
  /** Store this once the page's orders are committed; pass it to the next pull. */
  cursor: string;
  /** No more pages right now: the next pull waits for the channel's interval. */
  done: boolean;
};

/** One package of a shipment, reported to the channel after its label is bought. */
export type ShipmentConfirmation = {
  externalOrderId: string;
  /** Stable per (shipment, package): a correction reuses it. */
  packageKey: string;
  carrier: string;
  service?: string;
  trackingNumber: string;
  /** Channel lines and listing units in this package; empty = the whole order. */
  items: { externalLineId: string; quantity: number }[];
  shippedAt: number;
  /** Set when this package's tracking already went out and is being corrected (void + relabel). */
  replaces?: { trackingNumber?: string; remoteRef?: string };
};

/**
 * `pending`: the channel took the acknowledgement but confirms it later (Amazon's feed processing
 * report); the outbox asks `checkAcknowledgements` with `ref` after `checkInMs`.
 */
export type AckResult = {
  externalOrderId: string;
  ok: boolean;
  error?: string;
  pending?: { ref: string; checkInMs: number };
};

export interface ChannelAdapter {
  /** Orders changed since `cursor` (undefined: the first pull's window), one page per call. */
  pullPage(cursor: string | undefined): Promise<PullPage>;
  /** Tells the channel we have the orders, before its acknowledgement deadline. */
  acknowledge(externalOrderIds: string[]): Promise<AckResult[]>;
  /** Channels that confirm acknowledgements later: the verdict on earlier `pending` results. */
  checkAcknowledgements?(pending: { externalOrderId: string; ref: string }[]): Promise<AckResult[]>;
  /** Reports one package's carrier and tracking; returns the channel's reference for corrections. */
  confirmShipment(c: ShipmentConfirmation): Promise<{ remoteRef?: string }>;
  /** Channels that report their fees (issue 20): what they charged on one order, as far as known now. */
  orderFees?(q: FeeQuery): Promise<FeeReport>;
}

/** The order whose fees are asked for; the channel's own id is what real channels use. */
export type FeeQuery = { externalOrderId: string; currency: string; totalMinor: number; shippingChargedMinor: number };
/**
 * `reported`: the fees the channel charged (positive = charged to us, minor units of the order's
 * currency; an empty list is a reported zero). `pending`: not known yet (Amazon posts fees when the
 * shipment is confirmed), ask again later. `not_reported`: this channel will not say (a payment not
 * taken by Shopify Payments).
 */
export type FeeReport =
  | { status: "reported"; fees: { type: string; amountMinor: number }[] }
  | { status: "pending"; why: string }
  | { status: "not_reported"; why: string };

/**
 * A refusal or failure from a vendor. `retryable` errors (throttling, 5xx, network) are retried
 * with backoff by the caller; others (bad credentials, invalid request) need a person.
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

/** What adapters may be given instead of the globals, so tests can run them on a virtual clock. */
export type AdapterDeps = {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
