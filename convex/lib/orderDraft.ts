/**
 * The checks on an order's own fields, pure and keyed by the server's paths ("customer.email",
 * "lines.0.quantity", "shipTo.postalCode"): model/orders/create.ts refuses with them (and adds what
 * needs the database: the products, the original order, the pickup store), and the new-order form
 * runs them on what it parsed before it sends, so the two say the same thing about the same field.
 */
import { addressErrors, isEmail, type AddressInput } from "./address";
import {
  firstDuplicate,
  MAX_LINE_QUANTITY,
  MAX_MONEY_MINOR,
  MAX_ORDER_LINES,
  MAX_TOTAL_MINOR,
  noteProblem,
  numberProblem,
  stringProblem,
  type StringKind,
} from "./bounds";

/** An order as the checks see it (numbers a form could not read are NaN). */
export type OrderFields = {
  kind: string;
  customer: { name: string; email: string; phone?: string };
  shipTo: AddressInput;
  lines: { productId: string; quantity: number; unitPriceMinor: number }[];
  priority?: number;
  notes?: string;
  originalOrderId?: string;
  shippingChargedMinor?: number;
  shipBy?: number;
  placedAt?: number;
  externalId?: string;
  channel?: string;
  billingCountry?: string;
};

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Why a shipping charge cannot be taken, or undefined: whole minor units, zero or more, within one
 * amount's bound, and the order's total with it still within the total's bound (lines + shipping).
 */
export function shippingChargeProblem(minor: number, linesTotal: number): string | undefined {
  if (!Number.isSafeInteger(minor) || minor < 0) return "Shipping charged is a whole amount of zero or more.";
  if (minor > MAX_MONEY_MINOR) return "That shipping charge is too large.";
  if (linesTotal + minor > MAX_TOTAL_MINOR) return "The order total with shipping is too large.";
  return undefined;
}

/** Why a product cannot be on an order in another currency (an order has one). */
export const currencyMismatch = (p: { sku: string; currency: string }, orderCurrency: string) =>
  `${p.sku} is priced in ${p.currency}, but this order is in ${orderCurrency}; an order has one currency.`;

/** One line's problems, and the running total with it (checked before it is computed). */
function lineErrors(e: Record<string, string>, lines: OrderFields["lines"]): number {
  let total = 0;
  for (const [i, line] of lines.entries()) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0)
      e[`lines.${i}.quantity`] = "Quantity must be a whole number above zero.";
    else if (line.quantity > MAX_LINE_QUANTITY)
      e[`lines.${i}.quantity`] = `At most ${fmt(MAX_LINE_QUANTITY)} units on one line.`;
    if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0)
      e[`lines.${i}.unitPriceMinor`] = "Price must be zero or more.";
    else if (line.unitPriceMinor > MAX_MONEY_MINOR) e[`lines.${i}.unitPriceMinor`] = "That price is too large.";
    else if (!e[`lines.${i}.quantity`]) {
      total += line.unitPriceMinor * line.quantity;
      if (total > MAX_TOTAL_MINOR) e[`lines.${i}.unitPriceMinor`] = "The order total is too large.";
    }
  }
  return total;
}

/**
 * Field → sentence for an order's own fields; empty when the database checks may run. A keyed-in
 * address is checked here (a channel's bad address becomes an address hold instead), and a keyed-in
 * order names each product once (channel orders keep the channel's own lines).
 */
export function orderFieldErrors(d: OrderFields): Record<string, string> {
  const e: Record<string, string> = d.kind === "channel" ? {} : addressErrors(d.shipTo);
  if (!d.customer.name.trim()) e["customer.name"] = "Customer name is required.";
  if (!isEmail(d.customer.email)) e["customer.email"] = `"${d.customer.email}" is not an email address.`;
  if (d.lines.length === 0) e.lines = "Add at least one line.";
  if (d.lines.length > MAX_ORDER_LINES) e.lines = `An order can have at most ${MAX_ORDER_LINES} lines.`;
  if (d.priority !== undefined && (!Number.isInteger(d.priority) || d.priority < 0 || d.priority > 2))
    e.priority = "Priority is 0 (normal), 1 (high) or 2 (urgent).";
  const notes = noteProblem(d.notes, "notes");
  if (notes) e.notes = notes;
  if (d.kind === "replacement" && !d.originalOrderId) e.originalOrderId = "A replacement must name the original order.";
  if (d.kind !== "replacement" && d.originalOrderId)
    e.originalOrderId = "Only replacement orders reference an original order.";
  // Text and dates are bounded here as well as at the public edge: channel and CSV orders reach
  // the server's check from internal mutations.
  const text: [string, string | undefined, StringKind][] = [
    ["customer.name", d.customer.name, "name"],
    ["customer.email", d.customer.email, "email"],
    ["customer.phone", d.customer.phone, "phone"],
    ["shipTo.name", d.shipTo.name, "name"],
    ["shipTo.company", d.shipTo.company, "name"],
    ["shipTo.line1", d.shipTo.line1, "address"],
    ["shipTo.line2", d.shipTo.line2, "address"],
    ["shipTo.city", d.shipTo.city, "address"],
    ["shipTo.region", d.shipTo.region, "address"],
    ["shipTo.postalCode", d.shipTo.postalCode, "address"],
    ["shipTo.country", d.shipTo.country, "code"],
    ["externalId", d.externalId, "code"],
    ["channel", d.channel, "code"],
    ["billingCountry", d.billingCountry, "code"],
  ];
  for (const [field, value, kind] of text) {
    const p = value === undefined ? undefined : stringProblem(value, kind);
    if (p) e[field] = p;
  }
  for (const [field, value] of [
    ["shipBy", d.shipBy],
    ["placedAt", d.placedAt],
  ] as const) {
    const p = value === undefined ? undefined : numberProblem(value, "date");
    if (p) e[field] = p;
  }
  if (d.kind !== "channel") {
    const ids = d.lines.map((l) => l.productId);
    const dup = firstDuplicate(ids.filter(Boolean));
    if (dup !== undefined)
      e[`lines.${ids.lastIndexOf(dup)}.productId`] =
        "This product is already on the order; raise that line's quantity instead.";
  }
  const total = lineErrors(e, d.lines);
  if (d.shippingChargedMinor !== undefined) {
    const p = shippingChargeProblem(d.shippingChargedMinor, total);
    if (p) e.shippingChargedMinor = p;
  }
  return e;
}
