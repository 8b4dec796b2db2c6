/**
 * The new-order form's values, its zod schema and the conversion to the server's input. The
 * business checks are the server's own (`orderFieldErrors`, convex/lib/orderDraft.ts), so the form
 * and the server say the same thing, keyed by the same paths ("shipTo.postalCode",
 * "lines.0.quantity", "customer.email").
 */
import { z } from "zod";
import type { Id } from "../../../../convex/_generated/dataModel";
import { CURRENCIES, parseMajor, type Currency } from "../../../../convex/lib/money";
import { MAX_LINE_QUANTITY, MAX_MONEY_MINOR, MAX_TOTAL_MINOR } from "../../../../convex/lib/bounds";
import { currencyMismatch, orderFieldErrors } from "../../../../convex/lib/orderDraft";
import { parseWhole } from "../../../lib/useForm";
import type { ManualOrderInput } from "../../../lib/api-types";
import { endOfLocalDay } from "../../../lib/format";
import { trimmedAddress, vAddressDraft } from "../../../lib/address";
import { MANUAL_ORDER_KINDS } from "../../../../convex/lib/orderStatus";

const vLine = z.object({
  key: z.string(),
  productId: z.string(),
  productLabel: z.string(),
  productSku: z.string(),
  productCurrency: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
});
export type LineDraft = z.infer<typeof vLine>;

const vValues = z.object({
  kind: z.enum(MANUAL_ORDER_KINDS),
  originalNumber: z.string(),
  customer: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
  shipTo: vAddressDraft,
  currency: z.enum(CURRENCIES),
  lines: z.array(vLine),
  shipBy: z.string(),
  priority: z.enum(["0", "1", "2"]),
  notes: z.string(),
  /** What the customer pays for shipping (issue 20); empty = nothing charged. */
  shippingCharged: z.string(),
});
export type OrderFormValues = z.infer<typeof vValues>;

/** What the replacement lookup found: undefined while loading, null when there is no such order. */
export type OriginalLookup = { _id: Id<"orders">; number: string } | null | undefined;

let lineSeq = 0;
export function emptyLine(): LineDraft {
  lineSeq += 1;
  return {
    key: `line-${lineSeq}`,
    productId: "",
    productLabel: "",
    productSku: "",
    productCurrency: "",
    quantity: "1",
    unitPrice: "",
  };
}

export function emptyOrderForm(): OrderFormValues {
  return {
    kind: "phone",
    originalNumber: "",
    customer: { name: "", email: "", phone: "" },
    shipTo: { name: "", company: "", line1: "", line2: "", city: "", region: "", postalCode: "", country: "US" },
    currency: "USD",
    lines: [emptyLine()],
    shipBy: "",
    priority: "0",
    notes: "",
    shippingCharged: "",
  };
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

function shipToOf(v: OrderFormValues, phone?: string) {
  return trimmedAddress(v.shipTo, { phone });
}

/**
 * The schema: structure from zod; the form's own parsing sentences ("Enter a unit price.", a
 * replacement's lookup); every business rule from the server's own check (`orderFieldErrors`,
 * convex/lib/orderDraft.ts) run on what the form parsed. A field shows the first problem found.
 */
export function orderFormSchema(original: OriginalLookup) {
  return vValues.transform((v, ctx): ManualOrderInput => {
    const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: path.split("."), message });
    if (!v.customer.email.trim()) add("customer.email", "Email is required.");
    const n = v.originalNumber.trim();
    if (v.kind === "replacement" && n && original === undefined)
      add("originalOrderId", "Looking up the original order…");
    if (v.kind === "replacement" && n && original === null) add("originalOrderId", `No order has the number “${n}”.`);
    v.lines.forEach((line, i) => {
      if (!line.productId) add(`lines.${i}.productId`, "Choose a product.");
      else if (line.productCurrency && line.productCurrency !== v.currency)
        add(
          `lines.${i}.productId`,
          currencyMismatch({ sku: line.productSku, currency: line.productCurrency }, v.currency),
        );
      if (!line.unitPrice.trim()) add(`lines.${i}.unitPriceMinor`, "Enter a unit price.");
      else if (parseMajor(line.unitPrice, v.currency) === undefined)
        add(`lines.${i}.unitPriceMinor`, "Enter an amount like 12.50.");
    });
    if (v.shipBy && endOfLocalDay(v.shipBy) === undefined) add("shipBy", "Enter a date.");
    const shipping = shippingChargedMinor(v);
    if (shipping === null) add("shippingChargedMinor", "Enter an amount like 4.99, or leave it empty.");
    const phone = opt(v.customer.phone);
    const input: ManualOrderInput = {
      kind: v.kind,
      originalOrderId: v.kind === "replacement" && original ? original._id : undefined,
      customer: { name: v.customer.name.trim(), email: v.customer.email.trim(), phone },
      shipTo: shipToOf(v, phone),
      currency: v.currency as Currency,
      lines: v.lines.map((l) => ({
        productId: l.productId as Id<"products">,
        quantity: parseWhole(l.quantity) ?? Number.NaN,
        unitPriceMinor: parseMajor(l.unitPrice, v.currency) ?? Number.NaN,
      })),
      shipBy: v.shipBy ? endOfLocalDay(v.shipBy) : undefined,
      priority: Number(v.priority),
      notes: opt(v.notes),
      shippingChargedMinor: shipping || undefined,
    };
    for (const [path, message] of Object.entries(orderFieldErrors(input))) add(path, message);
    return input;
  });
}

/** The shipping charge in minor units: undefined when empty, null when it is not an amount (or below 0). */
export function shippingChargedMinor(
  v: Pick<OrderFormValues, "shippingCharged" | "currency">,
): number | null | undefined {
  if (!v.shippingCharged.trim()) return undefined;
  const minor = parseMajor(v.shippingCharged, v.currency);
  return minor === undefined || minor < 0 ? null : minor;
}

/**
 * The order total in minor units over the lines that parse, or undefined when it would pass
 * MAX_TOTAL_MINOR (checked before it is computed, as the server does).
 */
export function orderTotalMinor(v: Pick<OrderFormValues, "lines" | "currency">): number | undefined {
  let total = 0;
  for (const l of v.lines) {
    const price = parseMajor(l.unitPrice, v.currency);
    const qty = Number(l.quantity);
    if (price === undefined || price < 0 || !Number.isSafeInteger(qty) || qty <= 0) continue;
    if (price > MAX_MONEY_MINOR || qty > MAX_LINE_QUANTITY || price * qty > MAX_TOTAL_MINOR - total) return undefined;
    total += price * qty;
  }
  return total;
}

export type OrderFormResult = { errors: Record<string, string>; input?: ManualOrderInput };

/** Path → first message for every problem, and the server input when there is none. */
export function validateOrderForm(values: OrderFormValues, original: OriginalLookup): OrderFormResult {
  const result = orderFormSchema(original).safeParse(values);
  if (result.success) return { errors: {}, input: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
  return { errors };
}
