/**
 * Creating an order: every check runs before the first write, so a refused order writes nothing.
 */
import { newLineQuantities } from "../../lib/lines";
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { addressErrors, isEmail, normalizePostalCode } from "../../lib/address";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { lineTotal } from "../../lib/money";
import {
  checkedSum,
  firstDuplicate,
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  MAX_MONEY_MINOR,
  MAX_TOTAL_MINOR,
  numberProblem,
  STRING_LIMITS,
  stringProblem,
  type StringKind,
} from "../../lib/bounds";
import type { ManualOrderInput } from "./tables";
import type { Finding, PaymentStatus } from "../../lib/validation/types";
import { appendOrderEvent } from "./transition";
import { validateNewOrder } from "../holds/validate";
import { orderSearchText } from "../../lib/search";
import { checkPickupStore, createPickupRow } from "../pickup/record";
import type { ActorOrSystem } from "../audit/record";

/**
 * Why a shipping charge cannot be taken, or undefined: whole minor units, zero or more, within one
 * amount's bound, and the order's total with it still within the total's bound (lines + shipping).
 */
export function shippingChargeProblem(minor: number, linesTotal: number): string | undefined {
  if (!Number.isSafeInteger(minor) || minor < 0) return "Shipping charged is a whole amount of zero or more.";
  if (minor > MAX_MONEY_MINOR) return `At most ${MAX_MONEY_MINOR.toLocaleString("en-US")} minor units.`;
  if (linesTotal + minor > MAX_TOTAL_MINOR) return "The order total with shipping is too large.";
  return undefined;
}

/** Next human-friendly number for a counter, e.g. SO-100042. */
export async function nextNumber(ctx: MutationCtx, name: string, prefix: string, start = 100001) {
  const row = await ctx.db
    .query("counters")
    .withIndex("by_name", (q) => q.eq("name", name))
    .unique();
  const value = row ? row.value + 1 : start;
  if (row) await ctx.db.patch("counters", row._id, { value });
  else await ctx.db.insert("counters", { name, value });
  return `${prefix}-${value}`;
}

export type OrderDraft = Omit<ManualOrderInput, "kind"> & {
  kind: Doc<"orders">["kind"];
  channel: string;
  externalId?: string;
  placedAt?: number;
  /** Channel orders say whether they are paid; manual orders are treated as paid. */
  paymentStatus?: PaymentStatus;
  billingCountry?: string;
  /** Holds the importer already knows are due (a channel pickup location mapped to no store); validation adds its own. */
  findings?: Finding[];
};

/** Validates a draft against the catalog; returns field errors and the resolved products. */
async function checkDraft(ctx: MutationCtx, d: OrderDraft) {
  // A keyed-in address is corrected on the spot; a channel's bad address becomes an address hold.
  const e: Record<string, string> = d.kind === "channel" ? {} : addressErrors(d.shipTo);
  if (!d.customer.name.trim()) e["customer.name"] = "Customer name is required.";
  if (!isEmail(d.customer.email)) e["customer.email"] = `"${d.customer.email}" is not an email address.`;
  if (d.lines.length === 0) e.lines = "Add at least one line.";
  if (d.lines.length > MAX_ORDER_LINES) e.lines = `An order can have at most ${MAX_ORDER_LINES} lines.`;
  if (d.priority !== undefined && (!Number.isInteger(d.priority) || d.priority < 0 || d.priority > 2))
    e.priority = "Priority is 0 (normal), 1 (high) or 2 (urgent).";
  if (d.notes && d.notes.length > STRING_LIMITS.note) e.notes = "Keep notes under 2,000 characters.";
  if (d.kind === "replacement" && !d.originalOrderId) e.originalOrderId = "A replacement must name the original order.";
  if (d.kind !== "replacement" && d.originalOrderId)
    e.originalOrderId = "Only replacement orders reference an original order.";
  const products = new Map<Id<"products">, Doc<"products">>();
  // Text, dates and money are bounded here as well as at the public edge: channel and CSV orders
  // reach this function from internal mutations.
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
  // A keyed-in order names each product once; channel orders keep the channel's own lines.
  if (d.kind !== "channel") {
    const dup = firstDuplicate(d.lines.map((l) => l.productId));
    if (dup !== undefined)
      e[`lines.${d.lines.findLastIndex((l) => l.productId === dup)}.productId`] =
        "This product is already on the order; raise that line's quantity instead.";
  }
  let total = 0;
  for (const [i, line] of d.lines.entries()) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0)
      e[`lines.${i}.quantity`] = "Quantity must be a whole number above zero.";
    else if (line.quantity > MAX_LINE_QUANTITY)
      e[`lines.${i}.quantity`] = `At most ${MAX_LINE_QUANTITY.toLocaleString("en-US")} units on one line.`;
    if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0)
      e[`lines.${i}.unitPriceMinor`] = "Price must be zero or more.";
    else if (line.unitPriceMinor > MAX_MONEY_MINOR)
      e[`lines.${i}.unitPriceMinor`] = `At most ${MAX_MONEY_MINOR.toLocaleString("en-US")} minor units.`;
    // The total is checked before it is computed: each line's product, then the running sum.
    else if (!e[`lines.${i}.quantity`]) {
      total += line.unitPriceMinor * line.quantity;
      if (total > MAX_TOTAL_MINOR) e[`lines.${i}.unitPriceMinor`] = "The order total is too large.";
    }
    const product = products.get(line.productId) ?? (await ctx.db.get("products", line.productId));
    if (!product) {
      e[`lines.${i}.productId`] = "Unknown product.";
      continue;
    }
    products.set(product._id, product);
    if (!product.active) e[`lines.${i}.productId`] = `${product.sku} is deactivated and cannot be ordered.`;
    else if (product.currency !== d.currency) {
      e[`lines.${i}.productId`] =
        `${product.sku} is priced in ${product.currency}, but this order is in ${d.currency}; an order has one currency.`;
    }
  }
  if (d.originalOrderId) {
    const original = await ctx.db.get("orders", d.originalOrderId);
    if (!original) e.originalOrderId = "The original order does not exist.";
  }
  if (d.shippingChargedMinor !== undefined) {
    const p = shippingChargeProblem(d.shippingChargedMinor, total);
    if (p) e.shippingChargedMinor = p;
  }
  if (d.pickupStoreId) {
    const problem = await checkPickupStore(ctx, d.pickupStoreId);
    if (problem) e.pickupStoreId = problem;
  }
  return { errors: e, products };
}

