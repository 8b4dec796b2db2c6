/**
 * The checks on a stock operation's own fields (receive, adjust, transfer, write off damage), pure
 * and keyed by the server's argument names: model/inventory/operations.ts refuses with them before
 * it looks up the product and warehouses, and the stock forms run them on what they parsed, so the
 * two say the same thing (numbers a form could not read are NaN).
 */
import { isReasonTooShort, MAX_MONEY_MINOR, MAX_MOVEMENT_QUANTITY, STRING_LIMITS } from "./bounds";

export type StockOp = "receive" | "adjust" | "transfer" | "writeOff";

const fmt = (n: number) => n.toLocaleString("en-US");

function unitsProblem(n: number, allowNegative: boolean): string | undefined {
  if (!Number.isSafeInteger(n) || n === 0 || (!allowNegative && n < 0))
    return allowNegative
      ? "Enter a whole number other than zero (negative to remove)."
      : "Enter a whole number above zero.";
  if (Math.abs(n) > MAX_MOVEMENT_QUANTITY) return `At most ${fmt(MAX_MOVEMENT_QUANTITY)} units at once.`;
  return undefined;
}

function reasonProblem(reason: string, tooShort: string): string | undefined {
  if (isReasonTooShort(reason)) return tooShort;
  if (reason.length > STRING_LIMITS.reason) return `At most ${STRING_LIMITS.reason} characters.`;
  return undefined;
}

/** Field → sentence for one operation's quantity, reason, cost and destination; empty when it may run. */
export function stockOpErrors(
  op: StockOp,
  a: {
    quantity?: number;
    delta?: number;
    reason?: string;
    unitCostMinor?: number;
    fromWarehouseId?: string;
    toWarehouseId?: string;
  },
): Record<string, string> {
  const e: Record<string, string> = {};
  const put = (field: string, problem: string | undefined) => {
    if (problem) e[field] = problem;
  };
  if (op === "adjust") put("delta", unitsProblem(a.delta ?? Number.NaN, true));
  else put("quantity", unitsProblem(a.quantity ?? Number.NaN, false));
  if (op === "adjust")
    put("reason", reasonProblem(a.reason ?? "", "Say why the stock is adjusted (at least 3 characters)."));
  if (op === "writeOff") put("reason", reasonProblem(a.reason ?? "", "Say what happened (at least 3 characters)."));
  const cost = a.unitCostMinor;
  if (op === "receive" && cost !== undefined && (!Number.isSafeInteger(cost) || cost < 0))
    e.unitCostMinor = "Enter a cost of zero or more.";
  else if (op === "receive" && cost !== undefined && cost > MAX_MONEY_MINOR)
    e.unitCostMinor = "That cost is too large.";
  if (op === "transfer" && a.toWarehouseId && a.toWarehouseId === a.fromWarehouseId)
    e.toWarehouseId = "Choose a different destination warehouse.";
  return e;
}
