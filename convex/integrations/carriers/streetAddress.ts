/**
 * The address object EasyPost and Shippo share (`street1`/`street2`, `state`, `zip`), both ways:
 * what their label adapters and address verifiers send, and a standardized address they answer
 * read back onto ours. ShipStation (ShipEngine) has its own shape, in its adapter.
 */
import type { CarrierAddress } from "./types";

/** The vendor's fields; a verifier's answer may leave any of them null. */
export type StreetAddress = {
  street1?: string | null;
  street2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country?: string | null;
};

export const toStreetAddress = (a: CarrierAddress) => ({
  name: a.name,
  company: a.company,
  street1: a.line1,
  street2: a.line2,
  city: a.city,
  state: a.region,
  zip: a.postalCode,
  country: a.country,
  phone: a.phone,
});

/** The vendor's standardized address as ours: what it leaves blank stays ours, except line 2 (it may drop it). */
export const fromStreetAddress = (ours: CarrierAddress, s: StreetAddress): CarrierAddress => ({
  ...ours,
  line1: s.street1 || ours.line1,
  line2: s.street2 || undefined,
  city: s.city || ours.city,
  region: s.state || ours.region,
  postalCode: s.zip || ours.postalCode,
  country: (s.country || ours.country).toUpperCase(),
});
