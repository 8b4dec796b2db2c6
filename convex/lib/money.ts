/**
 * Money is an integer number of minor units (cents, pence) with an ISO 4217 code.
 * No floats ever carry money through the system.
 */
import { checkedProduct, MAX_TOTAL_MINOR } from "./bounds";

export const CURRENCIES = ["USD", "CAD", "GBP", "EUR"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Minor units per major unit; every supported currency has two decimals. */
const EXPONENT: Record<Currency, number> = { USD: 2, CAD: 2, GBP: 2, EUR: 2 };

export function isCurrency(code: string): code is Currency {
  return (CURRENCIES as readonly string[]).includes(code);
}
/** Unit price × quantity, exact in minor units; refused (typed) beyond MAX_TOTAL_MINOR. */
export function lineTotal(unitPriceMinor: number, quantity: number): number {
  return checkedProduct(unitPriceMinor, quantity, MAX_TOTAL_MINOR, "That line's total");
}

/** Parses "12.34" (or "12") into minor units; undefined when the text is not an amount. */
export function parseMajor(text: string, currency: Currency): number | undefined {
  const exp = EXPONENT[currency];
  const m = /^\s*(-)?(\d{1,12})(?:[.,](\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? "";
  if (frac.length > exp) return undefined;
  const minor = Number(m[2]) * 10 ** exp + Number(frac.padEnd(exp, "0") || "0");
  return m[1] ? -minor : minor;
}

export function formatMoney(minor: number, currency: string): string {
  const exp = isCurrency(currency) ? EXPONENT[currency] : 2;
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    }).format(minor / 10 ** exp);
  } catch {
    return `${(minor / 10 ** exp).toFixed(exp)} ${currency}`;
  }
}