/**
 * Creates an order in `pending`, then moves it to `ready` (it passed validation) in the same
 * transaction. Returns the new order's id and number.
 */
export async function createOrder(ctx: MutationCtx, actor: ActorOrSystem, d: OrderDraft) {
  const { errors, products } = await checkDraft(ctx, d);
  throwIfFieldErrors(errors);
  if (d.externalId) {
    const existing = await ctx.db
      .query("orders")
      .withIndex("by_channel_and_externalId", (q) => q.eq("channel", d.channel).eq("externalId", d.externalId))
      .unique();
    if (existing)
      throw appError(
        "DUPLICATE",
        `Order ${d.externalId} from ${d.channel} was already imported as ${existing.number}.`,
      );
  }
  const number = await nextNumber(ctx, "order", "SO");
  const totalMinor = checkedSum(d.lines.map((l) => lineTotal(l.unitPriceMinor, l.quantity)));
  const shipTo = {
    ...d.shipTo,
    country: d.shipTo.country.trim().toUpperCase(),
    postalCode: normalizePostalCode(d.shipTo.country.trim().toUpperCase(), d.shipTo.postalCode),
  };
  const customer = { ...d.customer, name: d.customer.name.trim(), email: d.customer.email.trim().toLowerCase() };
  const searchLines = d.lines.map((l) => products.get(l.productId)!);
  const orderId = await ctx.db.insert("orders", {
    number,
    kind: d.kind,
    channel: d.channel,
    externalId: d.externalId,
    originalOrderId: d.originalOrderId,
    customer,
    shipTo,
    currency: d.currency,
    totalMinor,
    status: "pending",
    priority: d.priority ?? 0,
    shipBy: d.shipBy,
    notes: d.notes?.trim() || undefined,
    placedAt: d.placedAt ?? Date.now(),
    createdBy: actor?.id,
    paymentStatus: d.paymentStatus,
    billingCountry: d.billingCountry?.trim().toUpperCase() || undefined,
    searchText: orderSearchText({ number, customer, lines: searchLines }),
    pickupStoreId: d.pickupStoreId,
    shippingChargedMinor: d.shippingChargedMinor || undefined,
  });
  for (const line of d.lines) {
    const product = products.get(line.productId)!;
    await ctx.db.insert("orderLines", {
      orderId,
      productId: line.productId,
      sku: product.sku,
      name: product.name,
      unitPriceMinor: line.unitPriceMinor,
      ...newLineQuantities(line.quantity),
    });
  }
  await appendOrderEvent(ctx, actor, orderId, {
    kind: "created",
    to: "pending",
    reason: `${d.kind} order ${number} with ${d.lines.length} line(s)`,
  });
  if (d.pickupStoreId)
    await createPickupRow(ctx, actor, {
      orderId,
      number,
      storeId: d.pickupStoreId,
      customerName: d.customer.name.trim(),
    });
  // Passing orders go ready and allocate in this transaction; failing ones go on hold (issue 10).
  await validateNewOrder(ctx, actor, orderId, d.findings);
  return { orderId, number };
}
