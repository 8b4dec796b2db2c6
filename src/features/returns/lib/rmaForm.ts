/**
 * The New RMA form's state and its checks, pure: which lines and how many, a reason each, the
 * expected disposition and the refund policy. `toRmaInput` gives the server's argument or the
 * field errors (keyed like the server's: "lines.0.quantity") so both show in the same place.
 */
import type { Id } from "../../../../convex/_generated/dataModel";
import { MERCHANT_FAULT_REASONS, type ExpectedDisposition, type ReturnReason } from "../../../../convex/lib/returns";
import { parseMajor, type Currency } from "../../../../convex/lib/money";
import { noteProblem } from "../../../../convex/lib/bounds";

/**
 * A refund policy's typed amounts: shipping in the RMA's currency, the restocking fee as a
 * percentage with up to two decimals (basis points, 0–50 % as the server allows). Errors are keyed
 * by the server's field paths, so a form shows them where the server's own refusal would land.
 */
export function parsePolicyAmounts(shipping: string, feePercent: string, currency: Currency) {
  const errors: Record<string, string> = {};
  const shippingMinor = parseMajor(shipping || "0", currency);
  if (shippingMinor === undefined || shippingMinor < 0)
    errors["refundPolicy.shippingMinor"] = "Enter an amount like 5.95.";
  const restockingFeeBps = parseMajor(feePercent || "0", "USD");
  if (restockingFeeBps === undefined || restockingFeeBps < 0)
    errors["refundPolicy.restockingFeeBps"] = "Enter a percentage like 10 or 12.5.";
  else if (restockingFeeBps > 5000) errors["refundPolicy.restockingFeeBps"] = "Between 0 and 50 %.";
  return { shippingMinor: shippingMinor ?? 0, restockingFeeBps: restockingFeeBps ?? 0, errors };
}

export type ReturnableLine = {
  orderLineId: Id<"orderLines">;
  sku: string;
  name: string;
  unitPriceMinor: number;
  shipped: number;
  returned: number;
  pending: number;
  returnable: number;
};

export type RmaFormState = {
  quantities: Record<string, string>;
  reasons: Record<string, ReturnReason | "">;
  expectedDisposition: ExpectedDisposition;
  /** undefined: follow the default (refund shipping when any reason is the merchant's fault). */
  includeShipping: boolean | undefined;
  shipping: string;
  feePercent: string;
  note: string;
};

export const emptyRmaForm = (): RmaFormState => ({
  quantities: {},
  reasons: {},
  expectedDisposition: "restock",
  includeShipping: undefined,
  shipping: "0.00",
  feePercent: "0",
  note: "",
});

export type RmaDraft = {
  lines: { orderLineId: Id<"orderLines">; quantity: number; reason: ReturnReason }[];
  expectedDisposition: ExpectedDisposition;
  refundPolicy: { includeShipping: boolean; shippingMinor: number; restockingFeeBps: number };
  note?: string;
};

/** Whether shipping is refunded: the operator's choice, else the default for the chosen reasons. */
export function shippingRefunded(state: RmaFormState): boolean {
  if (state.includeShipping !== undefined) return state.includeShipping;
  return Object.entries(state.reasons).some(
    ([id, r]) => r !== "" && Number(state.quantities[id] || 0) > 0 && MERCHANT_FAULT_REASONS.includes(r),
  );
}

/** The draft, or the errors; `chosen` lists the submitted lines in order, to map "lines.i.*" errors back. */
export function toRmaInput(
  state: RmaFormState,
  lines: readonly ReturnableLine[],
  currency: Currency,
): { draft?: RmaDraft; errors: Record<string, string>; chosen: { orderLineId: Id<"orderLines"> }[] } {
  const errors: Record<string, string> = {};
  const chosen: RmaDraft["lines"] = [];
  for (const l of lines) {
    const text = (state.quantities[l.orderLineId] ?? "").trim();
    if (text === "" || text === "0") continue;
    const i = chosen.length;
    const qty = Number(text);
    if (!/^\d+$/.test(text)) errors[`lines.${i}.quantity`] = "Enter a whole number.";
    else if (qty > l.returnable)
      errors[`lines.${i}.quantity`] =
        l.returnable === 0 ? "Nothing left to return on this line." : `At most ${l.returnable}.`;
    const reason = state.reasons[l.orderLineId] ?? "";
    if (!reason) errors[`lines.${i}.reason`] = "Choose a reason.";
    chosen.push({ orderLineId: l.orderLineId, quantity: qty, reason: (reason || "other") as ReturnReason });
  }
  if (chosen.length === 0) errors.lines = "Enter a quantity on at least one line.";
  const amounts = parsePolicyAmounts(state.shipping, state.feePercent, currency);
  Object.assign(errors, amounts.errors);
  const note = noteProblem(state.note);
  if (note) errors.note = note;
  if (Object.keys(errors).length > 0) return { errors, chosen };
  return {
    errors,
    chosen,
    draft: {
      lines: chosen,
      expectedDisposition: state.expectedDisposition,
      refundPolicy: {
        includeShipping: shippingRefunded(state),
        shippingMinor: amounts.shippingMinor,
        restockingFeeBps: amounts.restockingFeeBps,
      },
      note: state.note.trim() || undefined,
    },
  };
}

/**
 * Re-keys errors on the submitted lines ("lines.1.quantity", the server's and `toRmaInput`'s
 * paths) by the order line the form shows them under ("quantities.<orderLineId>",
 * "reasons.<orderLineId>"); "lines" (nothing chosen) becomes the form's own error. Other paths
 * are kept.
 */
export function formPaths(
  errors: Record<string, string>,
  chosen: readonly { orderLineId: Id<"orderLines"> }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[formPath(path, chosen)] ??= message;
  return out;
}

export function formPath(path: string, chosen: readonly { orderLineId: Id<"orderLines"> }[]): string {
  if (path === "lines") return "form";
  const m = /^lines\.(\d+)\.(quantity|reason|orderLineId)$/.exec(path);
  const line = m && chosen[Number(m[1])];
  if (!m || !line) return path;
  return `${m[2] === "reason" ? "reasons" : "quantities"}.${line.orderLineId}`;
}
