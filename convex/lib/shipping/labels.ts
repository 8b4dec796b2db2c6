/**
 * When a shipment's postage may be bought, pure: the rate shop that buys at once and the purchase
 * itself refuse with the same sentence (model/shipping/rateShop.ts, model/shipping/labels.ts).
 */
import { appError } from "../errors";

/** Refuses (INVALID_TRANSITION) buying labels for a shipment that is neither packed nor shipped. */
export function assertLabelsBuyable(s: { number: string; status: string }) {
  if (s.status !== "packed" && s.status !== "shipped")
    throw appError("INVALID_TRANSITION", `Shipment ${s.number} is ${s.status}; labels are bought once it is packed.`);
}
