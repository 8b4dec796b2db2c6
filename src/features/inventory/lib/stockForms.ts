/**
 * Stock operation forms → the arguments of api.inventory.{receive, adjust, transfer, writeOff}.
 * Sentences and field keys match convex/model/inventory/operations.ts.
 */
import type { Id } from "../../../../convex/_generated/dataModel";
import { parseMajor } from "../../../../convex/lib/money";
import { parseWhole, type Validation } from "../../../lib/useForm";
import { isReasonTooShort } from "../../../lib/reason";

export type StockOp = "receive" | "adjust" | "transfer" | "writeOff";

export const OP_LABELS: Record<StockOp, string> = {
  receive: "Receive",
  adjust: "Adjust",
  transfer: "Transfer",
  writeOff: "Write off damage",
};

export type StockValues = {
  productId: string;
  productLabel: string;
  warehouseId: string;
  toWarehouseId: string;
  quantity: string;
  delta: string;
  unitCost: string;
  reference: string;
  reason: string;
};

export function stockValues(productId = "", productLabel = "", warehouseId = ""): StockValues {
  return {
    productId,
    productLabel,
    warehouseId,
    toWarehouseId: "",
    quantity: "",
    delta: "",
    unitCost: "",
    reference: "",
    reason: "",
  };
}

type Ref = { productId: Id<"products">; warehouseId: Id<"warehouses"> };
export type ReceiveArgs = Ref & { quantity: number; unitCostMinor?: number; reference?: string };
export type AdjustArgs = Ref & { delta: number; reason: string };
export type TransferArgs = {
  productId: Id<"products">;
  fromWarehouseId: Id<"warehouses">;
  toWarehouseId: Id<"warehouses">;
  quantity: number;
  reference?: string;
};
export type WriteOffArgs = Ref & { quantity: number; reason: string };
export type StockArgs = ReceiveArgs | AdjustArgs | TransferArgs | WriteOffArgs;

const opt = (s: string) => s.trim() || undefined;

export function validateStock(op: StockOp, v: StockValues): Validation<StockArgs> {
  const e: Record<string, string> = {};
  if (!v.productId) e.productId = "Choose a product.";
  if (!v.warehouseId) e.warehouseId = "Choose a warehouse.";
  const qty = parseWhole(v.quantity);
  if (op !== "adjust" && (qty === undefined || qty <= 0)) e.quantity = "Enter a whole number above zero.";
  const delta = parseWhole(v.delta);
  if (op === "adjust" && (delta === undefined || delta === 0))
    e.delta = "Enter a whole number other than zero (negative to remove).";
  if (op === "adjust" && isReasonTooShort(v.reason))
    e.reason = "Say why the stock is adjusted (at least 3 characters).";
  if (op === "writeOff" && isReasonTooShort(v.reason)) e.reason = "Say what happened (at least 3 characters).";
  let unitCostMinor: number | undefined;
  if (op === "receive" && v.unitCost.trim()) {
    unitCostMinor = parseMajor(v.unitCost, "USD");
    if (unitCostMinor === undefined || unitCostMinor < 0) e.unitCostMinor = "Enter a cost of zero or more.";
  }
  if (op === "transfer") {
    if (!v.toWarehouseId) e.toWarehouseId = "Choose a warehouse.";
    else if (v.toWarehouseId === v.warehouseId) e.toWarehouseId = "Choose a different destination warehouse.";
  }
  if (Object.keys(e).length > 0) return { errors: e };
  const productId = v.productId as Id<"products">;
  const warehouseId = v.warehouseId as Id<"warehouses">;
  switch (op) {
    case "receive":
      return {
        errors: e,
        input: { productId, warehouseId, quantity: qty!, unitCostMinor, reference: opt(v.reference) },
      };
    case "adjust":
      return { errors: e, input: { productId, warehouseId, delta: delta!, reason: v.reason.trim() } };
    case "transfer":
      return {
        errors: e,
        input: {
          productId,
          fromWarehouseId: warehouseId,
          toWarehouseId: v.toWarehouseId as Id<"warehouses">,
          quantity: qty!,
          reference: opt(v.reference),
        },
      };
    case "writeOff":
      return { errors: e, input: { productId, warehouseId, quantity: qty!, reason: v.reason.trim() } };
  }
}
