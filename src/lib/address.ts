/** An address as forms hold it (text per part), its zod shape, and the one conversion to what the server takes. */
import { z } from "zod";
import type { AddressInput } from "../../convex/lib/address";

/** The parts of an address as a form holds them: every part text. */
export const vAddressDraft = z.object({
  name: z.string(),
  company: z.string(),
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
});
export const ADDRESS_KEYS = ["name", "company", "line1", "line2", "city", "region", "postalCode", "country"] as const;
export type AddressKey = (typeof ADDRESS_KEYS)[number];
export type AddressDraft = Partial<Record<AddressKey, string>> & { country: string };

/** The address with every text trimmed and empty optional parts left out, country upper-cased. */
export function trimmedAddress<P>(a: AddressDraft, extra: P) {
  const opt = (s: string | undefined) => s?.trim() || undefined;
  return {
    name: a.name?.trim() ?? "",
    company: opt(a.company),
    line1: a.line1?.trim() ?? "",
    line2: opt(a.line2),
    city: a.city?.trim() ?? "",
    region: opt(a.region),
    postalCode: a.postalCode?.trim() ?? "",
    country: a.country.trim().toUpperCase(),
    ...extra,
  };
}

/** The street parts of a stored address as a form holds them: every part text, a missing optional part empty. */
export function streetDraftOf(a: Omit<AddressInput, "name" | "company" | "phone">) {
  return {
    line1: a.line1,
    line2: a.line2 ?? "",
    city: a.city,
    region: a.region ?? "",
    postalCode: a.postalCode,
    country: a.country,
  };
}
