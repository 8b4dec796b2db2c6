/**
 * Demo exceptions for the offline runtime (the lead wires `seedExceptions` from convex/seed.ts,
 * after products and stock exist): one order of each kind of hold — awaiting payment, a bad
 * channel address, a fraud review with its fired rules, a carrier's address suggestion — and a
 * confirmed order with a delivery note. Realistic content only: hostile inputs (markup in names
 * and notes) belong in tests (convex/holds.seed.test.ts checks their escaping).
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { createOrder, type OrderDraft } from "../orders/create";
import { raiseHold } from "../holds/holds";
import { SYSTEM } from "../audit/record";
import { rowsBy } from "../rows";

const shipTo = {
  name: "Grace Hopper",
  line1: "500 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
  phone: "+14155550100",
};
const CUSTOMERS = [
  { name: "Grace Hopper", email: "grace.hopper@example.com" },
  { name: "Marcus Reed", email: "marcus.reed@example.com" },
  { name: "Elena Petrova", email: "elena.petrova@example.com" },
  { name: "Jamal Wright", email: "jamal.wright@example.com" },
  { name: "Ada Lovelace", email: "ada.lovelace@example.com", phone: "+14155550199" },
];

export async function seedExceptions(ctx: MutationCtx) {
  const products = (await rowsBy(ctx, "products", "by_active_and_nameLower", true, { limit: 100 }))
    .filter((p) => p.currency === "USD")
    .slice(0, 2);
  if (products.length === 0) return [];
  // Idempotent: the demo seed and the browser journeys may both ask for these orders.
  const already = await ctx.db
    .query("orders")
    .withIndex("by_channel_and_externalId", (q) => q.eq("channel", "shopify").eq("externalId", "SH-99001"))
    .unique();
  if (already) return [];
  const line = (i: number, quantity = 1, unitPriceMinor?: number) => ({
    productId: products[i % products.length]._id as Id<"products">,
    quantity,
    unitPriceMinor: unitPriceMinor ?? products[i % products.length].priceMinor,
  });
  const base = (n: number, over: Partial<OrderDraft>): OrderDraft => ({
    kind: "channel",
    channel: "shopify",
    externalId: `SH-9900${n}`,
    customer: CUSTOMERS[(n - 1) % CUSTOMERS.length],
    shipTo: { ...shipTo, name: CUSTOMERS[(n - 1) % CUSTOMERS.length].name },
    currency: "USD",
    lines: [line(n)],
    ...over,
  });
  const created = [];
  created.push(await createOrder(ctx, SYSTEM, base(1, { paymentStatus: "pending" })));
  created.push(
    await createOrder(ctx, SYSTEM, base(2, { shipTo: { ...shipTo, postalCode: "9410", line1: "1 Infinite Lp" } })),
  );
  created.push(await createOrder(ctx, SYSTEM, base(3, { billingCountry: "GB", lines: [line(3, 1, 180_000)] })));
  const suggested = await createOrder(ctx, SYSTEM, base(4, { shipTo: { ...shipTo, line1: "500 Market" } }));
  await raiseHold(ctx, SYSTEM, {
    orderId: suggested.orderId,
    type: "address",
    reason: "EasyPost suggests a corrected address",
    detail: "Demo: a carrier standardized the street and ZIP+4.",
    suggestion: { ...shipTo, line1: "500 MARKET ST", postalCode: "94105-2301", city: "SAN FRANCISCO" },
  });
  created.push(suggested);
  created.push(await createOrder(ctx, SYSTEM, base(5, { notes: "Please leave the parcel with the concierge." })));
  return created.map((c) => c.number);
}
