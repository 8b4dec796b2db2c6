/**
 * Postal address checks, pure. Used by the order form (client, as zod refinement) and by the
 * server before anything is written, so both say the same sentence for the same mistake.
 */
export type AddressInput = {
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

/** Countries we check postal codes for, with the format a person can read. */
export const POSTAL_FORMATS: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "12345 or 12345-6789" },
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: "K1A 0B1" },
  GB: {
    pattern:
      /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i,
    example: "SW1A 1AA",
  },
  DE: { pattern: /^\d{5}$/, example: "10115" },
  NL: { pattern: /^[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}$/i, example: "1012 AB" },
  FR: { pattern: /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/, example: "75008" },
};

/** ISO 3166-1 alpha-2 codes we ship to. */
export const COUNTRIES: Record<string, string> = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  DE: "Germany",
  NL: "Netherlands",
  FR: "France",
  BE: "Belgium",
  ES: "Spain",
  IT: "Italy",
  AU: "Australia",
};

/** US states and Canadian provinces are required; elsewhere the region is optional. */
const REGION_REQUIRED = new Set(["US", "CA"]);

export function normalizePostalCode(country: string, code: string): string {
  const c = code.trim().toUpperCase().replace(/\s+/g, " ");
  if (country === "CA" || country === "GB" || country === "NL") {
    const compact = c.replace(/ /g, "");
    const inward = country === "NL" ? 2 : 3;
    return compact.length > inward ? `${compact.slice(0, -inward)} ${compact.slice(-inward)}` : compact;
  }
  return c;
}

/** An address's city line: "Oakland, CA 94607" (no region: "London SW1A 1AA"). */
export const cityLine = (a: { city: string; region?: string; postalCode: string }) =>
  `${a.city}${a.region ? `, ${a.region}` : ""} ${a.postalCode}`.trim();

/** The street lines and the city line of an address, empty ones left out: what a label or a message prints. */
export const streetLines = (a: { line1: string; line2?: string; city: string; region?: string; postalCode: string }) =>
  [a.line1, a.line2, cityLine(a)].filter((x): x is string => !!x?.trim());

/** An address on one line, for a sentence or a trail: "12 Pier Road, Oakland, CA 94607, US". */
export const addressOneLine = (a: AddressInput) => [...streetLines(a), a.country].join(", ");

/** An email address as every form, import and server check takes it: name@domain.tld, no spaces. */
export const isEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(text.trim());
/** Address text with case, spaces and punctuation folded away, to tell whether two addresses are the same. */
export const foldAddressText = (s: string | undefined | null) =>
  (s ?? "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
/** An ISO 3166 alpha-2 country code's shape ("US", "GB"): a postcode row's or a shipping rule's country. */
export const isCountryCode = (text: string) => /^[A-Z]{2}$/.test(text);
/** A web address: http or https, no spaces (the tracking page a customer message links to). */
export const isWebAddress = (text: string) => /^https?:\/\/[^\s]+$/.test(text.trim());
/** What a form says of an optional email address that is not one. */
export const EMAIL_PROBLEM = "Enter an email address like ops@example.com.";

/**
 * Returns field → message for every problem found, keyed by `${prefix}.${field}`. Empty when valid.
 */
export function addressErrors(a: AddressInput, prefix = "shipTo"): Record<string, string> {
  const e: Record<string, string> = {};
  const req = (field: keyof AddressInput, label: string) => {
    const value = a[field];
    if (typeof value !== "string" || value.trim() === "") e[`${prefix}.${field}`] = `${label} is required.`;
  };
  req("name", "Recipient name");
  req("line1", "Street address");
  req("city", "City");
  req("country", "Country");
  req("postalCode", "Postal code");
  const country = (a.country ?? "").trim().toUpperCase();
  if (country && !COUNTRIES[country])
    e[`${prefix}.country`] = `We do not ship to "${a.country}"; choose a country from the list.`;
  if (COUNTRIES[country] && REGION_REQUIRED.has(country) && !(a.region ?? "").trim()) {
    e[`${prefix}.region`] =
      country === "US" ? "State is required for US addresses." : "Province is required for Canadian addresses.";
  }
  const fmt = POSTAL_FORMATS[country];
  if (fmt && (a.postalCode ?? "").trim() && !fmt.pattern.test(a.postalCode.trim())) {
    e[`${prefix}.postalCode`] =
      `"${a.postalCode}" is not a valid ${COUNTRIES[country]} postal code (e.g. ${fmt.example}).`;
  }
  for (const f of ["name", "line1", "line2", "city", "company"] as const) {
    if ((a[f] ?? "").length > 120) e[`${prefix}.${f}`] = "Keep this under 120 characters.";
  }
  return e;
}
