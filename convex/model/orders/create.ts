/**
 * Creating an order: every check runs before the first write, so a refused order writes nothing.
 */
import { newLineQuantities } from "../../lib/lines";
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { normalizePostalCode } from "../../lib/address";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { lineTotal } from "../../lib/money";
import { checkedSum } from "../../lib/bounds";
import { currencyMismatch, orderFieldErrors } from "../../lib/orderDraft";
import type { ManualOrderInput } from "./tables";
import type { Finding, PaymentStatus } from "../../lib/validation/types";
import { appendOrderEvent } from "./transition";
import { validateNewOrder } from "../holds/validate";
import { orderSearchText } from "../../lib/search";
import { checkPickupStore, createPickupRow } from "../pickup/record";
import type { ActorOrSystem } from "../audit/record";
import { rowBy } from "../rows";
import { countOf } from "../../lib/count";

/** Next human-friendly number for a counter, e.g. SO-100042. */
export async function nextNumber(ctx: MutationCtx, name: string, prefix: string, start = 100001) {
  const row = await rowBy(ctx, "counters", "by_name", name);
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

/** Validates a draft: its own fields (lib/orderDraft.ts), then the catalog, the original order and the store. */
async function checkDraft(ctx: MutationCtx, d: OrderDraft) {
  const e = orderFieldErrors(d);
  const products = new Map<Id<"products">, Doc<"products">>();
  for (const [i, line] of d.lines.entries()) {
    const product = products.get(line.productId) ?? (await ctx.db.get("products", line.productId));
    if (!product) {
      e[`lines.${i}.productId`] = "Unknown product.";
      continue;
    }
    products.set(product._id, product);
    if (!product.active) e[`lines.${i}.productId`] = `${product.sku} is deactivated and cannot be ordered.`;
    else if (product.currency !== d.currency) e[`lines.${i}.productId`] = currencyMismatch(product, d.currency);
  }
  if (d.originalOrderId) {
    const original = await ctx.db.get("orders", d.originalOrderId);
    if (!original) e.originalOrderId = "The original order does not exist.";
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
    reason: `${d.kind} order ${number} with ${countOf(d.lines.length, "line")}`,
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
