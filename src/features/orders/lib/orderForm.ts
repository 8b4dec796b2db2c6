/**
 * The new-order form's values, its zod schema and the conversion to the server's input.
 * Address checks are convex/lib/address.ts's addressErrors and the other sentences match
 * convex/model/orders/create.ts, so the form and the server say the same thing, keyed by the same
 * paths ("shipTo.postalCode", "lines.0.quantity", "customer.email").
 */
import { z } from "zod";
import type { Id } from "../../../../convex/_generated/dataModel";
import { addressErrors, isEmail } from "../../../../convex/lib/address";
import { CURRENCIES, parseMajor, type Currency } from "../../../../convex/lib/money";
import {
  MAX_LINE_QUANTITY,
  MAX_MONEY_MINOR,
  MAX_TOTAL_MINOR,
  STRING_LIMITS,
  stringProblem,
  type StringKind,
} from "../../../../convex/lib/bounds";
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

/** The schema: structure from zod, every business sentence from the shared checks. */
export function orderFormSchema(original: OriginalLookup) {
  return vValues
    .superRefine((v, ctx) => {
      const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: path.split("."), message });
      if (!v.customer.name.trim()) add("customer.name", "Customer name is required.");
      const email = v.customer.email.trim();
      if (!email) add("customer.email", "Email is required.");
      else if (!isEmail(email)) add("customer.email", `"${v.customer.email}" is not an email address.`);
      if (v.customer.phone.length > STRING_LIMITS.phone)
        add("customer.phone", "Keep the phone number under 40 characters.");
      // The same text limits as the server (lib/bounds), per kind of field.
      const text: [string, string, StringKind][] = [
        ["customer.name", v.customer.name, "name"],
        ["customer.email", v.customer.email, "email"],
        ["shipTo.name", v.shipTo.name, "name"],
        ["shipTo.company", v.shipTo.company, "name"],
        ["shipTo.line1", v.shipTo.line1, "address"],
        ["shipTo.line2", v.shipTo.line2, "address"],
        ["shipTo.city", v.shipTo.city, "address"],
        ["shipTo.region", v.shipTo.region, "address"],
        ["shipTo.postalCode", v.shipTo.postalCode, "address"],
      ];
      for (const [path, value, kind] of text) {
        const p = stringProblem(value, kind);
        if (p) add(path, p);
      }
      for (const [path, message] of Object.entries(addressErrors(shipToOf(v)))) add(path, message);
      if (v.kind === "replacement") {
        const n = v.originalNumber.trim();
        if (!n) add("originalOrderId", "A replacement must name the original order.");
        else if (original === undefined) add("originalOrderId", "Looking up the original order…");
        else if (original === null) add("originalOrderId", `No order has the number “${n}”.`);
      }
      if (v.lines.length === 0) add("lines", "Add at least one line.");
      if (v.lines.length > 200) add("lines", "An order can have at most 200 lines.");
      v.lines.forEach((line, i) => {
        if (!line.productId) add(`lines.${i}.productId`, "Choose a product.");
        else if (line.productCurrency && line.productCurrency !== v.currency) {
          add(
            `lines.${i}.productId`,
            `${line.productSku} is priced in ${line.productCurrency}, but this order is in ${v.currency}; an order has one currency.`,
          );
        }
        const qty = Number(line.quantity.trim());
        if (!line.quantity.trim() || !/^\d+$/.test(line.quantity.trim()) || !Number.isInteger(qty) || qty <= 0) {
          add(`lines.${i}.quantity`, "Quantity must be a whole number above zero.");
        } else if (qty > MAX_LINE_QUANTITY)
          add(`lines.${i}.quantity`, `At most ${MAX_LINE_QUANTITY.toLocaleString("en-US")} units on one line.`);
        const price = parseMajor(line.unitPrice, v.currency);
        if (!line.unitPrice.trim()) add(`lines.${i}.unitPriceMinor`, "Enter a unit price.");
        else if (price === undefined) add(`lines.${i}.unitPriceMinor`, "Enter an amount like 12.50.");
        else if (price < 0) add(`lines.${i}.unitPriceMinor`, "Price must be zero or more.");
        else if (price > MAX_MONEY_MINOR) add(`lines.${i}.unitPriceMinor`, "That price is too large.");
      });
      if (v.shipBy && endOfLocalDay(v.shipBy) === undefined) add("shipBy", "Enter a date.");
      if (v.notes.length > STRING_LIMITS.note) add("notes", "Keep notes under 2,000 characters.");
      if (orderTotalMinor(v) === undefined) add("lines", "The order total is too large.");
      const shipping = shippingChargedMinor(v);
      if (shipping === null) add("shippingChargedMinor", "Enter an amount like 4.99, or leave it empty.");
      else if (shipping !== undefined && shipping > MAX_MONEY_MINOR)
        add("shippingChargedMinor", "That shipping charge is too large.");
      else if (shipping !== undefined && (orderTotalMinor(v) ?? 0) + shipping > MAX_TOTAL_MINOR)
        add("shippingChargedMinor", "The order total with shipping is too large.");
      const seen = new Set<string>();
      v.lines.forEach((line, i) => {
        if (line.productId && seen.has(line.productId))
          add(`lines.${i}.productId`, "This product is already on the order; raise that line's quantity instead.");
        seen.add(line.productId);
      });
    })
    .transform((v): ManualOrderInput => {
      const phone = opt(v.customer.phone);
      return {
        kind: v.kind,
        originalOrderId: v.kind === "replacement" && original ? original._id : undefined,
        customer: { name: v.customer.name.trim(), email: v.customer.email.trim(), phone },
        shipTo: shipToOf(v, phone),
        currency: v.currency as Currency,
        lines: v.lines.map((l) => ({
          productId: l.productId as Id<"products">,
          quantity: Number(l.quantity.trim()),
          unitPriceMinor: parseMajor(l.unitPrice, v.currency)!,
        })),
        shipBy: v.shipBy ? endOfLocalDay(v.shipBy) : undefined,
        priority: Number(v.priority),
        notes: opt(v.notes),
        shippingChargedMinor: shippingChargedMinor(v) || undefined,
      };
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
